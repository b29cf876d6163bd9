package dev.seqguard.eval.select;

import java.util.List;
import java.util.Locale;

/**
 * How sure the selection is, in [0, 1], with a sentence saying why.
 *
 * <p>Label-free ({@link #labelFree}): how much the other detector families agree with what the pick flags
 * ({@link FamilyAgreement}): on the scenario bank this agreement went with the outcome (Spearman with regret −0.11,
 * −0.36, −0.44 over three runs; docs/selection-bank.md, round 4) where the earlier value — how often the choice held
 * up on an anomaly kind hidden from it, the share of held-out checks where the pick made without the kind was not
 * worse than default iForest and within {@value RobustRule#REGRET_TOLERANCE} PR-AUC of the best candidate — did not
 * (+0.19, −0.14, +0.39). The held-out checks are still reported in the explanation, and stand in when no other
 * family ran. With labels: the winner's out-of-fold PR-AUC margin over the runner-up, mapped to [0.5, 1]
 * (0.5 = a tie, 1 = a margin of 0.1 or more).
 */
public record Confidence(double value, String explanation) {
    static final double TIE_MARGIN = 0.02;

    /**
     * The most a label-free pick that <em>replaced</em> the default may claim: on the scenario bank (30 labelled
     * scenarios from five real logs, docs/selection-bank.md) 6 of the 8 replacements the rule made were not worse than
     * the default they replaced, so a replacement is trusted no further than 0.75, whatever its own held-out checks
     * say (one replacement there had 0.89 and lost 0.44 PR-AUC).
     */
    static final double REPLACEMENT_CAP = 0.75;

    /**
     * Label-free confidence, in plain words: the families' agreement with the pick's flags, or, when no other family
     * ran ({@code agreement} null), the robust rule's leave-one-kind-out checks.
     */
    static Confidence labelFree(RobustRule.Decision decision, CandidateResult pick, CandidateResult baseline,
                                LabelFreeChoice choice, FamilyAgreement agreement) {
        String checks = String.format(Locale.ROOT, "hiding each of %d anomaly kinds in turn from the choice, the choice"
                        + " made without the kind did not lose to default %s and was close to the best candidate on"
                        + " %.0f%% of %d held-out checks", choice.kinds().size(), baseline.detector(),
                100 * decision.confidence(), decision.heldOutCells());
        String what;
        double value;
        if (agreement == null) {
            what = "no other detector family ran to agree or disagree; " + checks;
            value = decision.confidence();
        } else {
            what = agreement.sentence() + " (low agreement went with picks far from the best on the scenario bank);"
                    + " " + checks;
            value = agreement.value();
        }
        if (decision.pick() != decision.baseline() && value > REPLACEMENT_CAP) {
            value = REPLACEMENT_CAP;
            what += String.format(Locale.ROOT, ", capped at %.2f because it replaced the default (on the scenario bank 6"
                    + " of 8 replacements held up)", REPLACEMENT_CAP);
        }
        return new Confidence(value, what + "; " + choice.choiceSentence(pick.detector()));
    }

    static Confidence of(CandidateResult best, List<CandidateResult> ranked, boolean labelled) {
        CandidateResult second = ranked.stream().filter(r -> r != best && !r.failed()).findFirst().orElse(null);
        if (second == null) {
            return new Confidence(1.0, "only one detector could run");
        }
        double margin = best.selectionScore() - second.selectionScore();
        if (labelled) {
            double v = 0.5 + 0.5 * Math.min(1.0, Math.max(0.0, margin / 0.1));
            return new Confidence(v, String.format(Locale.ROOT,
                    "out-of-fold PR-AUC %.3f vs %.3f for the runner-up %s (margin %.3f)",
                    best.selectionScore(), second.selectionScore(), second.detector(), margin));
        }
        double[] mine = best.variantPrAuc();
        int wins = 0;
        for (int v = 0; v < mine.length; v++) {
            double top = Double.NEGATIVE_INFINITY;
            for (CandidateResult r : ranked) {
                if (!r.failed() && r.variantPrAuc().length > v) {
                    top = Math.max(top, r.variantPrAuc()[v]);
                }
            }
            if (mine[v] >= top - TIE_MARGIN) {
                wins++;
            }
        }
        double v = mine.length == 0 ? 0 : (double) wins / mine.length;
        return new Confidence(v, String.format(Locale.ROOT,
                "best or within %.2f of best on %d of %d self-injected validation sets; synthetic PR-AUC %.3f vs %.3f"
                        + " for the runner-up %s", TIE_MARGIN, wins, mine.length, best.selectionScore(),
                second.selectionScore(), second.detector()));
    }
}

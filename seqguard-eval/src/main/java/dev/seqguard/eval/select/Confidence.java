package dev.seqguard.eval.select;

import java.util.List;
import java.util.Locale;

/**
 * How sure the selection is, in [0, 1], with a sentence saying why.
 *
 * <p>Label-free ({@link #labelFree}): how often this way of choosing held up on an anomaly kind it had not seen —
 * each kind in turn is hidden from the choice, and the pick made without it is graded on it: the share of those
 * held-out checks where it was not worse than default iForest and within
 * {@value RobustRule#REGRET_TOLERANCE} PR-AUC of the best candidate (see {@link RobustRule}). With labels: the winner's out-of-fold PR-AUC margin over the runner-up, mapped to [0.5, 1]
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

    /** Label-free confidence from the robust rule's leave-one-kind-out checks, in plain words. */
    static Confidence labelFree(RobustRule.Decision decision, CandidateResult pick, CandidateResult baseline,
                                LabelFreeChoice choice) {
        String what = String.format(Locale.ROOT, "the chance that this pick does not lose to default %s and is close"
                        + " to the best candidate on an attack it has not seen, measured by hiding each of %d anomaly"
                        + " kinds in turn from the choice: the choice made without the kind held up on %.0f%% of %d"
                        + " held-out checks", baseline.detector(), choice.kinds().size(), 100 * decision.confidence(),
                decision.heldOutCells());
        double value = decision.confidence();
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

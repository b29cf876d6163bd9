package dev.seqguard.eval.select;

import java.util.List;
import java.util.Locale;

/**
 * How sure the selection is, in [0, 1], with a sentence saying why.
 *
 * <p>Label-free: the share of synthetic variants on which the winner was best or within {@link #TIE_MARGIN} PR-AUC
 * of the best. With labels: the winner's out-of-fold PR-AUC margin over the runner-up, mapped to [0.5, 1]
 * (0.5 = a tie, 1 = a margin of 0.1 or more).
 */
public record Confidence(double value, String explanation) {
    static final double TIE_MARGIN = 0.02;

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

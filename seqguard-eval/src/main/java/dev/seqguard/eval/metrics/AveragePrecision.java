package dev.seqguard.eval.metrics;

/**
 * PR-AUC as average precision: {@code AP = Σ (R_b − R_{b−1}) · P_b} over blocks of equal score, from the highest,
 * where {@code P_b} and {@code R_b} are precision and recall when everything down to block {@code b} is flagged.
 * A tie block is one step, so tied scores never get an order the detector did not give them. This is the
 * definition of scikit-learn's {@code average_precision_score} and of the project's independent checker.
 */
public final class AveragePrecision {
    private AveragePrecision() {
    }

    /**
     * @return average precision in [0, 1]; NaN when no row is anomalous (undefined). With no normal rows it is 1.
     * @throws IllegalArgumentException for labels other than 0/1, non-finite scores or mismatched lengths
     */
    public static double of(int[] labels, double[] scores) {
        return of(RankedScores.of(labels, scores));
    }

    public static double of(RankedScores ranked) {
        int p = ranked.positives();
        if (p == 0) {
            return Double.NaN;
        }
        double ap = 0;
        double prevRecall = 0;
        for (RankedScores.Block b : ranked.blocks()) {
            double recall = (double) b.tp() / p;
            ap += (recall - prevRecall) * b.tp() / b.flagged();
            prevRecall = recall;
        }
        return ap;
    }
}

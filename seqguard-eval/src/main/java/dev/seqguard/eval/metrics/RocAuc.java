package dev.seqguard.eval.metrics;

import java.util.List;

/**
 * Area under the ROC curve: the probability that a random anomalous row scores above a random normal one, ties
 * counting one half. This equals the Mann-Whitney U statistic with midranks divided by {@code P·N}, and the
 * trapezoidal area under the ROC curve drawn through tie blocks (Hanley and McNeil 1982; Fawcett 2006, "An
 * introduction to ROC analysis").
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * @return ROC-AUC in [0, 1]; NaN when the labels hold no anomalous or no normal row (undefined)
     * @throws IllegalArgumentException for labels other than 0/1, non-finite scores or mismatched lengths
     */
    public static double of(int[] labels, double[] scores) {
        return of(RankedScores.of(labels, scores));
    }

    public static double of(RankedScores ranked) {
        long p = ranked.positives();
        long n = ranked.negatives();
        if (p == 0 || n == 0) {
            return Double.NaN;
        }
        // Each block adds a trapezoid: its normals (fp increase) times the anomalies ranked strictly above it plus
        // half of the anomalies tied with it.
        double area = 0;
        int prevTp = 0;
        int prevFp = 0;
        List<RankedScores.Block> blocks = ranked.blocks();
        for (RankedScores.Block b : blocks) {
            area += (double) (b.fp() - prevFp) * (prevTp + (b.tp() - prevTp) / 2.0);
            prevTp = b.tp();
            prevFp = b.fp();
        }
        return area / ((double) p * n);
    }
}

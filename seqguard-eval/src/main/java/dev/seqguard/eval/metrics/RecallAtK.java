package dev.seqguard.eval.metrics;

/**
 * Share of all anomalous rows found among the {@code k} highest scores (ties at the k-th place broken by input
 * order). The default k is the number of anomalous rows.
 */
public final class RecallAtK {
    private RecallAtK() {
    }

    /** Recall at k = number of anomalous rows; NaN when there is none (undefined). */
    public static double of(int[] labels, double[] scores) {
        return TopKMetric.RECALL.atPositives(RankedScores.of(labels, scores));
    }

    public static double of(RankedScores ranked) {
        return TopKMetric.RECALL.atPositives(ranked);
    }

    /**
     * @return recall at k; NaN when there is no anomalous row
     * @throws IllegalArgumentException when k is outside 1..n, or for bad labels/scores
     */
    public static double of(int[] labels, double[] scores, int k) {
        return TopKMetric.RECALL.at(RankedScores.of(labels, scores), k);
    }

    public static double of(RankedScores ranked, int k) {
        return TopKMetric.RECALL.at(ranked, k);
    }
}

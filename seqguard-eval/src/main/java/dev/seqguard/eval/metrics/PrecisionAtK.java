package dev.seqguard.eval.metrics;

/**
 * Share of anomalous rows among the {@code k} highest scores. Inside a tie at the k-th place, rows keep their input
 * order (as the independent checker does), so the value is deterministic. The default k is the number of anomalous
 * rows, where precision@k equals recall@k (R-precision).
 */
public final class PrecisionAtK {
    private PrecisionAtK() {
    }

    /** Precision at k = number of anomalous rows; NaN when there is none (undefined). */
    public static double of(int[] labels, double[] scores) {
        return TopKMetric.PRECISION.atPositives(RankedScores.of(labels, scores));
    }

    public static double of(RankedScores ranked) {
        return TopKMetric.PRECISION.atPositives(ranked);
    }

    /**
     * @throws IllegalArgumentException when k is outside 1..n, or for bad labels/scores
     */
    public static double of(int[] labels, double[] scores, int k) {
        return TopKMetric.PRECISION.at(RankedScores.of(labels, scores), k);
    }

    public static double of(RankedScores ranked, int k) {
        return TopKMetric.PRECISION.at(ranked, k);
    }
}

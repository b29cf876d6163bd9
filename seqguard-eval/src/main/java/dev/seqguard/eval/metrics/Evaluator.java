package dev.seqguard.eval.metrics;

/**
 * Grades a detector's scores against labels, apart from the detector (which never sees labels used for grading).
 * Rows labelled {@link LabelledRows#UNKNOWN} are left out; the rest must be 0/1 with finite scores.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * Evaluates with k = the number of anomalous rows.
     *
     * @param labels    per row 1, 0 or -1 (unknown, skipped)
     * @param scores    per row, higher = more anomalous
     * @param types     per row anomaly type (read for anomalous rows), or {@code null}
     * @param threshold flag = score &gt;= threshold
     */
    public static Evaluation evaluate(int[] labels, double[] scores, String[] types, double threshold) {
        LabelledRows rows = LabelledRows.of(labels, scores, types);
        return evaluate(rows, Math.max(1, rows.positives()), threshold);
    }

    /**
     * Evaluates with a given k (clamped to the number of labelled rows).
     *
     * @throws IllegalArgumentException when k &lt; 1, no row is labelled, or for a NaN threshold
     */
    public static Evaluation evaluate(int[] labels, double[] scores, String[] types, double threshold, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return evaluate(LabelledRows.of(labels, scores, types), k, threshold);
    }

    private static Evaluation evaluate(LabelledRows rows, int k, double threshold) {
        if (rows.size() == 0) {
            throw new IllegalArgumentException("no labelled rows to evaluate (every label is unknown)");
        }
        int kk = Math.min(k, rows.size());
        RankedScores ranked = RankedScores.of(rows.labels(), rows.scores());
        boolean anyPositive = ranked.positives() > 0;
        return new Evaluation(rows.size(), ranked.positives(), kk,
                RocAuc.of(ranked), AveragePrecision.of(ranked),
                anyPositive ? PrecisionAtK.of(ranked, kk) : Double.NaN,
                RecallAtK.of(ranked, kk),
                threshold, Confusion.at(rows.labels(), rows.scores(), threshold),
                RecallByType.of(rows.labels(), rows.scores(), rows.types(), threshold));
    }
}

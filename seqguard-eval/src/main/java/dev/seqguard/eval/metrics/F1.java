package dev.seqguard.eval.metrics;

/** F1 score of flagging every row with a score at or above a threshold; see {@link Confusion} for undefined cases. */
public final class F1 {
    private F1() {
    }

    /** F1 at {@code threshold} (flag = score &gt;= threshold); NaN when nothing is anomalous and nothing flagged. */
    public static double at(int[] labels, double[] scores, double threshold) {
        return Confusion.at(labels, scores, threshold).f1();
    }
}

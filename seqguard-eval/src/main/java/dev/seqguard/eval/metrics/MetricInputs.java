package dev.seqguard.eval.metrics;

/**
 * Input checks shared by every metric and threshold rule. Metrics take labels 1 = anomalous, 0 = normal and
 * scores where higher means more anomalous; anything else is rejected with the offending index, never turned into
 * a silent NaN.
 */
public final class MetricInputs {
    private MetricInputs() {
    }

    /** Rejects a null array and non-finite scores, naming the index. */
    public static void requireFiniteScores(double[] scores) {
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score at index " + i + " is " + scores[i] + " (must be finite)");
            }
        }
    }

    /** Rejects labels other than 0/1, mismatched lengths and non-finite scores. */
    public static void requireLabelledScores(int[] labels, double[] scores) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        requireFiniteScores(scores);
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + scores.length + " scores");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label at index " + i + " is " + labels[i]
                        + "; expected 0 (normal) or 1 (anomalous)");
            }
        }
    }

    static int positives(int[] labels) {
        int p = 0;
        for (int l : labels) {
            p += l;
        }
        return p;
    }
}

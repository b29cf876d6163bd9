package dev.seqguard.eval.metrics;

/**
 * Counts of a flag decision against labels. Undefined ratios are NaN: precision when nothing is flagged, recall
 * when nothing is anomalous, F1 when both (it is {@code 2TP / (2TP + FP + FN)}, so it is 0, not NaN, when
 * anomalies exist but none is flagged).
 */
public record Confusion(int tp, int fp, int tn, int fn) {
    public Confusion {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("confusion counts must be >= 0, got tp=" + tp + " fp=" + fp
                    + " tn=" + tn + " fn=" + fn);
        }
    }

    /**
     * Flags every row whose score is at or above {@code threshold}.
     *
     * @throws IllegalArgumentException for a NaN threshold, labels other than 0/1 or non-finite scores
     */
    public static Confusion at(int[] labels, double[] scores, double threshold) {
        MetricInputs.requireLabelledScores(labels, scores);
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean flagged = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    public int flagged() {
        return tp + fp;
    }

    public int positives() {
        return tp + fn;
    }

    /** TP / (TP + FP); NaN when nothing is flagged. */
    public double precision() {
        return flagged() == 0 ? Double.NaN : (double) tp / flagged();
    }

    /** TP / (TP + FN); NaN when nothing is anomalous. */
    public double recall() {
        return positives() == 0 ? Double.NaN : (double) tp / positives();
    }

    /** 2TP / (2TP + FP + FN), the harmonic mean of precision and recall; NaN when nothing is anomalous or flagged. */
    public double f1() {
        int denominator = 2 * tp + fp + fn;
        return denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
    }

    /** Total cost of the decision when a false alarm costs {@code fpCost} and a missed anomaly {@code fnCost}. */
    public double cost(double fpCost, double fnCost) {
        return fp * fpCost + fn * fnCost;
    }
}

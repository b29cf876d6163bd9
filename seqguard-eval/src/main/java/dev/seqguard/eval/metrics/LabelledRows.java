package dev.seqguard.eval.metrics;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Labels;

/**
 * The labelled part of a scored set: rows labelled 0 or 1, with their scores and anomaly types, in input order.
 * Rows labelled {@link #UNKNOWN} are left out, which is how evaluation on partly labelled data works.
 *
 * @param rows   indices of the kept rows in the original arrays
 * @param labels 0/1 per kept row
 * @param scores score per kept row
 * @param types  anomaly type per kept row, or {@code null} when none were given
 */
public record LabelledRows(int[] rows, int[] labels, double[] scores, String[] types) {
    /** The label of a row nobody labelled ({@link DetectionData#UNKNOWN}). */
    public static final int UNKNOWN = DetectionData.UNKNOWN;

    /**
     * @param labels per row 1, 0 or {@link #UNKNOWN}
     * @param types  per row anomaly type, or {@code null}
     * @throws IllegalArgumentException for mismatched lengths, labels other than 1/0/-1, or non-finite scores of
     *                                  labelled rows
     */
    public static LabelledRows of(int[] labels, double[] scores, String[] types) {
        if (labels == null || scores == null) {
            throw new IllegalArgumentException("labels and scores must not be null");
        }
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + scores.length + " scores");
        }
        if (types != null && types.length != labels.length) {
            throw new IllegalArgumentException(types.length + " anomaly types but " + labels.length + " labels");
        }
        int[] rows = Labels.labelledIndices(labels, i -> "label at index " + i + " is " + labels[i]
                + "; expected 1 (anomalous), 0 (normal) or -1 (unknown)");
        for (int i : rows) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score at index " + i + " is " + scores[i] + " (must be finite)");
            }
        }
        int n = rows.length;
        int[] l = new int[n];
        double[] s = new double[n];
        String[] t = types == null ? null : new String[n];
        for (int k = 0; k < n; k++) {
            l[k] = labels[rows[k]];
            s[k] = scores[rows[k]];
            if (t != null) {
                t[k] = types[rows[k]];
            }
        }
        return new LabelledRows(rows, l, s, t);
    }

    public int size() {
        return rows.length;
    }

    public int positives() {
        return MetricInputs.positives(labels);
    }
}

package dev.seqguard.detect.ml.trees;

import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Labels;

/**
 * The training rows of a supervised model: the rows of a data set labelled 0 (normal) or 1 (anomalous), with a
 * weight per row. Balanced weights give each class the same total weight, {@code n / (2·n_class)} per row, so
 * that rare anomalies are not out-voted (King and Zeng 2001; scikit-learn's {@code class_weight="balanced"}).
 *
 * @param x      the labelled feature rows
 * @param y      their labels, 0 or 1
 * @param weight per-row class weight
 */
public record TrainingRows(double[][] x, int[] y, double[] weight) {

    /** Fewest rows of each class a supervised tree model trains on: one of a class gives nothing to split on. */
    public static final int MIN_PER_CLASS = 2;

    /**
     * The checks every supervised tree model makes before training (enough rows, at least {@link #MIN_PER_CLASS}
     * labels of each class), then {@link #of}.
     */
    public static TrainingRows forFit(DetectionData data, boolean balanced, String detector) {
        DataChecks.requireFitData(data, 2 * MIN_PER_CLASS, detector);
        DataChecks.requireLabels(data, MIN_PER_CLASS, detector);
        return of(data, balanced);
    }

    /** Rows labelled 0 or 1; {@link DetectionData#UNKNOWN} rows are skipped. Call {@code requireLabels} first, or use {@link #forFit}. */
    public static TrainingRows of(DetectionData data, boolean balanced) {
        int[] labels = data.labels();
        if (labels == null) {
            throw new IllegalArgumentException("data has no labels");
        }
        int[] keep = Labels.labelledIndices(labels, i -> "label of row " + data.features().rowIds().get(i) + " is "
                + labels[i] + "; labels must be 0, 1 or " + DetectionData.UNKNOWN + " (unknown)");
        int n = keep.length;
        int positives = 0;
        for (int k : keep) {
            positives += labels[k];
        }
        double[][] x = new double[n][];
        int[] y = new int[n];
        double[] weight = new double[n];
        double positiveWeight = balanced ? n / (2.0 * positives) : 1;
        double negativeWeight = balanced ? n / (2.0 * (n - positives)) : 1;
        for (int k = 0; k < n; k++) {
            x[k] = data.features().row(keep[k]);
            y[k] = labels[keep[k]];
            weight[k] = y[k] == 1 ? positiveWeight : negativeWeight;
        }
        return new TrainingRows(x, y, weight);
    }

    public int size() {
        return y.length;
    }
}

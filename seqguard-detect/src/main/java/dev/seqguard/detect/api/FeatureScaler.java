package dev.seqguard.detect.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.seqguard.core.features.FeatureMatrix;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Per-column affine scaling learnt on training rows: {@code (x - centre) / spread}. Robust mode uses median and
 * MAD (scaled to sigma, falling back to IQR/1.349, then standard deviation, then 1 for a constant column);
 * standard mode uses mean and standard deviation. Distance- and density-based detectors share it so that no
 * feature dominates by its unit.
 */
public record FeatureScaler(double[] centre, double[] spread) {

    public FeatureScaler {
        if (centre.length != spread.length) {
            throw new IllegalArgumentException("centre and spread differ in length");
        }
    }

    public static FeatureScaler robust(double[][] rows) {
        return perColumn(rows, col -> {
            double[] sorted = col.clone();
            Arrays.sort(sorted);
            double median = quantile(sorted, 0.5);
            double[] dev = new double[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                dev[i] = Math.abs(sorted[i] - median);
            }
            Arrays.sort(dev);
            double spread = 1.4826 * quantile(dev, 0.5);
            if (!(spread > 1e-12)) {
                spread = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.349;
            }
            if (!(spread > 1e-12)) {
                spread = std(col, mean(col));
            }
            return new double[] {median, spread > 1e-12 ? spread : 1.0};
        });
    }

    public static FeatureScaler standard(double[][] rows) {
        return perColumn(rows, col -> {
            double centre = mean(col);
            double sd = std(col, centre);
            return new double[] {centre, sd > 1e-12 ? sd : 1.0};
        });
    }

    /**
     * Scales each column on its own values: {@code fit} gets a column in row order (a reused buffer, so it must not
     * keep or reorder it) and returns its {@code {centre, spread}}.
     */
    private static FeatureScaler perColumn(double[][] rows, Function<double[], double[]> fit) {
        int d = columns(rows);
        double[] c = new double[d];
        double[] s = new double[d];
        double[] col = new double[rows.length];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < rows.length; i++) {
                col[i] = rows[i][j];
            }
            double[] fitted = fit.apply(col);
            c[j] = fitted[0];
            s[j] = fitted[1];
        }
        return new FeatureScaler(c, s);
    }

    @JsonIgnore
    public int dimension() {
        return centre.length;
    }

    public double[] apply(double[] row) {
        if (row.length != centre.length) {
            throw new IllegalArgumentException("row has " + row.length + " features, the scaler was fitted on "
                    + centre.length);
        }
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - centre[j]) / spread[j];
        }
        return out;
    }

    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }

    public double[][] apply(FeatureMatrix m) {
        return apply(m.values());
    }

    /** Linear-interpolated quantile of a sorted array, {@code q} in [0, 1]. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static int columns(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on zero rows");
        }
        return rows[0].length;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double std(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return x.length > 1 ? Math.sqrt(s / (x.length - 1)) : 0;
    }
}

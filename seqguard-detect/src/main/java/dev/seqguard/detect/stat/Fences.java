package dev.seqguard.detect.stat;

import java.util.List;

/**
 * The learned reference of a per-feature deviation detector: for each feature an interval {@code [lower, upper]}
 * of normal values and a spread that turns distances into units. The deviation of a value is its distance
 * outside the interval divided by the spread, clipped at a cap:
 * <ul>
 *   <li>z-score: {@code lower = upper = mean}, {@code spread = sd}, so the deviation is |z|;</li>
 *   <li>robust z: {@code lower = upper = median}, {@code spread = 1.4826 MAD};</li>
 *   <li>Tukey fences: {@code [Q1 - k IQR, Q3 + k IQR]}, {@code spread = IQR}, so inliers deviate 0.</li>
 * </ul>
 *
 * @param features feature names, as fitted
 * @param lower    per feature, the low end of the normal interval
 * @param upper    per feature, the high end of the normal interval (at least {@code lower})
 * @param spread   per feature, the unit of deviation (positive)
 */
public record Fences(List<String> features, double[] lower, double[] upper, double[] spread) {

    public Fences {
        features = List.copyOf(features);
        int d = features.size();
        if (lower.length != d || upper.length != d || spread.length != d) {
            throw new IllegalArgumentException("fences need one lower, upper and spread per feature (" + d + ")");
        }
        for (int j = 0; j < d; j++) {
            if (!(spread[j] > 0) || !Double.isFinite(spread[j]) || !(upper[j] >= lower[j])) {
                throw new IllegalArgumentException("feature '" + features.get(j) + "' has invalid fences ["
                        + lower[j] + ", " + upper[j] + "] with spread " + spread[j]);
            }
        }
    }

    /** Per-feature deviations of {@code row}, each in {@code [0, cap]}. */
    public double[] deviations(double[] row, double cap) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            double outside = Math.max(0, Math.max(row[j] - upper[j], lower[j] - row[j]));
            out[j] = Math.min(cap, outside / spread[j]);
        }
        return out;
    }
}

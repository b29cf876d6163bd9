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
 * @param balance  how feature groups are balanced for {@link Aggregate#FEATURE_GROUPS}; null when not fitted for it,
 *                 or when no column belongs to a feature group
 */
public record Fences(List<String> features, double[] lower, double[] upper, double[] spread,
                     FeatureGroupBalance balance) {

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
        if (balance != null && balance.groupOf().length != d) {
            throw new IllegalArgumentException("group balance covers " + balance.groupOf().length + " features, not " + d);
        }
    }

    public Fences(List<String> features, double[] lower, double[] upper, double[] spread) {
        this(features, lower, upper, spread, null);
    }

    /** These fences with a group balance fitted on {@code rows} (none when no column belongs to a feature group). */
    public Fences withBalance(double[][] rows, double cap) {
        return new Fences(features, lower, upper, spread, FeatureGroupBalance.fit(this, rows, cap));
    }

    /** The row score under {@code aggregate}: the group-balanced score where {@link #balance} applies. */
    public double score(double[] deviations, Aggregate aggregate) {
        return aggregate == Aggregate.FEATURE_GROUPS && balance != null ? balance.score(deviations)
                : aggregate.apply(deviations);
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

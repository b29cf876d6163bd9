package dev.seqguard.eval.select.table;

import dev.seqguard.detect.api.FeatureScaler;
import java.util.Arrays;
import java.util.Random;

/**
 * Synthetic tabular anomalies generated from a table's own rows, in the four kinds of ADBench (Han et al., "ADBench:
 * Anomaly Detection Benchmark", NeurIPS 2022, section 3.3), simplified so that no density model has to be fitted:
 * <ul>
 *   <li>{@link Kind#LOCAL}: a real row pushed off the data by Gaussian noise of about one robust spread per column
 *       (ADBench samples a Gaussian mixture with inflated covariance);</li>
 *   <li>{@link Kind#GLOBAL}: uniform in the columns' bounding box widened by a tenth of each range;</li>
 *   <li>{@link Kind#DEPENDENCY}: each column drawn from a different random row, which keeps every marginal and
 *       breaks the dependence between columns (ADBench samples independent marginals of a copula);</li>
 *   <li>{@link Kind#CLUSTERED}: a tight group around a real row shifted by several spreads on half of the columns
 *       (ADBench shifts a mixture component's mean).</li>
 * </ul>
 * The generator reads feature values only, never labels. Spreads are robust ({@link FeatureScaler#robust}), so
 * real anomalies in the rows barely move them.
 */
public final class SyntheticAnomalies {

    /** ADBench's anomaly kinds. */
    public enum Kind {
        LOCAL, GLOBAL, DEPENDENCY, CLUSTERED
    }

    private final double[][] rows;
    private final double[] spread;
    private final double[] min;
    private final double[] max;

    /**
     * @param rows the table's rows (at least 2, all of one width); they are read, not copied or changed
     */
    public SyntheticAnomalies(double[][] rows) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("need at least 2 rows to generate anomalies, got " + rows.length);
        }
        this.rows = rows;
        int d = rows[0].length;
        this.spread = FeatureScaler.robust(rows).spread();
        this.min = new double[d];
        this.max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], r[j]);
                max[j] = Math.max(max[j], r[j]);
            }
        }
    }

    /** {@code n} anomalies of {@code kind}, reproducible from {@code seed}. */
    public double[][] generate(Kind kind, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        Random rnd = new Random(seed);
        int d = spread.length;
        double[][] out = new double[n][];
        switch (kind) {
            case LOCAL -> {
                for (int i = 0; i < n; i++) {
                    double[] x = rows[rnd.nextInt(rows.length)].clone();
                    for (int j = 0; j < d; j++) {
                        x[j] += rnd.nextGaussian() * spread[j];
                    }
                    out[i] = x;
                }
            }
            case GLOBAL -> {
                for (int i = 0; i < n; i++) {
                    double[] x = new double[d];
                    for (int j = 0; j < d; j++) {
                        double pad = 0.1 * (max[j] - min[j]);
                        x[j] = min[j] - pad + rnd.nextDouble() * (max[j] - min[j] + 2 * pad);
                    }
                    out[i] = x;
                }
            }
            case DEPENDENCY -> {
                for (int i = 0; i < n; i++) {
                    double[] x = new double[d];
                    for (int j = 0; j < d; j++) {
                        x[j] = rows[rnd.nextInt(rows.length)][j];
                    }
                    out[i] = x;
                }
            }
            case CLUSTERED -> {
                double[] centre = rows[rnd.nextInt(rows.length)].clone();
                for (int j = 0; j < d; j++) {
                    if (rnd.nextBoolean()) {
                        centre[j] += (rnd.nextBoolean() ? 1 : -1) * (2 + 2 * rnd.nextDouble()) * spread[j];
                    }
                }
                for (int i = 0; i < n; i++) {
                    double[] x = centre.clone();
                    for (int j = 0; j < d; j++) {
                        x[j] += rnd.nextGaussian() * 0.1 * spread[j];
                    }
                    out[i] = x;
                }
            }
            default -> throw new IllegalStateException("unreachable: " + kind);
        }
        return out;
    }
}

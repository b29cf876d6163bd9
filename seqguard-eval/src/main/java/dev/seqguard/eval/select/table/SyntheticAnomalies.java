package dev.seqguard.eval.select.table;

import dev.seqguard.detect.api.FeatureScaler;
import java.util.Arrays;
import java.util.Random;

/**
 * Synthetic tabular anomalies generated from a table's own rows, in the four kinds of ADBench (Han et al., "ADBench:
 * Anomaly Detection Benchmark", NeurIPS 2022, section 3.3), simplified so that no density model has to be fitted:
 * <ul>
 *   <li>{@link Kind#LOCAL}: a real row pushed off the data by Gaussian noise on some of its columns (ADBench samples a
 *       Gaussian mixture with inflated covariance);</li>
 *   <li>{@link Kind#GLOBAL}: uniform in the columns' bounding box widened by a tenth of each range;</li>
 *   <li>{@link Kind#DEPENDENCY}: a real row with some columns replaced by those of other random rows, which keeps
 *       every marginal and breaks the dependence between columns (ADBench samples independent marginals of a
 *       copula);</li>
 *   <li>{@link Kind#CLUSTERED}: a tight group around a real row shifted by several spreads on half of the columns
 *       (ADBench shifts a mixture component's mean).</li>
 * </ul>
 * Parameters are drawn widely per anomaly, not fixed, so no detector is graded on one setting only: a local
 * anomaly moves a share of its columns drawn from [{@value #MIN_SHARE}, 1] by {@value #LOCAL_SCALE_LOW} to
 * {@value #LOCAL_SCALE_HIGH} robust spreads, a dependency anomaly replaces a share drawn from
 * [{@value #DEPENDENCY_SHARE_LOW}, 1]; both change at least one column. With every column moved by one spread (the
 * fixed setting before), any score summed over many columns caught nearly every synthetic anomaly of a wide table.
 * The generator reads feature values only, never labels. Spreads are robust ({@link FeatureScaler#robust}), so
 * real anomalies in the rows barely move them.
 */
public final class SyntheticAnomalies {

    /** ADBench's anomaly kinds. */
    public enum Kind {
        LOCAL, GLOBAL, DEPENDENCY, CLUSTERED
    }

    /** Least share of columns a local anomaly moves (at least one column always moves). */
    static final double MIN_SHARE = 0.1;
    static final double LOCAL_SCALE_LOW = 0.5;
    static final double LOCAL_SCALE_HIGH = 3;
    /** Least share of columns a dependency anomaly takes from other rows. */
    static final double DEPENDENCY_SHARE_LOW = 0.5;

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
                    double share = MIN_SHARE + (1 - MIN_SHARE) * rnd.nextDouble();
                    double scale = LOCAL_SCALE_LOW + (LOCAL_SCALE_HIGH - LOCAL_SCALE_LOW) * rnd.nextDouble();
                    int forced = rnd.nextInt(d);
                    for (int j = 0; j < d; j++) {
                        if (j == forced || rnd.nextDouble() < share) {
                            x[j] += rnd.nextGaussian() * scale * spread[j];
                        }
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
                    double[] x = rows[rnd.nextInt(rows.length)].clone();
                    double share = DEPENDENCY_SHARE_LOW + (1 - DEPENDENCY_SHARE_LOW) * rnd.nextDouble();
                    int forced = rnd.nextInt(d);
                    for (int j = 0; j < d; j++) {
                        if (j == forced || rnd.nextDouble() < share) {
                            x[j] = rows[rnd.nextInt(rows.length)][j];
                        }
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

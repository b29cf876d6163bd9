package dev.seqguard.detect.ml;

import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import java.util.Map;
import java.util.Set;

/**
 * Principal-component outlier score (Shyu, Chen, Sarinnapakorn and Chang, "A Novel Anomaly Detection Scheme Based on
 * Principal Component Classifier", ICDM 2003; PyOD's {@code PCA} with its defaults: standardised features, every
 * component, weighted by its eigenvalue): on z-scored features, a row scores {@code Σ_k y_k² / λ_k}, its projections
 * {@code y_k} on the covariance eigenvectors divided by their eigenvalues. Deviations along minor components, the
 * directions in which the training rows hardly vary (broken correlations), count most; deviations along major ones
 * (ordinary variation) least.
 *
 * <p>The covariance is shrunk towards the identity by the Ledoit-Wolf intensity ({@link #shrinkage}), which matters when
 * rows are few for the features. Eigenvalues below {@code eigenFloor} times the mean eigenvalue are then raised to
 * it: a direction constant in training (a constant or collinear column) would otherwise give an infinite or
 * rounding-noise score.
 */
public final class PcaDetector implements Detector<PcaDetector.Config> {

    public static final String NAME = "pca";

    /**
     * @param eigenFloor smallest eigenvalue used, as a share of the mean eigenvalue, in (0, 1)
     * @param seed       recorded in the provenance (fitting is deterministic)
     */
    public record Config(double eigenFloor, long seed) {
        public Config {
            if (!(eigenFloor > 0 && eigenFloor < 1)) {
                throw new IllegalArgumentException("parameter 'eigenFloor' must be in (0, 1), got " + eigenFloor);
            }
        }

        public static Config defaults(long seed) {
            return new Config(1e-3, seed);
        }
    }

    /**
     * @param mean        per feature, the training mean
     * @param sd          per feature, the training standard deviation (1 for a constant feature)
     * @param components  unit eigenvectors of the standardised covariance, by descending eigenvalue
     * @param eigenvalues their eigenvalues, floored
     */
    public record Fitted(Provenance provenance, Config config, double[] mean, double[] sd, double[][] components,
                         double[] eigenvalues) implements FittedDetector {

        @Override
        public double[] score(DetectionData data) {
            return RowScores.each(data, mean.length, NAME, x -> {
                double[] y = project(standardise(x));
                double s = 0;
                for (int k = 0; k < y.length; k++) {
                    s += y[k] * y[k] / eigenvalues[k];
                }
                return s;
            });
        }

        /** Credits feature j with {@code z_j (Σ⁻¹ z)_j}; the credits sum to the score. */
        @Override
        public Explanation explain(DetectionData data, int row) {
            DataChecks.requireColumns(data, mean.length, NAME);
            FeatureCredits.requireRow(row, data.size());
            double[] x = data.features().row(row);
            double[] z = standardise(x);
            double[] y = project(z);
            double[] credit = new double[z.length];
            double score = 0;
            for (int k = 0; k < y.length; k++) {
                double w = y[k] / eigenvalues[k];
                score += y[k] * y[k] / eigenvalues[k];
                for (int j = 0; j < z.length; j++) {
                    credit[j] += w * components[k][j];
                }
            }
            for (int j = 0; j < z.length; j++) {
                credit[j] *= z[j];
            }
            return FeatureCredits.explain(score, data.features().names(), x, credit);
        }

        private double[] standardise(double[] x) {
            double[] z = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                z[j] = (x[j] - mean[j]) / sd[j];
            }
            return z;
        }

        private double[] project(double[] z) {
            double[] y = new double[components.length];
            for (int k = 0; k < components.length; k++) {
                double s = 0;
                for (int j = 0; j < z.length; j++) {
                    s += components[k][j] * z[j];
                }
                y[k] = s;
            }
            return y;
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "principal-component score: standardised projections weighted by 1/eigenvalue",
                Family.CLASSIC_ML, Set.of());
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public Fitted fit(DetectionData data, Config config) {
        DataChecks.requireFitData(data, 2, NAME);
        double[][] rows = data.features().values();
        int n = rows.length;
        int d = data.features().columns();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / (n - 1);
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1;
        }
        double[][] cov = new double[d][d];
        double[] z = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                z[j] = (r[j] - mean[j]) / sd[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += z[a] * z[b] / (n - 1);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(cov);
        double rho = shrinkage(rows, mean, sd, cov);
        double[] values = eigen.values().clone();
        double meanValue = 0;
        for (double v : values) {
            meanValue += Math.max(v, 0) / d;
        }
        double floor = Math.max(config.eigenFloor() * meanValue, Double.MIN_NORMAL);
        for (int k = 0; k < d; k++) {
            values[k] = Math.max((1 - rho) * values[k] + rho * meanValue, floor);
        }
        return new Fitted(Provenance.of(NAME, config, data, config.seed()), config, mean, sd, eigen.vectors(), values);
    }

    /**
     * The Ledoit-Wolf shrinkage intensity towards the scaled identity (Ledoit and Wolf, "A well-conditioned estimator
     * for large-dimensional covariance matrices", J. Multivariate Analysis 2004, lemma 3.2 onwards), in [0, 1]. The
     * covariance used is {@code (1 - rho) S + rho m I}, {@code m} the mean eigenvalue: same eigenvectors, eigenvalues
     * pulled towards {@code m}. When rows are few for the features (88 rows of 56 features), the smallest sample
     * eigenvalues are far too small and every ordinary row scores high on them while a tight group of outliers, which
     * spans a major component, scores low (ROC-AUC 0.01 on such data without shrinkage, 0.9+ with); with many rows per
     * feature {@code rho} is near 0 and the score is the plain one.
     */
    static double shrinkage(double[][] rows, double[] mean, double[] sd, double[][] cov) {
        int n = rows.length;
        int d = mean.length;
        double m = 0;
        for (int j = 0; j < d; j++) {
            m += cov[j][j] / d;
        }
        double dist = 0;
        double covNorm = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double t = cov[a][b] - (a == b ? m : 0);
                dist += t * t / d;
                covNorm += cov[a][b] * cov[a][b];
            }
        }
        double spread = 0;
        double[] z = new double[d];
        for (double[] r : rows) {
            double norm2 = 0;
            for (int j = 0; j < d; j++) {
                z[j] = (r[j] - mean[j]) / sd[j];
                norm2 += z[j] * z[j];
            }
            double quad = 0;
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += cov[a][b] * z[b];
                }
                quad += z[a] * s;
            }
            // ||z zᵀ - S||² = ||z||⁴ - 2 zᵀ S z + ||S||², in Ledoit and Wolf's norm (divided by d)
            spread += (norm2 * norm2 - 2 * quad + covNorm) / d;
        }
        spread /= (double) n * n;
        return dist <= 0 ? 1 : Math.min(spread, dist) / dist;
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return Fitted.class;
    }
}

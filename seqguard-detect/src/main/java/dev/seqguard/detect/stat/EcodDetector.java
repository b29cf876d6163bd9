package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Empirical-CDF outlier score, ECOD (Li, Zhao, Hu, Botta, Ionescu and Chen, "ECOD: Unsupervised Outlier Detection
 * Using Empirical Cumulative Distribution Functions", IEEE TKDE 2022): per feature, the empirical left tail
 * {@code F_l(x) = P(X ≤ x)} and right tail {@code F_r(x) = P(X ≥ x)} of the training values; a row scores
 * {@code max(O_left, O_right, O_auto)} where {@code O_left = Σ_j −log F_l}, {@code O_right = Σ_j −log F_r} and
 * {@code O_auto} takes, per feature, the tail its skewness points to (left for negative skew). Parameter-free apart
 * from the reference cap.
 *
 * <p>Unlike PyOD, which refits the ECDFs on the rows being scored, the tails here are those of the training rows,
 * with add-one smoothing {@code (count + 1) / (n + 1)}: a row's score never depends on the rows scored with it, and a
 * value beyond every training value gets a finite {@code log(n + 1)} per feature.
 */
public final class EcodDetector implements Detector<EcodDetector.Config> {

    public static final String NAME = "ecod";

    /**
     * @param maxReference at most this many training rows define the ECDFs (uniform sample by seed), bounding model
     *                     size; at least 2
     * @param seed         seed for that sample
     */
    public record Config(int maxReference, long seed) {
        public Config {
            if (maxReference < 2) {
                throw new IllegalArgumentException("parameter 'maxReference' must be at least 2, got " + maxReference);
            }
        }

        public static Config defaults(long seed) {
            return new Config(20_000, seed);
        }
    }

    /**
     * @param sorted      per feature, the reference values in ascending order
     * @param leftSkewed  per feature, whether its skewness is negative (O_auto then reads the left tail)
     */
    public record Fitted(Provenance provenance, Config config, double[][] sorted, boolean[] leftSkewed)
            implements FeatureTerms.Model {

        @Override
        public int featureCount() {
            return sorted.length;
        }

        /** The per-feature terms of whichever of O_left, O_right, O_auto is largest. */
        @Override
        public double[] terms(double[] x) {
            int d = x.length;
            double[] left = new double[d];
            double[] right = new double[d];
            double[] auto = new double[d];
            for (int j = 0; j < d; j++) {
                double n = sorted[j].length;
                left[j] = -Math.log((atMost(sorted[j], x[j]) + 1) / (n + 1));
                right[j] = -Math.log((n - below(sorted[j], x[j]) + 1) / (n + 1));
                auto[j] = leftSkewed[j] ? left[j] : right[j];
            }
            double l = FeatureTerms.sum(left);
            double r = FeatureTerms.sum(right);
            double a = FeatureTerms.sum(auto);
            return l >= r && l >= a ? left : r >= a ? right : auto;
        }

        /** How many of {@code s} are strictly below {@code v}. */
        private static int below(double[] s, double v) {
            int lo = 0;
            int hi = s.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (s[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** How many of {@code s} are at most {@code v}. */
        private static int atMost(double[] s, double v) {
            int lo = 0;
            int hi = s.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (s[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "empirical-CDF outlier score (ECOD): per-feature tail probabilities, summed",
                Family.STATISTICAL, Set.of());
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public Fitted fit(DetectionData data, Config config) {
        DataChecks.requireFitData(data, 2, NAME);
        double[][] rows = reference(data.features().values(), config);
        int d = data.features().columns();
        double[][] sorted = new double[d][rows.length];
        boolean[] leftSkewed = new boolean[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < rows.length; i++) {
                sorted[j][i] = rows[i][j];
            }
            leftSkewed[j] = skewness(sorted[j]) < 0;
            Arrays.sort(sorted[j]);
        }
        return new Fitted(Provenance.of(NAME, config, data, config.seed()), config, sorted, leftSkewed);
    }

    private static double[][] reference(double[][] rows, Config config) {
        if (rows.length <= config.maxReference()) {
            return rows;
        }
        int[] idx = new Random(config.seed()).ints(0, rows.length).distinct().limit(config.maxReference()).toArray();
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = rows[idx[i]];
        }
        return out;
    }

    /** Sample skewness {@code m3 / m2^1.5}; 0 for a constant column. */
    static double skewness(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            double e = x - mean;
            m2 += e * e / v.length;
            m3 += e * e * e / v.length;
        }
        return m2 <= 0 ? 0 : m3 / Math.pow(m2, 1.5);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return Fitted.class;
    }
}

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Histogram-based outlier score, HBOS (Goldstein and Dengel, "Histogram-based Outlier Score (HBOS): A fast
 * Unsupervised Anomaly Detection Algorithm", KI 2012): one equal-width histogram per feature, heights normalised so
 * the fullest bin is 1 (as the paper does, so every feature weighs alike whatever its unit), and a row scores
 * {@code Σ_j log((1 + alpha) / (h_j(x) + alpha))}: 0 in the fullest bin of every feature. {@code alpha} (PyOD's
 * regulariser) bounds what one empty bin can add, {@code log((1 + alpha) / alpha)}, so a single odd feature cannot
 * outweigh all the others. A value outside the training range by at most half a bin width counts in the edge bin
 * (PyOD's {@code tol = 0.5}); farther out it counts as an empty bin. Features are assumed independent: cheap, and
 * strong where anomalies are extreme on single features, blind to broken dependencies between them.
 */
public final class HbosDetector implements Detector<HbosDetector.Config> {

    public static final String NAME = "hbos";
    /** Values this many bin widths beyond the training range still count in the edge bin (PyOD's {@code tol}). */
    static final double EDGE_TOLERANCE = 0.5;

    /**
     * @param bins  bins per feature, 2..1000 (PyOD's default 10)
     * @param alpha added to every normalised bin height, in (0, 1] (PyOD's default 0.1)
     * @param seed  recorded in the provenance (fitting is deterministic)
     */
    public record Config(int bins, double alpha, long seed) {
        public Config {
            if (bins < 2 || bins > 1000) {
                throw new IllegalArgumentException("parameter 'bins' must be in 2..1000, got " + bins);
            }
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("parameter 'alpha' must be in (0, 1], got " + alpha);
            }
        }

        public static Config defaults(long seed) {
            return new Config(10, 0.1, seed);
        }
    }

    /**
     * @param features feature names, in column order
     * @param low      left edge of each feature's first bin
     * @param width    bin width per feature; 0 for a feature constant in training
     * @param height   per feature, each bin's count divided by the fullest bin's
     */
    public record Fitted(Provenance provenance, Config config, List<String> features, double[] low, double[] width,
                         double[][] height) implements FeatureTerms.Model {

        @Override
        public int featureCount() {
            return low.length;
        }

        @Override
        public double[] terms(double[] x) {
            double[] t = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                t[j] = Math.log((1 + config.alpha()) / (heightAt(j, x[j]) + config.alpha()));
            }
            return t;
        }

        private double heightAt(int j, double v) {
            int bins = height[j].length;
            if (width[j] == 0) {
                return v == low[j] ? height[j][0] : 0;
            }
            double pos = (v - low[j]) / width[j];
            if (pos < -EDGE_TOLERANCE || pos > bins + EDGE_TOLERANCE) {
                return 0;
            }
            int b = (int) Math.floor(pos);
            return height[j][Math.max(0, Math.min(bins - 1, b))];
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "histogram-based outlier score (HBOS): per-feature histogram rarity, summed",
                Family.STATISTICAL, Set.of());
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public Fitted fit(DetectionData data, Config config) {
        DataChecks.requireFitData(data, 2, NAME);
        double[][] rows = data.features().values();
        int d = data.features().columns();
        double[] low = new double[d];
        double[] width = new double[d];
        double[][] height = new double[d][];
        for (int j = 0; j < d; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] r : rows) {
                min = Math.min(min, r[j]);
                max = Math.max(max, r[j]);
            }
            low[j] = min;
            width[j] = (max - min) / config.bins();
            int bins = width[j] == 0 ? 1 : config.bins();
            double[] counts = new double[bins];
            for (double[] r : rows) {
                counts[width[j] == 0 ? 0 : Math.min(bins - 1, (int) ((r[j] - min) / width[j]))]++;
            }
            double top = 0;
            for (double c : counts) {
                top = Math.max(top, c);
            }
            for (int b = 0; b < bins; b++) {
                counts[b] /= top;
            }
            height[j] = counts;
        }
        return new Fitted(Provenance.of(NAME, config, data, config.seed()), config, data.features().names(), low, width,
                height);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return Fitted.class;
    }
}

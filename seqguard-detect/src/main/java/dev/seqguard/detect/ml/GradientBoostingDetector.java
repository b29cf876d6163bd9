package dev.seqguard.detect.ml;

import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import dev.seqguard.detect.ml.trees.FeatureBins;
import dev.seqguard.detect.ml.trees.TrainingRows;
import dev.seqguard.detect.ml.trees.RowSampling;
import dev.seqguard.detect.ml.trees.TreeEnsemble;
import dev.seqguard.detect.ml.trees.TreeGrower;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Gradient boosted regression trees with logistic loss (Friedman 2001, "Greedy function approximation: a gradient
 * boosting machine", TreeBoost for two-class logistic likelihood) and stochastic row subsampling (Friedman 2002,
 * "Stochastic gradient boosting"). Each tree fits the pseudo-residuals {@code y − p} by least squares on binned
 * features, its leaves take one Newton step, and the step is shrunk by the learning rate. Anomalies are rare, so
 * rows are weighted to balance the classes by default. Trains only on rows labelled 0 or 1.
 *
 * <p>Score: the predicted anomaly probability {@code σ(F(x))}; with balanced weights it is calibrated to a
 * 50/50 prior, so read it as a ranking. Explanation: per-feature contributions to the log-odds {@code F(x)} along
 * the decision paths (Saabas).
 */
public final class GradientBoostingDetector implements Detector<GradientBoostingDetector.Config> {
    public static final String NAME = "gbdt";

    /**
     * @param trees          boosting rounds
     * @param maxDepth       depth of each tree (3 = up to 8 leaves)
     * @param learningRate   shrinkage of every tree, in (0, 1]
     * @param minSamplesLeaf fewest training rows in a leaf
     * @param subsample      fraction of labelled rows drawn (without replacement) for each tree, in (0, 1]
     * @param balanced       weight rows so that both classes weigh the same
     * @param maxBins        split candidates per feature (exact when a feature has fewer distinct values)
     * @param seed           seed of the row subsampling
     */
    public record Config(int trees, int maxDepth, double learningRate, int minSamplesLeaf, double subsample,
                         boolean balanced, int maxBins, long seed) {
        public Config {
            if (trees < 1 || trees > 100_000) {
                throw new IllegalArgumentException("trees must be in 1..100000, got " + trees);
            }
            if (maxDepth < 1 || maxDepth > 30) {
                throw new IllegalArgumentException("maxDepth must be in 1..30, got " + maxDepth);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
            }
            if (minSamplesLeaf < 1) {
                throw new IllegalArgumentException("minSamplesLeaf must be >= 1, got " + minSamplesLeaf);
            }
            if (!(subsample > 0 && subsample <= 1)) {
                throw new IllegalArgumentException("subsample must be in (0, 1], got " + subsample);
            }
            if (maxBins < 2 || maxBins > FeatureBins.MAX_BINS) {
                throw new IllegalArgumentException("maxBins must be in 2.." + FeatureBins.MAX_BINS + ", got " + maxBins);
            }
        }

        public static Config defaults(long seed) {
            return new Config(100, 3, 0.1, 3, 0.8, true, 255, seed);
        }
    }

    /**
     * @param featureNames the columns it was fitted on
     * @param bias         the initial log-odds {@code F₀} (0 with balanced weights)
     * @param ensemble     the trees, learning rate already applied to their values
     * @param trainingLoss weighted mean log-loss on the labelled training rows after 0, 1, …, trees rounds
     */
    public record FittedGbdt(Provenance provenance, Config config, List<String> featureNames, double bias,
                             TreeEnsemble ensemble, double[] trainingLoss) implements FittedDetector {
        public FittedGbdt {
            featureNames = List.copyOf(featureNames);
        }

        @Override
        public double[] score(DetectionData data) {
            return RowScores.each(data, featureNames.size(), NAME, x -> sigmoid(margin(x)));
        }

        /** The log-odds {@code F(x)} of one raw feature row. */
        public double margin(double[] x) {
            return bias + ensemble.sum(x);
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            DataChecks.requireColumns(data, featureNames.size(), NAME);
            double[] x = data.features().row(row);
            return ensemble.explain(sigmoid(margin(x)), x, featureNames, 1.0);
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "gradient boosted trees, logistic loss (supervised; needs labelled anomalies)",
                Family.SUPERVISED, Set.of(Capability.NEEDS_LABELS));
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public FittedGbdt fit(DetectionData data, Config config) {
        TrainingRows rows = TrainingRows.forFit(data, config.balanced(), NAME);
        int n = rows.size();
        double[] w = rows.weight();
        double positive = 0;
        double negative = 0;
        for (int i = 0; i < n; i++) {
            if (rows.y()[i] == 1) {
                positive += w[i];
            } else {
                negative += w[i];
            }
        }
        double bias = Math.log(positive / negative);
        double[] f = new double[n];
        Arrays.fill(f, bias);
        double[] loss = new double[config.trees() + 1];
        loss[0] = logLoss(f, rows);

        FeatureBins bins = FeatureBins.of(rows.x(), config.maxBins());
        TreeGrower grower = new TreeGrower(config.maxDepth(), config.minSamplesLeaf(), Integer.MAX_VALUE);
        TreeEnsemble.Builder trees = new TreeEnsemble.Builder();
        SplittableRandom random = new SplittableRandom(config.seed());
        int sampleSize = Math.max(1, (int) Math.round(config.subsample() * n));
        double[] g = new double[n];
        double[] h = new double[n];
        for (int m = 0; m < config.trees(); m++) {
            int[] sample = RowSampling.withoutReplacement(n, sampleSize, random);
            for (int i : sample) {
                double p = sigmoid(f[i]);
                g[i] = w[i] * (rows.y()[i] - p);
                h[i] = w[i] * p * (1 - p);
            }
            int firstNode = trees.size();
            int root = grower.grow(bins, sample, g, w, h, random, trees);
            trees.scale(firstNode, config.learningRate());
            for (int i = 0; i < n; i++) {
                f[i] += trees.predict(root, rows.x()[i]);
            }
            loss[m + 1] = logLoss(f, rows);
        }
        return new FittedGbdt(Provenance.of(NAME, config, data, config.seed()), config, data.features().names(), bias,
                trees.build(), loss);
    }

    @Override
    public Class<FittedGbdt> fittedType() {
        return FittedGbdt.class;
    }

    static double sigmoid(double f) {
        if (f >= 0) {
            return 1 / (1 + Math.exp(-f));
        }
        double e = Math.exp(f);
        return e / (1 + e);
    }

    /** Weighted mean of {@code −log p(y | F)}, computed as softplus to stay finite for large margins. */
    private static double logLoss(double[] f, TrainingRows rows) {
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < f.length; i++) {
            double z = rows.y()[i] == 1 ? -f[i] : f[i];
            sum += rows.weight()[i] * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
            weight += rows.weight()[i];
        }
        return sum / weight;
    }
}

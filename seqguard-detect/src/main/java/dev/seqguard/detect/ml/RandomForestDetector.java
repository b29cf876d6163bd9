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
import dev.seqguard.detect.ml.trees.TreeEnsemble;
import dev.seqguard.detect.ml.trees.TreeGrower;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Classification random forest (Breiman 2001, "Random forests"): each tree is grown on a bootstrap sample of the
 * labelled rows with Gini splits over a random subset of features per node ({@code √d} by default). Rows are
 * weighted to balance the classes by default, since anomalies are rare. Trains only on rows labelled 0 or 1.
 *
 * <p>Score: the mean over trees of the leaf's (weighted) anomaly fraction. Explanation: per-feature Saabas
 * contributions to that mean along the decision paths.
 */
public final class RandomForestDetector implements Detector<RandomForestDetector.Config> {
    public static final String NAME = "random-forest";

    /**
     * @param trees            trees in the forest
     * @param maxDepth         depth limit of each tree
     * @param minSamplesLeaf   fewest distinct training rows in a leaf
     * @param featuresPerSplit features tried per node; 0 means {@code round(√d)}
     * @param balanced         weight rows so that both classes weigh the same
     * @param maxBins          split candidates per feature (exact when a feature has fewer distinct values)
     * @param seed             seed of the bootstrap and feature draws
     */
    public record Config(int trees, int maxDepth, int minSamplesLeaf, int featuresPerSplit, boolean balanced,
                         int maxBins, long seed) {
        public Config {
            if (trees < 1 || trees > 100_000) {
                throw new IllegalArgumentException("trees must be in 1..100000, got " + trees);
            }
            if (maxDepth < 1 || maxDepth > 64) {
                throw new IllegalArgumentException("maxDepth must be in 1..64, got " + maxDepth);
            }
            if (minSamplesLeaf < 1) {
                throw new IllegalArgumentException("minSamplesLeaf must be >= 1, got " + minSamplesLeaf);
            }
            if (featuresPerSplit < 0) {
                throw new IllegalArgumentException("featuresPerSplit must be >= 0 (0 = sqrt of the feature count), got "
                        + featuresPerSplit);
            }
            if (maxBins < 2 || maxBins > FeatureBins.MAX_BINS) {
                throw new IllegalArgumentException("maxBins must be in 2.." + FeatureBins.MAX_BINS + ", got " + maxBins);
            }
        }

        public static Config defaults(long seed) {
            return new Config(200, 16, 1, 0, true, 255, seed);
        }
    }

    /**
     * @param featureNames the columns it was fitted on
     * @param ensemble     the trees; node values are weighted anomaly fractions
     */
    public record FittedRandomForest(Provenance provenance, Config config, List<String> featureNames,
                                     TreeEnsemble ensemble) implements FittedDetector {
        public FittedRandomForest {
            featureNames = List.copyOf(featureNames);
        }

        @Override
        public double[] score(DetectionData data) {
            return RowScores.each(data, featureNames.size(), NAME, x -> ensemble.sum(x) / ensemble.trees());
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            DataChecks.requireColumns(data, featureNames.size(), NAME);
            double[] x = data.features().row(row);
            return ensemble.explain(ensemble.sum(x) / ensemble.trees(), x, featureNames, 1.0 / ensemble.trees());
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "random forest classifier, Gini, bootstrap (supervised; needs labelled anomalies)",
                Family.SUPERVISED, Set.of(Capability.NEEDS_LABELS));
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public FittedRandomForest fit(DetectionData data, Config config) {
        TrainingRows rows = TrainingRows.forFit(data, config.balanced(), NAME);
        int n = rows.size();
        int d = data.features().columns();
        int mtry = config.featuresPerSplit() == 0 ? Math.max(1, (int) Math.round(Math.sqrt(d)))
                : Math.min(config.featuresPerSplit(), d);
        FeatureBins bins = FeatureBins.of(rows.x(), config.maxBins());
        TreeGrower grower = new TreeGrower(config.maxDepth(), config.minSamplesLeaf(), mtry);
        TreeEnsemble.Builder trees = new TreeEnsemble.Builder();
        SplittableRandom random = new SplittableRandom(config.seed());
        int[] counts = new int[n];
        double[] g = new double[n];
        double[] w = new double[n];
        int[] sample = new int[n];
        for (int t = 0; t < config.trees(); t++) {
            Arrays.fill(counts, 0);
            for (int k = 0; k < n; k++) {
                counts[random.nextInt(n)]++;
            }
            int drawn = 0;
            for (int i = 0; i < n; i++) {
                w[i] = counts[i] * rows.weight()[i];
                g[i] = w[i] * rows.y()[i];
                if (counts[i] > 0) {
                    sample[drawn++] = i;
                }
            }
            grower.grow(bins, Arrays.copyOf(sample, drawn), g, w, w, random, trees);
        }
        return new FittedRandomForest(Provenance.of(NAME, config, data, config.seed()), config,
                data.features().names(), trees.build());
    }

    @Override
    public Class<FittedRandomForest> fittedType() {
        return FittedRandomForest.class;
    }
}

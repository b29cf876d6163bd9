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
import dev.seqguard.detect.ml.forest.IsolationForestGrower;
import dev.seqguard.detect.ml.forest.IsolationForestModel;
import java.util.Map;
import java.util.Set;

/**
 * Isolation Forest (F. T. Liu, K. M. Ting, Z.-H. Zhou, "Isolation Forest", ICDM 2008): anomalies are few and
 * different, so random axis-parallel splits isolate them in fewer steps. The score is
 * {@code 2^(-E[h(x)] / c(psi))}, in (0, 1]. Each split looks at one feature, so the forest needs no scaling.
 */
public final class IsolationForestDetector implements Detector<IsolationForestDetector.Config> {

    public static final String NAME = "iforest";

    /**
     * @param trees     number of isolation trees, 1..10000 (the paper: 100 suffice)
     * @param subsample psi, rows per tree (the paper: 256), at least 2; capped at the training rows
     * @param maxDepth  height limit; 0 for the paper's {@code ceil(log2 psi)}
     * @param seed      seed for subsampling and splits
     */
    public record Config(int trees, int subsample, int maxDepth, long seed) {
        public Config {
            if (trees < 1 || trees > 10_000) {
                throw new IllegalArgumentException("parameter 'trees' must be in 1..10000, got " + trees);
            }
            if (subsample < 2) {
                throw new IllegalArgumentException("parameter 'subsample' must be at least 2, got " + subsample);
            }
            if (maxDepth < 0 || maxDepth > 60) {
                throw new IllegalArgumentException("parameter 'maxDepth' must be in 0..60 (0 = ceil(log2 subsample)), got "
                        + maxDepth);
            }
        }

        public static Config defaults(long seed) {
            return new Config(100, 256, 0, seed);
        }
    }

    /**
     * @param features number of features fitted on
     * @param forest   the grown trees
     */
    public record FittedIsolationForest(Provenance provenance, Config config, int features,
                                        IsolationForestModel forest) implements FittedDetector {

        @Override
        public double[] score(DetectionData data) {
            DataChecks.requireColumns(data, features, NAME);
            return forest.scores(data.features().values());
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            DataChecks.requireColumns(data, features, NAME);
            FeatureCredits.requireRow(row, data.size());
            double[] x = data.features().row(row);
            IsolationForestModel.Attribution a = forest.attribution(x, features);
            return FeatureCredits.explain(a.score(), data.features().names(), x, a.credit());
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "Isolation Forest: rows isolated by few random splits are anomalous",
                Family.CLASSIC_ML, Set.of());
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public FittedIsolationForest fit(DetectionData data, Config config) {
        DataChecks.requireFitData(data, 2, NAME);
        IsolationForestModel forest = IsolationForestGrower.grow(data.features().values(), config.trees(),
                config.subsample(), config.maxDepth(), config.seed());
        return new FittedIsolationForest(Provenance.of(NAME, config, data, config.seed()), config,
                data.features().columns(), forest);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return FittedIsolationForest.class;
    }
}

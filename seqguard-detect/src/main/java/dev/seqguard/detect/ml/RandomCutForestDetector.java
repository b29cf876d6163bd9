package dev.seqguard.detect.ml;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import com.amazon.randomcutforest.state.RandomCutForestState;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FeatureScaler;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.OnlineUpdate;
import dev.seqguard.detect.api.Provenance;
import dev.seqguard.detect.ml.rcf.ForestStates;
import dev.seqguard.detect.ml.rcf.RcfVectorStream;
import dev.seqguard.detect.ml.trees.RowSampling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random Cut Forest (Guha et al. 2016, "Robust random cut forest based anomaly detection on streams"), AWS's
 * implementation, on robust-scaled features. Fit feeds the training rows, in a seeded random order so that the
 * forest's time decay does not favour the end of the file, into a forest of {@code trees} trees, each keeping a
 * reservoir sample of {@code sampleSize} points.
 *
 * <p>Score: the forest's anomaly score (expected displacement, roughly 1 for typical points) of a row, without
 * adding the row, so batch scores equal single scores. Explanation: RCF's per-feature attribution of that score
 * (high plus low direction), largest first. Streaming: {@link FittedRcf#online()}, {@link FittedRcf#streaming()}.
 */
public final class RandomCutForestDetector implements Detector<RandomCutForestDetector.Config> {
    public static final String NAME = "rcf";
    private static final int MIN_ROWS = 10;

    /**
     * @param trees      trees in the forest
     * @param sampleSize points each tree keeps (and points a stream must see before it is warmed up)
     * @param seed       seed of the forest and of the training order
     */
    public record Config(int trees, int sampleSize, long seed) {
        public Config {
            if (trees < 1 || trees > 10_000) {
                throw new IllegalArgumentException("trees must be in 1..10000, got " + trees);
            }
            if (sampleSize < 4 || sampleSize > 1_000_000) {
                throw new IllegalArgumentException("sampleSize must be in 4..1000000, got " + sampleSize);
            }
        }

        public static Config defaults(long seed) {
            return new Config(50, 256, seed);
        }
    }

    /**
     * A fitted forest as RCF's own state object (tree structure, samples and random state), which Jackson writes
     * and reads as a plain bean. Each scoring call restores a private forest from it (about 10 ms for 50 trees of
     * 256 points), so this record stays immutable and thread-safe; do not mutate {@code forest}.
     *
     * @param featureNames the columns it was fitted on
     * @param scaler       robust scaling applied before the forest
     * @param forest       the trained forest's state
     */
    public record FittedRcf(Provenance provenance, Config config, List<String> featureNames, FeatureScaler scaler,
                            RandomCutForestState forest) implements FittedDetector {
        public FittedRcf {
            featureNames = List.copyOf(featureNames);
        }

        @Override
        public double[] score(DetectionData data) {
            DataChecks.requireColumns(data, featureNames.size(), NAME);
            RandomCutForest live = ForestStates.toForest(forest);
            double[] out = new double[data.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = live.getAnomalyScore(scaler.apply(data.features().row(i)));
            }
            return out;
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            DataChecks.requireColumns(data, featureNames.size(), NAME);
            RandomCutForest live = ForestStates.toForest(forest);
            double[] raw = data.features().row(row);
            double[] point = scaler.apply(raw);
            DiVector attribution = live.getAnomalyAttribution(point);
            List<Explanation.Contribution> out = new ArrayList<>();
            for (int j = 0; j < raw.length; j++) {
                out.add(new Explanation.Contribution(featureNames.get(j), raw[j], attribution.getHighLowSum(j)));
            }
            out.sort(Comparator.comparingDouble(Explanation.Contribution::weight).reversed());
            return new Explanation(live.getAnomalyScore(point), out);
        }

        /**
         * A new stream on its own copy of the fitted forest: feed it raw feature vectors (same columns as fit) to
         * score each then learn it. Streams never affect this fitted detector or each other.
         */
        public RcfVectorStream streaming() {
            return new RcfVectorStream(ForestStates.toForest(forest), scaler, featureNames);
        }

        /** The forest learns from every scored vector: each {@link OnlineUpdate#newStream} is a {@link #streaming}. */
        @Override
        public Optional<OnlineUpdate> online() {
            return Optional.of(this::streaming);
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "random cut forest on robust-scaled features (AWS RCF); streams feature vectors",
                Family.CLASSIC_ML, Set.of(Capability.STREAMING));
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public FittedRcf fit(DetectionData data, Config config) {
        DataChecks.requireFitData(data, MIN_ROWS, NAME);
        if (data.features().columns() == 0) {
            throw new IllegalArgumentException(NAME + " needs at least one feature column");
        }
        double[][] values = data.features().values();
        FeatureScaler scaler = FeatureScaler.robust(values);
        SplittableRandom random = new SplittableRandom(config.seed());
        RandomCutForest forest = RandomCutForest.builder()
                .dimensions(data.features().columns())
                .numberOfTrees(config.trees())
                .sampleSize(config.sampleSize())
                .randomSeed(random.nextLong())
                .outputAfter(1)
                .parallelExecutionEnabled(false)
                .build();
        for (int i : RowSampling.permutation(values.length, random)) {
            forest.update(scaler.apply(values[i]));
        }
        return new FittedRcf(Provenance.of(NAME, config, data, config.seed()), config, data.features().names(), scaler,
                ForestStates.toState(forest));
    }

    @Override
    public Class<FittedRcf> fittedType() {
        return FittedRcf.class;
    }
}

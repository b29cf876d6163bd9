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
import dev.seqguard.detect.ml.neighbors.Neighbours;
import dev.seqguard.detect.ml.neighbors.ScaledReference;
import java.util.Map;
import java.util.Set;

/**
 * k-nearest-neighbour distance outlier score on robust-scaled features: by default the mean distance to the k
 * nearest neighbours (Angiulli and Pizzuti, "Fast Outlier Detection in High Dimensional Spaces", PKDD 2002), or the
 * distance to the k-th (Ramaswamy, Rastogi and Shim, "Efficient Algorithms for Mining Outliers from Large Data
 * Sets", SIGMOD 2000).
 *
 * <p>Neighbours come from the stored reference set under ELKI's convention (see
 * {@link dev.seqguard.detect.ml.neighbors.NeighbourIndex#neighbourhood}): the query's own slot is the nearest
 * reference point, so on training rows the scores equal ELKI's {@code KNNWeightOutlier} (sum, so {@code k} times
 * ours) and {@code KNNOutlier}.
 */
public final class KnnDetector implements Detector<KnnDetector.Config> {

    public static final String NAME = "knn";

    /** How the k neighbour distances become one score. */
    public enum Statistic {
        /** mean distance to the k neighbours (Angiulli and Pizzuti 2002) */
        MEAN,
        /** distance to the k-th neighbour (Ramaswamy et al. 2000) */
        KTH
    }

    /**
     * @param k            neighbours per query, 1..1000
     * @param statistic    mean or k-th distance
     * @param maxReference at most this many training rows are kept as the reference set (uniform sample by seed),
     *                     bounding memory, model size and scoring time; more than {@code k}
     * @param seed         seed for the reference sample
     */
    public record Config(int k, Statistic statistic, int maxReference, long seed) {
        public Config {
            if (k < 1 || k > 1000) {
                throw new IllegalArgumentException("parameter 'k' must be in 1..1000, got " + k);
            }
            if (statistic == null) {
                throw new IllegalArgumentException("parameter 'statistic' must be one of MEAN, KTH, got null");
            }
            if (maxReference <= k) {
                throw new IllegalArgumentException("parameter 'maxReference' must exceed k=" + k + ", got " + maxReference);
            }
        }

        public static Config defaults(long seed) {
            return new Config(10, Statistic.MEAN, 20_000, seed);
        }
    }

    /** @param reference the scaler and the indexed reference rows */
    public record FittedKnn(Provenance provenance, Config config, ScaledReference reference) implements FittedDetector {

        @Override
        public double[] score(DetectionData data) {
            return RowScores.eachScaled(data, reference, NAME,
                    q -> score(reference.index().neighbourhood(q, config.k(), false)));
        }

        private double score(Neighbours neighbours) {
            return config.statistic() == Statistic.MEAN ? neighbours.meanDistance() : neighbours.farthest();
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            return RowScores.explainByNeighbours(data, row, reference, NAME, config.k(), false, this::score);
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "k-nearest-neighbour distance on robust-scaled features",
                Family.CLASSIC_ML, Set.of());
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public FittedKnn fit(DetectionData data, Config config) {
        DataChecks.requireFitData(data, config.k() + 1, NAME);
        ScaledReference reference = ScaledReference.fit(data.features().values(), config.maxReference(), config.seed());
        return new FittedKnn(Provenance.of(NAME, config, data, config.seed()), config, reference);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return FittedKnn.class;
    }
}

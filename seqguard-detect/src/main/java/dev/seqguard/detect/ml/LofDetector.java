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
import dev.seqguard.detect.ml.neighbors.NeighbourIndex;
import dev.seqguard.detect.ml.neighbors.Neighbours;
import dev.seqguard.detect.ml.neighbors.ScaledReference;
import java.util.Map;
import java.util.Set;

/**
 * Local Outlier Factor (M. M. Breunig, H.-P. Kriegel, R. T. Ng, J. Sander, "LOF: Identifying Density-Based Local
 * Outliers", SIGMOD 2000) on robust-scaled features: the ratio of the neighbours' local reachability density to
 * the row's own. About 1 inside a cluster, larger for rows less dense than their neighbours.
 *
 * <p>Fit stores the reference set with each reference point's k-distance and density; a query is scored against
 * it (as in novelty-mode LOF) with neighbours chosen under ELKI's convention (see
 * {@link NeighbourIndex#neighbourhood}) and, as in the paper, every point tied with the k-th neighbour included,
 * so on the training rows the scores equal ELKI's {@code LOF}. Fit keeps each reference point's own score, so that
 * scoring rows that are in the reference set (the usual fit-then-score-the-same-rows case) costs a look-up rather
 * than a second neighbour search; the look-up returns exactly what the search would.
 * Densities are capped at {@code 1 / MIN_REACH} so that duplicates give large but finite scores.
 */
public final class LofDetector implements Detector<LofDetector.Config> {

    public static final String NAME = "lof";

    /** The smallest mean reachability distance used, in robust-z units: keeps densities of duplicates finite. */
    static final double MIN_REACH = 1e-10;

    /**
     * @param k            neighbours (MinPts), 1..1000
     * @param maxReference at most this many training rows are kept as the reference set (uniform sample by seed);
     *                     more than {@code k}
     * @param seed         seed for the reference sample
     */
    public record Config(int k, int maxReference, long seed) {
        public Config {
            if (k < 1 || k > 1000) {
                throw new IllegalArgumentException("parameter 'k' must be in 1..1000, got " + k);
            }
            if (maxReference <= k) {
                throw new IllegalArgumentException("parameter 'maxReference' must exceed k=" + k + ", got " + maxReference);
            }
        }

        public static Config defaults(long seed) {
            return new Config(20, 20_000, seed);
        }
    }

    /**
     * @param reference the scaler and the indexed reference rows
     * @param kDistance per reference point, the distance to its k-th neighbour
     * @param density   per reference point, its local reachability density (capped)
     * @param lof       per reference point, its own LOF score
     */
    public record FittedLof(Provenance provenance, Config config, ScaledReference reference, double[] kDistance,
                            double[] density, double[] lof) implements FittedDetector {

        public FittedLof {
            int n = reference.size();
            if (kDistance.length != n || density.length != n || lof.length != n) {
                throw new IllegalArgumentException("LOF state has " + n + " reference points but " + kDistance.length
                        + " k-distances, " + density.length + " densities and " + lof.length + " scores");
            }
        }

        @Override
        public double[] score(DetectionData data) {
            return RowScores.eachScaled(data, reference, NAME, q -> {
                int known = reference.index().indexOf(q);
                return known >= 0 ? lof[known]
                        : localOutlierFactor(reference.index().neighbourhood(q, config.k(), true), kDistance, density);
            });
        }

        @Override
        public Explanation explain(DetectionData data, int row) {
            return RowScores.explainByNeighbours(data, row, reference, NAME, config.k(), true,
                    neighbours -> localOutlierFactor(neighbours, kDistance, density));
        }
    }

    /** LOF = mean neighbour density / own density = mean neighbour density * own mean reachability distance. */
    private static double localOutlierFactor(Neighbours neighbours, double[] kDistance, double[] density) {
        double neighbourDensity = 0;
        for (int n = 0; n < neighbours.size(); n++) {
            neighbourDensity += density[neighbours.index()[n]];
        }
        neighbourDensity /= neighbours.size();
        return neighbourDensity * meanReach(neighbours, kDistance);
    }

    /** Mean reachability distance {@code max(k-distance(o), d(q, o))} over the neighbours, at least MIN_REACH. */
    private static double meanReach(Neighbours neighbours, double[] kDistance) {
        double sum = 0;
        for (int n = 0; n < neighbours.size(); n++) {
            sum += Math.max(kDistance[neighbours.index()[n]], neighbours.distance()[n]);
        }
        return Math.max(MIN_REACH, sum / neighbours.size());
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "Local Outlier Factor: rows less dense than their neighbours",
                Family.CLASSIC_ML, Set.of());
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public FittedLof fit(DetectionData data, Config config) {
        DataChecks.requireFitData(data, config.k() + 1, NAME);
        ScaledReference reference = ScaledReference.fit(data.features().values(), config.maxReference(), config.seed());
        NeighbourIndex index = reference.index();
        int n = index.size();
        Neighbours[] neighbourhoods = index.neighbourhoods(config.k(), true);
        double[] kDistance = new double[n];
        for (int i = 0; i < n; i++) {
            kDistance[i] = neighbourhoods[i].farthest();
        }
        double[] density = new double[n];
        for (int i = 0; i < n; i++) {
            density[i] = 1.0 / meanReach(neighbourhoods[i], kDistance);
        }
        double[] lof = new double[n];
        for (int i = 0; i < n; i++) {
            lof[i] = localOutlierFactor(neighbourhoods[i], kDistance, density);
        }
        return new FittedLof(Provenance.of(NAME, config, data, config.seed()), config, reference, kDistance, density,
                lof);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return FittedLof.class;
    }
}

package dev.seqguard.bench;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FeatureScaler;
import elki.data.NumberVector;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.relation.DoubleRelation;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.EuclideanDistance;
import elki.index.IndexFactory;
import elki.index.tree.metrical.covertree.CoverTree;
import elki.index.tree.spatial.kd.MemoryKDTree;
import elki.utilities.ELKIBuilder;
import elki.outlier.lof.LOF;

/** The peer implementations, called the way their documentation shows, on the same data as ours. */
public final class Peers {
    private Peers() {
    }

    /** Smile's isolation forest with our defaults: same trees, psi and height limit, axis-parallel splits. */
    public static smile.anomaly.IsolationForest smileForest(double[][] x, int trees, int psi, int maxDepth) {
        // Smile takes the subsample as a fraction below 1 of the rows
        double fraction = Math.min(0.99, psi / (double) x.length);
        return smile.anomaly.IsolationForest.fit(x, trees, maxDepth, fraction, 0);
    }

    /** Smile's per-row scoring, one thread (its batch {@code score(double[][])} runs a parallel stream). */
    public static double[] smileScoreSequential(smile.anomaly.IsolationForest forest, double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = forest.score(x[i]);
        }
        return out;
    }

    /** Robust-scaled copy of the rows, as our distance detectors see them, for feeding ELKI the same space. */
    public static double[][] robustScaled(DetectionData data) {
        return FeatureScaler.robust(data.features().values()).apply(data.features());
    }

    /** ELKI's LOF (linear-scan kNN, Euclidean), scores in row order. */
    public static double[] elkiLof(double[][] scaled, int k) {
        return elkiLof(scaled, k, ElkiIndex.NONE);
    }

    /** The index ELKI's database is built with; LOF's kNN queries go through it. */
    public enum ElkiIndex {
        /** Linear scan. */
        NONE,
        /** {@code MemoryKDTree} with ELKI's default split and leaf size. */
        KD_TREE,
        /** {@code CoverTree} (Euclidean) with ELKI's default expansion and truncation. */
        COVER_TREE;

        java.util.List<IndexFactory<?>> factories() {
            return switch (this) {
                case NONE -> java.util.List.of();
                case KD_TREE -> java.util.List.of(new ELKIBuilder<>(MemoryKDTree.Factory.class).build());
                case COVER_TREE -> java.util.List.of(new ELKIBuilder<>(CoverTree.Factory.class)
                        .with(CoverTree.Factory.Par.DISTANCE_FUNCTION_ID, EuclideanDistance.STATIC).build());
            };
        }
    }

    /** ELKI's LOF (Euclidean) with its kNN through {@code index}; scores in row order. */
    public static double[] elkiLof(double[][] scaled, int k, ElkiIndex index) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(scaled), index.factories());
        db.initialize();
        Relation<NumberVector> rel = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        DoubleRelation scores = new LOF<NumberVector>(k, EuclideanDistance.STATIC).run(rel).getScores();
        DBIDRange ids = (DBIDRange) rel.getDBIDs();
        double[] out = new double[scaled.length];
        for (DBIDIter it = ids.iter(); it.valid(); it.advance()) {
            out[ids.getOffset(it)] = scores.doubleValue(it);
        }
        return out;
    }
}

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
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(scaled));
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

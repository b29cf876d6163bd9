package dev.seqguard.detect.ml;

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
import elki.outlier.distance.KNNOutlier;
import elki.outlier.distance.KNNWeightOutlier;
import elki.outlier.lof.LOF;
import elki.result.outlier.OutlierResult;
import java.util.function.Function;

/** ELKI 0.8.0 reference scores, in row order, on data the caller has already scaled. */
final class ElkiReference {
    private ElkiReference() {
    }

    static double[] lof(double[][] data, int k) {
        return run(data, rel -> new LOF<NumberVector>(k, EuclideanDistance.STATIC).run(rel));
    }

    static double[] kthNeighbourDistance(double[][] data, int k) {
        return run(data, rel -> new KNNOutlier<NumberVector>(EuclideanDistance.STATIC, k).run(rel));
    }

    static double[] neighbourDistanceSum(double[][] data, int k) {
        return run(data, rel -> new KNNWeightOutlier<NumberVector>(EuclideanDistance.STATIC, k).run(rel));
    }

    private static double[] run(double[][] data, Function<Relation<NumberVector>, OutlierResult> algorithm) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(data));
        db.initialize();
        Relation<NumberVector> rel = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        DoubleRelation scores = algorithm.apply(rel).getScores();
        DBIDRange ids = (DBIDRange) rel.getDBIDs();
        double[] out = new double[data.length];
        for (DBIDIter it = ids.iter(); it.valid(); it.advance()) {
            out[ids.getOffset(it)] = scores.doubleValue(it);
        }
        return out;
    }
}

package dev.seqguard.detect.ml;

import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.ml.neighbors.Neighbours;
import dev.seqguard.detect.ml.neighbors.ScaledReference;
import java.util.function.ToDoubleFunction;

/**
 * The row-by-row scoring loop and neighbour explanation the fitted ML models share, so each model states only how
 * one row is scored. The column check comes first, as in every {@code FittedDetector}.
 */
final class RowScores {
    private RowScores() {
    }

    /** {@code rowScore} of every raw feature row, after checking the data has {@code columns} columns. */
    static double[] each(DetectionData data, int columns, String detector, ToDoubleFunction<double[]> rowScore) {
        DataChecks.requireColumns(data, columns, detector);
        double[][] rows = data.features().values();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rowScore.applyAsDouble(rows[i]);
        }
        return out;
    }

    /** {@code scaledScore} of every row once scaled onto {@code reference}. */
    static double[] eachScaled(DetectionData data, ScaledReference reference, String detector,
                               ToDoubleFunction<double[]> scaledScore) {
        return each(data, reference.scaler().dimension(), detector,
                x -> scaledScore.applyAsDouble(reference.scale(x)));
    }

    /**
     * One row's score from its {@code k} neighbours in {@code reference}, credited to the features by their share of
     * the neighbour distances.
     *
     * @param ties whether every reference point tied with the k-th neighbour counts as a neighbour
     */
    static Explanation explainByNeighbours(DetectionData data, int row,
            ScaledReference reference, String detector, int k, boolean ties, ToDoubleFunction<Neighbours> score) {
        DataChecks.requireColumns(data, reference.scaler().dimension(), detector);
        FeatureCredits.requireRow(row, data.size());
        double[] x = data.features().row(row);
        double[] q = reference.scale(x);
        Neighbours neighbours = reference.index().neighbourhood(q, k, ties);
        return FeatureCredits.explain(score.applyAsDouble(neighbours), data.features().names(), x,
                neighbours.distanceShares(q, reference.index()));
    }
}

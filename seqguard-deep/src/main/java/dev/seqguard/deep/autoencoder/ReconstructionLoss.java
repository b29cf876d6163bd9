package dev.seqguard.deep.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The autoencoder objective of the design document (section 4.2): per row, the mean squared reconstruction error
 * plus {@code λ‖z‖²}, which keeps the codes of normal rows small and near each other; averaged over the rows of the
 * batch. Labels are {@code (x)}, predictions {@code (x̂, z)}.
 *
 * <p>With {@code trim > 0} the average leaves out the {@code trim} share of rows with the largest loss (a least
 * trimmed squares estimate: Rousseeuw, "Least Median of Squares Regression", JASA 1984). The training data is the
 * user's own, anomalies included and unlabelled; without trimming, a small tight group of extreme rows (a crawler
 * ring) dominates the squared error, is learnt first, and then reconstructs better than the varied normal rows.
 */
final class ReconstructionLoss extends Loss {
    private final float lambda;
    private final double trim;

    ReconstructionLoss(double lambda, double trim) {
        super("reconstruction");
        this.lambda = (float) lambda;
        this.trim = trim;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = labels.singletonOrThrow();
        NDArray reconstruction = predictions.get(0);
        NDArray z = predictions.get(1);
        NDArray perRow = x.sub(reconstruction).square().mean(new int[] {1});
        if (lambda != 0) {
            perRow = perRow.add(z.square().sum(new int[] {1}).mul(lambda));
        }
        int rows = Math.toIntExact(perRow.size());
        int kept = rows - (int) Math.floor(rows * trim);
        if (kept == rows) {
            return perRow.mean();
        }
        return perRow.mul(keepMask(perRow, kept)).sum().div(kept);
    }

    /** 1 for the {@code kept} rows with the smallest loss (ties to the earlier row), 0 for the rest. */
    private static NDArray keepMask(NDArray perRow, int kept) {
        float[] loss = perRow.toFloatArray();
        float[] mask = new float[loss.length];
        IntStream.range(0, loss.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> loss[i]).thenComparingInt(i -> i))
                .limit(kept).forEach(i -> mask[i] = 1f);
        return perRow.getManager().create(mask, new Shape(loss.length));
    }
}

package dev.seqguard.deep.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The autoencoder objective of the design document (section 4.2): mean squared reconstruction error plus
 * {@code λ‖z‖²}, the code's squared norm averaged over the batch, which keeps codes of normal rows small and near
 * each other. Labels are {@code (x)}, predictions {@code (x̂, z)}.
 */
final class ReconstructionLoss extends Loss {
    private final float lambda;

    ReconstructionLoss(double lambda) {
        super("reconstruction");
        this.lambda = (float) lambda;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = labels.singletonOrThrow();
        NDArray reconstruction = predictions.get(0);
        NDArray z = predictions.get(1);
        NDArray mse = x.sub(reconstruction).square().mean();
        if (lambda == 0) {
            return mse;
        }
        return mse.add(z.square().sum(new int[] {1}).mean().mul(lambda));
    }
}

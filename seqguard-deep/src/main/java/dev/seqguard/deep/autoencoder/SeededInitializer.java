package dev.seqguard.deep.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * Glorot-uniform weights (Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural
 * networks", AISTATS 2010) drawn from a seeded Java generator, in parameter order, instead of the engine's global
 * generator: the same seed gives the same network on any thread.
 */
final class SeededInitializer implements Initializer {
    private final Random random;

    SeededInitializer(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanOut = shape.get(0);
        long fanIn = shape.dimension() > 1 ? shape.size() / fanOut : fanOut;
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        return manager.create(w, shape).toType(dataType, false);
    }
}

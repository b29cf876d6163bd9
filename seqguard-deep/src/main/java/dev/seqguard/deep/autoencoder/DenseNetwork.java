package dev.seqguard.deep.autoencoder;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.seqguard.deep.BlockWeights;
import dev.seqguard.deep.DjlRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained autoencoder's forward pass in plain Java (double arithmetic on the trained float weights), for scoring:
 * each row is computed on its own, so a row's score never depends on the rows scored with it, and scoring needs no
 * native call per row. Immutable, thread-safe.
 */
final class DenseNetwork {

    private record Layer(double[][] weight, double[] bias, boolean relu) {
    }

    private final List<Layer> layers;

    private DenseNetwork(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Rebuilds the block {@code architecture} describes, loads {@code weights} into it and copies them out. */
    static DenseNetwork decode(Architecture architecture, byte[] weights) {
        try (NDManager manager = NDManager.newBaseManager(DjlRuntime.engine().defaultDevice(),
                DjlRuntime.engine().getEngineName())) {
            AutoencoderBlock block = new AutoencoderBlock(architecture);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, architecture.inputs()));
            BlockWeights.load(block, manager, weights);
            return of(block);
        }
    }

    /** The current parameters of an initialised block. */
    static DenseNetwork of(AutoencoderBlock block) {
        List<Layer> layers = new ArrayList<>();
        List<Linear> linears = block.layers();
        for (int l = 0; l < linears.size(); l++) {
            Linear linear = linears.get(l);
            Shape shape = linear.getParameters().get("weight").getArray().getShape();
            float[] w = linear.getParameters().get("weight").getArray().toFloatArray();
            float[] b = linear.getParameters().get("bias").getArray().toFloatArray();
            int out = Math.toIntExact(shape.get(0));
            int in = Math.toIntExact(shape.get(1));
            double[][] weight = new double[out][in];
            double[] bias = new double[out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    weight[o][i] = w[o * in + i];
                }
                bias[o] = b[o];
            }
            layers.add(new Layer(weight, bias, block.architecture().activated(l)));
        }
        return new DenseNetwork(layers);
    }

    /** The reconstruction x̂ of one scaled input row. */
    double[] reconstruct(double[] x) {
        double[] h = x;
        for (Layer layer : layers) {
            double[] next = new double[layer.bias().length];
            for (int o = 0; o < next.length; o++) {
                double[] w = layer.weight()[o];
                double s = layer.bias()[o];
                for (int i = 0; i < h.length; i++) {
                    s += w[i] * h[i];
                }
                next[o] = layer.relu() && s < 0 ? 0 : s;
            }
            h = next;
        }
        return h;
    }
}

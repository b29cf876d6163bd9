package dev.seqguard.deep.autoencoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The autoencoder as a DJL block. Input {@code (x)} or, in training, {@code (x, mask_1, ..., mask_k)} with one dropout
 * mask per activated layer (already scaled by 1/(1-p)); output {@code (x̂, z)}. Masks come from the caller's seeded
 * generator rather than the engine's global one, so a fit is reproducible whatever else runs in the process.
 */
final class AutoencoderBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Architecture architecture;
    private final List<Linear> layers = new ArrayList<>();

    AutoencoderBlock(Architecture architecture) {
        super(VERSION);
        this.architecture = architecture;
        List<Integer> widths = architecture.layerOutputs();
        for (int i = 0; i < widths.size(); i++) {
            layers.add(addChildBlock("linear" + i, Linear.builder().setUnits(widths.get(i)).build()));
        }
    }

    Architecture architecture() {
        return architecture;
    }

    /** The linear layers in order; their parameters are {@code weight (out × in)} and {@code bias (out)}. */
    List<Linear> layers() {
        return List.copyOf(layers);
    }

    /** Number of dropout masks a training forward takes, and their widths in order. */
    List<Integer> maskWidths() {
        List<Integer> widths = new ArrayList<>();
        List<Integer> outputs = architecture.layerOutputs();
        for (int i = 0; i < outputs.size(); i++) {
            if (architecture.activated(i)) {
                widths.add(outputs.get(i));
            }
        }
        return widths;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray z = null;
        int mask = 1;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(store, new NDList(h), training).singletonOrThrow();
            if (architecture.activated(i)) {
                h = Activation.relu(h);
                if (training && inputs.size() > mask) {
                    h = h.mul(inputs.get(mask++));
                }
            }
            if (i == architecture.latentLayer()) {
                z = h;
            }
        }
        return new NDList(h, z);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = inputShapes[0].get(0);
        return new Shape[] {new Shape(rows, architecture.inputs()), new Shape(rows, architecture.latent())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, shape);
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}

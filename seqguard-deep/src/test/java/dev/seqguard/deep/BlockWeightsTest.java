package dev.seqguard.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;

class BlockWeightsTest {

    private static Block linear(NDManager m, int units) {
        Block b = Linear.builder().setUnits(units).build();
        b.setInitializer(new NormalInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
        b.initialize(m, DataType.FLOAT32, new Shape(1, 3));
        return b;
    }

    @Test
    void restoredBlockComputesTheSameOutputs() {
        DjlRuntime.engine().setRandomSeed(7);
        try (NDManager m = NDManager.newBaseManager(DjlRuntime.engine().defaultDevice(), "PyTorch")) {
            Block trained = linear(m, 2);
            byte[] bytes = BlockWeights.save(trained);
            Block copy = linear(m, 2);
            BlockWeights.load(copy, m, bytes);
            NDList x = new NDList(m.create(new float[] {0.5f, -1f, 2f}, new Shape(1, 3)));
            ParameterStore ps = new ParameterStore(m, false);
            assertThat(copy.forward(ps, x, false).singletonOrThrow().toFloatArray())
                    .containsExactly(trained.forward(ps, x, false).singletonOrThrow().toFloatArray());
        }
    }

    @Test
    void rejectsWeightsOfAnotherShape() {
        try (NDManager m = NDManager.newBaseManager(DjlRuntime.engine().defaultDevice(), "PyTorch")) {
            byte[] bytes = BlockWeights.save(linear(m, 2));
            assertThatThrownBy(() -> BlockWeights.load(linear(m, 5), m, bytes))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
        }
    }
}

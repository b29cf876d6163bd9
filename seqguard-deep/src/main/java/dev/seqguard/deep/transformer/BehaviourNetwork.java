package dev.seqguard.deep.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.nn.transformer.TransformerEncoderBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The behaviour language model: event-part and position embeddings, a stack of DJL {@link TransformerEncoderBlock}s,
 * four soft-max heads predicting an event's behaviour, category bucket, gap bucket and window-relative
 * category slot, and a logit head on the
 * {@code [CLS]} position for the fine-tuned classifier.
 *
 * <p>{@link #forward} takes {@code (ids (B, L, 4) int32, attention (B, L, L) float32)} and returns the hidden states
 * {@code (B, L, width)}; the heads are applied by {@link #eventLogProbabilities} and {@link #classifierLogits}.
 */
final class BehaviourNetwork extends AbstractBlock {
    /** Block-format version of this network's parameter layout. */
    private static final byte VERSION = 2;
    static final String CLASSIFIER = "classifier";
    static final String EVENT_HEADS = "eventHead";
    /** Added to the mixed bucket probability before the log, so a bucket neither head gives mass stays finite. */
    private static final float COPY_FLOOR = 1e-4f;
    /** Scale of the copy attention's cosine logits: up to e^20 between the most and least similar visible event. */
    private static final float COPY_TEMPERATURE = 10f;

    private final Architecture architecture;
    private final IdEmbedding partEmbedding;
    private final IdEmbedding positionEmbedding;
    private final LayerNorm embeddingNorm;
    private final Dropout embeddingDropout;
    private final List<TransformerEncoderBlock> layers = new ArrayList<>();
    private final Linear actionHead;
    private final Linear categoryHead;
    private final Linear gapHead;
    private final Linear slotHead;
    private final Linear copyKey;
    private final Linear copyGate;
    private final Linear classifier;

    /**
     * The shape of the network.
     *
     * @param embeddingIds size of the part-embedding id space ({@link EventParts#embeddingIds()})
     * @param buckets      category buckets
     * @param maxLength    positions per window, {@code [CLS]} included
     */
    record Architecture(int width, int layers, int heads, float dropout, int embeddingIds, int buckets, int maxLength) {
        static Architecture of(EncoderSettings s, EventParts parts) {
            return new Architecture(s.width(), s.layers(), s.heads(), (float) s.dropout(), parts.embeddingIds(),
                    parts.buckets(), s.window() + 1);
        }
    }

    BehaviourNetwork(Architecture a) {
        super(VERSION);
        this.architecture = a;
        partEmbedding = addChildBlock("parts", new IdEmbedding.Builder()
                .setDictionarySize(a.embeddingIds()).setEmbeddingSize(a.width()).build());
        positionEmbedding = addChildBlock("positions", new IdEmbedding.Builder()
                .setDictionarySize(a.maxLength()).setEmbeddingSize(a.width()).build());
        embeddingNorm = addChildBlock("embeddingNorm", LayerNorm.builder().axis(2).build());
        embeddingDropout = addChildBlock("embeddingDropout", Dropout.builder().optRate(a.dropout()).build());
        for (int i = 0; i < a.layers(); i++) {
            layers.add(addChildBlock("layer" + i,
                    new TransformerEncoderBlock(a.width(), a.heads(), 4 * a.width(), a.dropout(), Activation::gelu)));
        }
        actionHead = addChildBlock(EVENT_HEADS + "Action", Linear.builder().setUnits(EventParts.ACTIONS).build());
        categoryHead = addChildBlock(EVENT_HEADS + "Category", Linear.builder().setUnits(a.buckets()).build());
        gapHead = addChildBlock(EVENT_HEADS + "Gap", Linear.builder().setUnits(EventParts.GAPS).build());
        slotHead = addChildBlock(EVENT_HEADS + "Slot", Linear.builder().setUnits(EventParts.SLOTS + 1).build());
        copyKey = addChildBlock(EVENT_HEADS + "CopyKey", Linear.builder().setUnits(a.width()).optBias(false).build());
        copyGate = addChildBlock(EVENT_HEADS + "CopyGate", Linear.builder().setUnits(1).build());
        classifier = addChildBlock(CLASSIFIER, Linear.builder().setUnits(1).build());
        // Xavier for the projections: BERT's N(0, 0.02) is made for width 768 and starves the attention path of a
        // small model (measured: attention gradients ~1e-7 at width 16, the model learnt only the marginals).
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        partEmbedding.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
        positionEmbedding.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
    }

    Architecture architecture() {
        return architecture;
    }

    /**
     * Initialises every parameter: randomly from the engine's seeded generator for training, or with zeros (leaving
     * that generator alone) when saved weights are about to replace them.
     */
    void initialize(NDManager manager, boolean random) {
        if (!random) {
            Initializer zeros = new ConstantInitializer(0f);
            setInitializer(zeros, Parameter.Type.WEIGHT);
            partEmbedding.setInitializer(zeros, Parameter.Type.WEIGHT);
            positionEmbedding.setInitializer(zeros, Parameter.Type.WEIGHT);
        }
        initialize(manager, DataType.FLOAT32, new Shape(1, architecture.maxLength(), EventParts.INPUT_PARTS),
                new Shape(1, architecture.maxLength(), architecture.maxLength()));
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        Shape hidden = new Shape(ids.get(0), ids.get(1), architecture.width());
        partEmbedding.initialize(manager, dataType, ids);
        positionEmbedding.initialize(manager, dataType, new Shape(ids.get(1)));
        embeddingNorm.initialize(manager, dataType, hidden);
        embeddingDropout.initialize(manager, dataType, hidden);
        for (TransformerEncoderBlock layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        Shape flat = new Shape(1, architecture.width());
        actionHead.initialize(manager, dataType, flat);
        categoryHead.initialize(manager, dataType, flat);
        gapHead.initialize(manager, dataType, flat);
        slotHead.initialize(manager, dataType, flat);
        copyKey.initialize(manager, dataType, flat);
        copyGate.initialize(manager, dataType, flat);
        classifier.initialize(manager, dataType, flat);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), architecture.width())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray attention = inputs.get(1);
        long length = ids.getShape().get(1);
        NDArray x = partEmbedding.forward(ps, new NDList(ids), training).head().sum(new int[] {2});
        NDArray positions = ids.getManager().arange(0, (int) length, 1, DataType.INT32);
        x = x.add(positionEmbedding.forward(ps, new NDList(positions), training).head());
        x = embeddingNorm.forward(ps, new NDList(x), training).head();
        x = embeddingDropout.forward(ps, new NDList(x), training).head();
        for (TransformerEncoderBlock layer : layers) {
            x = layer.forward(ps, new NDList(x, attention), training).head();
        }
        return new NDList(x);
    }

    /**
     * Log-probabilities of behaviour, category bucket, gap bucket and slot at the targets of {@code batch}, from the
     * hidden states {@code (B, L, width)}: each {@code (N, classes)}. The category bucket mixes a soft-max over all
     * buckets with a copy distribution over the buckets of the events the target may see (pointer-generator, See et
     * al., "Get To The Point", ACL 2017): attention from the target to those events, a learnt gate between the two. A
     * user's own categories are then one attention step away instead of a bucket embedding the encoder must carry
     * (measured without it: the bucket head barely told a user's repeated categories from ones seen once).
     */
    NDList eventLogProbabilities(ParameterStore ps, NDArray hidden, WindowBatch batch, NDManager m, boolean training) {
        NDArray at = batch.atTargets(hidden, m);
        NDList in = new NDList(at);
        long rows = hidden.getShape().get(0);
        long length = hidden.getShape().get(1);
        long width = hidden.getShape().get(2);
        NDArray keys = copyKey.forward(ps, new NDList(hidden.reshape(-1, width)), training).head()
                .reshape(rows, length, width);
        // cosine similarity at a fixed temperature: bounded logits (measured: the unbounded dot product let training
        // diverge now and then), after Liu et al.'s cosine attention, "Swin Transformer V2" (CVPR 2022)
        NDArray attention = unit(hidden).batchMatMul(unit(keys).transpose(0, 2, 1)).mul(COPY_TEMPERATURE)
                .add(batch.copyBias(m)).softmax(2);
        NDArray copied = attention.batchMatMul(batch.copyBuckets(m)).reshape(-1, architecture.buckets())
                .get(batch.targetPositions(m));
        NDArray gate = Activation.sigmoid(copyGate.forward(ps, in, training).head());
        NDArray generated = categoryHead.forward(ps, in, training).head().softmax(1);
        NDArray bucket = generated.mul(gate).add(copied.mul(gate.neg().add(1f))).add(COPY_FLOOR).log();
        return new NDList(
                actionHead.forward(ps, in, training).head().logSoftmax(1),
                bucket,
                gapHead.forward(ps, in, training).head().logSoftmax(1),
                slotHead.forward(ps, in, training).head().logSoftmax(1));
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.square().sum(new int[] {2}, true).add(1e-6f).sqrt());
    }

    /** The anomaly logit of each window from its {@code [CLS]} hidden state {@code (N, width)}: shape (N). */
    NDArray classifierLogits(ParameterStore ps, NDArray cls, boolean training) {
        return classifier.forward(ps, new NDList(cls), training).head().reshape(-1);
    }
}

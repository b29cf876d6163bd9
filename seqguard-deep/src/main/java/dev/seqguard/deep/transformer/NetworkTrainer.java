package dev.seqguard.deep.transformer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.seqguard.deep.BlockWeights;
import dev.seqguard.deep.DjlRuntime;
import dev.seqguard.deep.TrainingProgress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Trains a {@link BehaviourNetwork}: self-supervised pre-training (masked- or next-event prediction) with AdamW,
 * linear warm-up then cosine decay, dropout, and early stopping on held-out users; and supervised fine-tuning of the
 * {@code [CLS]} classifier. Deterministic given the seed: the engine's generator (initialisation, dropout) is seeded,
 * and masks and batch order come from seeded {@link Random}s.
 *
 * <p>DJL's PyTorch gradient collector is process-wide (one may be open at a time), so trainings run one after another
 * under {@link #LOCK}; scoring does not take it.
 */
final class NetworkTrainer {
    static final Object LOCK = new Object();
    /** How much the fine-tuning loss keeps of the masked-event loss, so the encoder does not forget the grammar. */
    private static final float AUXILIARY_WEIGHT = 0.5f;

    private final BehaviourNetwork net;
    private final EventParts parts;
    private final EncoderSettings settings;
    /** What the progress bar calls the two phases. */
    static final String PRETRAIN = "transformer pre-training";
    static final String FINE_TUNE = "transformer-clf fine-tuning";

    private final TrainingProgress progress;
    private final NDManager manager;
    private final Engine engine;

    NetworkTrainer(BehaviourNetwork net, EventParts parts, EncoderSettings settings, NDManager manager) {
        this.net = net;
        this.parts = parts;
        this.settings = settings;
        this.progress = TrainingProgress.current();
        this.manager = manager;
        this.engine = DjlRuntime.engine();
    }

    /** What pre-training did. */
    record Summary(int epochs, int bestEpoch, double trainLoss, double validationLoss, int trainWindows,
                   int validationWindows) {
    }

    /** Pre-trains on the windows of {@code train}; early-stops on {@code validation} (may be empty: no stopping). */
    Summary pretrain(List<int[]> train, List<int[]> validation, long seed) {
        int stepsPerEpoch = (train.size() + settings.batchSize() - 1) / settings.batchSize();
        Optimizer optimizer = optimizer(settings.learningRate(), stepsPerEpoch * settings.epochs());
        Predicate<String> trainable = name -> !name.startsWith(BehaviourNetwork.CLASSIFIER);
        requireGradients(trainable);
        // the same hidden events every epoch, so validation losses compare
        List<boolean[]> validationMasks = masks(validation, new Random(seed ^ 0x5EED_0F_DA7AL));
        byte[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        double lastTrain = Double.NaN;
        int epoch = 0;
        while (epoch < settings.epochs()) {
            epoch++;
            Random random = new Random(seed * 31 + epoch);
            double sum = 0;
            int step = 0;
            for (List<int[]> batch : batches(train, random)) {
                double loss = maskedStep(batch, masks(batch, random), random, optimizer, trainable);
                sum += loss;
                step++;
            }
            lastTrain = sum / Math.max(1, step);
            double validationLoss = validation.isEmpty() ? Double.NaN : validationLoss(validation, validationMasks);
            progress.epoch(PRETRAIN, epoch, settings.epochs(), lastTrain, validationLoss);
            if (validation.isEmpty()) {
                continue;
            }
            if (validationLoss < bestLoss) {
                bestLoss = validationLoss;
                bestEpoch = epoch;
                best = BlockWeights.save(net);
            } else if (epoch - bestEpoch >= settings.patience()) {
                break;
            }
        }
        if (best != null && bestEpoch != epoch) {
            BlockWeights.load(net, manager, best);
        }
        return new Summary(epoch, validation.isEmpty() ? epoch : bestEpoch, lastTrain,
                validation.isEmpty() ? Double.NaN : bestLoss, train.size(), validation.size());
    }

    /**
     * Fine-tunes the whole network on labelled sequences (each a list of windows): the sequence's logit is the largest
     * of its windows' [CLS] logits (an anomaly may sit in one window of a long history), the loss is class-weighted
     * binary cross-entropy plus a share of the masked-event loss.
     */
    double fineTune(List<List<int[]>> sequences, int[] labels, int epochs, double learningRate, long seed) {
        int positives = 0;
        for (int l : labels) {
            positives += l;
        }
        // class weighting: both classes weigh as much in total
        float positiveWeight = labels.length / (2f * positives);
        float negativeWeight = labels.length / (2f * (labels.length - positives));
        int batchSize = Math.max(1, settings.batchSize() / 2);
        int stepsPerEpoch = (sequences.size() + batchSize - 1) / batchSize;
        Optimizer optimizer = optimizer(learningRate, stepsPerEpoch * epochs);
        Predicate<String> trainable = name -> true;
        requireGradients(trainable);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            order.add(i);
        }
        double last = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Random random = new Random(seed * 17 + epoch);
            Collections.shuffle(order, random);
            double sum = 0;
            int step = 0;
            for (int from = 0; from < order.size(); from += batchSize) {
                List<Integer> chunk = order.subList(from, Math.min(order.size(), from + batchSize));
                List<int[]> windows = new ArrayList<>();
                float[] y = new float[chunk.size()];
                float[] weight = new float[chunk.size()];
                List<Integer> owners = new ArrayList<>();
                for (int c = 0; c < chunk.size(); c++) {
                    int s = chunk.get(c);
                    for (int[] w : sequences.get(s)) {
                        windows.add(w);
                        owners.add(c);
                    }
                    y[c] = labels[s];
                    weight[c] = labels[s] == 1 ? positiveWeight : negativeWeight;
                }
                int[] owner = owners.stream().mapToInt(Integer::intValue).toArray();
                double loss = classifierStep(windows, owner, y, weight, random, optimizer, trainable);
                sum += loss;
                step++;
            }
            last = sum / Math.max(1, step);
            progress.epoch(FINE_TUNE, epoch, epochs, last, Double.NaN);
        }
        return last;
    }

    private double maskedStep(List<int[]> batch, List<boolean[]> hide, Random random, Optimizer optimizer,
                              Predicate<String> trainable) {
        double value;
        try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope();
             GradientCollector collector = engine.newGradientCollector()) {
            NDArray loss = predictionLoss(m, batch, hide, random, true);
            collector.backward(loss);
            value = loss.getFloat();
        }
        update(optimizer, trainable);
        return value;
    }

    private double classifierStep(List<int[]> windows, int[] owner, float[] y, float[] weight, Random random,
                                  Optimizer optimizer, Predicate<String> trainable) {
        double value;
        List<boolean[]> hide = masks(windows, random);
        try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope();
             GradientCollector collector = engine.newGradientCollector()) {
            ParameterStore ps = new ParameterStore(m, false);
            WindowBatch clean = WindowBatch.of(parts, windows, null, null, false, net.architecture().maxLength(), null);
            NDArray hidden = net.forward(ps, clean.inputs(m), true).head();
            NDArray logits = net.classifierLogits(ps, clean.cls(hidden, m), true);
            NDArray z = sequenceMax(m, logits, owner, y.length);
            NDArray target = m.create(y);
            // binary cross-entropy with logits: softplus(z) - y z, softplus written to stay finite for large |z|
            NDArray softplus = z.maximum(0f).add(z.abs().neg().exp().add(1f).log());
            NDArray bce = softplus.sub(target.mul(z)).mul(m.create(weight)).mean();
            NDArray loss = bce.add(predictionLoss(m, windows, hide, random, true).mul(AUXILIARY_WEIGHT));
            collector.backward(loss);
            value = bce.getFloat();
        }
        update(optimizer, trainable);
        return value;
    }

    /** The largest window logit of each sequence: {@code logits (W)}, {@code owner[w]} the sequence of window w. */
    static NDArray sequenceMax(NDManager m, NDArray logits, int[] owner, int sequences) {
        int[] count = new int[sequences];
        for (int o : owner) {
            count[o]++;
        }
        int widest = 0;
        for (int c : count) {
            widest = Math.max(widest, c);
        }
        long pad = owner.length;
        long[] index = new long[sequences * widest];
        java.util.Arrays.fill(index, pad);
        int[] filled = new int[sequences];
        for (int w = 0; w < owner.length; w++) {
            index[owner[w] * widest + filled[owner[w]]++] = w;
        }
        NDArray extended = logits.concat(m.create(new float[] {-1e4f}));
        return extended.get(m.create(index)).reshape(sequences, widest).max(new int[] {1});
    }

    /** Mean negative log-likelihood of the hidden (or, causal, all) events' parts. */
    private NDArray predictionLoss(NDManager m, List<int[]> batch, List<boolean[]> hide, Random noise, boolean training) {
        ParameterStore ps = new ParameterStore(m, false);
        boolean causal = settings.objective() == Objective.NEXT_EVENT;
        WindowBatch b = causal
                ? WindowBatch.of(parts, batch, null, all(batch), true, net.architecture().maxLength(), null)
                : WindowBatch.of(parts, batch, hide, null, false, net.architecture().maxLength(), training ? noise : null);
        NDArray hidden = net.forward(ps, b.inputs(m), training).head();
        return b.logLikelihood(net, ps, hidden, m, training).mean().neg();
    }

    private double validationLoss(List<int[]> validation, List<boolean[]> hide) {
        double sum = 0;
        int batches = 0;
        int size = settings.batchSize();
        for (int from = 0; from < validation.size(); from += size) {
            int to = Math.min(validation.size(), from + size);
            try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
                sum += predictionLoss(m, validation.subList(from, to), hide.subList(from, to), null, false).getFloat();
            }
            batches++;
        }
        return sum / batches;
    }

    /**
     * Per window, the events to hide: for a share {@code sessionMaskShare} of the windows of two sessions or more, one
     * of the window's
     * {@code sessionGroups} interleaved session groups (whole sessions, as scoring hides them, so the model learns to
     * predict a session from the user's other sessions, after SpanBERT's span masking); for the others, about
     * {@code maskRate} of the events, at least one.
     */
    private List<boolean[]> masks(List<int[]> windows, Random random) {
        List<boolean[]> out = new ArrayList<>(windows.size());
        for (int[] w : windows) {
            int n = w.length / EventParts.STRIDE;
            int[] sessions = EventParts.sessions(w);
            // as in scoring, a window of one session is not hidden whole: nothing would be left to predict it from
            if (sessions[n - 1] > 0 && random.nextDouble() < settings.sessionMaskShare()) {
                int groups = Math.min(settings.sessionGroups(), sessions[n - 1] + 1);
                out.add(EventParts.sessionGroup(sessions, groups, random.nextInt(groups)));
                continue;
            }
            boolean[] hide = new boolean[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                hide[i] = random.nextDouble() < settings.maskRate();
                any |= hide[i];
            }
            if (!any) {
                hide[random.nextInt(n)] = true;
            }
            out.add(hide);
        }
        return out;
    }

    private static List<boolean[]> all(List<int[]> windows) {
        List<boolean[]> out = new ArrayList<>(windows.size());
        for (int[] w : windows) {
            boolean[] b = new boolean[w.length / EventParts.STRIDE];
            java.util.Arrays.fill(b, true);
            out.add(b);
        }
        return out;
    }

    /** Random batches of windows of similar length (less padding), in random order. */
    private List<List<int[]>> batches(List<int[]> windows, Random random) {
        List<int[]> shuffled = new ArrayList<>(windows);
        Collections.shuffle(shuffled, random);
        int max = net.architecture().maxLength();
        shuffled.sort(Comparator.comparingInt(w -> WindowBatch.paddedLength(w.length / EventParts.STRIDE, max)));
        List<List<int[]>> out = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); from += settings.batchSize()) {
            out.add(shuffled.subList(from, Math.min(shuffled.size(), from + settings.batchSize())));
        }
        Collections.shuffle(out, random);
        return out;
    }

    private Optimizer optimizer(double peak, int totalSteps) {
        int warmup = (int) Math.round(settings.warmupFraction() * totalSteps);
        float lr = (float) peak;
        Tracker schedule = step -> {
            if (step < warmup) {
                return lr * (step + 1) / (warmup + 1);
            }
            double progressed = Math.min(1.0, (step - warmup) / (double) Math.max(1, totalSteps - warmup));
            return (float) (lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progressed))));
        };
        return Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays((float) settings.weightDecay())
                .optClipGrad(5f).build();
    }

    private void requireGradients(Predicate<String> trainable) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient() && trainable.test(p.getKey())) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    private void update(Optimizer optimizer, Predicate<String> trainable) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.requiresGradient() || !trainable.test(p.getKey())) {
                continue;
            }
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(parameter.getId(), weight, gradient);
            }
            // PyTorch accumulates gradients; DJL's collector does not clear them
            JniUtils.zeroGrad((PtNDArray) weight);
        }
    }

}

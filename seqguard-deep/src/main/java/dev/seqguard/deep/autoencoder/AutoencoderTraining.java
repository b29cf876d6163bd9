package dev.seqguard.deep.autoencoder;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.tracker.Tracker;
import dev.seqguard.deep.BlockWeights;
import dev.seqguard.deep.DjlRuntime;
import dev.seqguard.deep.TrainingProgress;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch training against over-fitting (design document Q3): a seeded validation split, dropout, AdamW's
 * decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019), and early
 * stopping that keeps the weights of the epoch with the lowest validation loss. Every random choice (split, batch
 * order, dropout masks, initial weights) comes from the config's seed.
 */
final class AutoencoderTraining {

    /** The kept weights (BlockWeights format) and how the fit went. */
    record Result(byte[] weights, TrainingSummary summary) {
    }

    private AutoencoderTraining() {
    }

    /** Trains on {@code rows} (already scaled), reporting each epoch to {@link TrainingProgress#current()}. */
    static Result train(Architecture architecture, double[][] rows, AutoencoderDetector.Config config) {
        Random random = new Random(config.seed());
        int[] order = permutation(rows.length, random);
        int validationRows = Math.max(1, (int) Math.round(rows.length * config.validation()));
        int[] validation = java.util.Arrays.copyOfRange(order, 0, validationRows);
        int[] train = java.util.Arrays.copyOfRange(order, validationRows, order.length);
        TrainingProgress progress = TrainingProgress.current();

        Engine engine = DjlRuntime.engine();
        AutoencoderBlock block = new AutoencoderBlock(architecture);
        ReconstructionLoss loss = new ReconstructionLoss(config.lambda(), config.trim());
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(loss)
                .optInitializer(new SeededInitializer(random.nextLong()), Parameter.Type.WEIGHT)
                .optOptimizer(AdamW.builder().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                        .optWeightDecays((float) config.weightDecay()).build());
        try (Model model = Model.newInstance(AutoencoderDetector.NAME, engine.defaultDevice(), engine.getEngineName())) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(1, architecture.inputs()));
                NDManager manager = trainer.getManager();
                byte[] best = BlockWeights.save(block);
                double bestLoss = Double.POSITIVE_INFINITY;
                double bestTrainLoss = Double.NaN;
                int bestEpoch = 0;
                int epoch = 0;
                while (epoch < config.epochs() && epoch - bestEpoch < config.patience()) {
                    epoch++;
                    double trainLoss = epoch(trainer, block, loss, rows, shuffled(train, random), config, random);
                    double validationLoss;
                    try (NDManager scope = manager.newSubManager()) {
                        // built in the scope, so every array derived from it is freed with the scope
                        NDArray validationX = matrix(scope, rows, validation);
                        NDList prediction = trainer.evaluate(new NDList(validationX));
                        validationLoss = loss.evaluate(new NDList(validationX), prediction).getFloat();
                    }
                    if (!Double.isFinite(trainLoss) || !Double.isFinite(validationLoss)) {
                        throw new IllegalStateException(AutoencoderDetector.NAME + " training diverged at epoch "
                                + epoch + " (loss " + trainLoss + "); lower 'learningRate' (now "
                                + config.learningRate() + ")");
                    }
                    progress.epoch(AutoencoderDetector.NAME, epoch, config.epochs(), trainLoss, validationLoss);
                    if (validationLoss < bestLoss) {
                        bestLoss = validationLoss;
                        bestTrainLoss = trainLoss;
                        bestEpoch = epoch;
                        best = BlockWeights.save(block);
                    }
                }
                return new Result(best, new TrainingSummary(epoch, bestEpoch, bestTrainLoss, bestLoss));
            }
        }
    }

    /** One pass over {@code train} in mini-batches; the mean training loss. */
    private static double epoch(Trainer trainer, AutoencoderBlock block, ReconstructionLoss loss, double[][] rows,
                                int[] train, AutoencoderDetector.Config config, Random random) {
        List<Integer> maskWidths = block.maskWidths();
        double sum = 0;
        for (int from = 0; from < train.length; from += config.batch()) {
            int[] batch = java.util.Arrays.copyOfRange(train, from, Math.min(train.length, from + config.batch()));
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray x = matrix(scope, rows, batch);
                NDList inputs = new NDList(x);
                for (int width : config.dropout() > 0 ? maskWidths : List.<Integer>of()) {
                    inputs.add(dropoutMask(scope, batch.length, width, config.dropout(), random));
                }
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList prediction = trainer.forward(inputs);
                    NDArray value = loss.evaluate(new NDList(x), prediction);
                    collector.backward(value);
                    sum += value.getFloat() * batch.length;
                }
                trainer.step();
            }
        }
        return sum / train.length;
    }

    /** Inverted dropout: each unit kept with probability 1-p and scaled by 1/(1-p), so inference needs no rescaling. */
    private static NDArray dropoutMask(NDManager manager, int rows, int width, double p, Random random) {
        float[] mask = new float[rows * width];
        float keep = (float) (1 / (1 - p));
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < p ? 0f : keep;
        }
        return manager.create(mask, new Shape(rows, width));
    }

    private static NDArray matrix(NDManager manager, double[][] rows, int[] pick) {
        int d = rows[0].length;
        float[] flat = new float[pick.length * d];
        for (int r = 0; r < pick.length; r++) {
            double[] row = rows[pick[r]];
            for (int j = 0; j < d; j++) {
                flat[r * d + j] = (float) row[j];
            }
        }
        return manager.create(flat, new Shape(pick.length, d));
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return shuffled(p, random);
    }

    /** A Fisher-Yates shuffled copy. */
    private static int[] shuffled(int[] values, Random random) {
        int[] p = values.clone();
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

package dev.seqguard.deep.transformer;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.Configs;
import dev.seqguard.detect.api.DataChecks;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.DetectorInfo;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The behaviour language model of {@link TransformerMlmDetector}, pre-trained on every sequence given (labelled or
 * not), then fine-tuned with a classification head on {@code [CLS]} on the rows labelled 0/1 (the recipe of the design
 * document's section 5: BERT plus a sequence-classification head). Class-weighted binary cross-entropy copes with few
 * anomalies; a share of the masked-event loss is kept while fine-tuning so the encoder keeps the grammar it learnt (and
 * explanations keep meaning). The score is P(anomalous): the sigmoid of the largest window logit of the sequence.
 */
public final class TransformerClassifierDetector implements Detector<TransformerClassifierDetector.Config> {

    public static final String NAME = "transformer-clf";
    /** Fit needs at least this many rows labelled 1 and as many labelled 0. */
    static final int MIN_LABELS = 2;

    /**
     * Pre-training settings as for {@code transformer-mlm} (see {@link EncoderSettings}), then fine-tuning.
     *
     * @param fineTuneEpochs       epochs over the labelled rows
     * @param fineTuneLearningRate peak AdamW learning rate of fine-tuning
     */
    public record Config(int width, int layers, int heads, double dropout, int window, int overlap, Objective objective,
                         double maskRate, int scoreGroups, double sessionMaskShare, int sessionGroups, int epochs,
                         int batchSize, double learningRate, double weightDecay, double warmupFraction, int patience,
                         double validationFraction,
                         int maxTrainEvents, int topCategories, int categoryHashBuckets, int fineTuneEpochs,
                         double fineTuneLearningRate, long seed) {
        public Config {
            new EncoderSettings(width, layers, heads, dropout, window, overlap, objective, maskRate, scoreGroups,
                    sessionMaskShare, sessionGroups, epochs, batchSize, learningRate, weightDecay, warmupFraction,
                    patience, validationFraction, maxTrainEvents, topCategories, categoryHashBuckets);
            EncoderSettings.atLeast("fineTuneEpochs", fineTuneEpochs, 1);
            if (!(fineTuneLearningRate > 0) || !Double.isFinite(fineTuneLearningRate)) {
                throw new IllegalArgumentException("parameter 'fineTuneLearningRate' must be a positive number, got "
                        + fineTuneLearningRate);
            }
        }

        public static Config defaults(long seed) {
            TransformerMlmDetector.Config m = TransformerMlmDetector.Config.defaults(seed);
            return new Config(m.width(), m.layers(), m.heads(), m.dropout(), m.window(), m.overlap(), m.objective(),
                    m.maskRate(), m.scoreGroups(), m.sessionMaskShare(), m.sessionGroups(), m.epochs(), m.batchSize(),
                    m.learningRate(), m.weightDecay(),
                    m.warmupFraction(), m.patience(), m.validationFraction(), m.maxTrainEvents(), m.topCategories(),
                    m.categoryHashBuckets(), 10, 1e-3, seed);
        }

        @JsonIgnore
        EncoderSettings encoder() {
            return new EncoderSettings(width, layers, heads, dropout, window, overlap, objective, maskRate, scoreGroups,
                    sessionMaskShare, sessionGroups, epochs, batchSize, learningRate, weightDecay, warmupFraction,
                    patience, validationFraction, maxTrainEvents, topCategories, categoryHashBuckets);
        }
    }

    /**
     * A fitted classifier.
     *
     * @param pretraining  what pre-training did
     * @param labelledRows rows fine-tuned on
     * @param fineTuneLoss class-weighted cross-entropy of the last fine-tuning epoch
     */
    public record FittedTransformerClassifier(Provenance provenance, Config config, String vocabulary, byte[] weights,
                                              TransformerMlmDetector.Training pretraining, int labelledRows,
                                              double fineTuneLoss) implements FittedDetector {
        /**
         * Sequences per forward call. One: a forward call then holds only the row's own windows, so a row's score never
         * depends on the rows scored with it (float32 kernels round differently for other batch shapes: measured
         * differences of 1e-8 when rows shared a batch). Costs no throughput here (see {@code TransformerBenchmark}).
         */
        static final int BATCH_SEQUENCES = 1;

        @Override
        public double[] score(DetectionData data) {
            DataChecks.requireSequences(data, NAME);
            return new ClassifierScorer(live(), config.encoder()).probabilities(data.sequences(), BATCH_SEQUENCES);
        }

        /** The probability, and the events the fine-tuned language model finds most surprising. */
        @Override
        public Explanation explain(DetectionData data, int row) {
            DataChecks.requireSequences(data, NAME);
            Sequence s = data.sequences().get(row);
            NetworkCache.Live live = live();
            double p = new ClassifierScorer(live, config.encoder()).probabilities(List.of(s), 1)[0];
            return LanguageModel.explain(live, config.encoder(), s, p);
        }

        private NetworkCache.Live live() {
            return LanguageModel.live(weights, config.encoder(), vocabulary);
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "Transformer language model fine-tuned on labelled users; P(anomalous) from [CLS]",
                Family.DEEP, Set.of(Capability.NEEDS_LABELS, Capability.NEEDS_SEQUENCES, Capability.OPT_IN));
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return FittedTransformerClassifier.class;
    }

    @Override
    public FittedDetector fit(DetectionData data, Config config) {
        DataChecks.requireSequences(data, NAME);
        DataChecks.requireLabels(data, MIN_LABELS, NAME);
        EncoderSettings s = config.encoder();
        synchronized (NetworkTrainer.LOCK) {
            try (NDManager manager = LanguageModel.newManager()) {
                LanguageModel.Pretrained p = LanguageModel.pretrain(data.sequences(), s, config.seed(), manager);
                List<List<int[]>> labelled = new ArrayList<>();
                List<Integer> labels = new ArrayList<>();
                for (int r = 0; r < data.size(); r++) {
                    int l = data.labels()[r];
                    if (l == 0 || l == 1) {
                        labelled.add(LanguageModel.windows(p.parts(), data.sequences().get(r), s));
                        labels.add(l);
                    }
                }
                double loss = p.trainer().fineTune(labelled, labels.stream().mapToInt(Integer::intValue).toArray(),
                        config.fineTuneEpochs(), config.fineTuneLearningRate(), config.seed());
                return new FittedTransformerClassifier(Provenance.of(NAME, config, data, config.seed()), config,
                        LanguageModel.text(p.parts().vocabulary()), LanguageModel.weights(p.net()),
                        TransformerMlmDetector.Training.of(p.summary()), labelled.size(), loss);
            }
        }
    }
}

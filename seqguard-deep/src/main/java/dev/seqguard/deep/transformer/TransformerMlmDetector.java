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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A behaviour language model: a small Transformer encoder over event tokens (behaviour &times; category bucket &times;
 * time-gap bucket, from {@code dev.seqguard.core.token}), pre-trained self-supervised on the users' own sequences by
 * masked-event prediction (BERT-style; optionally next-event prediction). An event's score is its surprise given its
 * context, {@code -log p(event | context)}, or, when larger, the mean surprise of its session's events with the whole
 * session hidden (a session the user's other sessions do not explain, such as a takeover burst whose events explain
 * each other); the category head copies from the visible events (pointer-generator), so a category foreign to the
 * user is surprising even when it is common overall. A sequence's score aggregates event scores
 * ({@link SequenceScore}); an explanation lists the most surprising events with what the model expected instead. After
 * Devlin et al., "BERT" (NAACL 2019), Guo et al., "LogBERT: Log Anomaly Detection via BERT" (IJCNN 2021), Joshi et
 * al., "SpanBERT" (TACL 2020) and See et al., "Get To The Point" (ACL 2017).
 *
 * <p>Fitting needs PyTorch natives (DJL, CPU) and runs one training at a time per process. Long histories are cut
 * into overlapping windows; categories outside the vocabulary share hash buckets, so unseen ones still get a token.
 */
public final class TransformerMlmDetector implements Detector<TransformerMlmDetector.Config> {

    public static final String NAME = "transformer-mlm";

    /** How event surprises become a sequence score. */
    public enum SequenceScore {
        /** Mean surprise per event. */
        MEAN,
        /** Mean of the {@code topK} largest surprises: a short odd stretch inside a long normal history counts. */
        TOP_K_MEAN,
        /** Share of events whose true token is not among the model's {@code topG} most likely ones (LogBERT). */
        OUTSIDE_TOP_G,
        /**
         * Distance of the mean surprise from its typical value on held-out users, either way: a bot repeating one
         * action at one pace is too predictable, which the mean alone scores as normal (Nalisnick et al., "Detecting
         * Out-of-Distribution Inputs to Deep Generative Models Using Typicality", 2019).
         */
        TYPICALITY
    }

    /**
     * The model and training settings (see {@link EncoderSettings} for each) and the sequence aggregate.
     *
     * @param topK the k of {@link SequenceScore#TOP_K_MEAN}
     * @param topG the g of {@link SequenceScore#OUTSIDE_TOP_G}
     */
    public record Config(int width, int layers, int heads, double dropout, int window, int overlap, Objective objective,
                         double maskRate, int scoreGroups, double sessionMaskShare, int sessionGroups, int epochs,
                         int batchSize, double learningRate, double weightDecay, double warmupFraction, int patience,
                         double validationFraction,
                         int maxTrainEvents, int topCategories, int categoryHashBuckets, SequenceScore sequenceScore,
                         int topK, int topG, long seed) {
        public Config {
            encoder(width, layers, heads, dropout, window, overlap, objective, maskRate, scoreGroups, sessionMaskShare,
                    sessionGroups, epochs, batchSize, learningRate, weightDecay, warmupFraction, patience,
                    validationFraction, maxTrainEvents, topCategories, categoryHashBuckets);
            if (sequenceScore == null) {
                throw new IllegalArgumentException("parameter 'sequenceScore' must be one of "
                        + Arrays.toString(SequenceScore.values()));
            }
            EncoderSettings.atLeast("topK", topK, 1);
            EncoderSettings.atLeast("topG", topG, 1);
        }

        public static Config defaults(long seed) {
            // learning rate 2e-3, 8 epochs: 3e-3 diverged now and then once the copy head made attention sharp
            return new Config(64, 2, 4, 0.1, 64, 16, Objective.MASKED_EVENT, 0.15, 4, 0.0, 4, 8, 16, 2e-3, 0.01, 0.1,
                    2, 0.1, 200_000, 200, 32, SequenceScore.TYPICALITY, 5, 10, seed);
        }

        @JsonIgnore
        EncoderSettings encoder() {
            return encoder(width, layers, heads, dropout, window, overlap, objective, maskRate, scoreGroups,
                    sessionMaskShare, sessionGroups, epochs, batchSize, learningRate, weightDecay, warmupFraction,
                    patience, validationFraction, maxTrainEvents, topCategories, categoryHashBuckets);
        }

        private static EncoderSettings encoder(int width, int layers, int heads, double dropout, int window, int
                                               overlap, Objective objective, double maskRate, int scoreGroups, double
                                               sessionMaskShare, int sessionGroups, int epochs, int batchSize, double
                                               learningRate, double weightDecay, double warmupFraction, int patience,
                                               double validationFraction, int maxTrainEvents, int topCategories, int
                                               categoryHashBuckets) {
            return new EncoderSettings(width, layers, heads, dropout, window, overlap, objective, maskRate, scoreGroups,
                    sessionMaskShare, sessionGroups, epochs, batchSize, learningRate, weightDecay, warmupFraction,
                    patience, validationFraction, maxTrainEvents, topCategories, categoryHashBuckets);
        }
    }

    /**
     * What pre-training did.
     *
     * @param epochs         epochs run
     * @param bestEpoch      the epoch whose weights were kept (lowest validation loss)
     * @param trainLoss      mean training loss of the last epoch, nats per predicted event
     * @param validationLoss the kept epoch's validation loss, or -1 when no users were held out
     */
    public record Training(int epochs, int bestEpoch, double trainLoss, double validationLoss, int trainWindows,
                           int validationWindows) {
        static Training of(NetworkTrainer.Summary s) {
            return new Training(s.epochs(), s.bestEpoch(), s.trainLoss(),
                    Double.isNaN(s.validationLoss()) ? -1 : s.validationLoss(), s.trainWindows(), s.validationWindows());
        }
    }

    /**
     * A fitted behaviour language model: the whole learned state, JSON-serialisable. The network is rebuilt from
     * {@code weights} on first use and shared by later calls (thread-safe).
     *
     * @param vocabulary the token vocabulary in its text form ({@code Vocabulary.write})
     * @param weights    the network's parameters ({@code BlockWeights})
     * @param typicalSurprise mean over held-out users of their mean event surprise
     */
    public record FittedTransformerMlm(Provenance provenance, Config config, String vocabulary, byte[] weights,
                                       Training training, double typicalSurprise) implements FittedDetector {

        /**
         * Sequences per forward call. One: a forward call then holds only the row's own windows, so a row's score never
         * depends on the rows scored with it (float32 kernels round differently for other batch shapes: measured
         * differences of 1e-8 when rows shared a batch). Costs no throughput here (see {@code TransformerBenchmark}).
         */
        static final int BATCH_SEQUENCES = 1;

        @Override
        public double[] score(DetectionData data) {
            List<SurpriseScorer.Predictions> p = predictions(data, BATCH_SEQUENCES);
            double[] out = new double[p.size()];
            for (int r = 0; r < out.length; r++) {
                out[r] = aggregate(p.get(r));
            }
            return out;
        }

        @Override
        public Optional<double[][]> scoreEvents(DetectionData data) {
            return Optional.of(predictions(data, BATCH_SEQUENCES).stream().map(SurpriseScorer.Predictions::surprise)
                    .toArray(double[][]::new));
        }

        /** The most surprising events, each with the model's top expected alternatives; weights in nats. */
        @Override
        public Explanation explain(DetectionData data, int row) {
            DataChecks.requireSequences(data, NAME);
            Sequence s = data.sequences().get(row);
            NetworkCache.Live live = live();
            double score = aggregate(LanguageModel.scorer(live, config.encoder()).score(List.of(s), 1, false).get(0));
            return LanguageModel.explain(live, config.encoder(), s, score);
        }

        /** Per-event predictions for each row, forwarding {@code batchSequences} sequences at a time. */
        public List<double[]> surprises(List<Sequence> sequences, int batchSequences) {
            return LanguageModel.scorer(live(), config.encoder()).score(sequences, batchSequences, false).stream()
                    .map(SurpriseScorer.Predictions::surprise).toList();
        }

        private List<SurpriseScorer.Predictions> predictions(DetectionData data, int batch) {
            DataChecks.requireSequences(data, NAME);
            return LanguageModel.scorer(live(), config.encoder()).score(data.sequences(), batch, false);
        }

        private NetworkCache.Live live() {
            return LanguageModel.live(weights, config.encoder(), vocabulary);
        }

        double aggregate(SurpriseScorer.Predictions p) {
            return aggregate(p, config.sequenceScore());
        }

        double aggregate(SurpriseScorer.Predictions p, SequenceScore how) {
            double[] s = p.surprise();
            return switch (how) {
                case MEAN -> Arrays.stream(s).average().orElse(0);
                case TOP_K_MEAN -> topKMean(s, config.topK());
                case OUTSIDE_TOP_G -> Arrays.stream(p.rank()).filter(r -> r >= config.topG()).count() / (double) s.length;
                case TYPICALITY -> Math.abs(Arrays.stream(s).average().orElse(0) - typicalSurprise);
            };
        }

        static double topKMean(double[] values, int k) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int m = Math.min(k, sorted.length);
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += sorted[sorted.length - 1 - i];
            }
            return sum / m;
        }
    }

    @Override
    public DetectorInfo info() {
        return new DetectorInfo(NAME, "Transformer behaviour language model (masked-event pre-training); surprise per event",
                Family.DEEP, Set.of(Capability.NEEDS_SEQUENCES, Capability.EVENT_SCORES,
                Capability.OPT_IN));
    }

    @Override
    public Config config(Map<String, String> params, long seed) {
        return Configs.parse(Config.defaults(seed), params);
    }

    @Override
    public Class<? extends FittedDetector> fittedType() {
        return FittedTransformerMlm.class;
    }

    @Override
    public FittedDetector fit(DetectionData data, Config config) {
        DataChecks.requireSequences(data, NAME);
        EncoderSettings s = config.encoder();
        synchronized (NetworkTrainer.LOCK) {
            try (NDManager manager = LanguageModel.newManager()) {
                LanguageModel.Pretrained p = LanguageModel.pretrain(data.sequences(), s, config.seed(), manager);
                return new FittedTransformerMlm(Provenance.of(NAME, config, data, config.seed()), config,
                        LanguageModel.text(p.parts().vocabulary()), LanguageModel.weights(p.net()),
                        Training.of(p.summary()), LanguageModel.typicalSurprise(p, s, manager));
            }
        }
    }
}

package dev.seqguard.deep.transformer;

import dev.seqguard.core.token.VocabularyOptions;

/**
 * The settings of the behaviour language model and its pre-training, shared by {@code transformer-mlm} and
 * {@code transformer-clf} (whose config records carry them as flat, text-settable components). Validated here, once, so
 * both configs reject the same bad values with the same messages.
 *
 * @param width               embedding and hidden width; a multiple of {@code heads}
 * @param layers              Transformer encoder layers
 * @param heads               attention heads per layer
 * @param dropout             dropout rate on embeddings, attention and feed-forward outputs, in [0, 1)
 * @param window              events per window; longer sequences are cut into overlapping windows
 * @param overlap             events shared by consecutive windows, in [0, window / 2]
 * @param objective           masked-event or next-event prediction
 * @param maskRate            share of events hidden per training window (masked objective), in (0, 0.5]
 * @param scoreGroups         scoring hides every {@code scoreGroups}-th event per pass, so each window takes that
 *                            many passes (masked objective)
 * @param sessionMaskShare    share of the training windows (of two sessions or more) that hide whole sessions instead
 *                            of random events, in [0, 1] (masked objective). Default 0, by measurement: the model then
 *                            learns that a new session often brings new categories, and a foreign session looks less
 *                            odd (Taobao sample, takeover event ROC-AUC 0.87 with 0.5, 0.94 with 0; session-hidden
 *                            scoring in both)
 * @param sessionGroups       scoring hides every {@code sessionGroups}-th session of a window per pass (and training
 *                            one such group), so each window takes that many more passes (masked objective)
 * @param epochs              at most this many pre-training epochs
 * @param batchSize           windows per optimiser step
 * @param learningRate        peak AdamW learning rate
 * @param weightDecay         AdamW decoupled weight decay
 * @param warmupFraction      share of the steps with a linearly rising learning rate, in [0, 0.5]; cosine decay after
 * @param patience            stop after this many epochs without a better validation loss
 * @param validationFraction  share of the sequences (users) held out for early stopping, in [0, 0.5]
 * @param maxTrainEvents      train on a seeded sample of sequences holding at most about this many events
 * @param topCategories       categories named in the vocabulary; the rest share hash buckets
 * @param categoryHashBuckets hash buckets for the other categories (and for categories first seen when scoring)
 */
record EncoderSettings(int width, int layers, int heads, double dropout, int window, int overlap, Objective objective,
                       double maskRate, int scoreGroups, double sessionMaskShare, int sessionGroups, int epochs,
                       int batchSize, double learningRate, double weightDecay, double warmupFraction, int patience,
                       double validationFraction, int maxTrainEvents, int topCategories, int categoryHashBuckets) {

    EncoderSettings {
        atLeast("width", width, 4);
        atLeast("layers", layers, 1);
        atLeast("heads", heads, 1);
        if (width % heads != 0) {
            throw new IllegalArgumentException("parameter 'width' must be a multiple of heads=" + heads + ", got " + width);
        }
        within("dropout", dropout, 0, 1, false);
        atLeast("window", window, 2);
        if (overlap < 0 || overlap > window / 2) {
            throw new IllegalArgumentException("parameter 'overlap' must be in [0, window/2 = " + window / 2 + "], got "
                    + overlap);
        }
        if (objective == null) {
            throw new IllegalArgumentException("parameter 'objective' must be one of MASKED_EVENT, NEXT_EVENT");
        }
        if (!(maskRate > 0 && maskRate <= 0.5)) {
            throw new IllegalArgumentException("parameter 'maskRate' must be in (0, 0.5], got " + maskRate);
        }
        atLeast("scoreGroups", scoreGroups, 1);
        within("sessionMaskShare", sessionMaskShare, 0, 1, true);
        atLeast("sessionGroups", sessionGroups, 1);
        atLeast("epochs", epochs, 1);
        atLeast("batchSize", batchSize, 1);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("parameter 'learningRate' must be a positive number, got " + learningRate);
        }
        within("weightDecay", weightDecay, 0, 1, true);
        within("warmupFraction", warmupFraction, 0, 0.5, true);
        atLeast("patience", patience, 1);
        within("validationFraction", validationFraction, 0, 0.5, true);
        atLeast("maxTrainEvents", maxTrainEvents, 1);
        atLeast("topCategories", topCategories, 0);
        atLeast("categoryHashBuckets", categoryHashBuckets, 1);
    }

    VocabularyOptions vocabularyOptions() {
        // Items are not embedded: item ids are too sparse for a model fitted on one data set, and the anomalies the
        // model is for (takeovers, misclicks) show in behaviour, category and pace.
        return new VocabularyOptions(topCategories, categoryHashBuckets, 0, 1);
    }

    /** Events between the starts of consecutive windows. */
    int stride() {
        return window - overlap;
    }

    static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("parameter '" + name + "' must be at least " + min + ", got " + value);
        }
    }

    static void within(String name, double value, double lo, double hi, boolean hiInclusive) {
        if (!(value >= lo) || !(hiInclusive ? value <= hi : value < hi)) {
            throw new IllegalArgumentException("parameter '" + name + "' must be in [" + lo + ", " + hi
                    + (hiInclusive ? "]" : ")") + ", got " + value);
        }
    }
}

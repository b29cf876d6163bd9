package dev.seqguard.core.features;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes the {@link SequenceFeature} vector of sequences. Group signals (item popularity, co-visitation, shared
 * purchases) come from a {@link FeatureContext} built from the whole batch, typically
 * {@code FeatureContext.ofSequences(sequences)}.
 *
 * <p>Each vector is produced by feeding the sequence to a fresh {@link FeatureAccumulator}, so batch and incremental
 * (streaming) features agree by construction.
 */
public final class SequenceFeatureExtractor {
    private final FeatureOptions options;

    public SequenceFeatureExtractor(FeatureOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SequenceFeatureExtractor() {
        this(FeatureOptions.defaults());
    }

    public FeatureOptions options() {
        return options;
    }

    /** Column names, in column order. */
    public List<String> names() {
        return SequenceFeature.names();
    }

    /** A fresh accumulator with this extractor's options, for scoring one user's events as they arrive. */
    public FeatureAccumulator newAccumulator() {
        return new FeatureAccumulator(options);
    }

    /** The feature vector of one sequence. */
    public double[] features(Sequence sequence, FeatureContext context) {
        Objects.requireNonNull(sequence, "sequence");
        FeatureAccumulator acc = newAccumulator();
        for (BehaviorEvent e : sequence.events()) {
            acc.update(e);
        }
        return acc.features(context);
    }

    /** One row per sequence, in the given order; row ids are the sequence ids. */
    public FeatureMatrix extract(List<Sequence> sequences, FeatureContext context) {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(context, "context");
        double[][] values = new double[sequences.size()][];
        List<String> ids = new ArrayList<>(sequences.size());
        for (int r = 0; r < values.length; r++) {
            Sequence s = sequences.get(r);
            values[r] = features(s, context);
            ids.add(s.id());
        }
        return new FeatureMatrix(names(), ids, values);
    }
}

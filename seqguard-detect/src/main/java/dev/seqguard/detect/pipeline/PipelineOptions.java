package dev.seqguard.detect.pipeline;

import dev.seqguard.core.features.FeatureOptions;
import dev.seqguard.core.seq.SequenceOptions;
import java.util.Objects;

/** How events become scored units: sequencing and feature options, saved with every model. */
public record PipelineOptions(SequenceOptions sequences, FeatureOptions features) {
    public PipelineOptions {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(features, "features");
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(SequenceOptions.defaults(), FeatureOptions.defaults());
    }
}

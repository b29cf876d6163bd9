package dev.seqguard.detect.pipeline;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.SequenceBuilder;
import java.util.List;

/** Sequencing and feature extraction: the one place every verb, the service and the stream job prepare data. */
public final class Preparation {
    private final PipelineOptions options;
    private final SequenceBuilder builder;
    private final SequenceFeatureExtractor extractor;

    public Preparation(PipelineOptions options) {
        this.options = options;
        this.builder = new SequenceBuilder(options.sequences());
        this.extractor = new SequenceFeatureExtractor(options.features());
    }

    public PipelineOptions options() {
        return options;
    }

    public List<String> featureNames() {
        return extractor.names();
    }

    public PreparedData prepare(List<BehaviorEvent> events) {
        List<Sequence> sequences = builder.build(events);
        FeatureContext context = FeatureContext.ofSequences(sequences);
        return new PreparedData(sequences, context, extractor.extract(sequences, context));
    }
}

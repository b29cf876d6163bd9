package dev.seqguard.detect.pipeline;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.api.DetectionData;
import java.util.List;

/**
 * Events turned into scored units: the sequences, the batch context their group features came from, and the
 * feature rows (row id = sequence id).
 */
public record PreparedData(List<Sequence> sequences, FeatureContext context, FeatureMatrix features) {
    public PreparedData {
        sequences = List.copyOf(sequences);
    }

    public DetectionData detectionData(int[] labels) {
        return new DetectionData(features, sequences, labels);
    }

    public List<String> userIds() {
        return sequences.stream().map(Sequence::userId).toList();
    }

    public long events() {
        return sequences.stream().mapToLong(Sequence::length).sum();
    }
}

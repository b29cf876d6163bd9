package dev.seqguard.detect.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Fitted detectors held by a composite detector, saved as their own versioned envelopes. */
final class MemberModels {
    private MemberModels() {
    }

    static List<JsonNode> toJson(List<FittedDetector> members) {
        return members.stream().map(ModelIO::toJson).toList();
    }

    static List<FittedDetector> fromJson(List<JsonNode> members) {
        List<FittedDetector> restored = new ArrayList<>();
        for (JsonNode m : members) {
            try {
                restored.add(DetectorRegistry.load(m));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return restored;
    }
}

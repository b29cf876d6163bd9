package dev.seqguard.eval.output;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import java.util.Map;
import java.util.Optional;

/**
 * Who scores individual events: the selected detector when it can; otherwise a companion {@code hmm} fitted on the
 * same data (event score = the event's surprise under the behaviour chain model), so that every accepted event gets
 * a score whatever detector won.
 */
public final class EventScoring {
    public static final String COMPANION = "hmm";

    private EventScoring() {
    }

    /** The companion detector to fit, or empty when the selected one scores events or there are no sequences. */
    public static Optional<FittedDetector> companionFor(FittedDetector selected, DetectionData data, long seed) {
        if (!data.hasSequences() || selected.scoreEvents(data.select(new int[] {0}).withoutLabels()).isPresent()) {
            return Optional.empty();
        }
        if (!DetectorRegistry.get(COMPANION).info().has(Capability.EVENT_SCORES)) {
            return Optional.empty();
        }
        return Optional.of(DetectorRegistry.fit(COMPANION, data.withoutLabels(), Map.of(), seed));
    }

    /** Event scores from the selected detector or, failing that, the companion; null when neither can. */
    public static double[][] score(FittedDetector selected, FittedDetector companion, DetectionData data) {
        DetectionData d = data.withoutLabels();
        Optional<double[][]> own = selected.scoreEvents(d);
        if (own.isPresent()) {
            return own.get();
        }
        return companion == null ? null : companion.scoreEvents(d).orElse(null);
    }
}

package dev.seqguard.detect.api;

import dev.seqguard.core.model.BehaviorEvent;

/**
 * Online scoring: each event is scored against the state so far, then folded into it. Not thread-safe;
 * one instance per key (user) or external synchronisation.
 */
public interface StreamingDetector {

    /** Scores the event, then updates the state with it. */
    StreamScore process(BehaviorEvent event);

    /**
     * @param score    the event's anomaly score, higher = more anomalous; {@link Double#NaN} while not warmed up
     * @param warmedUp false while the state is too young to judge (the score then means nothing)
     */
    record StreamScore(double score, boolean warmedUp) {
        public static StreamScore warmingUp() {
            return new StreamScore(Double.NaN, false);
        }
    }
}

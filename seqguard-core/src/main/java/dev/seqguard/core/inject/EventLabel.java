package dev.seqguard.core.inject;

import dev.seqguard.core.model.BehaviorEvent;

import java.util.Objects;

/**
 * Ground truth for one injected event: the event as it appears in the output, and the anomaly that produced it.
 */
public record EventLabel(BehaviorEvent event, AnomalyType type) {
    public EventLabel {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(type, "type");
    }
}

package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

import java.util.List;
import java.util.Objects;

/**
 * Accepted events in input order, with the run summary; from {@link EventReader#readAll}.
 *
 * @param events  the accepted events, unmodifiable
 * @param summary counts and windows of the run
 */
public record IngestResult(List<BehaviorEvent> events, IngestSummary summary) {
    public IngestResult {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(summary, "summary");
        if (events.size() != summary.accepted()) {
            throw new IllegalArgumentException(events.size() + " events but summary says " + summary.accepted()
                    + " accepted");
        }
    }
}

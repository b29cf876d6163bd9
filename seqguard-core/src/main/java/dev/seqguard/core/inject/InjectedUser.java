package dev.seqguard.core.inject;

import dev.seqguard.core.model.BehaviorEvent;

import java.util.List;

/**
 * One anomalous user produced by a generator and the events injected for them (for an existing user, only the added
 * events; their real history stays as it was).
 */
record InjectedUser(String userId, AnomalyType type, List<BehaviorEvent> events) {
    InjectedUser {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalStateException(type.code() + " produced no events for user " + userId);
        }
    }
}

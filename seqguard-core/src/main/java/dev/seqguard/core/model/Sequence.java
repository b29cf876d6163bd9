package dev.seqguard.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The unit that gets a score: a user's whole history, or one session of it, ordered by time.
 *
 * @param id     {@code userId} for user sequences, {@code userId#n} for the n-th session of a user
 * @param userId the account the events belong to
 * @param events the events, ordered by time (ties keep input order); never empty
 */
public record Sequence(String id, String userId, List<BehaviorEvent> events) {
    public Sequence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("sequence " + id + " has no events");
        }
    }

    public int length() {
        return events.size();
    }

    public long startMillis() {
        return events.get(0).timeMillis();
    }

    public long endMillis() {
        return events.get(events.size() - 1).timeMillis();
    }
}

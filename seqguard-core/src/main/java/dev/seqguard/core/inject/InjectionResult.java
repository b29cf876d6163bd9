package dev.seqguard.core.inject;

import dev.seqguard.core.model.BehaviorEvent;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real traffic with anomalies planted in it, and the ground truth.
 *
 * @param events      real and injected events, ordered by time; events with equal times keep input order, real
 *                    events before injected ones
 * @param userLabels  one label per user, real and injected, in user-id order (numeric ids numerically)
 * @param eventLabels one label per injected event, in the order of {@code events}; real events have none
 * @param targets     items promoted by the injected attacks, each with the type that promoted it
 */
public record InjectionResult(List<BehaviorEvent> events, List<UserLabel> userLabels, List<EventLabel> eventLabels,
                              List<TargetItem> targets) {

    public InjectionResult {
        events = List.copyOf(events);
        userLabels = List.copyOf(userLabels);
        eventLabels = List.copyOf(eventLabels);
        targets = List.copyOf(targets);
    }

    /** Labels keyed by user id, in {@link #userLabels()} order. */
    public Map<String, UserLabel> labelsByUser() {
        Map<String, UserLabel> byUser = new LinkedHashMap<>();
        userLabels.forEach(label -> byUser.put(label.userId(), label));
        return byUser;
    }

    public long anomalousUserCount() {
        return userLabels.stream().filter(UserLabel::anomalous).count();
    }

    /** Anomalous users per type, for every type present. */
    public Map<AnomalyType, Integer> anomalousUsersByType() {
        Map<AnomalyType, Integer> counts = new EnumMap<>(AnomalyType.class);
        userLabels.stream().filter(UserLabel::anomalous).forEach(label -> counts.merge(label.type(), 1, Integer::sum));
        return counts;
    }
}

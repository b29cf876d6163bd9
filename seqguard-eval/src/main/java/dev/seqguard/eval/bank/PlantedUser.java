package dev.seqguard.eval.bank;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.List;

/** One new account a bank generator planted, with every event it made. */
record PlantedUser(String userId, BankKind kind, List<BehaviorEvent> events) {
    PlantedUser {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalStateException(kind.code() + " planted no events for " + userId);
        }
    }
}

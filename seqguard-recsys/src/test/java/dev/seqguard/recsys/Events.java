package dev.seqguard.recsys;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

/** Hand-built events for tests: {@code ev("u1", "A", "c1", "buy", 10)} (time in seconds). */
public final class Events {
    private Events() {
    }

    public static BehaviorEvent ev(String user, String item, String category, String action, long seconds) {
        return new BehaviorEvent(user, item, category, Action.parse(action).orElseThrow(), seconds * 1000);
    }
}

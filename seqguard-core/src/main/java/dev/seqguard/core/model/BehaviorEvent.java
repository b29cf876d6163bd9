package dev.seqguard.core.model;

import java.util.Objects;

/**
 * One normalised behaviour event, whatever layout it came from.
 *
 * @param userId     the account (or, for session-only layouts, the session) the event belongs to
 * @param itemId     the item touched; for a search without an item, the empty string
 * @param categoryId the item's category, or the empty string when the layout has none
 * @param action     what the user did
 * @param timeMillis event time, milliseconds since the Unix epoch (UTC)
 * @param extras     optional layout-specific fields, never {@code null}
 */
public record BehaviorEvent(String userId, String itemId, String categoryId, Action action, long timeMillis,
                            EventExtras extras) {

    public BehaviorEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(categoryId, "categoryId");
        Objects.requireNonNull(action, "action");
        extras = extras == null ? EventExtras.NONE : extras;
    }

    public BehaviorEvent(String userId, String itemId, String categoryId, Action action, long timeMillis) {
        this(userId, itemId, categoryId, action, timeMillis, EventExtras.NONE);
    }

    public long epochSeconds() {
        return Math.floorDiv(timeMillis, 1000L);
    }

    public BehaviorEvent withUser(String newUserId) {
        return new BehaviorEvent(newUserId, itemId, categoryId, action, timeMillis, extras);
    }
}

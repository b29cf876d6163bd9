package dev.seqguard.server;

/**
 * A flag as committed to the database and returned by {@code GET /v1/flags}.
 *
 * @param flagId      increasing id (the order flags were committed in)
 * @param timeMillis  the flagged event's time
 * @param flaggedAt   when the service committed it (ISO-8601 UTC)
 * @param decision    {@code event} (the history up to this event crossed) or {@code idle} (the user's whole history,
 *                    judged when they went idle; the event is their last)
 */
public record StoredFlag(long flagId, String userId, String itemId, long timeMillis, double score, String detector,
                         String explanation, String flaggedAt, String decision) {
}

package dev.seqguard.serving;

import dev.seqguard.core.model.BehaviorEvent;

/**
 * One event as the streaming path judged it.
 *
 * @param event       the event (user id already masked when the service masks ids)
 * @param score       the user's score after this event; {@link Double#NaN} while warming up
 * @param warmingUp   the user's state (or an online model) is too young to judge; never flagged then
 * @param flag        score &gt;= the model's threshold
 * @param explanation the strongest reasons, e.g. {@code n_buy=41 (9.2), gap_cv=0.02 (5.4)}; {@code null} unless flagged
 * @param idleBefore  the user came back after going idle and their history before this event was flagged whole
 *                    ({@link ScoringEngine#advanceTo}); {@code null} otherwise
 */
public record ScoredEvent(BehaviorEvent event, double score, boolean warmingUp, boolean flag, String explanation,
                          ScoringEngine.IdleFlag idleBefore) {
    public ScoredEvent {
        if (flag && (warmingUp || explanation == null)) {
            throw new IllegalArgumentException("a flag needs a warmed-up score and an explanation");
        }
    }
}

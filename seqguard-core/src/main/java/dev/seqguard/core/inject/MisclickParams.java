package dev.seqguard.core.inject;

/**
 * Accidental clicks: an existing user, in the middle of a normal session, opens (or, rarely, carts) an item from a
 * category they never shop in and leaves it within seconds. Event-level noise, not a bad actor.
 *
 * @param events          accidental events per user, each placed in a different gap of the user's sessions
 * @param cartProbability chance that an accidental event is a cart rather than a view
 * @param dwellSeconds    seconds between the accidental event and the user's next real event
 * @param maxGapMinutes   only gaps shorter than this (inside a session) receive an accidental event
 * @param minHistory      real events a user must have to be chosen
 */
public record MisclickParams(IntRange events, double cartProbability, IntRange dwellSeconds, double maxGapMinutes,
                             int minHistory) {

    public MisclickParams {
        events.requireAtLeast("misclick.events", 1);
        ParamReader.requireProbability("misclick.cartProbability", cartProbability);
        dwellSeconds.requireAtLeast("misclick.dwellSeconds", 1);
        if (!(maxGapMinutes > 0) || !Double.isFinite(maxGapMinutes)) {
            throw new IllegalArgumentException("misclick.maxGapMinutes must be a positive number, got " + maxGapMinutes);
        }
        if (minHistory < 2) {
            throw new IllegalArgumentException("misclick.minHistory must be at least 2, got " + minHistory);
        }
    }

    public static MisclickParams defaults() {
        return new MisclickParams(new IntRange(1, 3), 0.15, new IntRange(1, 3), 30, 10);
    }

    static MisclickParams read(ParamReader in, MisclickParams base) {
        return new MisclickParams(in.intRange("events", base.events),
                in.probability("cartProbability", base.cartProbability),
                in.intRange("dwellSeconds", base.dwellSeconds), in.number("maxGapMinutes", base.maxGapMinutes),
                in.integer("minHistory", base.minHistory));
    }
}

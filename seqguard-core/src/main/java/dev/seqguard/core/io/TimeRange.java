package dev.seqguard.core.io;

import java.time.Instant;

/**
 * A half-open interval of event times, {@code [fromMillis, untilMillis)}, in milliseconds since the Unix epoch.
 *
 * @param fromMillis  first accepted millisecond
 * @param untilMillis first millisecond no longer accepted; greater than {@code fromMillis}
 */
public record TimeRange(long fromMillis, long untilMillis) {
    public TimeRange {
        if (untilMillis <= fromMillis) {
            throw new IllegalArgumentException("time range is empty: from " + Instant.ofEpochMilli(fromMillis)
                    + " until " + Instant.ofEpochMilli(untilMillis));
        }
    }

    public boolean contains(long millis) {
        return millis >= fromMillis && millis < untilMillis;
    }

    /** The overlap of the two ranges; throws when they do not overlap. */
    public TimeRange intersect(TimeRange other) {
        long from = Math.max(fromMillis, other.fromMillis);
        long until = Math.min(untilMillis, other.untilMillis);
        if (until <= from) {
            throw new IllegalArgumentException("time ranges " + this + " and " + other + " do not overlap");
        }
        return new TimeRange(from, until);
    }

    @Override
    public String toString() {
        return Instant.ofEpochMilli(fromMillis) + ".." + Instant.ofEpochMilli(untilMillis);
    }
}

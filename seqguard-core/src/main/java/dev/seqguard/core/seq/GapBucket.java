package dev.seqguard.core.seq;

/**
 * Log-scale bucket of the time since the previous event of the same sequence. Shared by features (gap entropy) and
 * event tokens, so both see the same notion of "fast" and "slow".
 */
public enum GapBucket {
    FIRST("first"),
    UNDER_1S("<1s"),
    UNDER_10S("<10s"),
    UNDER_1MIN("<1min"),
    UNDER_10MIN("<10min"),
    UNDER_1H("<1h"),
    UNDER_1D("<1d"),
    DAY_OR_MORE(">=1d");

    private static final GapBucket[] VALUES = values();
    private final String label;

    GapBucket(String label) {
        this.label = label;
    }

    /** Short label used in token strings, e.g. {@code <10s}. */
    public String label() {
        return label;
    }

    /** The bucket of a gap between two events; {@code gapMillis} must not be negative. */
    public static GapBucket of(long gapMillis) {
        if (gapMillis < 0) {
            throw new IllegalArgumentException("gapMillis must not be negative, got " + gapMillis);
        }
        if (gapMillis < 1_000L) {
            return UNDER_1S;
        }
        if (gapMillis < 10_000L) {
            return UNDER_10S;
        }
        if (gapMillis < 60_000L) {
            return UNDER_1MIN;
        }
        if (gapMillis < 600_000L) {
            return UNDER_10MIN;
        }
        if (gapMillis < 3_600_000L) {
            return UNDER_1H;
        }
        return gapMillis < 86_400_000L ? UNDER_1D : DAY_OR_MORE;
    }

    public static GapBucket ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public static GapBucket parseLabel(String label) {
        for (GapBucket b : VALUES) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown gap bucket '" + label + "'");
    }

    public static int count() {
        return VALUES.length;
    }
}

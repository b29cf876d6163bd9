package dev.seqguard.core.seq;

import java.util.Objects;

/**
 * How events become sequences.
 *
 * @param unit             whole user histories or sessions
 * @param sessionGapMillis a gap strictly longer than this between consecutive events of a user starts a new session
 *                         (used only for {@link SequenceUnit#SESSION}); positive
 * @param splitOnSessionId for {@link SequenceUnit#SESSION}: also start a new session whenever the layout's own
 *                         session id ({@code EventExtras.sessionId}) changes between consecutive events
 */
public record SequenceOptions(SequenceUnit unit, long sessionGapMillis, boolean splitOnSessionId) {
    /** The usual web-analytics inactivity timeout. */
    public static final long DEFAULT_SESSION_GAP_MILLIS = 30L * 60 * 1000;

    public SequenceOptions {
        Objects.requireNonNull(unit, "unit");
        if (sessionGapMillis <= 0) {
            throw new IllegalArgumentException("sessionGapMillis must be positive, got " + sessionGapMillis);
        }
    }

    /** User sequences, 30-minute session gap. */
    public static SequenceOptions defaults() {
        return new SequenceOptions(SequenceUnit.USER, DEFAULT_SESSION_GAP_MILLIS, false);
    }

    /** Sessions cut at the given inactivity gap. */
    public static SequenceOptions sessions(long sessionGapMillis) {
        return new SequenceOptions(SequenceUnit.SESSION, sessionGapMillis, false);
    }
}

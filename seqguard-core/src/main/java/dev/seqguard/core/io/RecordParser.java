package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

/**
 * Turns one decoded line into an event. Instances are created per read (they may hold reusable scratch arrays or a
 * bound header) and are not thread-safe.
 */
interface RecordParser {
    /**
     * @param line   the line's characters, without terminator, in {@code line[0..length)}; only valid during the call
     * @param failed receives the reason and message when the line is rejected
     * @return the event, or {@code null} after filling {@code failed}
     */
    BehaviorEvent parse(char[] line, int length, ParseFailure failed);

    /**
     * A fast path for the common line, read straight from the bytes: the event {@link #parse} would return for
     * {@code bytes[start..end)}, or {@code null} when this parser cannot tell cheaply (a line it might reject, a
     * layout without a fast path). It returns an event only for lines of ASCII bytes that are not blank, so the
     * encoding and blank checks before parsing would pass too. {@code null} says nothing about the line: the caller
     * then takes the ordinary path, which decides it and words any rejection.
     */
    default BehaviorEvent parseAscii(byte[] bytes, int start, int end) {
        return null;
    }

    /**
     * The fast path of a counting pass: the event time of {@link #parseAscii}'s event, without making the event, or
     * {@link Times#INVALID} exactly when {@code parseAscii} would return {@code null}.
     */
    default long timeAscii(byte[] bytes, int start, int end) {
        return Times.INVALID;
    }
}

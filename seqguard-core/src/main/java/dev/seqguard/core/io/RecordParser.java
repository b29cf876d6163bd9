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
}

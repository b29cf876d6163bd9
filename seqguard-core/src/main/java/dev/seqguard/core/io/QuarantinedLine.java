package dev.seqguard.core.io;

import java.util.Objects;

/**
 * One rejected input line.
 *
 * @param lineNumber 1-based physical line number in the input (a header, when present, is line 1)
 * @param reason     why it was rejected
 * @param message    a sentence naming the offending field and value
 * @param raw        the line as read, without its terminator; invalid UTF-8 shown as U+FFFD, over-long lines cut
 */
public record QuarantinedLine(long lineNumber, QuarantineReason reason, String message, String raw) {
    public QuarantinedLine {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber must be >= 1, got " + lineNumber);
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(raw, "raw");
    }
}

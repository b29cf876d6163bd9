package dev.seqguard.core.io;

import java.util.Locale;

/**
 * Why an input line was quarantined instead of accepted. The {@link #code()} is what the quarantine file and the run
 * summary print; it is stable and machine-readable.
 */
public enum QuarantineReason {
    /** The line is empty or holds only spaces and tabs. */
    BLANK_LINE,
    /** The line is longer than {@link IngestOptions#maxLineLength()} bytes; the quarantine keeps a prefix. */
    LINE_TOO_LONG,
    /** The line is not valid UTF-8; the quarantine shows it with U+FFFD replacement characters. */
    BAD_ENCODING,
    /** The line has more or fewer fields than the layout (or than the generic layout's header). */
    WRONG_FIELD_COUNT,
    /** The line cannot be read as a record at all: unbalanced CSV quotes, invalid JSON. */
    MALFORMED_RECORD,
    /** A required field (user, item, behaviour, time) is empty or absent. */
    MISSING_VALUE,
    /** An id that the layout defines as numeric holds something else. */
    NON_NUMERIC_ID,
    /** The behaviour is not one of the layout's vocabulary. */
    UNKNOWN_BEHAVIOR,
    /** The time field cannot be read as a time. */
    UNPARSEABLE_TIME,
    /** The time is implausible (before the sanity floor or in the future) or outside the bulk of the data. */
    TIME_OUT_OF_RANGE,
    /** An optional field (price, dwell) holds a value that is not a number of the right kind. */
    BAD_VALUE,
    /** The line repeats, byte for byte, a line seen within the duplicate window. */
    DUPLICATE;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The snake_case code, e.g. {@code wrong_field_count}. */
    public String code() {
        return code;
    }

    /** Looks a reason up by its {@link #code()}. */
    public static QuarantineReason ofCode(String code) {
        for (QuarantineReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown quarantine reason code '" + code + "'");
    }
}

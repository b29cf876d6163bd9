package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

import java.util.Optional;

/**
 * A published layout with a fixed number of delimited columns and, optionally, a fixed header. Naming, header
 * detection and the field-count check are the same for all of them, so a layout states only its columns and how a
 * split line becomes an event.
 */
abstract sealed class FixedColumnsFormat extends EventFormat
        permits TaobaoFormat, RetailRocketFormat, DigineticaFormat, YoochooseFormat {
    private final String layout;
    private final String header;
    private final char delimiter;
    private final int width;

    /** @param header the header line, or {@code null} for a layout without one */
    FixedColumnsFormat(String layout, String header, char delimiter, int width) {
        this.layout = layout;
        this.header = header;
        this.delimiter = delimiter;
        this.width = width;
    }

    @Override
    public final String name() {
        return layout;
    }

    @Override
    public final Optional<String> header() {
        return Optional.ofNullable(header);
    }

    @Override
    final boolean isHeader(String firstLine) {
        return header != null && sameHeader(firstLine, header, delimiter);
    }

    @Override
    final RecordParser newParser(String headerLine) {
        Fields f = new Fields(width);
        NumericIds ids = new NumericIds();
        return new RecordParser() {
            @Override
            public BehaviorEvent parse(char[] line, int length, ParseFailure failed) {
                int n = f.split(line, length, delimiter);
                if (n != width) {
                    return failed.set(QuarantineReason.WRONG_FIELD_COUNT, Fields.wrongCount(layout, width, n,
                            delimiter));
                }
                return FixedColumnsFormat.this.parse(line, f, failed);
            }

            @Override
            public BehaviorEvent parseAscii(byte[] bytes, int start, int end) {
                return FixedColumnsFormat.this.parseAscii(bytes, start, end, ids);
            }

            @Override
            public long timeAscii(byte[] bytes, int start, int end) {
                return FixedColumnsFormat.this.timeAscii(bytes, start, end);
            }
        };
    }

    /**
     * The event of a line already split into exactly the layout's number of fields, or {@code null} after filling
     * {@code failed}.
     */
    abstract BehaviorEvent parse(char[] line, Fields f, ParseFailure failed);

    /** {@link RecordParser#parseAscii}; a layout without a fast path returns {@code null}. */
    BehaviorEvent parseAscii(byte[] bytes, int start, int end, NumericIds ids) {
        return null;
    }

    /** {@link RecordParser#timeAscii}; a layout without a fast path returns {@link Times#INVALID}. */
    long timeAscii(byte[] bytes, int start, int end) {
        return Times.INVALID;
    }
}

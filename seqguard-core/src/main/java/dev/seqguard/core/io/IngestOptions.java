package dev.seqguard.core.io;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything ingest can be told, validated at construction.
 *
 * @param format                the input layout (the {@code generic}/{@code jsonl} layouts carry their
 *                              {@link ColumnMapping})
 * @param maxLineLength         longest accepted line in bytes of UTF-8, terminator excluded (equal to characters for
 *                              ASCII data); longer lines are {@code line_too_long}. In [16, 16 MiB]
 * @param timeRule              which times are far outside the bulk, see {@link TimeRule}
 * @param duplicateWindow       how many recent distinct lines exact duplicates are looked for in; 0 turns duplicate
 *                              detection off. A line is a {@code duplicate} when the same bytes (terminator excluded)
 *                              occurred among the last {@code duplicateWindow} distinct lines that passed every other
 *                              check. Memory about 24 bytes per slot. In [0, 100,000,000]
 * @param earliestPlausible     sanity floor: earlier times are {@code time_out_of_range} whatever the time rule
 * @param futureSlack           sanity ceiling: times later than now plus this are {@code time_out_of_range}
 * @param clock                 what "now" is for the sanity ceiling
 */
public record IngestOptions(EventFormat format, int maxLineLength, TimeRule timeRule, int duplicateWindow,
                            Instant earliestPlausible, Duration futureSlack, Clock clock) {

    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;
    public static final int DEFAULT_DUPLICATE_WINDOW = 1_000_000;
    public static final Instant DEFAULT_EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");
    public static final Duration DEFAULT_FUTURE_SLACK = Duration.ofDays(1);

    public IngestOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(timeRule, "timeRule");
        Objects.requireNonNull(earliestPlausible, "earliestPlausible");
        Objects.requireNonNull(futureSlack, "futureSlack");
        Objects.requireNonNull(clock, "clock");
        if (maxLineLength < 16 || maxLineLength > (16 << 20)) {
            throw new IllegalArgumentException("maxLineLength must be in [16, 16777216] bytes, got " + maxLineLength);
        }
        if (duplicateWindow < 0 || duplicateWindow > 100_000_000) {
            throw new IllegalArgumentException("duplicateWindow must be in [0, 100000000], got " + duplicateWindow);
        }
        if (earliestPlausible.isBefore(Instant.EPOCH)) {
            throw new IllegalArgumentException("earliestPlausible must not be before 1970-01-01, got "
                    + earliestPlausible);
        }
        if (futureSlack.isNegative()) {
            throw new IllegalArgumentException("futureSlack must not be negative, got " + futureSlack);
        }
    }

    /**
     * Defaults for {@code format}: lines up to 4096 bytes, the {@link TimeRule.Auto#DEFAULT auto} time rule,
     * a duplicate window of 1,000,000 lines, times from 2000-01-01 to a day from now (system clock).
     */
    public static IngestOptions defaults(EventFormat format) {
        return new IngestOptions(format, DEFAULT_MAX_LINE_LENGTH, TimeRule.auto(), DEFAULT_DUPLICATE_WINDOW,
                DEFAULT_EARLIEST_PLAUSIBLE, DEFAULT_FUTURE_SLACK, Clock.systemUTC());
    }

    /** Defaults for the layout called {@code formatName}, with a {@link ColumnMapping#parse column spec}. */
    public static IngestOptions defaults(String formatName, String columnSpec) {
        return defaults(EventFormat.byName(formatName, ColumnMapping.parse(columnSpec)));
    }

    public IngestOptions withFormat(EventFormat newFormat) {
        return new IngestOptions(newFormat, maxLineLength, timeRule, duplicateWindow, earliestPlausible,
                futureSlack, clock);
    }

    public IngestOptions withMaxLineLength(int newMaxLineLength) {
        return new IngestOptions(format, newMaxLineLength, timeRule, duplicateWindow, earliestPlausible,
                futureSlack, clock);
    }

    public IngestOptions withTimeRule(TimeRule newTimeRule) {
        return new IngestOptions(format, maxLineLength, newTimeRule, duplicateWindow, earliestPlausible,
                futureSlack, clock);
    }

    public IngestOptions withDuplicateWindow(int newDuplicateWindow) {
        return new IngestOptions(format, maxLineLength, timeRule, newDuplicateWindow, earliestPlausible,
                futureSlack, clock);
    }

    public IngestOptions withSanity(Instant newEarliestPlausible, Duration newFutureSlack) {
        return new IngestOptions(format, maxLineLength, timeRule, duplicateWindow, newEarliestPlausible,
                newFutureSlack, clock);
    }

    public IngestOptions withClock(Clock newClock) {
        return new IngestOptions(format, maxLineLength, timeRule, duplicateWindow, earliestPlausible, futureSlack,
                newClock);
    }

    /** The format's column mapping ({@code generic} and {@code jsonl} only). */
    public java.util.Optional<ColumnMapping> mapping() {
        return format.mapping();
    }

    /** The sanity window as of now: {@code [earliestPlausible, now + futureSlack]}. */
    public TimeRange sanityWindow() {
        return new TimeRange(earliestPlausible.toEpochMilli(), clock.millis() + futureSlack.toMillis() + 1);
    }
}

package dev.seqguard.core.io;

import dev.seqguard.core.model.BehaviorEvent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One pass over an input: every data line is checked in a fixed order (length, blank, encoding, layout, sanity
 * time, bulk time, duplicate) and either accepted or quarantined with the first failing reason. In histogram mode
 * (the auto time rule's first pass) nothing is emitted; plausible event times are counted instead.
 */
final class IngestPass {
    private final IngestOptions options;
    private final String source;
    private final TimeRange sanity;
    private final TimeRange bulk;
    private final DuplicateWindow duplicates;
    private final Consumer<? super BehaviorEvent> accepted;
    private final QuarantineSink quarantine;
    private final BulkWindowEstimator histogram;

    private final long[] reasonCounts = new long[QuarantineReason.values().length];
    private long read;
    private long acceptedCount;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private int headerLines;
    private LineSource current;

    private IngestPass(IngestOptions options, String source, TimeRange sanity, TimeRange bulk,
                       Consumer<? super BehaviorEvent> accepted, QuarantineSink quarantine,
                       BulkWindowEstimator histogram) {
        this.options = options;
        this.source = source;
        this.sanity = sanity;
        this.bulk = bulk;
        this.accepted = accepted;
        this.quarantine = quarantine;
        this.histogram = histogram;
        this.duplicates = histogram == null && options.duplicateWindow() > 0
                ? new DuplicateWindow(options.duplicateWindow()) : null;
    }

    /** A pass that emits events and rejections. {@code bulk} may be {@code null}. */
    static IngestPass emitting(IngestOptions options, String source, TimeRange sanity, TimeRange bulk,
                               Consumer<? super BehaviorEvent> accepted, QuarantineSink quarantine) {
        return new IngestPass(options, source, sanity, bulk, accepted, quarantine, null);
    }

    /** A first pass that only counts plausible times into {@code histogram}. */
    static IngestPass counting(IngestOptions options, String source, TimeRange sanity,
                               BulkWindowEstimator histogram) {
        return new IngestPass(options, source, sanity, null, e -> { }, null, histogram);
    }

    void run(InputStream raw) throws IOException {
        LineSource lines = new LineSource(decompressed(raw), options.maxLineLength());
        try {
            loop(lines);
        } catch (IngestException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw new IngestException("input " + source + " is a damaged gzip stream (near line "
                    + (lines.lineNumber() + 1) + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IngestException("error reading " + source + " near line " + (lines.lineNumber() + 1) + ": "
                    + e.getMessage(), e);
        }
    }

    private InputStream decompressed(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] magic = new byte[2];
        int n = 0;
        while (n < 2) {
            int r = in.read(magic, n, 2 - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        in.unread(magic, 0, n);
        if (n == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (ZipException e) {
                throw new IngestException("input " + source + " starts like gzip but is not: " + e.getMessage(), e);
            }
        }
        return in;
    }

    private void loop(LineSource lines) throws IOException {
        current = lines;
        if (!lines.next()) {
            return;
        }
        EventFormat format = options.format();
        LineDecoder decoder = new LineDecoder(options.maxLineLength());
        ParseFailure failure = new ParseFailure();
        RecordParser parser;
        boolean firstIsData = true;
        String firstText = null;
        if (!lines.overlong() && decoder.decode(lines.bytes(), lines.start(), lines.end())) {
            firstText = new String(decoder.chars(), 0, decoder.length());
        }
        try {
            if (firstText != null && format.isHeader(firstText)) {
                parser = format.newParser(firstText);
                headerLines = 1;
                firstIsData = false;
            } else {
                parser = format.newParser(null);
            }
        } catch (IllegalArgumentException e) {
            throw new IngestException("input " + source + ": " + e.getMessage()
                    + (firstText == null ? " (line 1 is not readable text)" : ""), e);
        }
        if (firstIsData) {
            line(lines, decoder, parser, failure);
        }
        while (lines.next()) {
            line(lines, decoder, parser, failure);
        }
    }

    private void line(LineSource lines, LineDecoder decoder, RecordParser parser, ParseFailure failure)
            throws IOException {
        read++;
        byte[] bytes = lines.bytes();
        int start = lines.start();
        int end = lines.end();
        if (!lines.overlong() && fastPath(parser, bytes, start, end)) {
            return;
        }
        if (lines.overlong()) {
            reject(lines, QuarantineReason.LINE_TOO_LONG, () -> "line is " + lines.overlongLength()
                    + " bytes, longer than maxLineLength " + options.maxLineLength()
                    + "; raw shows the first " + options.maxLineLength(), () -> utf8(bytes, start, end) + "...");
            return;
        }
        if (isBlank(bytes, start, end)) {
            reject(lines, QuarantineReason.BLANK_LINE, () -> "line is blank", () -> utf8(bytes, start, end));
            return;
        }
        if (!decoder.decode(bytes, start, end)) {
            int offset = decoder.errorOffset();
            reject(lines, QuarantineReason.BAD_ENCODING, () -> String.format(
                    "invalid UTF-8 byte 0x%02X at byte %d; raw shows it as U+FFFD",
                    bytes[start + offset] & 0xFF, offset + 1), () -> utf8(bytes, start, end));
            return;
        }
        char[] chars = decoder.chars();
        int length = decoder.length();
        BehaviorEvent event = parser.parse(chars, length, failure);
        if (event == null) {
            reject(lines, failure.reason, () -> failure.message, () -> new String(chars, 0, length));
            return;
        }
        long t = event.timeMillis();
        if (!sanity.contains(t)) {
            reject(lines, QuarantineReason.TIME_OUT_OF_RANGE, () -> "time " + Instant.ofEpochMilli(t)
                    + (t < sanity.fromMillis() ? " is before the plausible floor "
                    + Instant.ofEpochMilli(sanity.fromMillis()) : " is in the future (beyond "
                    + Instant.ofEpochMilli(sanity.untilMillis() - 1) + ")"), () -> new String(chars, 0, length));
            return;
        }
        if (histogram != null) {
            histogram.add(t);
            return;
        }
        if (bulk != null && !bulk.contains(t)) {
            reject(lines, QuarantineReason.TIME_OUT_OF_RANGE, () -> "time " + Instant.ofEpochMilli(t)
                    + " is outside the bulk window " + bulk, () -> new String(chars, 0, length));
            return;
        }
        finish(event, bytes, start, end, () -> new String(chars, 0, length));
    }

    /**
     * The line through the parser's fast path ({@link RecordParser#parseAscii}), if it takes it and the event's
     * time passes the time windows; then the line is done. Otherwise nothing has changed (no count, no window
     * entry) and the ordinary path decides the line, so rejections keep their reasons and messages.
     */
    private boolean fastPath(RecordParser parser, byte[] bytes, int start, int end) throws IOException {
        if (histogram != null) {
            long t = parser.timeAscii(bytes, start, end);
            if (t == Times.INVALID || !sanity.contains(t)) {
                return false;
            }
            histogram.add(t);
            return true;
        }
        BehaviorEvent event = parser.parseAscii(bytes, start, end);
        if (event == null) {
            return false;
        }
        long t = event.timeMillis();
        if (!sanity.contains(t) || (bulk != null && !bulk.contains(t))) {
            return false;
        }
        finish(event, bytes, start, end, () -> utf8(bytes, start, end)); // an ASCII line: the same text
        return true;
    }

    /** The last check, for exact duplicates, then the event is accepted. */
    private void finish(BehaviorEvent event, byte[] bytes, int start, int end, Supplier<String> raw)
            throws IOException {
        if (duplicates != null && duplicates.isDuplicate(bytes, start, end)) {
            rejectCurrent(QuarantineReason.DUPLICATE, () -> "exact duplicate of an earlier line (within the last "
                    + options.duplicateWindow() + " distinct lines)", raw);
            return;
        }
        long t = event.timeMillis();
        acceptedCount++;
        if (t < minTime) {
            minTime = t;
        }
        if (t > maxTime) {
            maxTime = t;
        }
        accepted.accept(event);
    }

    private void reject(LineSource lines, QuarantineReason reason, Supplier<String> message,
                        Supplier<String> raw) throws IOException {
        reasonCounts[reason.ordinal()]++;
        if (quarantine != null) {
            quarantine.accept(new QuarantinedLine(lines.lineNumber(), reason, message.get(), raw.get()));
        }
    }

    private void rejectCurrent(QuarantineReason reason, Supplier<String> message, Supplier<String> raw)
            throws IOException {
        reject(current, reason, message, raw);
    }

    private static boolean isBlank(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    IngestSummary summary(int passes) {
        EnumMap<QuarantineReason, Long> byReason = new EnumMap<>(QuarantineReason.class);
        long quarantined = 0;
        for (QuarantineReason r : QuarantineReason.values()) {
            long n = reasonCounts[r.ordinal()];
            if (n > 0) {
                byReason.put(r, n);
                quarantined += n;
            }
        }
        OptionalLong first = acceptedCount > 0 ? OptionalLong.of(minTime) : OptionalLong.empty();
        OptionalLong last = acceptedCount > 0 ? OptionalLong.of(maxTime) : OptionalLong.empty();
        return new IngestSummary(source, options.format().name(), read, acceptedCount, quarantined, byReason, first,
                last, headerLines, passes, sanity, Optional.ofNullable(bulk));
    }
}

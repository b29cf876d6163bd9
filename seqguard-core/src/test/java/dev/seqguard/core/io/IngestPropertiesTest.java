package dev.seqguard.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the input, ingest does not crash and loses no line from the count. Randomised but deterministic: every
 * property runs a fixed number of cases from fixed seeds (see {@link FuzzCases}); a failure names the case's seed.
 */
class IngestPropertiesTest {
    private static final long SEED = 20171125L;
    /** Every how many cases the input is also read gzip-compressed, which must change nothing. */
    private static final int GZIP_EVERY = 4;

    /** Small windows and lines so that random input hits every branch, and the auto rule acts on few rows. */
    static IngestOptions options(EventFormat format) {
        return Ingest.options(format).withMaxLineLength(40).withDuplicateWindow(8)
                .withTimeRule(new TimeRule.Auto(0.9, 0.05, 0.15, Duration.ofHours(1), Duration.ZERO, 1, 2));
    }

    // ---- random bytes and random token soups, every fixed layout ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"taobao", "retailrocket", "diginetica", "yoochoose"})
    void randomBytesNeverCrashAndEveryLineIsCounted(String formatName) {
        EventFormat format = EventFormat.byName(formatName);
        Tally tally = new Tally();
        FuzzCases.forAll("randomBytes[" + formatName + "]", SEED ^ formatName.hashCode(), EDGE_BYTES.size() + 150,
                (random, c) -> {
                    byte[] bytes = c.index < EDGE_BYTES.size() ? EDGE_BYTES.get(c.index) : randomBytes(random);
                    c.input(bytes);
                    Ingest r = Ingest.run(bytes, options(format));
                    assertAccounted(r, bytes);
                    tally.add(r.summary());
                    if (c.index % GZIP_EVERY == 0) {
                        assertGzipReadsTheSame(bytes, r, options(format));
                    }
                });
        tally.assertReached(QuarantineReason.BLANK_LINE, QuarantineReason.LINE_TOO_LONG, QuarantineReason.BAD_ENCODING,
                QuarantineReason.WRONG_FIELD_COUNT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"taobao", "retailrocket", "diginetica", "yoochoose"})
    void randomLinesNeverCrashAndEveryLineIsCounted(String formatName) {
        EventFormat format = EventFormat.byName(formatName);
        Tally tally = new Tally();
        FuzzCases.forAll("randomLines[" + formatName + "]", SEED ^ ~formatName.hashCode(), 150, (random, c) -> {
            byte[] bytes = text(random).getBytes(StandardCharsets.UTF_8);
            c.input(bytes);
            Ingest r = Ingest.run(bytes, options(format));
            assertAccounted(r, bytes);
            tally.add(r.summary());
            if (c.index % GZIP_EVERY == 0) {
                assertGzipReadsTheSame(bytes, r, options(format));
            }
        });
        tally.assertReached(QuarantineReason.BLANK_LINE, QuarantineReason.LINE_TOO_LONG,
                QuarantineReason.WRONG_FIELD_COUNT);
    }

    @Test
    void randomRowsUnderAGenericHeaderNeverCrash() {
        String header = "user_id,item_id,behavior,timestamp,price\n";
        FuzzCases.forAll("genericHeader", SEED + 1, 300, (random, c) -> {
            byte[] bytes = (header + text(random)).getBytes(StandardCharsets.UTF_8);
            c.input(bytes);
            Ingest r = Ingest.run(bytes, options(EventFormat.byName("generic")));
            assertThat(r.summary().headerLines()).as("header lines").isEqualTo(1);
            assertThat(r.summary().read()).as("data lines read").isEqualTo(expectedLines(bytes) - 1);
            assertAccounted(r, bytes);
        });
    }

    @Test
    void randomJsonLinesNeverCrash() {
        FuzzCases.forAll("jsonLines", SEED + 2, 300, (random, c) -> {
            byte[] bytes = json(random).getBytes(StandardCharsets.UTF_8);
            c.input(bytes);
            Ingest r = Ingest.run(bytes, options(EventFormat.byName("jsonl")));
            assertAccounted(r, bytes);
        });
    }

    // ---- generated taobao files with a known verdict for every line ----

    /**
     * Taobao files mixing valid rows with rows broken in one known way each (wrong field count, empty or non-numeric
     * id, unknown behaviour, unparseable or implausible time, over-long, blank, invalid UTF-8, exact repeats), with
     * {@code \n} or {@code \r\n} endings, an optional byte-order mark and an optional missing final newline. Without
     * a bulk window, every line's fate is known in advance: the accepted events and the quarantined line numbers
     * and reasons must be exactly those. The same bytes then go through the fuzz options (auto rule, small windows)
     * for the accounting property in every other case, and through gzip in every fourth.
     */
    @Test
    void generatedTaobaoRowsGetExactlyTheExpectedVerdicts() {
        IngestOptions exact = Ingest.options(EventFormat.TAOBAO).withMaxLineLength(TAOBAO_MAX_LINE)
                .withDuplicateWindow(10_000);
        Tally tally = new Tally();
        FuzzCases.forAll("taobaoVerdicts", SEED + 3, 400, (random, c) -> {
            TaobaoFile file = taobaoFile(random, c.index);
            c.input(file.bytes).note("lines", file.contents.size());
            Ingest r = Ingest.run(file.bytes, exact);
            IngestSummary s = r.summary();
            assertThat(s.read()).as("lines read").isEqualTo(file.contents.size());
            assertThat(s.headerLines()).as("header lines").isZero();
            assertThat(r.events()).as("accepted events, written back").extracting(EventFormat.TAOBAO::format)
                    .containsExactlyElementsOf(file.acceptedLines);
            assertThat(verdicts(r.rejected())).as("quarantined line numbers and reasons")
                    .containsExactlyElementsOf(file.rejectedVerdicts);
            assertThat(s.quarantinedByReason()).as("counts by reason").isEqualTo(file.countsByReason());
            assertAccounted(r, file.bytes);
            tally.add(s);

            if (c.index % 2 == 1) { // the auto rule's estimate is the slow part: every other case is plenty
                assertAccounted(Ingest.run(file.bytes, options(EventFormat.TAOBAO)), file.bytes);
            }
            if (c.index % GZIP_EVERY == 0) {
                assertGzipReadsTheSame(file.bytes, r, exact);
            }
        });
        if (!FuzzCases.singleCase()) {
            assertThat(tally.accepted).as("events accepted over all cases").isGreaterThan(1000);
        }
        tally.assertReached(QuarantineReason.BLANK_LINE, QuarantineReason.LINE_TOO_LONG, QuarantineReason.BAD_ENCODING,
                QuarantineReason.WRONG_FIELD_COUNT, QuarantineReason.MISSING_VALUE, QuarantineReason.NON_NUMERIC_ID,
                QuarantineReason.UNKNOWN_BEHAVIOR, QuarantineReason.UNPARSEABLE_TIME,
                QuarantineReason.TIME_OUT_OF_RANGE, QuarantineReason.DUPLICATE);
    }

    // ---- the properties ----

    private static void assertAccounted(Ingest r, byte[] bytes) {
        IngestSummary s = r.summary();
        long lines = expectedLines(bytes);
        assertThat(s.read() + s.headerLines()).as("read + header lines == lines in the input").isEqualTo(lines);
        assertThat(s.read()).as("read == accepted + quarantined").isEqualTo(s.accepted() + s.quarantined());
        assertThat(r.events()).as("events emitted").hasSize((int) s.accepted());
        assertThat(r.rejected()).as("lines quarantined").hasSize((int) s.quarantined());
        long previous = 0;
        for (QuarantinedLine q : r.rejected()) {
            assertThat(q.lineNumber()).as("line number of " + q).isGreaterThan(previous).isLessThanOrEqualTo(lines);
            previous = q.lineNumber();
        }
    }

    /** What the cases of one property produced, so that a generator that stopped reaching its targets is noticed. */
    private static final class Tally {
        final Map<QuarantineReason, Long> reasons = new EnumMap<>(QuarantineReason.class);
        long accepted;

        void add(IngestSummary s) {
            accepted += s.accepted();
            s.quarantinedByReason().forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
        }

        void assertReached(QuarantineReason... wanted) {
            if (FuzzCases.singleCase()) {
                return;
            }
            assertThat(reasons).as("quarantine reasons reached over all cases").containsKeys(wanted);
        }
    }

    /** Reading the gzip-compressed bytes gives the very same events, rejections and summary. */
    private static void assertGzipReadsTheSame(byte[] plain, Ingest expected, IngestOptions options)
            throws IOException {
        Ingest gz = Ingest.run(FuzzCases.gzip(plain), options);
        assertThat(gz.summary()).as("summary of the gzip-compressed input").isEqualTo(expected.summary());
        assertThat(gz.events()).as("events of the gzip-compressed input").isEqualTo(expected.events());
        assertThat(gz.rejected()).as("rejections of the gzip-compressed input").isEqualTo(expected.rejected());
    }

    /** Lines counted independently of {@link LineSource}: split on LF, a final unterminated segment counts. */
    static long expectedLines(byte[] bytes) {
        int from = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        long lines = 0;
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        if (bytes.length > from && bytes[bytes.length - 1] != '\n') {
            lines++;
        }
        return lines;
    }

    private static List<String> verdicts(List<QuarantinedLine> rejected) {
        List<String> out = new ArrayList<>();
        for (QuarantinedLine q : rejected) {
            out.add(q.lineNumber() + ":" + q.reason().code());
        }
        return out;
    }

    // ---- generators ----

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] FREQUENT = {'1', '7', ',', '\t', ';'};
    private static final byte[] LINE_BYTES = {'\n', '\r', ' '};
    /** Invalid UTF-8 (stray continuation, truncated, overlong, surrogate, beyond U+10FFFF, 5-byte) and valid. */
    private static final List<byte[]> UTF8_EDGES = List.of(
            bytes(0x80), bytes(0xBF), bytes(0xFF), bytes(0xFE), bytes(0xC3), bytes(0xC3, 0x28), bytes(0xE2, 0x82),
            bytes(0xF0, 0x9F, 0x98), bytes(0xC0, 0xAF), bytes(0xE0, 0x80, 0xAF), bytes(0xED, 0xA0, 0x80),
            bytes(0xED, 0xBF, 0xBF), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
            bytes(0xC3, 0xA9), bytes(0xE2, 0x82, 0xAC), bytes(0xF0, 0x9F, 0x98, 0x80), bytes(0xEF, 0xBB, 0xBF),
            bytes(0xD9, 0xA3), bytes(0x00));
    /** Hand-picked inputs run before the random ones: empty, terminators only, byte-order marks, line limits. */
    private static final List<byte[]> EDGE_BYTES = List.of(
            new byte[0], bytes('\n'), bytes('\r'), bytes('\r', '\n'), bytes('\n', '\n'), bytes('\r', '\r', '\n'),
            BOM, concat(BOM, bytes('\n')), concat(BOM, BOM), bytes(0xEF, 0xBB), bytes(0xFF), bytes(' '),
            bytes('\t', '\n', ' '), bytes(0x1F), ascii("1".repeat(40)), ascii("1".repeat(41)),
            ascii("1".repeat(40) + "\r\n" + "7".repeat(41) + "\r"), ascii("1,7,1,pv,1511544070\n".repeat(3)),
            ascii("1,7,1,pv,1511544070\r\n1,7,1,buy,1511544071"), ascii("1;NA;7;1;2016-05-09\n"),
            ascii("1\t7\t1396860669.277\n"), ascii("1511544070123,7,view,1,\n"));

    /** Up to {@code max}, but half the time at most 20: small inputs find edge cases, big ones find interplay. */
    private static int sizeUpTo(Random random, int max) {
        return random.nextBoolean() ? random.nextInt(Math.min(max, 20) + 1) : random.nextInt(max + 1);
    }

    /**
     * Up to 400 bytes, biased to the delimiters and digits the layouts care about and to line terminators, with
     * arbitrary bytes and invalid or multi-byte UTF-8 sequences mixed in; sometimes a byte-order mark first. Never
     * starts with the gzip magic bytes (such input is read as gzip and rejected as a whole, by design).
     */
    static byte[] randomBytes(Random random) {
        int size = sizeUpTo(random, 400);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(10) == 0) {
            out.writeBytes(BOM);
        }
        while (out.size() < size) {
            int p = random.nextInt(10);
            if (p < 6) {
                out.write(FREQUENT[random.nextInt(FREQUENT.length)]);
            } else if (p < 8) {
                out.write(LINE_BYTES[random.nextInt(LINE_BYTES.length)]);
            } else if (p < 9) {
                out.write(random.nextInt(256));
            } else {
                out.writeBytes(UTF8_EDGES.get(random.nextInt(UTF8_EDGES.size())));
            }
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length >= 2 && bytes[0] == (byte) 0x1F && bytes[1] == (byte) 0x8B) {
            bytes[1] = '7';
        }
        return bytes;
    }

    private static final List<String> TEXT_TOKENS = List.of("1", "42", "1511544070", "1511544070123", "2017-11-25",
            "NA", "pv", "buy", "cart", "fav", "view", "click", "", " ", ",", ";", "\t", "\"", ".", "é", "\uFEFF", "x",
            "1396860669.277", "2016-05-09", "\n", "\r\n", "-1", "1e3", "9".repeat(30));

    /** Up to 60 tokens of the layouts' vocabulary, separators, terminators and junk, glued together. */
    static String text(Random random) {
        return join(random, TEXT_TOKENS, sizeUpTo(random, 60));
    }

    private static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", "\"user_id\"", "\"item_id\"",
            "\"behavior\"", "\"timestamp\"", ":", ",", "\"7\"", "1511544070", "null", "true", "\"pv\"", "\"\\u00e9\"",
            "\"\\", "\n", " ", "\"");

    /** Up to 40 JSON fragments glued together: mostly broken JSON lines, now and then a valid one. */
    static String json(Random random) {
        return join(random, JSON_TOKENS, sizeUpTo(random, 40));
    }

    private static String join(Random random, List<String> tokens, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(tokens.get(random.nextInt(tokens.size())));
        }
        return sb.toString();
    }

    // ---- the taobao file generator ----

    private static final int TAOBAO_MAX_LINE = 64;
    private static final long FLOOR_SECONDS = 946_684_800L;        // 2000-01-01, the sanity floor
    private static final long CEILING_SECONDS = 1_704_153_600L;    // 2024-01-02, Ingest.CLOCK plus a day
    private static final String[] BEHAVIORS = {"pv", "cart", "fav", "buy"};
    private static final String[] BAD_IDS = {"abc", "12a", "-1", "+5", " 7", "7 ", " ", "1.5", "1e3", "NaN", "é1",
            "\u0663", "0x1F", "\"7\"", "７"};
    private static final String[] BAD_BEHAVIORS = {"PV", "Pv", "view", "click", "buy ", " pv", "pvv", "p", "carts",
            "favorite", "0", "é", "pv\r", "cart\t", "\"pv\""};
    private static final String[] BAD_TIMES = {"2017-11-25", "2017-11-25T08:00:00Z", "1511544070.5", "-1511544070",
            "1e9", "abc", " 1511544070", "1511544070 ", "NaN", "1234567890123456789", "１５１１", "0x5A1"};

    /** One generated line, without terminator, and the reason it must be quarantined for ({@code null}: valid). */
    private record Line(byte[] content, QuarantineReason expected) {
    }

    /** A generated file and its expected verdicts. */
    private record TaobaoFile(byte[] bytes, List<byte[]> contents, List<String> acceptedLines,
                              List<String> rejectedVerdicts) {
        Map<QuarantineReason, Long> countsByReason() {
            Map<QuarantineReason, Long> counts = new EnumMap<>(QuarantineReason.class);
            for (String v : rejectedVerdicts) {
                counts.merge(QuarantineReason.ofCode(v.substring(v.indexOf(':') + 1)), 1L, Long::sum);
            }
            return counts;
        }
    }

    /**
     * Up to 60 lines (every 25th case 2,500 to 4,000, so that lines straddle the reader's 64 KiB buffer), every 30th
     * case with one line of 65 to 140 KB somewhere; each line {@code \n} or {@code \r\n} terminated, the last one
     * maybe not at all; a byte-order mark in one case of ten. A valid line repeats an earlier valid line one time in
     * twelve. The expected verdicts follow the reader's documented rules: the first failing check decides, a line
     * is a duplicate when its bytes equal an earlier accepted line's (the window is larger than any file here).
     */
    private static TaobaoFile taobaoFile(Random random, int caseIndex) {
        int count = caseIndex % 25 == 24 ? 2_500 + random.nextInt(1_500) : sizeUpTo(random, 60);
        int hugeAt = caseIndex % 30 == 29 ? random.nextInt(count + 1) : -1;
        List<byte[]> contents = new ArrayList<>();
        List<QuarantineReason> expected = new ArrayList<>();
        List<byte[]> validSoFar = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Line line;
            if (i == hugeAt) {
                line = new Line(digits(random, 65_000 + random.nextInt(75_000)), QuarantineReason.LINE_TOO_LONG);
            } else if (!validSoFar.isEmpty() && random.nextInt(12) == 0) {
                line = new Line(validSoFar.get(random.nextInt(validSoFar.size())), null);
            } else {
                line = taobaoLine(random);
            }
            if (line.expected == null) {
                validSoFar.add(line.content);
            }
            contents.add(line.content);
            expected.add(line.expected);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(10) == 0) {
            out.writeBytes(BOM);
        }
        for (int i = 0; i < count; i++) {
            out.writeBytes(contents.get(i));
            boolean last = i == count - 1;
            if (last && contents.get(i).length > 0 && random.nextBoolean()) {
                break; // missing final newline (an empty last line needs its terminator to exist at all)
            }
            out.writeBytes(random.nextInt(10) < 7 ? bytes('\n') : bytes('\r', '\n'));
        }
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            QuarantineReason reason = expected.get(i);
            String text = new String(contents.get(i), StandardCharsets.ISO_8859_1); // byte-exact key
            if (reason == null && !seen.add(text)) {
                reason = QuarantineReason.DUPLICATE;
            }
            if (reason == null) {
                accepted.add(text);
            } else {
                rejected.add((i + 1) + ":" + reason.code());
            }
        }
        return new TaobaoFile(out.toByteArray(), contents, accepted, rejected);
    }

    /** A line of one random kind; all but the over-long ones fit the line limit. */
    private static Line taobaoLine(Random random) {
        while (true) {
            Line line = taobaoLineOfAnyLength(random);
            if (line.expected == QuarantineReason.LINE_TOO_LONG || line.content.length <= TAOBAO_MAX_LINE) {
                return line;
            }
        }
    }

    private static Line taobaoLineOfAnyLength(Random random) {
        String[] f = validFields(random);
        int kind = random.nextInt(20);
        if (kind < 8) {
            return line(String.join(",", f), null);
        }
        switch (kind) {
            case 8: { // too few or too many fields
                int n = random.nextBoolean() ? 1 + random.nextInt(4) : 6 + random.nextInt(3);
                List<String> fields = new ArrayList<>(List.of(f).subList(0, Math.min(n, 5)));
                while (fields.size() < n) {
                    fields.add(random.nextBoolean() ? "" : new String(digits(random, 1 + random.nextInt(5)),
                            StandardCharsets.US_ASCII));
                }
                return line(String.join(",", fields), QuarantineReason.WRONG_FIELD_COUNT);
            }
            case 9: // an empty required field
                f[random.nextInt(5)] = "";
                return line(String.join(",", f), QuarantineReason.MISSING_VALUE);
            case 10:
            case 11:
                f[random.nextInt(3)] = pick(random, BAD_IDS);
                return line(String.join(",", f), QuarantineReason.NON_NUMERIC_ID);
            case 12:
                f[3] = pick(random, BAD_BEHAVIORS);
                return line(String.join(",", f), QuarantineReason.UNKNOWN_BEHAVIOR);
            case 13:
                f[4] = pick(random, BAD_TIMES);
                return line(String.join(",", f), QuarantineReason.UNPARSEABLE_TIME);
            case 14: { // digits, but before the sanity floor or after the ceiling (kept below 2^63 ms)
                long seconds = random.nextBoolean() ? (long) (random.nextDouble() * FLOOR_SECONDS)
                        : CEILING_SECONDS + 1 + (long) (random.nextDouble() * 9e14);
                f[4] = Long.toString(random.nextInt(8) == 0 ? (random.nextBoolean() ? FLOOR_SECONDS - 1
                        : CEILING_SECONDS + 1) : seconds);
                return line(String.join(",", f), QuarantineReason.TIME_OUT_OF_RANGE);
            }
            case 15: { // over the line limit: a long id, or printable junk
                if (random.nextBoolean()) {
                    f[0] = new String(digits(random, TAOBAO_MAX_LINE + random.nextInt(200)), StandardCharsets.US_ASCII);
                    return line(String.join(",", f), QuarantineReason.LINE_TOO_LONG);
                }
                StringBuilder junk = new StringBuilder();
                for (int i = TAOBAO_MAX_LINE + 1 + random.nextInt(200); i > 0; i--) {
                    junk.append((char) (0x20 + random.nextInt(0x5F)));
                }
                return line(junk.toString(), QuarantineReason.LINE_TOO_LONG);
            }
            case 16:
                return line(pick(random, new String[] {"", " ", "\t", "  \t "}), QuarantineReason.BLANK_LINE);
            case 17:
            case 18: { // a valid row with an invalid UTF-8 sequence spliced in
                byte[] row = String.join(",", f).getBytes(StandardCharsets.US_ASCII);
                byte[] bad = UTF8_EDGES.get(random.nextInt(14)); // the first 14 are the invalid ones
                int at = random.nextInt(row.length + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(row, 0, at);
                out.writeBytes(bad);
                out.write(row, at, row.length - at);
                return new Line(out.toByteArray(), QuarantineReason.BAD_ENCODING);
            }
            default: // a valid row at the edge of the sanity window
                f[4] = Long.toString(random.nextBoolean() ? FLOOR_SECONDS : CEILING_SECONDS);
                return line(String.join(",", f), null);
        }
    }

    /** user, item, category (1 to 9 digits, leading zeros allowed), behaviour, a time in late 2017. */
    private static String[] validFields(Random random) {
        String[] f = new String[5];
        for (int i = 0; i < 3; i++) {
            f[i] = new String(digits(random, 1 + random.nextInt(9)), StandardCharsets.US_ASCII);
        }
        f[3] = pick(random, BEHAVIORS);
        f[4] = Long.toString(1_511_000_000L + random.nextInt(1_500_000));
        return f;
    }

    private static Line line(String text, QuarantineReason expected) {
        return new Line(text.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static byte[] digits(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('0' + random.nextInt(10));
        }
        return b;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

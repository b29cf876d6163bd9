package dev.seqguard.core.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the input, ingest does not crash and loses no line from the count. */
class IngestPropertiesTest {

    /** Small windows and lines so that random input hits every branch, and the auto rule acts on few rows. */
    static IngestOptions options(EventFormat format) {
        return Ingest.options(format).withMaxLineLength(40).withDuplicateWindow(8)
                .withTimeRule(new TimeRule.Auto(0.9, 0.05, 0.15, Duration.ofHours(1), Duration.ZERO, 1, 2));
    }

    @Property(tries = 300, seed = "20171125")
    void randomBytesNeverCrashAndEveryLineIsCounted(@ForAll("bytes") byte[] bytes,
                                                     @ForAll("fixedFormats") EventFormat format) throws IOException {
        Ingest r = Ingest.run(bytes, options(format));
        assertAccounted(r, bytes);
    }

    @Property(tries = 300, seed = "20171125")
    void randomLinesNeverCrashAndEveryLineIsCounted(@ForAll("text") String text,
                                                    @ForAll("fixedFormats") EventFormat format) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Ingest r = Ingest.run(bytes, options(format));
        assertAccounted(r, bytes);
    }

    @Property(tries = 200, seed = "20171125")
    void randomRowsUnderAGenericHeaderNeverCrash(@ForAll("text") String text) throws IOException {
        String header = "user_id,item_id,behavior,timestamp,price\n";
        byte[] bytes = (header + text).getBytes(StandardCharsets.UTF_8);
        Ingest r = Ingest.run(bytes, options(EventFormat.byName("generic")));
        assertThat(r.summary().headerLines()).isEqualTo(1);
        assertThat(r.summary().read()).isEqualTo(expectedLines(bytes) - 1);
        assertThat(r.summary().read()).isEqualTo(r.summary().accepted() + r.summary().quarantined());
    }

    @Property(tries = 200, seed = "20171125")
    void randomJsonLinesNeverCrash(@ForAll("json") String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Ingest r = Ingest.run(bytes, options(EventFormat.byName("jsonl")));
        assertAccounted(r, bytes);
    }

    private static void assertAccounted(Ingest r, byte[] bytes) {
        IngestSummary s = r.summary();
        long lines = expectedLines(bytes);
        assertThat(s.read() + s.headerLines()).isEqualTo(lines);
        assertThat(s.read()).isEqualTo(s.accepted() + s.quarantined());
        assertThat(r.events()).hasSize((int) s.accepted());
        assertThat(r.rejected()).hasSize((int) s.quarantined());
        long previous = 0;
        for (QuarantinedLine q : r.rejected()) {
            assertThat(q.lineNumber()).isGreaterThan(previous).isLessThanOrEqualTo(lines);
            previous = q.lineNumber();
        }
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

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Byte> biased = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of((byte) '1', (byte) '7', (byte) ',', (byte) '\t', (byte) ';')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) '\n', (byte) '\r', (byte) ' ')),
                net.jqwik.api.Tuple.of(2, Arbitraries.bytes()));
        return biased.array(byte[].class).ofMaxSize(400);
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> token = Arbitraries.of("1", "42", "1511544070", "1511544070123", "2017-11-25", "NA", "pv",
                "buy", "cart", "fav", "view", "click", "", " ", ",", ";", "\t", "\"", ".", "é", "\uFEFF", "x",
                "1396860669.277", "2016-05-09", "\n", "\r\n", "-1", "1e3", "9".repeat(30));
        return token.list().ofMaxSize(60).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", "\"user_id\"", "\"item_id\"", "\"behavior\"",
                "\"timestamp\"", ":", ",", "\"7\"", "1511544070", "null", "true", "\"pv\"", "\"\\u00e9\"", "\"\\",
                "\n", " ", "\"");
        return token.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<EventFormat> fixedFormats() {
        return Arbitraries.of(List.of(EventFormat.TAOBAO, EventFormat.RETAILROCKET, EventFormat.DIGINETICA,
                EventFormat.YOOCHOOSE));
    }
}

package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineTest {
    static final IngestOptions TAOBAO = Ingest.options(EventFormat.TAOBAO);

    @Test
    void quarantinesBlankLines() throws IOException {
        Ingest r = Ingest.run("1,2,3,pv,1511544070\n\n \t \n1,2,3,pv,1511544071\n", TAOBAO);
        assertThat(r.events()).hasSize(2);
        assertThat(r.rejected()).extracting(QuarantinedLine::lineNumber).containsExactly(2L, 3L);
        assertThat(r.rejected()).allSatisfy(q -> assertThat(q.reason()).isEqualTo(QuarantineReason.BLANK_LINE));
        assertThat(r.rejected().get(1).raw()).isEqualTo(" \t ");
    }

    @Test
    void quarantinesOverLongLinesKeepingAPrefixAndCountingTheRest() throws IOException {
        String longLine = "9".repeat(100_000) + ",2,3,pv,1511544070";
        Ingest r = Ingest.run("1,2,3,pv,1511544070\n" + longLine + "\n1,2,3,pv,1511544071",
                TAOBAO.withMaxLineLength(64));
        assertThat(r.events()).hasSize(2);
        QuarantinedLine q = r.only();
        assertThat(q.reason()).isEqualTo(QuarantineReason.LINE_TOO_LONG);
        assertThat(q.lineNumber()).isEqualTo(2);
        assertThat(q.raw()).isEqualTo("9".repeat(64) + "...");
        assertThat(q.message()).contains(longLine.length() + " bytes").contains("maxLineLength 64");
        // a line of exactly the limit is fine
        Ingest exact = Ingest.run("1,2,3,pv,1511544070", TAOBAO.withMaxLineLength(19));
        assertThat(exact.events()).hasSize(1);
        Ingest over = Ingest.run("1,2,3,pv,1511544070", TAOBAO.withMaxLineLength(18));
        assertThat(over.only().reason()).isEqualTo(QuarantineReason.LINE_TOO_LONG);
    }

    @Test
    void quarantinesInvalidUtf8ShowingReplacementCharacters() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("1,2,3,pv,1511544070\n".getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(new byte[] {'1', ',', (byte) 0xFF, ',', '3', ',', 'p', 'v', ',', '1', '\n'});
        bytes.writeBytes(new byte[] {'1', ',', (byte) 0xC3, (byte) 0xA9, ',', '3', ',', 'p', 'v', ',', '1', '\n'});
        Ingest r = Ingest.run(bytes.toByteArray(), TAOBAO);
        assertThat(r.events()).hasSize(1);
        assertThat(r.rejected()).hasSize(2);
        QuarantinedLine bad = r.rejected().get(0);
        assertThat(bad.reason()).isEqualTo(QuarantineReason.BAD_ENCODING);
        assertThat(bad.lineNumber()).isEqualTo(2);
        assertThat(bad.raw()).isEqualTo("1,\uFFFD,3,pv,1");
        assertThat(bad.message()).contains("0xFF").contains("byte 3");
        // valid UTF-8 that is not a number is a layout problem, not an encoding one
        assertThat(r.rejected().get(1).reason()).isEqualTo(QuarantineReason.NON_NUMERIC_ID);
        assertThat(r.rejected().get(1).raw()).isEqualTo("1,é,3,pv,1");
    }

    @Test
    void quarantinesImplausibleTimesWithoutAnyPass() throws IOException {
        String text = "1,2,3,pv,946684799\n"   // 1999-12-31T23:59:59Z
                + "1,2,3,pv,946684800\n"      // 2000-01-01T00:00:00Z
                + "1,2,3,pv,1704240000\n"     // now (2024-01-01) + 2 days
                + "1,2,3,pv,1704067200\n";    // now
        Ingest r = Ingest.run(text, TAOBAO);
        assertThat(r.events()).extracting(e -> e.timeMillis() / 1000).containsExactly(946_684_800L, 1_704_067_200L);
        assertThat(r.rejected()).extracting(QuarantinedLine::reason).containsOnly(QuarantineReason.TIME_OUT_OF_RANGE);
        assertThat(r.rejected().get(0).message()).contains("before the plausible floor 2000-01-01T00:00:00Z");
        assertThat(r.rejected().get(1).message()).contains("in the future");
        assertThat(r.summary().passes()).isEqualTo(1);
    }

    @Test
    void quarantinesTimesOutsideAFixedRange() throws IOException {
        IngestOptions fixed = TAOBAO.withTimeRule(TimeRule.parse("2017-11-25..2017-12-03"));
        Ingest r = Ingest.run("1,2,3,pv,1511567999\n1,2,3,pv,1511568000\n1,2,3,pv,1512345599\n"
                + "1,2,3,pv,1512345600\n", fixed);
        assertThat(r.events()).extracting(e -> e.timeMillis() / 1000).containsExactly(1_511_568_000L, 1_512_345_599L);
        assertThat(r.rejected()).extracting(QuarantinedLine::lineNumber).containsExactly(1L, 4L);
        assertThat(r.rejected().get(0).message()).contains("outside the bulk window 2017-11-25T00:00:00Z..");
    }

    @Test
    void quarantinesExactDuplicatesWithinTheWindowOnly() throws IOException {
        String a = "1,2,3,pv,1511544070";
        String b = "1,2,3,pv,1511544071";
        String c = "1,2,3,pv,1511544072";
        // \r\n and \n endings of the same text are the same line
        Ingest r = Ingest.run(a + "\r\n" + a + "\n" + b + "\n" + c + "\n" + a + "\n", TAOBAO.withDuplicateWindow(2));
        assertThat(r.rejected()).extracting(QuarantinedLine::lineNumber).containsExactly(2L);
        assertThat(r.only().reason()).isEqualTo(QuarantineReason.DUPLICATE);
        // line 5 repeats line 1, which has left the 2-line window (b and c came after it)
        assertThat(r.events()).hasSize(4);
        Ingest wide = Ingest.run(a + "\n" + b + "\n" + c + "\n" + a + "\n", TAOBAO);
        assertThat(wide.only().lineNumber()).isEqualTo(4);
        Ingest off = Ingest.run(a + "\n" + a + "\n", TAOBAO.withDuplicateWindow(0));
        assertThat(off.events()).hasSize(2);
    }

    @Test
    void countsLinesAcrossCrLfAndALastLineWithoutNewline() throws IOException {
        Ingest r = Ingest.run("1,2,3,pv,1511544070\r\nbad\r\n\r\n1,2,3,buy,1511544071", TAOBAO);
        assertThat(r.summary().read()).isEqualTo(4);
        assertThat(r.events()).hasSize(2);
        assertThat(r.events().get(1).action()).isEqualTo(Action.BUY);
        assertThat(r.rejected()).extracting(QuarantinedLine::lineNumber).containsExactly(2L, 3L);
        assertThat(r.rejected().get(0).raw()).isEqualTo("bad");
        assertThat(r.rejected().get(1).reason()).isEqualTo(QuarantineReason.BLANK_LINE);
        // a trailing newline does not make an extra line; an extra newline does
        assertThat(Ingest.run("1,2,3,pv,1511544070\n", TAOBAO).summary().read()).isEqualTo(1);
        assertThat(Ingest.run("1,2,3,pv,1511544070\n\n", TAOBAO).summary().read()).isEqualTo(2);
        assertThat(Ingest.run("", TAOBAO).summary().read()).isZero();
    }

    @Test
    void numbersLinesFromTheHeaderAndSkipsAByteOrderMark() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "SessionId\tItemId\tTime\r\n1\t2\t1396860669.277\r\nx\t2\t1396860669\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Ingest r = Ingest.run(all, Ingest.options(EventFormat.YOOCHOOSE));
        assertThat(r.summary().headerLines()).isEqualTo(1);
        assertThat(r.summary().read()).isEqualTo(2);
        assertThat(r.only().lineNumber()).isEqualTo(3);
        assertThat(r.only().reason()).isEqualTo(QuarantineReason.NON_NUMERIC_ID);
    }

    @Test
    void linesLongerThanTheReadBufferStreamThrough() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            sb.append("1,2,3,pv,1511544070").append(" ".repeat(70_000)).append('\n'); // long, bad time field
            sb.append("1,2,3,pv,").append(1511544071 + i).append('\n');
        }
        Ingest r = Ingest.run(sb.toString(), TAOBAO.withMaxLineLength(100_000));
        assertThat(r.events()).hasSize(3);
        assertThat(r.rejected()).extracting(QuarantinedLine::lineNumber).containsExactly(1L, 3L, 5L);
        assertThat(r.rejected()).extracting(QuarantinedLine::reason).containsOnly(QuarantineReason.UNPARSEABLE_TIME);
    }

    @Test
    void writesQuarantineCsvWithEscapedRawLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/quarantine.csv");
        QuarantineCounter counter = new QuarantineCounter();
        try (QuarantineWriter writer = QuarantineWriter.open(file)) {
            new EventReader(TAOBAO).read(IngestInput.of("1,2,3,pv\n\"a\",b\n1,2,3,pv,1511544070\n1,2,3,pv,1511544070\n"
                    .getBytes(StandardCharsets.UTF_8), "t"), e -> { }, writer.andThen(counter));
            assertThat(writer.written()).isEqualTo(3);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(
                "line,reason,raw",
                "1,wrong_field_count,\"1,2,3,pv\"",
                "2,wrong_field_count,\"\"\"a\"\",b\"",
                "4,duplicate,\"1,2,3,pv,1511544070\"");
        assertThat(counter.total()).isEqualTo(3);
        assertThat(counter.count(QuarantineReason.WRONG_FIELD_COUNT)).isEqualTo(2);
        assertThat(counter.firstExamples().get(QuarantineReason.WRONG_FIELD_COUNT).lineNumber()).isEqualTo(1);
        assertThat(counter.counts()).containsOnlyKeys(QuarantineReason.WRONG_FIELD_COUNT, QuarantineReason.DUPLICATE);
    }

    @Test
    void summaryCountsAddUpAndReportTimes() throws IOException {
        Ingest r = Ingest.run("1,2,3,pv,1511544072\nx\n1,2,3,pv,1511544070\n1,2,3,pv,1511544071\n", TAOBAO);
        IngestSummary s = r.summary();
        assertThat(s.read()).isEqualTo(4);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.quarantined()).isEqualTo(1);
        assertThat(s.firstAcceptedMillis()).hasValue(1_511_544_070_000L);
        assertThat(s.lastAcceptedMillis()).hasValue(1_511_544_072_000L);
        assertThat(s.toMap()).containsEntry("read", 4L).containsEntry("first_accepted",
                Instant.ofEpochSecond(1_511_544_070L).toString());
        assertThat(QuarantineReason.ofCode("wrong_field_count")).isEqualTo(QuarantineReason.WRONG_FIELD_COUNT);
    }
}

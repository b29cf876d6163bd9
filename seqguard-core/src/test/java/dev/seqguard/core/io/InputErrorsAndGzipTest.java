package dev.seqguard.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputErrorsAndGzipTest {
    static final String TEXT = "1,2,3,pv,1511544070\n1,2,3,buy,1511544071\nbad\n";

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsGzipByMagicBytesWhateverTheName(@TempDir Path dir) throws IOException {
        byte[] gz = gzip(TEXT.getBytes(StandardCharsets.US_ASCII));
        Path named = dir.resolve("events.csv.gz");
        Path disguised = dir.resolve("events.csv");
        Files.write(named, gz);
        Files.write(disguised, gz);
        for (Path p : new Path[] {named, disguised}) {
            IngestResult r = EventReader.readAll(p, Ingest.options(EventFormat.TAOBAO));
            assertThat(r.events()).as(p.toString()).hasSize(2);
            assertThat(r.summary().read()).isEqualTo(3);
            assertThat(r.summary().source()).isEqualTo(p.toString());
        }
        // and a plain file named .gz is read as plain text
        Path plain = dir.resolve("plain.gz");
        Files.writeString(plain, TEXT);
        assertThat(EventReader.readAll(plain, Ingest.options(EventFormat.TAOBAO)).events()).hasSize(2);
    }

    @Test
    void gzipStreamIsReadTwiceForTheAutoRule(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append(i).append(",2,3,pv,").append(1_511_544_070L + i * 60L).append('\n');
        }
        sb.append("1,2,3,pv,1505117799\n"); // months earlier
        Path file = dir.resolve("x.gz");
        Files.write(file, gzip(sb.toString().getBytes(StandardCharsets.US_ASCII)));
        IngestResult r = EventReader.readAll(file, Ingest.options(EventFormat.TAOBAO).withTimeRule(TimeRule.auto()));
        assertThat(r.summary().passes()).isEqualTo(2);
        assertThat(r.summary().accepted()).isEqualTo(2000);
        assertThat(r.summary().count(QuarantineReason.TIME_OUT_OF_RANGE)).isEqualTo(1);
    }

    @Test
    void damagedGzipIsAnIngestExceptionNamingThePath(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append(i).append(",2,3,pv,1511544070\n");
        }
        byte[] gz = gzip(sb.toString().getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("cut.gz");
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> EventReader.readAll(file, Ingest.options(EventFormat.TAOBAO)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("gzip");
    }

    @Test
    void missingFileOrDirectoryIsAnIngestExceptionNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> EventReader.readAll(missing, Ingest.options(EventFormat.TAOBAO)))
                .isInstanceOf(IngestException.class)
                .hasMessage("input file " + missing + " does not exist");
        assertThatThrownBy(() -> EventReader.readAll(dir, Ingest.options(EventFormat.TAOBAO)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void singlePassStreamSkipsTheAutoRuleAndIsNotClosed() throws IOException {
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        IngestSummary s = new EventReader(Ingest.options(EventFormat.TAOBAO).withTimeRule(TimeRule.auto()))
                .read(IngestInput.of(in, "stdin"), e -> { }, QuarantineSink.DISCARD);
        assertThat(s.passes()).isEqualTo(1);
        assertThat(s.bulkWindow()).isEmpty();
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(closed[0]).isFalse();
    }
}

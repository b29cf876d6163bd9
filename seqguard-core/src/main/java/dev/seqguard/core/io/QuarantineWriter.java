package dev.seqguard.core.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes rejected lines to a CSV file with the header {@code line,reason,raw}: the 1-based input line number, the
 * reason {@linkplain QuarantineReason#code() code} and the raw line, CSV-escaped (RFC 4180). The file is created or
 * truncated when the writer opens. The human-readable message is not written (the header is a contract); use
 * {@link QuarantineCounter} or a custom sink for it.
 */
public final class QuarantineWriter implements QuarantineSink, Closeable {
    /** The first line of every quarantine file. */
    public static final String HEADER = "line,reason,raw";

    private final Path path;
    private final BufferedWriter out;
    private long written;

    private QuarantineWriter(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    /** Opens {@code path} for writing (creating parent directories) and writes the header. */
    public static QuarantineWriter open(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter out;
        try {
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IngestException("cannot write quarantine file " + path + ": " + e.getMessage(), e);
        }
        QuarantineWriter writer = new QuarantineWriter(path, out);
        out.write(HEADER);
        out.write('\n');
        return writer;
    }

    @Override
    public void accept(QuarantinedLine line) throws IOException {
        out.write(Long.toString(line.lineNumber()));
        out.write(',');
        out.write(line.reason().code());
        out.write(',');
        out.write(Csv.escape(line.raw()));
        out.write('\n');
        written++;
    }

    /** Number of rows written so far, header excluded. */
    public long written() {
        return written;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

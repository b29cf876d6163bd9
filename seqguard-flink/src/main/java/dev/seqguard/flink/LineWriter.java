package dev.seqguard.flink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Lines to a part file through a buffer. Flink's row format writes every record straight to the file stream, which on
 * a local file system is one {@code write} system call per line (two with the newline): that cost as much as the
 * scoring. A bulk format may buffer, because the file sink calls {@link #flush} before every checkpoint and
 * {@link #finish} before a part file is committed, so what a checkpoint covers is on disk before it completes (the
 * sink stays exactly-once).
 */
final class LineWriter implements BulkWriter<String> {
    private static final int BUFFER_BYTES = 1 << 16;

    private final BufferedOutputStream out;

    private LineWriter(FSDataOutputStream file) {
        this.out = new BufferedOutputStream(file, BUFFER_BYTES);
    }

    /** Creates a writer per part file; UTF-8, one {@code \n}-terminated line per element. */
    static final class Factory implements BulkWriter.Factory<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public BulkWriter<String> create(FSDataOutputStream stream) {
            return new LineWriter(stream);
        }
    }

    @Override
    public void addElement(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes; the file sink makes the part file durable and closes the stream itself when it commits it. */
    @Override
    public void finish() throws IOException {
        out.flush();
    }
}

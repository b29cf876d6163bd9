package dev.seqguard.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits a byte stream into lines in a reusable buffer, without decoding or allocating per line. A line ends at
 * {@code \n}; a {@code \r} right before it is dropped (so {@code \r\n} files count lines like {@code \n} files); a
 * last line without terminator is still a line; a lone {@code \r} is an ordinary byte. A UTF-8 byte-order mark at
 * the very start is skipped. Lines longer than {@code maxLineBytes} are not buffered whole: their first
 * {@code maxLineBytes} bytes are kept and the rest skipped, with {@link #overlong()} set.
 */
final class LineSource {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf;
    private final byte[] prefix;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;

    private long lineNumber;
    private byte[] lineBytes;
    private int lineStart;
    private int lineEnd;
    private boolean overlong;
    private long overlongLength;

    LineSource(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.max(1 << 16, maxLineBytes + 2)];
        this.prefix = new byte[maxLineBytes];
    }

    /** Advances to the next line; {@code false} at the end of input. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            fillAtLeast(3);
            if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3;
            }
        }
        overlong = false;
        while (true) {
            int nl = indexOfNewline(pos, limit);
            if (nl >= 0) {
                int end = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
                setLine(buf, pos, end);
                pos = nl + 1;
                if (end - lineStart > maxLineBytes) {
                    markOverlong(end - lineStart);
                }
                return true;
            }
            if (eof) {
                if (pos >= limit) {
                    return false;
                }
                int end = buf[limit - 1] == '\r' ? limit - 1 : limit;
                setLine(buf, pos, end);
                pos = limit;
                if (end - lineStart > maxLineBytes) {
                    markOverlong(end - lineStart);
                }
                return true;
            }
            if (limit - pos > maxLineBytes + 1) {
                skipOverlong();
                return true;
            }
            compactAndFill();
        }
    }

    private void setLine(byte[] bytes, int start, int end) {
        lineNumber++;
        lineBytes = bytes;
        lineStart = start;
        lineEnd = end;
    }

    private void markOverlong(long length) {
        overlong = true;
        overlongLength = length;
        lineEnd = lineStart + maxLineBytes;
    }

    /** The current line is already longer than allowed and not yet terminated: keep a prefix, skip to its end. */
    private void skipOverlong() throws IOException {
        System.arraycopy(buf, pos, prefix, 0, maxLineBytes);
        long length = limit - pos;
        pos = limit;
        while (true) {
            if (pos >= limit) {
                if (eof) {
                    break;
                }
                pos = 0;
                limit = 0;
                fillAtLeast(1);
                continue;
            }
            int nl = indexOfNewline(pos, limit);
            if (nl >= 0) {
                length += nl - pos;
                pos = nl + 1;
                break;
            }
            length += limit - pos;
            pos = limit;
        }
        setLine(prefix, 0, maxLineBytes);
        overlong = true;
        overlongLength = length;
    }

    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        int i = from;
        // eight bytes at a time: the lowest byte of w ^ '\n'...'\n' that is zero is the first newline
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void compactAndFill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
            pos = 0;
            limit = remaining;
        }
        fillAtLeast(limit + 1);
    }

    /** Reads until the buffer holds {@code wanted} bytes from position 0 or the stream ends. */
    private void fillAtLeast(int wanted) throws IOException {
        while (!eof && limit < Math.min(wanted, buf.length)) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
    }

    long lineNumber() {
        return lineNumber;
    }

    byte[] bytes() {
        return lineBytes;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** Whether the current line exceeded the limit; then {@link #start()}..{@link #end()} is its kept prefix. */
    boolean overlong() {
        return overlong;
    }

    /** The full length in bytes of the current over-long line. */
    long overlongLength() {
        return overlongLength;
    }
}

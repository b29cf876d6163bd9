package dev.seqguard.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Request bodies up to a size: a larger one is drained unread (up to 64 MiB), so that the client still reads the 413
 * answer instead of a reset connection.
 */
final class BodyLimit {
    private static final long MAX_DRAIN = 64L << 20;
    private final long maxBytes;

    BodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The body, or {@code null} when it is larger than the limit (answer {@link #tooLarge}). */
    byte[] read(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                if (length > maxBytes) {
                    drain(in);
                    return null;
                }
                if (length >= 0) {
                    // one array of the declared size, instead of readNBytes' chunks joined up to the limit
                    byte[] b = new byte[(int) length];
                    int n = in.readNBytes(b, 0, b.length);
                    return n == b.length ? b : Arrays.copyOf(b, n);
                }
            } catch (NumberFormatException e) {
                // chunked or odd: the bounded read below decides
            }
        }
        byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (b.length > maxBytes) {
            drain(in);
            return null;
        }
        return b;
    }

    /** The 413 answer; {@code advice} follows the limit, e.g. {@code "; send smaller batches"}. */
    Response tooLarge(String advice) throws IOException {
        return Response.error(413, "body larger than " + maxBytes + " bytes" + advice);
    }

    /** Reads and drops what is left of a body a request will not use. */
    static void drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buf = new byte[65536];
        int n;
        while (skipped < MAX_DRAIN && (n = in.read(buf)) > 0) {
            skipped += n;
        }
    }
}

package dev.seqguard.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal HTTP/1.1 client for {@code POST /v1/events} on one kept-alive loopback connection: the request is
 * one write of head and body, the response is read up to its {@code Content-Length}. Reconnects after an
 * error or a {@code Connection: close}; a failed request (refused, cut off, or no answer within the read
 * timeout) counts as status -1. Used by the load benchmark and the fuzz test.
 */
final class KeepAliveClient implements AutoCloseable {
    private final int port;
    private final byte[] head;
    private byte[] buf = new byte[1 << 16];
    private int bodyStart;
    private int len;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final StringBuilder line = new StringBuilder(128);
    private final int readTimeoutMillis;
    private byte[] response = new byte[1 << 16];
    private int responseLength;

    KeepAliveClient(int port, String key) {
        this(port, key, 60_000);
    }

    KeepAliveClient(int port, String key, int readTimeoutMillis) {
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
        this.head = ("POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Starts a request body; room is left for the head, written in front of the body by {@link #post}. */
    void startBody() {
        bodyStart = head.length + 16;
        len = bodyStart;
    }

    void bodyByte(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    void body(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /** Sends {@code body} as a whole request (see {@link #post()}). */
    int post(byte[] body) {
        startBody();
        body(body);
        return post();
    }

    /** The body of the last response {@link #post} read. */
    String responseBody() {
        return new String(response, 0, responseLength, StandardCharsets.UTF_8);
    }

    /** Sends the request and reads the whole response; its status, or -1 when the connection failed. */
    int post() {
        byte[] length = (Integer.toString(len - bodyStart) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int from = bodyStart - length.length - head.length;
        System.arraycopy(head, 0, buf, from, head.length);
        System.arraycopy(length, 0, buf, bodyStart - length.length, length.length);
        try {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(readTimeoutMillis);
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                out = socket.getOutputStream();
            }
            out.write(buf, from, len - from);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            responseLength = 0;
            return -1;
        }
    }

    private int readResponse() throws IOException {
        String status = readLine();
        int sp = status.indexOf(' ');
        if (!status.startsWith("HTTP/1.1 ") || sp < 0 || status.length() < sp + 4) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(sp + 1, sp + 4));
        long contentLength = -1;
        boolean closeAfter = false;
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IOException("chunked responses are not expected from the service");
            }
        }
        if (contentLength < 0) {
            throw new IOException("response without Content-Length");
        }
        if (contentLength > response.length) {
            response = new byte[(int) contentLength];
        }
        if (in.readNBytes(response, 0, (int) contentLength) < contentLength) {
            throw new IOException("connection closed mid-body");
        }
        responseLength = (int) contentLength;
        if (closeAfter) {
            close();
        }
        return code;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a loopback socket that already failed: nothing to recover
            }
        }
        socket = null;
    }
}

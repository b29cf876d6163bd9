package dev.seqguard.core.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one line of UTF-8 into a reusable {@code char[]}. Pure-ASCII lines (the common case) are widened byte by
 * byte; other lines go through a {@link CharsetDecoder} that REPORTs malformed and unmappable input, so a bad byte
 * quarantines its line instead of silently becoming U+FFFD.
 */
final class LineDecoder {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final char[] chars;
    private int length;
    private int errorOffset;

    LineDecoder(int maxLineBytes) {
        // UTF-8 never yields more chars than bytes
        this.chars = new char[maxLineBytes];
    }

    /** Decodes {@code bytes[start..end)}; {@code false} when it is not valid UTF-8 (see {@link #errorOffset()}). */
    boolean decode(byte[] bytes, int start, int end) {
        char[] out = chars;
        int n = end - start;
        for (int i = 0; i < n; i++) {
            byte b = bytes[start + i];
            if (b < 0) {
                return decodeSlow(bytes, start, end);
            }
            out[i] = (char) b;
        }
        length = n;
        return true;
    }

    private boolean decodeSlow(byte[] bytes, int start, int end) {
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.wrap(chars);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            errorOffset = in.position() - start;
            return false;
        }
        length = out.position();
        return true;
    }

    char[] chars() {
        return chars;
    }

    int length() {
        return length;
    }

    /** Byte offset, within the line, of the first invalid byte of the last failed decode. */
    int errorOffset() {
        return errorOffset;
    }
}

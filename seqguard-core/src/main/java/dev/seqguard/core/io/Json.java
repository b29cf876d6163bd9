package dev.seqguard.core.io;

import java.util.HashMap;
import java.util.Map;

/**
 * The small part of JSON that JSON Lines ingest needs: one object per line, whose top-level values are read as
 * text (strings unescaped, numbers and booleans as written, nested objects/arrays as their raw JSON, {@code null}
 * as absent). Written by hand because the core module carries no JSON library.
 */
final class Json {
    private final char[] c;
    private final int n;
    private int i;

    private Json(char[] c, int n) {
        this.c = c;
        this.n = n;
    }

    /** The object's top-level fields, or {@code null} when the line is not exactly one JSON object. */
    static Map<String, String> parseObject(char[] line, int length) {
        Json p = new Json(line, length);
        try {
            Map<String, String> fields = p.object();
            p.ws();
            return p.i == p.n ? fields : null;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    private Map<String, String> object() {
        ws();
        expect('{');
        Map<String, String> fields = new HashMap<>();
        ws();
        if (c[i] == '}') {
            i++;
            return fields;
        }
        while (true) {
            ws();
            String key = string();
            ws();
            expect(':');
            ws();
            String value = value();
            if (value != null) {
                fields.put(key, value);
            } else {
                fields.remove(key);
            }
            ws();
            char sep = next();
            if (sep == '}') {
                return fields;
            }
            if (sep != ',') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
    }

    private String value() {
        char first = peek();
        if (first == '"') {
            return string();
        }
        if (first == '{' || first == '[') {
            int start = i;
            skipNested();
            return new String(c, start, i - start);
        }
        int start = i;
        while (i < n && c[i] != ',' && c[i] != '}' && c[i] != ']' && !isWs(c[i])) {
            i++;
        }
        String token = new String(c, start, i - start);
        if (token.equals("null")) {
            return null;
        }
        if (token.equals("true") || token.equals("false") || isNumber(token)) {
            return token;
        }
        throw new IllegalArgumentException("bad token " + token);
    }

    private void skipNested() {
        int depth = 0;
        do {
            char ch = c[i];
            if (ch == '"') {
                string();
                continue;
            }
            if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
            }
            i++;
        } while (depth > 0);
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char ch = next();
            if (ch == '"') {
                return sb.toString();
            }
            if (ch == '\\') {
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (i + 4 > n) {
                            throw new IllegalArgumentException("short \\u escape");
                        }
                        sb.append((char) Integer.parseInt(new String(c, i, 4), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            } else if (ch < 0x20) {
                throw new IllegalArgumentException("control character in string");
            } else {
                sb.append(ch);
            }
        }
    }

    private static boolean isNumber(String t) {
        int k = 0;
        int len = t.length();
        if (k < len && t.charAt(k) == '-') {
            k++;
        }
        int digits = 0;
        while (k < len && Character.isDigit(t.charAt(k))) {
            k++;
            digits++;
        }
        if (k < len && t.charAt(k) == '.') {
            k++;
            while (k < len && Character.isDigit(t.charAt(k))) {
                k++;
            }
        }
        if (k < len && (t.charAt(k) == 'e' || t.charAt(k) == 'E')) {
            k++;
            if (k < len && (t.charAt(k) == '+' || t.charAt(k) == '-')) {
                k++;
            }
            int exp = 0;
            while (k < len && Character.isDigit(t.charAt(k))) {
                k++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return digits > 0 && k == len;
    }

    private void ws() {
        while (i < n && isWs(c[i])) {
            i++;
        }
    }

    private static boolean isWs(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }

    private char peek() {
        if (i >= n) {
            throw new IllegalArgumentException("unexpected end");
        }
        return c[i];
    }

    private char next() {
        if (i >= n) {
            throw new IllegalArgumentException("unexpected end");
        }
        return c[i++];
    }

    private void expect(char ch) {
        if (next() != ch) {
            throw new IllegalArgumentException("expected " + ch);
        }
    }

    /** {@code value} as a JSON string literal. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

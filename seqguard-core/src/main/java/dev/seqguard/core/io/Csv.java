package dev.seqguard.core.io;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 helpers for single-line records (a quoted field may not span lines). */
final class Csv {
    private Csv() {
    }

    /** Quotes {@code value} when it holds a comma, quote, CR, LF or leading/trailing space; doubles inner quotes. */
    static String escape(String value) {
        return escape(value, ',');
    }

    static String escape(String value, char delimiter) {
        boolean quote = !value.isEmpty()
                && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ');
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /**
     * Splits one CSV record. Returns {@code null} when a quoted field is not closed or a closing quote is followed by
     * something other than the delimiter (the record is malformed).
     */
    static List<String> split(char[] line, int length, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < length && line[i] == '"') {
                i++;
                boolean closed = false;
                while (i < length) {
                    char c = line[i++];
                    if (c == '"') {
                        if (i < length && line[i] == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (!closed || (i < length && line[i] != delimiter)) {
                    return null;
                }
            } else {
                while (i < length && line[i] != delimiter) {
                    field.append(line[i++]);
                }
            }
            fields.add(field.toString());
            if (i >= length) {
                return fields;
            }
            i++; // skip the delimiter; a trailing delimiter yields a final empty field
            if (i == length) {
                fields.add("");
                return fields;
            }
        }
    }
}

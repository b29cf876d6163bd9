package dev.seqguard.core.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV for single-line records (a quoted field may not span lines): a writer that quotes a field only when it
 * must, and the field escaping and record splitting the readers and the quarantine file use.
 */
public final class Csv implements AutoCloseable {
    private static final MathContext SIGNIFICANT = new MathContext(7);
    private final Writer out;

    private Csv(Writer out) {
        this.out = out;
    }

    /** Creates {@code file} (and its directory) and writes the header row. */
    public static Csv open(Path file, String... header) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Csv csv = new Csv(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        csv.row((Object[]) header);
        return csv;
    }

    public static Csv over(BufferedWriter writer) {
        return new Csv(writer);
    }

    public void row(List<?> fields) {
        row(fields.toArray());
    }

    /** One record: each field {@link #format formatted} and {@link #escape escaped}, then a newline. */
    public void row(Object... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(escape(format(fields[i])));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Numbers without locale surprises (7 significant digits, integers without a point); NaN and null become an empty field. */
    public static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "";
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return new BigDecimal(d).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Float f) {
            return format(f.doubleValue());
        }
        return v.toString();
    }

    /** Quotes {@code value} when it holds a comma, quote, CR, LF or leading/trailing space; doubles inner quotes. */
    public static String escape(String value) {
        return escape(value, ',');
    }

    public static String escape(String value, char delimiter) {
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
    public static List<String> split(char[] line, int length, char delimiter) {
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

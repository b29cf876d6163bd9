package dev.seqguard.eval.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.math.BigDecimal;
import java.math.MathContext;

/** A minimal RFC 4180 CSV writer: quotes a field only when it must. */
public final class Csv implements AutoCloseable {
    private static final MathContext SIGNIFICANT = new MathContext(7);
    private final Writer out;

    private Csv(Writer out) {
        this.out = out;
    }

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

    /** Numbers without locale surprises; NaN and null become an empty field. */
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

    public static String escape(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

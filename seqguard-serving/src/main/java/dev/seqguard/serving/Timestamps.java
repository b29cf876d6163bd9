package dev.seqguard.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;

/** Event times on the wire: Unix seconds, whole when the time has no fraction (as in the Taobao layout). */
public final class Timestamps {
    private Timestamps() {
    }

    /** Unix seconds as a JSON number: a long when whole, else a decimal with millisecond precision. */
    public static Number seconds(long millis) {
        if (millis % 1000 == 0) {
            return millis / 1000;
        }
        return BigDecimal.valueOf(millis, 3);
    }

    /** Writes {@code field} as {@link #seconds}: a JSON integer when whole. */
    public static void write(JsonGenerator g, String field, long millis) throws IOException {
        Number n = seconds(millis);
        if (n instanceof Long l) {
            g.writeNumberField(field, l);
        } else {
            g.writeNumberField(field, (BigDecimal) n);
        }
    }
}

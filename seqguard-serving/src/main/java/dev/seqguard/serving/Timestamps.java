package dev.seqguard.serving;

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
}

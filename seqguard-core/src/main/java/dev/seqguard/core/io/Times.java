package dev.seqguard.core.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reading times written as epoch seconds, epoch milliseconds or ISO-8601 text. */
final class Times {
    /** Epoch values at or above this are milliseconds: 1e11 seconds is the year 5138, 1e11 ms is 1973. */
    static final double MILLIS_THRESHOLD = 1e11;
    /** Returned by the parsers when the text is not a time. */
    static final long INVALID = Long.MIN_VALUE;

    private Times() {
    }

    /**
     * Epoch seconds or milliseconds (decided by magnitude, see {@link #MILLIS_THRESHOLD}), optionally with a fraction,
     * or ISO-8601: an instant ({@code 2017-11-25T08:00:00Z}), a date-time with offset, a local date-time ({@code T}
     * or space separated, read in {@code zone}) or a date (midnight in {@code zone}).
     *
     * @return epoch milliseconds, or {@link #INVALID}
     */
    static long parseFlexible(String text, ZoneOffset zone) {
        String t = text.trim();
        if (t.isEmpty()) {
            return INVALID;
        }
        long epoch = parseEpochNumber(t);
        if (epoch != INVALID) {
            return epoch;
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(zone).toEpochMilli();
            }
            String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
            char last = iso.charAt(iso.length() - 1);
            if (last == 'Z' || last == 'z') {
                return Instant.parse(iso).toEpochMilli();
            }
            if (hasOffset(iso)) {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(iso).toInstant(zone).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }

    private static boolean hasOffset(String iso) {
        int t = iso.indexOf('T');
        return t >= 0 && (iso.indexOf('+', t) >= 0 || iso.indexOf('-', t) >= 0);
    }

    /** Digits with an optional fraction, no sign; seconds or milliseconds by magnitude. */
    static long parseEpochNumber(String t) {
        int dot = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.' && dot < 0) {
                dot = i;
            } else if (c < '0' || c > '9') {
                return INVALID;
            }
        }
        if (dot == 0 || dot == t.length() - 1) {
            return INVALID;
        }
        int intEnd = dot < 0 ? t.length() : dot;
        if (intEnd > 16) {
            return INVALID;
        }
        long whole = Long.parseLong(t, 0, intEnd, 10);
        long fracMillis = 0;
        if (dot > 0) {
            // three digits of fraction are what milliseconds can hold; more digits are truncated
            int scale = 100;
            for (int i = dot + 1; i < t.length() && scale > 0; i++, scale /= 10) {
                fracMillis += (t.charAt(i) - '0') * (long) scale;
            }
        }
        if (whole >= MILLIS_THRESHOLD) {
            return whole; // a fraction of a millisecond is dropped
        }
        return whole * 1000L + fracMillis;
    }

    /** Digits only, at most 18 of them; {@link #INVALID} otherwise. Allocation-free. */
    static long parseDigits(char[] c, int from, int to) {
        int n = to - from;
        if (n <= 0 || n > 18) {
            return INVALID;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Epoch seconds with an optional fraction ({@code 1396860669.277}) to milliseconds; allocation-free. */
    static long parseSecondsWithFraction(char[] c, int from, int to) {
        int dot = -1;
        for (int i = from; i < to; i++) {
            if (c[i] == '.') {
                dot = i;
                break;
            }
        }
        if (dot < 0) {
            long s = parseDigits(c, from, to);
            return s == INVALID || s > Long.MAX_VALUE / 1000 ? INVALID : s * 1000L;
        }
        long s = parseDigits(c, from, dot);
        if (s == INVALID || s > Long.MAX_VALUE / 1000 || dot + 1 >= to) {
            return INVALID;
        }
        long millis = 0;
        int scale = 100;
        for (int i = dot + 1; i < to; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            millis += d * (long) scale;
            scale /= 10;
        }
        return s * 1000L + millis;
    }

    /** {@code millis} as epoch seconds with a three-digit fraction, e.g. {@code 1396860669.277}. */
    static String secondsWithFraction(long millis) {
        long s = Math.floorDiv(millis, 1000L);
        long ms = Math.floorMod(millis, 1000L);
        String frac = Long.toString(ms);
        return s + "." + "000".substring(frac.length()) + frac;
    }
}

package dev.seqguard.core.io;

import java.nio.charset.StandardCharsets;

/**
 * Id strings for runs of ASCII digits, without a new {@code String} per field: a small direct-mapped cache from the
 * digits (value and length, so {@code "007"} and {@code "7"} stay apart) to the string last made for them. Event
 * logs repeat ids line after line (a user's events, a popular item, a handful of categories), so most fields are
 * answered from the cache; a miss makes the string and replaces the slot. One instance per parser; not thread-safe.
 */
final class NumericIds {
    private static final int SLOTS = 1 << 12;
    private static final int MAX_CACHED_DIGITS = 18;

    private final long[] values = new long[SLOTS];
    private final byte[] lengths = new byte[SLOTS];
    private final String[] strings = new String[SLOTS];

    /** The string of {@code bytes[from..to)}, which the caller has checked to be 1 or more ASCII digits. */
    String of(byte[] bytes, int from, int to) {
        int n = to - from;
        if (n > MAX_CACHED_DIGITS) {
            return new String(bytes, from, n, StandardCharsets.ISO_8859_1);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (bytes[i] - '0');
        }
        int slot = (int) (Hashing.mix(v + n) & (SLOTS - 1));
        String s = strings[slot];
        if (s != null && values[slot] == v && lengths[slot] == n) {
            return s;
        }
        s = new String(bytes, from, n, StandardCharsets.ISO_8859_1);
        strings[slot] = s;
        values[slot] = v;
        lengths[slot] = (byte) n;
        return s;
    }
}

package dev.seqguard.core.io;

/**
 * Allocation-free field splitting and checks on a line held in a {@code char[]}: the hot path of the fixed layouts.
 * Holds reusable offset arrays, so one instance per parser.
 */
final class Fields {
    final int[] start;
    final int[] end;
    private final int expected;

    Fields(int expected) {
        this.expected = expected;
        this.start = new int[expected];
        this.end = new int[expected];
    }

    /**
     * Splits on {@code delimiter}, recording the first {@code expected} fields. Returns the number of fields found
     * (which may exceed {@code expected}; then only the first ones are recorded).
     */
    int split(char[] line, int length, char delimiter) {
        int count = 0;
        int fieldStart = 0;
        for (int i = 0; i < length; i++) {
            if (line[i] == delimiter) {
                if (count < expected) {
                    start[count] = fieldStart;
                    end[count] = i;
                }
                count++;
                fieldStart = i + 1;
            }
        }
        if (count < expected) {
            start[count] = fieldStart;
            end[count] = length;
        }
        return count + 1;
    }

    String text(char[] line, int field) {
        return new String(line, start[field], end[field] - start[field]);
    }

    boolean isEmpty(int field) {
        return end[field] == start[field];
    }

    boolean isDigits(char[] line, int field) {
        int from = start[field];
        int to = end[field];
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = line[i];
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    boolean equalsAscii(char[] line, int field, String text) {
        int from = start[field];
        int n = end[field] - from;
        if (n != text.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (line[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Message helper for the rejection path only. */
    static String wrongCount(String layout, int expected, int found, char delimiter) {
        String name = switch (delimiter) {
            case '\t' -> "tab";
            case ';' -> "';'";
            default -> "','";
        };
        return layout + " expects " + expected + " " + name + "-separated fields, found " + found;
    }

    /** A field's text for a message, cut to 60 characters. */
    static String quote(String value) {
        return "'" + (value.length() > 60 ? value.substring(0, 57) + "..." : value) + "'";
    }
}

package dev.seqguard.core.io;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which column (CSV header name, or JSON key) holds each event field, for the {@code generic} and {@code jsonl}
 * layouts.
 *
 * <p>{@code user}, {@code item}, {@code behavior} and {@code timestamp} are required and must be present in the
 * header. The others are optional: {@code null} means "the column with the canonical name ({@code category_id},
 * {@code session_id}, {@code query}, {@code price}, {@code dwell_ms}, {@code label}) if the header has one". A
 * non-canonical name must exist in the header, so that a typo fails loudly instead of reading nothing.
 * Writing uses the required columns and the non-null optional ones, in component order.
 *
 * @param user      column of the user (account) id
 * @param item      column of the item id (may be empty for a search)
 * @param category  column of the category id, optional (absent: the empty string)
 * @param behavior  column of the behaviour, read with {@link dev.seqguard.core.model.Action#parse}
 * @param timestamp column of the time: epoch seconds, epoch milliseconds (by magnitude) or ISO-8601
 * @param sessionId optional session id column
 * @param query     optional search query column (whitespace collapsed, control characters removed)
 * @param price     optional price column (a finite number)
 * @param dwellMs   optional dwell time column (a whole number of milliseconds, not negative)
 * @param label     optional label column (kept as text)
 */
public record ColumnMapping(String user, String item, String category, String behavior, String timestamp,
                            String sessionId, String query, String price, String dwellMs, String label) {

    /** Canonical column names, in component order. */
    static final List<String> CANONICAL = List.of("user_id", "item_id", "category_id", "behavior", "timestamp",
            "session_id", "query", "price", "dwell_ms", "label");
    static final int USER = 0;
    static final int ITEM = 1;
    static final int CATEGORY = 2;
    static final int BEHAVIOR = 3;
    static final int TIME = 4;
    static final int SESSION = 5;
    static final int QUERY = 6;
    static final int PRICE = 7;
    static final int DWELL = 8;
    static final int LABEL = 9;
    static final int SLOTS = 10;

    /** {@code user_id, item_id, category_id, behavior, timestamp}; other optional columns by canonical name. */
    public static final ColumnMapping DEFAULT = new ColumnMapping("user_id", "item_id", "category_id", "behavior",
            "timestamp", null, null, null, null, null);

    public ColumnMapping {
        requireName("user", user);
        requireName("item", item);
        requireName("behavior", behavior);
        requireName("timestamp", timestamp);
        String[] names = {user, item, category, behavior, timestamp, sessionId, query, price, dwellMs, label};
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name != null) {
                if (name.isBlank()) {
                    throw new IllegalArgumentException("column mapping has a blank column name: " + Arrays.toString(names));
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("column mapping uses column '" + name + "' twice");
                }
            }
        }
    }

    private static void requireName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("column mapping needs a column for " + field + ", got " + name);
        }
    }

    /**
     * Parses a spec like {@code user=uid,item=sku,time=ts}. Keys: {@code user}, {@code item}, {@code category},
     * {@code behavior} (or {@code behaviour}, {@code action}, {@code event}), {@code time} (or {@code timestamp}),
     * {@code session}, {@code query}, {@code price}, {@code dwell}, {@code label}; the {@code _id}/{@code _ms}
     * spellings of the canonical names work too. Keys not given take {@link #DEFAULT}'s value.
     * A null or blank spec gives {@link #DEFAULT}.
     */
    public static ColumnMapping parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULT;
        }
        String[] names = DEFAULT.names();
        boolean[] given = new boolean[SLOTS];
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("column spec '" + spec + "': expected key=column, got '"
                        + pair.trim() + "'");
            }
            String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            int slot = switch (key) {
                case "user", "user_id", "uid" -> USER;
                case "item", "item_id" -> ITEM;
                case "category", "category_id", "cat" -> CATEGORY;
                case "behavior", "behaviour", "behavior_type", "action", "event" -> BEHAVIOR;
                case "time", "timestamp", "ts" -> TIME;
                case "session", "session_id" -> SESSION;
                case "query" -> QUERY;
                case "price" -> PRICE;
                case "dwell", "dwell_ms" -> DWELL;
                case "label" -> LABEL;
                default -> throw new IllegalArgumentException("column spec '" + spec + "': unknown key '" + key
                        + "' (user, item, category, behavior, time, session, query, price, dwell, label)");
            };
            if (given[slot]) {
                throw new IllegalArgumentException("column spec '" + spec + "': key '" + key + "' given twice");
            }
            given[slot] = true;
            names[slot] = pair.substring(eq + 1).trim();
        }
        return of(names);
    }

    static ColumnMapping of(String[] n) {
        return new ColumnMapping(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9]);
    }

    /** Column names in slot order; {@code null} for unmapped optional slots. */
    String[] names() {
        return new String[] {user, item, category, behavior, timestamp, sessionId, query, price, dwellMs, label};
    }

    /**
     * Column names to read, given the columns the input actually has: unmapped optional slots take the canonical
     * name when present; a mapped canonical optional name that is absent is dropped; any other absent name fails.
     *
     * @return names in slot order, {@code null} for slots not read
     * @throws IllegalArgumentException naming the missing column and the columns seen
     */
    String[] bind(Set<String> available, String where) {
        String[] names = names();
        for (int slot = 0; slot < SLOTS; slot++) {
            String name = names[slot];
            boolean optional = slot == CATEGORY || slot >= SESSION;
            if (name == null) {
                String canonical = CANONICAL.get(slot);
                names[slot] = available.contains(canonical) ? canonical : null;
            } else if (!available.contains(name)) {
                if (optional && name.equals(CANONICAL.get(slot))) {
                    names[slot] = null;
                } else {
                    throw new IllegalArgumentException(where + " has no column '" + name + "' for "
                            + CANONICAL.get(slot) + "; columns are " + available);
                }
            }
        }
        return names;
    }

    /** Columns written, in order: required ones and mapped optional ones. */
    List<String> writtenColumns() {
        return Arrays.stream(names()).filter(Objects::nonNull).toList();
    }
}

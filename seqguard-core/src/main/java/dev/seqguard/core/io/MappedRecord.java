package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;

import java.time.ZoneOffset;

import static dev.seqguard.core.io.ColumnMapping.BEHAVIOR;
import static dev.seqguard.core.io.ColumnMapping.CATEGORY;
import static dev.seqguard.core.io.ColumnMapping.DWELL;
import static dev.seqguard.core.io.ColumnMapping.ITEM;
import static dev.seqguard.core.io.ColumnMapping.LABEL;
import static dev.seqguard.core.io.ColumnMapping.PRICE;
import static dev.seqguard.core.io.ColumnMapping.QUERY;
import static dev.seqguard.core.io.ColumnMapping.SESSION;
import static dev.seqguard.core.io.ColumnMapping.SLOTS;
import static dev.seqguard.core.io.ColumnMapping.TIME;
import static dev.seqguard.core.io.ColumnMapping.USER;

/**
 * Field values in {@link ColumnMapping} slot order to an event and back: the part the {@code generic} and
 * {@code jsonl} layouts share. Missing-value rules: category, session, query and label absent or empty become the
 * empty string / {@code null}; price absent becomes NaN, dwell -1; an empty item is allowed for searches only.
 */
final class MappedRecord {
    private MappedRecord() {
    }

    /**
     * @param columns bound column names in slot order (for messages), {@code null} for slots not read
     * @param values  raw values in slot order, {@code null} when the column is absent
     */
    static BehaviorEvent toEvent(String[] columns, String[] values, ParseFailure failed) {
        String user = trimmed(values[USER]);
        if (user.isEmpty()) {
            return failed.set(QuarantineReason.MISSING_VALUE, "user (" + columns[USER] + ") is empty");
        }
        String behaviorText = trimmed(values[BEHAVIOR]);
        if (behaviorText.isEmpty()) {
            return failed.set(QuarantineReason.MISSING_VALUE, "behavior (" + columns[BEHAVIOR] + ") is empty");
        }
        Action action = Action.parse(behaviorText).orElse(null);
        if (action == null) {
            return failed.set(QuarantineReason.UNKNOWN_BEHAVIOR, "behavior (" + columns[BEHAVIOR] + ") "
                    + Fields.quote(behaviorText) + " is not a known behaviour");
        }
        String item = trimmed(values[ITEM]);
        if (item.isEmpty() && action != Action.SEARCH) {
            return failed.set(QuarantineReason.MISSING_VALUE, "item (" + columns[ITEM] + ") is empty");
        }
        String timeText = trimmed(values[TIME]);
        if (timeText.isEmpty()) {
            return failed.set(QuarantineReason.MISSING_VALUE, "timestamp (" + columns[TIME] + ") is empty");
        }
        long millis = Times.parseFlexible(timeText, ZoneOffset.UTC);
        if (millis == Times.INVALID) {
            return failed.set(QuarantineReason.UNPARSEABLE_TIME, "timestamp (" + columns[TIME] + ") "
                    + Fields.quote(timeText) + " is not epoch seconds, epoch milliseconds or ISO-8601");
        }
        double price = Double.NaN;
        String priceText = trimmed(values[PRICE]);
        if (!priceText.isEmpty()) {
            try {
                price = Double.parseDouble(priceText);
            } catch (NumberFormatException e) {
                price = Double.NaN;
            }
            if (!Double.isFinite(price)) {
                return failed.set(QuarantineReason.BAD_VALUE, "price (" + columns[PRICE] + ") "
                        + Fields.quote(priceText) + " is not a finite number");
            }
        }
        long dwell = -1;
        String dwellText = trimmed(values[DWELL]);
        if (!dwellText.isEmpty()) {
            try {
                dwell = Long.parseLong(dwellText);
            } catch (NumberFormatException e) {
                dwell = -1;
            }
            if (dwell < 0) {
                return failed.set(QuarantineReason.BAD_VALUE, "dwell (" + columns[DWELL] + ") "
                        + Fields.quote(dwellText) + " is not a whole number of milliseconds >= 0");
            }
        }
        EventExtras extras = new EventExtras(emptyToNull(trimmed(values[SESSION])),
                emptyToNull(cleanQuery(values[QUERY])), price, dwell, emptyToNull(trimmed(values[LABEL])));
        return new BehaviorEvent(user, item, trimmed(values[CATEGORY]), action, millis,
                extras.isEmpty() ? EventExtras.NONE : extras);
    }

    /** The event's values in slot order, as text; {@code null} where the event has nothing. */
    static String[] toValues(BehaviorEvent e) {
        String[] v = new String[SLOTS];
        v[USER] = e.userId();
        v[ITEM] = e.itemId();
        v[CATEGORY] = e.categoryId();
        v[BEHAVIOR] = e.action().code();
        v[TIME] = Long.toString(e.timeMillis());
        EventExtras x = e.extras();
        v[SESSION] = x.sessionId();
        v[QUERY] = x.query();
        v[PRICE] = Double.isNaN(x.price()) ? null : Double.toString(x.price());
        v[DWELL] = x.dwellMs() < 0 ? null : Long.toString(x.dwellMs());
        v[LABEL] = x.label();
        return v;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** Query text cleaned: control characters dropped, whitespace runs collapsed to one space, trimmed. */
    static String cleanQuery(String query) {
        if (query == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(query.length());
        boolean space = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = sb.length() > 0;
            } else if (!Character.isISOControl(c)) {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

/** {@code user_id,item_id,category_id,behavior_type,timestamp}, no header, unix seconds. */
final class TaobaoFormat extends FixedColumnsFormat {
    private static final String LAYOUT = "taobao";

    TaobaoFormat() {
        super(LAYOUT, null, ',', 5);
    }

    @Override
    public String format(BehaviorEvent e) {
        String code = switch (e.action()) {
            case VIEW -> "pv";
            case CART -> "cart";
            case FAV -> "fav";
            case BUY -> "buy";
            default -> throw cannotWrite(LAYOUT, e.action());
        };
        return requireNumeric(LAYOUT, "user_id", e.userId()) + ','
                + requireNumeric(LAYOUT, "item_id", e.itemId()) + ','
                + requireNumeric(LAYOUT, "category_id", e.categoryId()) + ','
                + code + ',' + e.epochSeconds();
    }

    @Override
    BehaviorEvent parse(char[] line, Fields f, ParseFailure failed) {
        if (badId(line, f, 0, "user_id", failed) || badId(line, f, 1, "item_id", failed)
                || badId(line, f, 2, "category_id", failed)) {
            return null;
        }
        Action action = behavior(line, f.start[3], f.end[3] - f.start[3]);
        if (action == null) {
            return badBehavior(line, f, 3, "behavior_type", "pv|cart|fav|buy", failed);
        }
        long seconds = Times.parseDigits(line, f.start[4], f.end[4]);
        if (seconds == Times.INVALID || seconds > Long.MAX_VALUE / 1000L) {
            return badTime(line, f, 4, "timestamp", "unix seconds", failed);
        }
        return new BehaviorEvent(f.text(line, 0), f.text(line, 1), f.text(line, 2), action, seconds * 1000L);
    }

    /*
     * The fast path accepts exactly what parse accepts among lines made only of digits, lower-case letters and
     * commas: three non-empty digit runs, one of the four codes, and 1..18 digits of seconds that fit in
     * milliseconds, five fields in all. Anything else returns null/INVALID and goes the ordinary way.
     */

    @Override
    BehaviorEvent parseAscii(byte[] b, int start, int end, NumericIds ids) {
        int e0 = digitsEnd(b, start, end);
        int e1 = e0 < 0 ? -1 : digitsEnd(b, e0 + 1, end);
        int e2 = e1 < 0 ? -1 : digitsEnd(b, e1 + 1, end);
        if (e2 < 0) {
            return null;
        }
        int e3 = commaAt(b, e2 + 1, end);
        Action action = e3 < 0 ? null : behavior(b, e2 + 1, e3 - e2 - 1);
        long seconds = action == null ? Times.INVALID : seconds(b, e3 + 1, end);
        if (seconds == Times.INVALID) {
            return null;
        }
        return new BehaviorEvent(ids.of(b, start, e0), ids.of(b, e0 + 1, e1), ids.of(b, e1 + 1, e2), action,
                seconds * 1000L);
    }

    @Override
    long timeAscii(byte[] b, int start, int end) {
        int e0 = digitsEnd(b, start, end);
        int e1 = e0 < 0 ? -1 : digitsEnd(b, e0 + 1, end);
        int e2 = e1 < 0 ? -1 : digitsEnd(b, e1 + 1, end);
        if (e2 < 0) {
            return Times.INVALID;
        }
        int e3 = commaAt(b, e2 + 1, end);
        if (e3 < 0 || behavior(b, e2 + 1, e3 - e2 - 1) == null) {
            return Times.INVALID;
        }
        long seconds = seconds(b, e3 + 1, end);
        return seconds == Times.INVALID ? Times.INVALID : seconds * 1000L;
    }

    /** The comma ending a non-empty run of digits from {@code from}, or -1. */
    private static int digitsEnd(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i > from && i < end && b[i] == ',' ? i : -1;
    }

    /** The first comma at or after {@code from} before {@code end}, if only lower-case letters precede it; else -1. */
    private static int commaAt(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == ',') {
                return i;
            }
            if (b[i] < 'a' || b[i] > 'z') {
                return -1;
            }
        }
        return -1;
    }

    /** 1..18 digits up to the end, at most Long.MAX_VALUE / 1000; else INVALID. */
    private static long seconds(byte[] b, int from, int end) {
        int n = end - from;
        if (n <= 0 || n > 18) {
            return Times.INVALID;
        }
        long v = 0;
        for (int i = from; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Times.INVALID;
            }
            v = v * 10 + d;
        }
        return v > Long.MAX_VALUE / 1000L ? Times.INVALID : v;
    }

    private static Action behavior(byte[] c, int from, int n) {
        switch (n) {
            case 2:
                return c[from] == 'p' && c[from + 1] == 'v' ? Action.VIEW : null;
            case 3:
                if (c[from] == 'f' && c[from + 1] == 'a' && c[from + 2] == 'v') {
                    return Action.FAV;
                }
                return c[from] == 'b' && c[from + 1] == 'u' && c[from + 2] == 'y' ? Action.BUY : null;
            case 4:
                return c[from] == 'c' && c[from + 1] == 'a' && c[from + 2] == 'r' && c[from + 3] == 't'
                        ? Action.CART : null;
            default:
                return null;
        }
    }

    /** Exact, case-sensitive match of the four codes, without allocating. */
    private static Action behavior(char[] c, int from, int n) {
        switch (n) {
            case 2:
                return c[from] == 'p' && c[from + 1] == 'v' ? Action.VIEW : null;
            case 3:
                if (c[from] == 'f' && c[from + 1] == 'a' && c[from + 2] == 'v') {
                    return Action.FAV;
                }
                return c[from] == 'b' && c[from + 1] == 'u' && c[from + 2] == 'y' ? Action.BUY : null;
            case 4:
                return c[from] == 'c' && c[from + 1] == 'a' && c[from + 2] == 'r' && c[from + 3] == 't'
                        ? Action.CART : null;
            default:
                return null;
        }
    }
}

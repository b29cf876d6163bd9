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

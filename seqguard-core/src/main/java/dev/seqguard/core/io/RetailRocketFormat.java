package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

/** {@code timestamp,visitorid,event,itemid,transactionid} with a header, epoch milliseconds, no category. */
final class RetailRocketFormat extends FixedColumnsFormat {
    private static final String LAYOUT = "retailrocket";
    private static final String HEADER = "timestamp,visitorid,event,itemid,transactionid";

    RetailRocketFormat() {
        super(LAYOUT, HEADER, ',', 5);
    }

    @Override
    public String format(BehaviorEvent e) {
        String code = switch (e.action()) {
            case VIEW -> "view";
            case CART -> "addtocart";
            case BUY -> "transaction";
            default -> throw cannotWrite(LAYOUT, e.action());
        };
        return e.timeMillis() + "," + requireNumeric(LAYOUT, "visitorid", e.userId()) + ',' + code + ','
                + requireNumeric(LAYOUT, "itemid", e.itemId()) + ',';
    }

    @Override
    BehaviorEvent parse(char[] line, Fields f, ParseFailure failed) {
        if (badId(line, f, 1, "visitorid", failed) || badId(line, f, 3, "itemid", failed)) {
            return null;
        }
        Action action;
        if (f.equalsAscii(line, 2, "view")) {
            action = Action.VIEW;
        } else if (f.equalsAscii(line, 2, "addtocart")) {
            action = Action.CART;
        } else if (f.equalsAscii(line, 2, "transaction")) {
            action = Action.BUY;
        } else {
            return badBehavior(line, f, 2, "event", "view|addtocart|transaction", failed);
        }
        long millis = Times.parseDigits(line, f.start[0], f.end[0]);
        if (millis == Times.INVALID) {
            return badTime(line, f, 0, "timestamp", "epoch milliseconds", failed);
        }
        return new BehaviorEvent(f.text(line, 1), f.text(line, 3), "", action, millis);
    }
}

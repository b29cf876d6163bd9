package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;

/**
 * Tab-separated {@code SessionId ItemId Time} with a header (RecSys Challenge 2015 clicks, prepared splits); time in
 * epoch seconds with a fraction. The session stands for the user and is kept in the extras.
 */
final class YoochooseFormat extends FixedColumnsFormat {
    private static final String LAYOUT = "yoochoose";
    private static final String HEADER = "SessionId\tItemId\tTime";

    YoochooseFormat() {
        super(LAYOUT, HEADER, '\t', 3);
    }

    @Override
    public String format(BehaviorEvent e) {
        if (e.action() != Action.CLICK) {
            throw cannotWrite(LAYOUT, e.action());
        }
        String session = e.extras().sessionId() != null ? e.extras().sessionId() : e.userId();
        return requireNumeric(LAYOUT, "SessionId", session) + '\t' + requireNumeric(LAYOUT, "ItemId", e.itemId())
                + '\t' + Times.secondsWithFraction(e.timeMillis());
    }

    @Override
    BehaviorEvent parse(char[] line, Fields f, ParseFailure failed) {
        if (badId(line, f, 0, "SessionId", failed) || badId(line, f, 1, "ItemId", failed)) {
            return null;
        }
        long millis = Times.parseSecondsWithFraction(line, f.start[2], f.end[2]);
        if (millis == Times.INVALID) {
            return badTime(line, f, 2, "Time", "epoch seconds", failed);
        }
        String session = f.text(line, 0);
        return new BehaviorEvent(session, f.text(line, 1), "", Action.CLICK, millis,
                new EventExtras(session, null, Double.NaN, -1, null));
    }
}

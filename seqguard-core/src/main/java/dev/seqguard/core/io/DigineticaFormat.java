package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * {@code session_id;user_id;item_id;timeframe;eventdate} with a header (CIKM Cup 2016 item views). An anonymous
 * user ({@code NA} or empty) is replaced by the session id; the session id is kept in the extras.
 */
final class DigineticaFormat extends FixedColumnsFormat {
    private static final String LAYOUT = "diginetica";
    private static final String HEADER = "session_id;user_id;item_id;timeframe;eventdate";
    private static final long DAY = 86_400_000L;

    DigineticaFormat() {
        super(LAYOUT, HEADER, ';', 5);
    }

    @Override
    public String format(BehaviorEvent e) {
        if (e.action() != Action.VIEW) {
            throw cannotWrite(LAYOUT, e.action());
        }
        String session = e.extras().sessionId() != null ? e.extras().sessionId() : e.userId();
        String user = e.userId().equals(session) ? "NA" : requireNumeric(LAYOUT, "user_id", e.userId());
        long day = Math.floorDiv(e.timeMillis(), DAY);
        return requireNumeric(LAYOUT, "session_id", session) + ';' + user + ';'
                + requireNumeric(LAYOUT, "item_id", e.itemId()) + ';' + Math.floorMod(e.timeMillis(), DAY) + ';'
                + LocalDate.ofEpochDay(day);
    }

    @Override
    BehaviorEvent parse(char[] line, Fields f, ParseFailure failed) {
        if (badId(line, f, 0, "session_id", failed) || badId(line, f, 2, "item_id", failed)) {
            return null;
        }
        boolean anonymous = f.isEmpty(1) || f.equalsAscii(line, 1, "NA");
        if (!anonymous && badId(line, f, 1, "user_id", failed)) {
            return null;
        }
        long timeframe = Times.parseDigits(line, f.start[3], f.end[3]);
        if (timeframe == Times.INVALID) {
            return badTime(line, f, 3, "timeframe", "milliseconds", failed);
        }
        long day = epochDay(line, f.start[4], f.end[4]);
        if (day == Times.INVALID) {
            return badTime(line, f, 4, "eventdate", "a yyyy-MM-dd date", failed);
        }
        String session = f.text(line, 0);
        String user = anonymous ? session : f.text(line, 1);
        return new BehaviorEvent(user, f.text(line, 2), "", Action.VIEW, day * DAY + timeframe,
                new EventExtras(session, null, Double.NaN, -1, null));
    }

    /** {@code yyyy-MM-dd} to epoch days, or {@link Times#INVALID}. */
    private static long epochDay(char[] c, int from, int to) {
        if (to - from != 10 || c[from + 4] != '-' || c[from + 7] != '-') {
            return Times.INVALID;
        }
        long y = Times.parseDigits(c, from, from + 4);
        long m = Times.parseDigits(c, from + 5, from + 7);
        long d = Times.parseDigits(c, from + 8, from + 10);
        if (y == Times.INVALID || m == Times.INVALID || d == Times.INVALID) {
            return Times.INVALID;
        }
        try {
            return LocalDate.of((int) y, (int) m, (int) d).toEpochDay();
        } catch (DateTimeException e) {
            return Times.INVALID;
        }
    }
}

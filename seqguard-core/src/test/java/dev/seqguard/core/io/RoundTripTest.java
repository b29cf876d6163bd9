package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writing events in a layout and reading them back gives the same events. */
class RoundTripTest {

    @Test
    void taobaoRoundTrip() throws IOException {
        assertRoundTrip(EventFormat.TAOBAO, List.of(
                new BehaviorEvent("1", "2268318", "2520377", Action.VIEW, 1_511_544_070_000L),
                new BehaviorEvent("1", "2268318", "2520377", Action.CART, 1_511_544_071_000L),
                new BehaviorEvent("22", "5", "6", Action.FAV, 1_511_544_072_000L),
                new BehaviorEvent("22", "5", "6", Action.BUY, 1_511_544_073_000L)));
        assertThat(EventFormat.TAOBAO.format(new BehaviorEvent("1", "2", "3", Action.BUY, 1_511_544_073_999L)))
                .isEqualTo("1,2,3,buy,1511544073");
    }

    @Test
    void retailRocketRoundTrip() throws IOException {
        assertRoundTrip(EventFormat.RETAILROCKET, List.of(
                new BehaviorEvent("257597", "355908", "", Action.VIEW, 1_433_221_332_117L),
                new BehaviorEvent("257597", "355908", "", Action.CART, 1_433_221_332_118L),
                new BehaviorEvent("257597", "355908", "", Action.BUY, 1_433_221_332_119L)));
    }

    @Test
    void digineticaRoundTrip() throws IOException {
        assertRoundTrip(EventFormat.DIGINETICA, List.of(
                EventFormat.DIGINETICA.parseLine("1;NA;81766;526309;2016-05-09"),
                EventFormat.DIGINETICA.parseLine("20;5717;9654;75848;2016-05-10"),
                EventFormat.DIGINETICA.parseLine("21;5717;9655;90000000;2016-05-10")));
    }

    @Test
    void yoochooseRoundTrip() throws IOException {
        assertRoundTrip(EventFormat.YOOCHOOSE, List.of(
                EventFormat.YOOCHOOSE.parseLine("1\t214536502\t1396860669.277"),
                EventFormat.YOOCHOOSE.parseLine("3\t214716935\t1396437466.94"),
                EventFormat.YOOCHOOSE.parseLine("3\t214716935\t1396437467")));
    }

    @Test
    void genericAndJsonLinesRoundTripWithExtras() throws IOException {
        ColumnMapping full = ColumnMapping.parse("user=uid,item=sku,category=cat,behavior=act,time=ts,"
                + "session=sid,query=q,price=p,dwell=dw,label=lab");
        List<BehaviorEvent> events = List.of(
                new BehaviorEvent("u,1", "s\"1", "c1", Action.VIEW, 1_511_544_070_123L,
                        new EventExtras("sess 1", null, 19.99, 1500, "normal")),
                new BehaviorEvent("u2", "", "", Action.SEARCH, 1_511_544_071_000L,
                        new EventExtras(null, "red shoes, size 42", Double.NaN, -1, null)),
                new BehaviorEvent("u3", "i3", "c3", Action.CLICK, 1_511_544_072_000L),
                new BehaviorEvent("u3", "i3", "c3", Action.BUY, 1_511_544_073_000L,
                        new EventExtras(null, null, 0.5, 0, "click_farming")));
        assertRoundTrip(EventFormat.generic(full), events);
        assertRoundTrip(EventFormat.jsonLines(full), events);
        assertThat(EventFormat.generic(ColumnMapping.DEFAULT).header())
                .contains("user_id,item_id,category_id,behavior,timestamp");
    }

    @Test
    void refusesEventsTheLayoutCannotExpress() {
        BehaviorEvent click = new BehaviorEvent("1", "2", "3", Action.CLICK, 0);
        assertThatThrownBy(() -> EventFormat.TAOBAO.format(click)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taobao").hasMessageContaining("CLICK");
        BehaviorEvent bot = new BehaviorEvent("bot-1", "2", "3", Action.VIEW, 0);
        assertThatThrownBy(() -> EventFormat.TAOBAO.format(bot)).hasMessageContaining("numeric user_id, got 'bot-1'");
        assertThatThrownBy(() -> EventFormat.YOOCHOOSE.format(new BehaviorEvent("1", "2", "", Action.BUY, 0)))
                .hasMessageContaining("yoochoose");
        assertThatThrownBy(() -> EventFormat.RETAILROCKET.format(new BehaviorEvent("1", "x", "", Action.VIEW, 0)))
                .hasMessageContaining("itemid");
    }

    private static void assertRoundTrip(EventFormat format, List<BehaviorEvent> events) throws IOException {
        StringBuilder sb = new StringBuilder();
        format.header().ifPresent(h -> sb.append(h).append('\n'));
        for (BehaviorEvent e : events) {
            sb.append(format.format(e)).append('\n');
        }
        Ingest r = Ingest.run(sb.toString(), Ingest.options(format));
        assertThat(r.rejected()).as(sb.toString()).isEmpty();
        assertThat(r.events()).as(format.name()).isEqualTo(events);
        assertThat(r.summary().headerLines()).isEqualTo(format.header().isPresent() ? 1 : 0);
    }
}

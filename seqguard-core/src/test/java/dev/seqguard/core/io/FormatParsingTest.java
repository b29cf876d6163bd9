package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatParsingTest {

    @Test
    void parsesTaobaoLine() {
        BehaviorEvent e = EventFormat.TAOBAO.parseLine("1,2268318,2520377,pv,1511544070");
        assertThat(e).isEqualTo(new BehaviorEvent("1", "2268318", "2520377", Action.VIEW, 1_511_544_070_000L));
        assertThat(EventFormat.TAOBAO.parseLine("7,8,9,cart,0").action()).isEqualTo(Action.CART);
        assertThat(EventFormat.TAOBAO.parseLine("7,8,9,fav,0").action()).isEqualTo(Action.FAV);
        assertThat(EventFormat.TAOBAO.parseLine("7,8,9,buy,0").action()).isEqualTo(Action.BUY);
    }

    @Test
    void rejectsTaobaoLinesWithReasonCodes() {
        assertRejected(EventFormat.TAOBAO, "1,2,3,pv", "wrong_field_count", "expects 5");
        assertRejected(EventFormat.TAOBAO, "1,2,3,pv,1,extra", "wrong_field_count", "found 6");
        assertRejected(EventFormat.TAOBAO, "u1,2,3,pv,1511544070", "non_numeric_id", "user_id 'u1'");
        assertRejected(EventFormat.TAOBAO, "1,2x,3,pv,1511544070", "non_numeric_id", "item_id");
        assertRejected(EventFormat.TAOBAO, "1,2,-3,pv,1511544070", "non_numeric_id", "category_id");
        assertRejected(EventFormat.TAOBAO, ",2,3,pv,1511544070", "missing_value", "user_id is empty");
        assertRejected(EventFormat.TAOBAO, "1,2,3,PV,1511544070", "unknown_behavior", "'PV'");
        assertRejected(EventFormat.TAOBAO, "1,2,3,view,1511544070", "unknown_behavior", "pv|cart|fav|buy");
        assertRejected(EventFormat.TAOBAO, "1,2,3,pv,", "missing_value", "timestamp is empty");
        assertRejected(EventFormat.TAOBAO, "1,2,3,pv,15115x4070", "unparseable_time", "unix seconds");
        assertRejected(EventFormat.TAOBAO, "1,2,3,pv,1511544070.5", "unparseable_time", "timestamp");
        assertRejected(EventFormat.TAOBAO, "1,2,3,pv,18446745573709552", "unparseable_time", "unix seconds");
    }

    @Test
    void parsesRetailRocketLineWithoutCategory() {
        BehaviorEvent e = EventFormat.RETAILROCKET.parseLine("1433221332117,257597,view,355908,");
        assertThat(e).isEqualTo(new BehaviorEvent("257597", "355908", "", Action.VIEW, 1_433_221_332_117L));
        assertThat(EventFormat.RETAILROCKET.parseLine("1433221332117,257597,addtocart,355908,").action())
                .isEqualTo(Action.CART);
        assertThat(EventFormat.RETAILROCKET.parseLine("1433221332117,257597,transaction,355908,4000").action())
                .isEqualTo(Action.BUY);
        assertRejected(EventFormat.RETAILROCKET, "1433221332117,257597,click,355908,", "unknown_behavior",
                "view|addtocart|transaction");
        assertRejected(EventFormat.RETAILROCKET, "2015-06-02,257597,view,355908,", "unparseable_time",
                "epoch milliseconds");
    }

    @Test
    void parsesDigineticaWithAnonymousAndKnownUsers() {
        BehaviorEvent anonymous = EventFormat.DIGINETICA.parseLine("1;NA;81766;526309;2016-05-09");
        assertThat(anonymous.userId()).isEqualTo("1");
        assertThat(anonymous.extras().sessionId()).isEqualTo("1");
        assertThat(anonymous.timeMillis()).isEqualTo(Instant.parse("2016-05-09T00:08:46.309Z").toEpochMilli());
        BehaviorEvent known = EventFormat.DIGINETICA.parseLine("20;5717;9654;75848;2016-05-10");
        assertThat(known.userId()).isEqualTo("5717");
        assertThat(known.extras().sessionId()).isEqualTo("20");
        assertThat(known.action()).isEqualTo(Action.VIEW);
        assertRejected(EventFormat.DIGINETICA, "1;NA;81766;526309;2016-02-30", "unparseable_time", "eventdate");
        assertRejected(EventFormat.DIGINETICA, "1;NA;81766;526309", "wrong_field_count", "';'-separated");
        assertRejected(EventFormat.DIGINETICA, "1;bob;81766;526309;2016-05-09", "non_numeric_id", "user_id 'bob'");
    }

    @Test
    void parsesYoochooseFractionalSeconds() {
        BehaviorEvent e = EventFormat.YOOCHOOSE.parseLine("1\t214536502\t1396860669.277");
        assertThat(e).isEqualTo(new BehaviorEvent("1", "214536502", "", Action.CLICK, 1_396_860_669_277L,
                new EventExtras("1", null, Double.NaN, -1, null)));
        assertThat(EventFormat.YOOCHOOSE.parseLine("3\t214716935\t1396437466.94").timeMillis())
                .isEqualTo(1_396_437_466_940L);
        assertThat(EventFormat.YOOCHOOSE.parseLine("3\t214716935\t1396437466").timeMillis())
                .isEqualTo(1_396_437_466_000L);
        assertRejected(EventFormat.YOOCHOOSE, "3,214716935,1396437466.94", "wrong_field_count", "tab-separated");
        assertRejected(EventFormat.YOOCHOOSE, "3\t214716935\t1396437466.", "unparseable_time", "Time");
    }

    @Test
    void parsesGenericCsvWithMappingQuotesAndTimeStyles() throws IOException {
        EventFormat generic = EventFormat.generic(ColumnMapping.parse(
                "user=uid,item=sku,category=cat,behavior=act,time=ts,query=q,price=p,dwell=dw"));
        String text = String.join("\n",
                "uid,sku,cat,act,ts,q,p,dw,ignored",
                "u1,s1,c1,view,1511544070,,19.5,1200,x",             // epoch seconds
                "u1,s2,c1,Cart,1511544070123,,,,x",                   // epoch ms, synonym, case
                "\"u,2\",,c2,search,2017-11-25T08:00:00+08:00,\"  red   \"\"shoes\"\" \",,,x", // ISO, quoted
                "u3,s3,,buy,2017-11-25 01:02:03,,,,x");               // local date-time read as UTC
        Ingest r = Ingest.run(text, Ingest.options(generic));
        assertThat(r.rejected()).isEmpty();
        assertThat(r.events()).hasSize(4);
        BehaviorEvent a = r.events().get(0);
        assertThat(a.timeMillis()).isEqualTo(1_511_544_070_000L);
        assertThat(a.extras().price()).isEqualTo(19.5);
        assertThat(a.extras().dwellMs()).isEqualTo(1200);
        assertThat(r.events().get(1).timeMillis()).isEqualTo(1_511_544_070_123L);
        assertThat(r.events().get(1).action()).isEqualTo(Action.CART);
        BehaviorEvent search = r.events().get(2);
        assertThat(search.userId()).isEqualTo("u,2");
        assertThat(search.itemId()).isEmpty();
        assertThat(search.action()).isEqualTo(Action.SEARCH);
        assertThat(search.extras().query()).isEqualTo("red \"shoes\"");
        assertThat(search.timeMillis()).isEqualTo(Instant.parse("2017-11-25T00:00:00Z").toEpochMilli());
        assertThat(r.events().get(3).categoryId()).isEmpty();
        assertThat(r.events().get(3).timeMillis()).isEqualTo(Instant.parse("2017-11-25T01:02:03Z").toEpochMilli());
    }

    @Test
    void genericPicksCanonicalOptionalColumnsAndRejectsBadValues() throws IOException {
        String text = String.join("\n",
                "user_id,item_id,behavior,timestamp,session_id,label,price,dwell_ms",
                "u1,i1,pv,1511544070,s9,bot,1.5,10",
                "u1,i1,pv,1511544071,s9,,abc,",
                "u1,i1,pv,1511544072,s9,,,-4",
                "u1,,pv,1511544073,s9,,,",
                "u1,i1,pv,yesterday,s9,,,",
                "\"u1,i1,pv,1511544075,s9,,,");
        Ingest r = Ingest.run(text, Ingest.options(EventFormat.byName("generic")));
        assertThat(r.events()).hasSize(1);
        assertThat(r.events().get(0).extras()).isEqualTo(new EventExtras("s9", null, 1.5, 10, "bot"));
        assertThat(r.events().get(0).categoryId()).isEmpty();
        assertThat(r.rejected()).extracting(q -> q.reason().code()).containsExactly("bad_value", "bad_value",
                "missing_value", "unparseable_time", "malformed_record");
        assertThat(r.rejected()).extracting(QuarantinedLine::lineNumber).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(r.rejected().get(0).message()).contains("price (price) 'abc'");
    }

    @Test
    void genericHeaderMissingAMappedColumnFailsTheRunNamingTheColumn() {
        EventFormat generic = EventFormat.generic(ColumnMapping.parse("user=uid,item=sku,time=ts"));
        assertThatThrownBy(() -> Ingest.run("uid,sku,behavior,time\nu,s,pv,1\n", Ingest.options(generic)))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("no column 'ts'")
                .hasMessageContaining("input test");
        EventFormat typo = EventFormat.generic(ColumnMapping.parse("query=qurey"));
        assertThatThrownBy(() -> Ingest.run("user_id,item_id,behavior,timestamp,query\n", Ingest.options(typo)))
                .isInstanceOf(IngestException.class).hasMessageContaining("'qurey'");
    }

    @Test
    void parsesJsonLines() throws IOException {
        EventFormat jsonl = EventFormat.jsonLines(ColumnMapping.parse("user=u,item=i,behavior=b,time=t,price=p"));
        String text = String.join("\n",
                "{\"u\":\"7\",\"i\":\"42\",\"b\":\"buy\",\"t\":1511544070000,\"p\":9.99,\"nested\":{\"a\":[1,\"}\"]}}",
                " { \"u\" : 8 , \"i\" : \"x\\\"y\" , \"b\" : \"pv\" , \"t\" : \"2017-11-25T00:00:00Z\" } ",
                "{\"u\":\"7\",\"i\":\"42\",\"b\":\"buy\"}",
                "{\"u\":\"7\",\"i\":\"42\",\"b\":\"buy\",\"t\":1511544070000,\"p\":null}",
                "{\"u\":\"7\",\"i\":\"42\",\"b\":\"buy\",\"t\":1511544070000",
                "[1,2]");
        Ingest r = Ingest.run(text, Ingest.options(jsonl));
        assertThat(r.events()).hasSize(3);
        assertThat(r.events().get(0).extras().price()).isEqualTo(9.99);
        assertThat(r.events().get(0).action()).isEqualTo(Action.BUY);
        assertThat(r.events().get(1).userId()).isEqualTo("8");
        assertThat(r.events().get(1).itemId()).isEqualTo("x\"y");
        assertThat(Double.isNaN(r.events().get(2).extras().price())).isTrue();
        assertThat(r.rejected()).extracting(q -> q.reason().code())
                .containsExactly("missing_value", "malformed_record", "malformed_record");
        assertThat(r.rejected().get(0).message()).contains("'t'");
    }

    @Test
    void looksFormatsUpByName() {
        assertThat(EventFormat.byName("TaoBao")).isSameAs(EventFormat.TAOBAO);
        assertThat(EventFormat.byName("retailrocket")).isSameAs(EventFormat.RETAILROCKET);
        assertThat(EventFormat.byName("diginetica")).isSameAs(EventFormat.DIGINETICA);
        assertThat(EventFormat.byName("yoochoose")).isSameAs(EventFormat.YOOCHOOSE);
        assertThat(EventFormat.byName("generic").name()).isEqualTo("generic");
        assertThat(EventFormat.byName("jsonl").name()).isEqualTo("jsonl");
        for (String name : EventFormat.NAMES) {
            assertThat(EventFormat.byName(name).name()).isEqualTo(name);
        }
        assertThatThrownBy(() -> EventFormat.byName("parquet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'parquet'").hasMessageContaining("taobao");
    }

    @Test
    void readsHeaderOnlyWhenItIsTheLayoutsHeader() throws IOException {
        Ingest withHeader = Ingest.run("timestamp,visitorid,event,itemid,transactionid\n1433221332117,1,view,2,\n",
                Ingest.options(EventFormat.RETAILROCKET));
        assertThat(withHeader.summary().headerLines()).isEqualTo(1);
        assertThat(withHeader.summary().read()).isEqualTo(1);
        assertThat(withHeader.events()).hasSize(1);
        Ingest withoutHeader = Ingest.run("1433221332117,1,view,2,\n", Ingest.options(EventFormat.RETAILROCKET));
        assertThat(withoutHeader.summary().headerLines()).isZero();
        assertThat(withoutHeader.events()).hasSize(1);
    }

    private static void assertRejected(EventFormat format, String line, String code, String messagePart) {
        assertThatThrownBy(() -> format.parseLine(line))
                .as(line)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(code + ": ")
                .hasMessageContaining(messagePart);
    }
}

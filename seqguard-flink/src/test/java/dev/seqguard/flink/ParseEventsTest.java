package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.io.TimeRange;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParseEventsTest {
    @Test
    void badLinesAndTimesOutsideTheWindowAreQuarantinedWithTheirReasonAndCounted() throws Exception {
        StreamJobConfig config = StreamJobConfig.builder("retailrocket", Path.of("unused"), null)
                .acceptedTimes(new TimeRange(1_000_000L, 2_000_000L)).build();
        try (OneInputStreamOperatorTestHarness<String, BehaviorEvent> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvents(config))) {
            for (String line : List.of("timestamp,visitorid,event,itemid,transactionid", "1500000,7,view,42,",
                    "1500001,7,jump,42,", "2000000,7,view,42,", "999999,8,addtocart,43,")) {
                h.processElement(new StreamRecord<>(line, 0));
            }
            assertThat(h.extractOutputValues())
                    .containsExactly(new BehaviorEvent("7", "42", "", Action.VIEW, 1_500_000L));
            assertThat(h.getSideOutput(SeqGuardStreamJob.QUARANTINE)).extracting(StreamRecord::getValue)
                    .containsExactly("unknown_behavior\t1500001,7,jump,42,", "time_out_of_range\t2000000,7,view,42,",
                            "time_out_of_range\t999999,8,addtocart,43,");
        }
    }

    static List<Arguments> everyLayout() {
        long day = LocalDate.of(2016, 5, 9).toEpochDay() * 86_400_000L;
        return List.of(
                Arguments.of("taobao", null, null, "7,42,9,pv,1511800000",
                        new BehaviorEvent("7", "42", "9", Action.VIEW, 1_511_800_000_000L)),
                Arguments.of("retailrocket", null, null, "1511800000000,7,addtocart,42,",
                        new BehaviorEvent("7", "42", "", Action.CART, 1_511_800_000_000L)),
                // the file's own column order and an extra column
                Arguments.of("generic", null, "timestamp,note,behavior,item_id,user_id", "1511800000,hi,buy,42,7",
                        new BehaviorEvent("7", "42", "", Action.BUY, 1_511_800_000_000L)),
                Arguments.of("generic", "user=uid,item=sku,time=ts,behavior=type,category=cat", "sku,cat,uid,type,ts",
                        "42,9,7,fav,1511800000123", new BehaviorEvent("7", "42", "9", Action.FAV, 1_511_800_000_123L)),
                Arguments.of("jsonl", null, null, "{\"user_id\":\"7\",\"item_id\":\"42\",\"behavior\":\"pv\",\"timestamp\":1511800000}",
                        new BehaviorEvent("7", "42", "", Action.VIEW, 1_511_800_000_000L)),
                Arguments.of("diginetica", null, null, "3;NA;42;1000;2016-05-09",
                        new BehaviorEvent("3", "42", "", Action.VIEW, day + 1000)),
                Arguments.of("yoochoose", null, null, "3\t42\t1511800000.5",
                        new BehaviorEvent("3", "42", "", Action.CLICK, 1_511_800_000_500L)));
    }

    /**
     * Every layout parses its data lines and skips its header (the input's own for {@code generic}) wherever it
     * appears, as at the start of each file of a directory, without quarantining it.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyLayout")
    void everyLayoutParsesItsLinesAndSkipsItsHeaderWhereverItAppears(String format, String columns, String header,
                                                                     String line, BehaviorEvent expected) throws Exception {
        StreamJobConfig config = StreamJobConfig.builder(format, Path.of("unused"), null).columns(columns)
                .header(header).build();
        String headerLine = header != null ? header : config.eventFormat().header().orElse(null);
        List<String> input = headerLine == null ? List.of(line, line) : List.of(headerLine, line, headerLine, line);
        try (OneInputStreamOperatorTestHarness<String, BehaviorEvent> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvents(config))) {
            for (String l : input) {
                h.processElement(new StreamRecord<>(l, 0));
            }
            assertThat(h.extractOutputValues()).hasSize(2).allSatisfy(e -> {
                assertThat(List.of(e.userId(), e.itemId(), e.categoryId(), e.action(), e.timeMillis()))
                        .containsExactly(expected.userId(), expected.itemId(), expected.categoryId(), expected.action(),
                                expected.timeMillis());
            });
            assertThat(h.getSideOutput(SeqGuardStreamJob.QUARANTINE)).isNull();
        }
    }

    @Test
    void aGenericLineThatDoesNotFitTheInputsHeaderIsQuarantined() throws Exception {
        StreamJobConfig config = StreamJobConfig.builder("generic", Path.of("unused"), null)
                .header("timestamp,behavior,item_id,user_id").build();
        try (OneInputStreamOperatorTestHarness<String, BehaviorEvent> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvents(config))) {
            h.processElement(new StreamRecord<>("1511800000,pv,42", 0));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(SeqGuardStreamJob.QUARANTINE)).extracting(StreamRecord::getValue)
                    .containsExactly("wrong_field_count\t1511800000,pv,42");
        }
    }

    @Test
    void aGenericHeaderWithoutAMappedColumnFailsOnTheClient() {
        assertThatThrownBy(() -> StreamJobConfig.builder("generic", Path.of("unused"), null)
                .header("timestamp,behavior,item_id").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user_id");
    }
}

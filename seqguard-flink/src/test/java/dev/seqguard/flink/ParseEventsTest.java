package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.io.TimeRange;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseEventsTest {
    @Test
    void badLinesAndTimesOutsideTheWindowAreQuarantinedWithTheirReasonAndCounted() throws Exception {
        StreamJobConfig config = StreamJobConfig.defaults("retailrocket", Path.of("unused"), null)
                .withAcceptedTimes(new TimeRange(1_000_000L, 2_000_000L));
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
}

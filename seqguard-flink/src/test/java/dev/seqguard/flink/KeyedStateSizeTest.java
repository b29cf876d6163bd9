package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateObject;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * What a user costs in a checkpoint: the capacity plan in docs/flink.md scales these bytes up. The keyed state is the
 * scored history (one serialised event each: three digit strings with a length byte each, the action byte, the time,
 * the extras byte, about 30 bytes for a Taobao event) and a few longs per user; pending events are gone once the
 * watermark has passed them.
 */
class KeyedStateSizeTest {
    private static long checkpointBytes(List<BehaviorEvent> events) throws Exception {
        StreamJobConfig config = StreamJobConfig.defaults("taobao", StreamFixtures.model(), null);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ScoreUserEvents(config)),
                BehaviorEvent::userId, Types.STRING)) {
            h.open();
            for (BehaviorEvent e : events) {
                h.processElement(new StreamRecord<>(e, e.timeMillis()));
            }
            h.processWatermark(Long.MAX_VALUE - 1);
            return h.snapshot(1, 1).getManagedKeyedState().stream().mapToLong(StateObject::getStateSize).sum();
        }
    }

    @Test
    void aCheckpointHoldsAboutOneSerialisedEventPerScoredEventAndGrowsWithThem() throws Exception {
        List<BehaviorEvent> all = new ArrayList<>(StreamFixtures.events());
        all.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        List<BehaviorEvent> half = all.subList(0, all.size() / 2);

        long full = checkpointBytes(all);
        long first = checkpointBytes(half);

        // a Taobao event serialises to about 30 bytes (7-digit item and category ids): 20 to 60 with the state's framing
        assertThat(full / (double) all.size()).isBetween(20.0, 60.0);
        // the second half of the events adds about as much as the first half took
        double perEventAdded = (full - first) / (double) (all.size() - half.size());
        assertThat(perEventAdded).isCloseTo(first / (double) half.size(), org.assertj.core.data.Percentage.withPercentage(25));
    }
}

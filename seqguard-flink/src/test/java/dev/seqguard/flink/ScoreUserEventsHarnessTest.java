package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ScoredEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScoreUserEventsHarnessTest {
    private static Duration idle;
    private static ServingModel model;
    private static List<BehaviorEvent> user;
    private static Expected expected;

    /** What the service's engine makes of the events in time order: clean lines and flag lines. */
    record Expected(List<String> clean, List<String> flags) {
    }

    @BeforeAll
    static void pickUser() throws Exception {
        model = ServingModel.load(StreamFixtures.model(), null);
        Map<String, List<BehaviorEvent>> byUser = StreamFixtures.events().stream()
                .collect(Collectors.groupingBy(BehaviorEvent::userId));
        // a user with 8+ events at distinct times who gets flags; the idle timeout is longer than their first 8 span
        for (List<BehaviorEvent> all : byUser.values()) {
            List<BehaviorEvent> sorted = all.stream().sorted(Comparator.comparingLong(BehaviorEvent::timeMillis)).toList();
            if (sorted.size() < 8) {
                continue;
            }
            List<BehaviorEvent> head = sorted.subList(0, 8);
            boolean distinct = head.stream().map(BehaviorEvent::timeMillis).distinct().count() == 8;
            Expected e = expect(head);
            if (distinct && !e.flags().isEmpty()) {
                idle = Duration.ofMillis(head.get(7).timeMillis() - head.get(0).timeMillis()).plusHours(1);
                user = head;
                expected = e;
                return;
            }
        }
        throw new IllegalStateException("no user in the fixture fits the test");
    }

    static Expected expect(List<BehaviorEvent> events) throws Exception {
        ScoringEngine engine = new ScoringEngine(model, 1000, 1);
        List<String> clean = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (BehaviorEvent e : events) {
            ScoredEvent s = engine.score(e);
            if (s.flag()) {
                flags.add(Replay.line(new Replay.ReplayFlag(e.userId(), e.itemId(), e.timeMillis(), s.score(),
                        model.detectorName(), s.explanation())));
            } else {
                clean.add(EventFormat.TAOBAO.format(e));
            }
        }
        return new Expected(clean, flags);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BehaviorEvent, String> harness() throws Exception {
        StreamJobConfig config = StreamJobConfig.builder("taobao", StreamFixtures.model(), null)
                .idleStateTimeout(idle).build();
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ScoreUserEvents(config)),
                BehaviorEvent::userId, Types.STRING);
    }

    private static List<String> values(Iterable<StreamRecord<String>> records) {
        List<String> out = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, BehaviorEvent, String> h,
                             List<BehaviorEvent> events) throws Exception {
        for (BehaviorEvent e : events) {
            h.processElement(new StreamRecord<>(e, e.timeMillis()));
        }
    }

    @Test
    void outOfOrderEventsWaitForTheWatermarkThenScoreInEventTimeOrder() throws Exception {
        List<BehaviorEvent> shuffled = new ArrayList<>(user);
        Collections.shuffle(shuffled, new Random(11));
        try (var h = harness()) {
            h.open();
            feed(h, shuffled);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // one timer per user, at their earliest pending event

            h.processWatermark(user.get(3).timeMillis());
            assertThat(h.numEventTimeTimers()).isEqualTo(1 + 1); // the four still pending and the idle-expiry timer
            h.processWatermark(user.get(7).timeMillis());

            assertThat(h.extractOutputValues()).containsExactlyElementsOf(expected.clean());
            assertThat(values(h.getSideOutput(SeqGuardStreamJob.FLAGS))).containsExactlyElementsOf(expected.flags());
        }
    }

    @Test
    void eventsBehindTheWatermarkAreScoredAtOnceWithoutWaitingForItToMove() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(user.get(7).timeMillis()); // as when a file is read user by user
            feed(h, user);

            assertThat(h.extractOutputValues()).containsExactlyElementsOf(expected.clean());
            assertThat(values(h.getSideOutput(SeqGuardStreamJob.FLAGS))).containsExactlyElementsOf(expected.flags());
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // the idle-expiry timer only: nothing pending
        }
    }

    @Test
    void anEventOlderThanTheUsersLastScoredEventIsQuarantinedAsLate() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, user.subList(2, 8));
            h.processWatermark(user.get(7).timeMillis());
            int before = h.extractOutputValues().size() + values(h.getSideOutput(SeqGuardStreamJob.FLAGS)).size();
            feed(h, user.subList(0, 1));
            h.processWatermark(user.get(7).timeMillis() + 1);

            assertThat(before).isEqualTo(6);
            assertThat(values(h.getSideOutput(SeqGuardStreamJob.QUARANTINE)))
                    .containsExactly("late_event\t" + EventFormat.TAOBAO.format(user.get(0)));
            assertThat(h.extractOutputValues().size() + values(h.getSideOutput(SeqGuardStreamJob.FLAGS)).size())
                    .isEqualTo(6);
        }
    }

    @Test
    void stateRestoredFromACheckpointScoresAsIfUninterrupted() throws Exception {
        restoresAsIfUninterrupted(null);
    }

    @Test
    void onRocksDbStateRestoredFromACheckpointScoresAsIfUninterrupted() throws Exception {
        // RocksDB hands out copies of state values: a function that changed a value without writing it back would
        // lose pending events here, where the heap backend forgives it
        restoresAsIfUninterrupted(EmbeddedRocksDBStateBackend::new);
    }

    private static void restoresAsIfUninterrupted(Supplier<StateBackend> backend) throws Exception {
        OperatorSubtaskState snapshot;
        List<String> clean = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        try (var h = harness()) {
            if (backend != null) {
                h.setStateBackend(backend.get());
            }
            h.open();
            feed(h, user.subList(0, 5));
            h.processWatermark(user.get(3).timeMillis()); // event 4 still pending at the checkpoint
            snapshot = h.snapshot(1, 1);
            clean.addAll(h.extractOutputValues());
            flags.addAll(values(h.getSideOutput(SeqGuardStreamJob.FLAGS)));
        }
        try (var h = harness()) {
            if (backend != null) {
                h.setStateBackend(backend.get());
            }
            h.initializeState(snapshot);
            h.open();
            feed(h, user.subList(5, 8));
            h.processWatermark(user.get(7).timeMillis());
            clean.addAll(h.extractOutputValues());
            flags.addAll(values(h.getSideOutput(SeqGuardStreamJob.FLAGS)));
        }
        assertThat(clean).containsExactlyElementsOf(expected.clean());
        assertThat(flags).containsExactlyElementsOf(expected.flags());
    }

    @Test
    void anIdleUsersStateIsDroppedAndTheirNextEventsStartAfresh() throws Exception {
        long shift = user.get(7).timeMillis() - user.get(0).timeMillis() + 2 * idle.toMillis();
        List<BehaviorEvent> again = user.stream().map(e -> new BehaviorEvent(e.userId(), e.itemId(), e.categoryId(),
                e.action(), e.timeMillis() + shift, e.extras())).toList();
        try (var h = harness()) {
            h.open();
            feed(h, user);
            h.processWatermark(user.get(7).timeMillis());
            assertThat(h.numKeyedStateEntries()).isPositive();

            h.processWatermark(user.get(7).timeMillis() + idle.toMillis());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();

            h.getOutput().clear();
            h.getSideOutput(SeqGuardStreamJob.FLAGS).clear();
            feed(h, again);
            h.processWatermark(again.get(7).timeMillis());
            Expected fresh = expect(again);
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(fresh.clean());
            assertThat(values(h.getSideOutput(SeqGuardStreamJob.FLAGS))).containsExactlyElementsOf(fresh.flags());
            assertThat(fresh.flags()).hasSameSizeAs(expected.flags());
        }
    }
}

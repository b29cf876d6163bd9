package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.stat.IqrDetector;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ScoredEvent;
import dev.seqguard.serving.ScoringEngine;
import dev.seqguard.serving.ServingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScoreUserEventsWithModelUpdatesHarnessTest {
    private static Path dirA;
    private static Path dirB;
    private static ServingModel modelA;
    private static ServingModel modelB;
    private static List<BehaviorEvent> user;
    /** The first four events scored with A, the last four with B over the user's history. */
    private static Outputs swapped;
    /** All eight scored with A. */
    private static Outputs unswapped;

    record Outputs(List<String> clean, List<String> flags) {
    }

    @BeforeAll
    static void pickUser() throws Exception {
        dirA = StreamFixtures.model();
        dirB = StreamFixtures.model(IqrDetector.NAME);
        modelA = ServingModel.load(dirA, null);
        modelB = ServingModel.load(dirB, null);
        Map<String, List<BehaviorEvent>> byUser = StreamFixtures.events().stream()
                .collect(Collectors.groupingBy(BehaviorEvent::userId));
        // a user with 8+ events at distinct times, flagged by A in their first four and by B in their last four
        for (List<BehaviorEvent> all : byUser.values()) {
            List<BehaviorEvent> sorted = all.stream().sorted(Comparator.comparingLong(BehaviorEvent::timeMillis)).toList();
            if (sorted.size() < 8 || sorted.subList(0, 8).stream().map(BehaviorEvent::timeMillis).distinct().count() < 8) {
                continue;
            }
            List<BehaviorEvent> head = sorted.subList(0, 8);
            Outputs first = score(new ScoringEngine(modelA, 1000, 1), modelA, head.subList(0, 4));
            ScoringEngine b = new ScoringEngine(modelB, 1000, 1);
            b.restore(head.get(0).userId(), head.subList(0, 4), Double.NaN, true);
            Outputs second = score(b, modelB, head.subList(4, 8));
            if (!first.flags().isEmpty() && !second.flags().isEmpty()) {
                user = head;
                swapped = new Outputs(concat(first.clean(), second.clean()), concat(first.flags(), second.flags()));
                unswapped = score(new ScoringEngine(modelA, 1000, 1), modelA, head);
                return;
            }
        }
        throw new IllegalStateException("no user in the fixture fits the test");
    }

    private static Outputs score(ScoringEngine engine, ServingModel model, List<BehaviorEvent> events) throws Exception {
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
        return new Outputs(clean, flags);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static KeyedBroadcastOperatorTestHarness<String, BehaviorEvent, String, String> harness() throws Exception {
        StreamJobConfig config = StreamJobConfig.defaults("taobao", dirA, null);
        var operator = new CoBroadcastWithKeyedOperator<>(new ScoreUserEventsWithModelUpdates(config),
                List.of(ScoreUserEventsWithModelUpdates.MODEL));
        return new KeyedBroadcastOperatorTestHarness<>(operator, BehaviorEvent::userId, Types.STRING, 1, 1, 0);
    }

    /** Opens the harness with event time past the user's events on both inputs, so each event is scored at once. */
    private static void start(KeyedBroadcastOperatorTestHarness<String, BehaviorEvent, String, String> h)
            throws Exception {
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
        h.processWatermark(user.get(7).timeMillis());
    }

    private static void feed(KeyedBroadcastOperatorTestHarness<String, BehaviorEvent, String, String> h,
                             List<BehaviorEvent> events) throws Exception {
        for (BehaviorEvent e : events) {
            h.processElement(new StreamRecord<>(e, e.timeMillis()));
        }
    }

    private static List<String> values(Iterable<StreamRecord<String>> records) {
        List<String> out = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    @Test
    void aBroadcastModelDirectoryReplacesTheModelForLaterEventsOverTheUsersHistory() throws Exception {
        try (var h = harness()) {
            start(h);
            feed(h, user.subList(0, 4));
            h.processBroadcastElement(dirB.toString(), user.get(3).timeMillis());
            feed(h, user.subList(4, 8));

            List<String> flags = values(h.getSideOutput(SeqGuardStreamJob.FLAGS));
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(swapped.clean());
            assertThat(flags).containsExactlyElementsOf(swapped.flags());
            assertThat(flags).anyMatch(l -> l.contains(modelB.detectorName()));
            assertThat(modelB.detectorName()).isNotEqualTo(modelA.detectorName());
            assertThat(h.getBroadcastState(ScoreUserEventsWithModelUpdates.MODEL)
                    .get(ScoreUserEventsWithModelUpdates.CURRENT)).isEqualTo(dirB.toString());
        }
    }

    @Test
    void aTaskRestoredFromACheckpointScoresWithTheBroadcastModelNotTheConfigs() throws Exception {
        OperatorSubtaskState snapshot;
        List<String> clean = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        try (var h = harness()) {
            start(h);
            feed(h, user.subList(0, 4));
            h.processBroadcastElement(dirB.toString(), user.get(3).timeMillis());
            feed(h, user.subList(4, 6));
            snapshot = h.snapshot(1, 1);
            clean.addAll(h.extractOutputValues());
            flags.addAll(values(h.getSideOutput(SeqGuardStreamJob.FLAGS)));
        }
        try (var h = harness()) { // its config still names model A
            h.initializeState(snapshot);
            start(h);
            feed(h, user.subList(6, 8));
            clean.addAll(h.extractOutputValues());
            flags.addAll(values(h.getSideOutput(SeqGuardStreamJob.FLAGS)));
            assertThat(h.getBroadcastState(ScoreUserEventsWithModelUpdates.MODEL)
                    .get(ScoreUserEventsWithModelUpdates.CURRENT)).isEqualTo(dirB.toString());
        }
        assertThat(clean).containsExactlyElementsOf(swapped.clean());
        assertThat(flags).containsExactlyElementsOf(swapped.flags());
    }

    @Test
    void aDirectoryWithoutAModelIsQuarantinedAndTheCurrentModelStays() throws Exception {
        Path missing = dirB.resolveSibling("no-such-model");
        try (var h = harness()) {
            start(h);
            feed(h, user.subList(0, 4));
            h.processBroadcastElement(missing + "\n", user.get(3).timeMillis());
            feed(h, user.subList(4, 8));

            assertThat(values(h.getSideOutput(SeqGuardStreamJob.QUARANTINE)))
                    .singleElement().asString().startsWith("model_rejected\t" + missing + "\t");
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(unswapped.clean());
            assertThat(values(h.getSideOutput(SeqGuardStreamJob.FLAGS))).containsExactlyElementsOf(unswapped.flags());
            assertThat(h.getBroadcastState(ScoreUserEventsWithModelUpdates.MODEL)
                    .get(ScoreUserEventsWithModelUpdates.CURRENT)).isNull();
        }
    }
}

package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.StreamingOperatingPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The idle decision in the keyed job: an event-time timer per user at their idle time judges the whole history, and
 * the job raises exactly replay's flags (at events and when users went idle), across a restore from a checkpoint too.
 */
class IdleDecisionHarnessTest {
    private static Path modelDir;
    private static List<BehaviorEvent> events;
    private static List<String> expected;

    @BeforeAll
    static void modelWithIdleDecision() throws Exception {
        ModelDirectory saved = ModelDirectory.load(StreamFixtures.model());
        double t = saved.selection().threshold();
        // flags at events only far above the batch threshold; idle histories by the batch threshold after 30 min
        StreamingOperatingPoint point = new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS,
                new int[] {1, 10}, new double[] {t + 3, t + 1}, 0, 0, 0, 0, 0, 30 * 60_000L, 0, new double[] {t, t});
        modelDir = Files.createTempDirectory("seqguard-flink-idle").resolve("model");
        saved.withOperatingPoint(point).save(modelDir);

        Set<String> users = StreamFixtures.events().stream().map(BehaviorEvent::userId).distinct().limit(25)
                .collect(Collectors.toSet());
        events = StreamFixtures.events().stream().filter(e -> users.contains(e.userId()))
                .sorted(Comparator.comparingLong(BehaviorEvent::timeMillis)).toList();
        ServingModel model = ServingModel.load(modelDir, null);
        expected = new ArrayList<>();
        for (Replay.ReplayFlag f : Replay.run(model, events, 1000, 1).flags()) {
            expected.add(Replay.line(f));
        }
        expected.sort(null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BehaviorEvent, String> harness() throws Exception {
        StreamJobConfig config = StreamJobConfig.builder("taobao", modelDir, null).build();
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ScoreUserEvents(config)),
                BehaviorEvent::userId, Types.STRING);
    }

    /** Feeds events in time order with the watermark one millisecond behind each; returns the flag lines. */
    private static List<String> feed(KeyedOneInputStreamOperatorTestHarness<String, BehaviorEvent, String> h,
                                     List<BehaviorEvent> part) throws Exception {
        for (BehaviorEvent e : part) {
            h.processElement(new StreamRecord<>(e, e.timeMillis()));
            h.processWatermark(new Watermark(e.timeMillis() - 1));
        }
        return flags(h);
    }

    private static List<String> flags(KeyedOneInputStreamOperatorTestHarness<String, BehaviorEvent, String> h) {
        List<String> out = new ArrayList<>();
        var side = h.getSideOutput(SeqGuardStreamJob.FLAGS);
        if (side != null) {
            side.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    @Test
    void theJobRaisesReplaysFlagsWhenUsersGoIdleAndAtTheEndOfTheInput() throws Exception {
        assertThat(expected).anyMatch(l -> l.contains("\"decision\":\"idle\""));
        List<String> got;
        try (var h = harness()) {
            h.open();
            feed(h, events);
            h.processWatermark(new Watermark(Long.MAX_VALUE)); // the end of a bounded input
            got = flags(h);
        }
        got.sort(null);
        assertThat(got).containsExactlyElementsOf(expected);
    }

    /**
     * A file read user by user: every user's events arrive behind a watermark that already stands near the end of the
     * input, and the watermark creeps on between any two of them (a periodic emission lands mid-user). No user may be
     * judged idle before their own next event within the gap has arrived.
     */
    @Test
    void usersReadOneByOneBehindTheWatermarkAreJudgedAsReplayJudgesThem() throws Exception {
        List<BehaviorEvent> byUser = events.stream().sorted(Comparator.comparing(BehaviorEvent::userId)
                .thenComparingLong(BehaviorEvent::timeMillis)).toList();
        long end = events.get(events.size() - 1).timeMillis();
        List<String> got;
        try (var h = harness()) {
            h.open();
            long watermark = end - 60_000;
            h.processWatermark(new Watermark(watermark));
            for (BehaviorEvent e : byUser) {
                h.processElement(new StreamRecord<>(e, e.timeMillis()));
                h.processWatermark(new Watermark(++watermark));
            }
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            got = flags(h);
        }
        got.sort(null);
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void aRestoreFromACheckpointNeitherRepeatsNorSkipsAnIdleDecision() throws Exception {
        int half = events.size() / 2;
        List<String> got = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            got.addAll(feed(h, events.subList(0, half)));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            feed(h, events.subList(half, events.size()));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            got.addAll(flags(h));
        }
        got.sort(null);
        assertThat(got).containsExactlyElementsOf(expected);
    }
}

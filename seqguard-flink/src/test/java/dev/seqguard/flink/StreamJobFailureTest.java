package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ServingModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamJobFailureTest {
    /** Set once the injected failure has happened (the mini-cluster runs in this JVM). */
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS_SEEN = new AtomicInteger();

    @TempDir
    Path tmp;

    /**
     * Passes lines through slowly enough for checkpoints to happen mid-stream, and throws once, after a checkpoint
     * has completed and half the input has gone by.
     */
    static final class FailOnceAfterACheckpoint implements MapFunction<String, String>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final int failAt;
        private int seen;

        FailOnceAfterACheckpoint(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public String map(String line) throws Exception {
            seen++;
            // past the failure point with no checkpoint yet (a slow start): slow down further so one can complete
            // (a wait in a loop would block the barriers it waits for)
            if (seen % 50 == 0 || seen >= failAt && CHECKPOINTS_SEEN.get() == 0) {
                Thread.sleep(2);
            }
            if (seen >= failAt && CHECKPOINTS_SEEN.get() > 0 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + seen + " lines");
            }
            return line;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS_SEEN.incrementAndGet();
        }
    }

    @Test
    void aJobThatFailsMidStreamRestartsFromItsCheckpointWithNoLostAndNoDuplicatedFlags() throws Exception {
        List<BehaviorEvent> events = StreamFixtures.events();
        Path input = StreamFixtures.writeTaobao(tmp, events);
        Path out = tmp.resolve("out");
        StreamJobConfig config = StreamJobConfig.builder("taobao", StreamFixtures.model(), null)
                .checkpointInterval(Duration.ofMillis(100)).checkpointDir(tmp.resolve("checkpoints").toString()).build();
        Configuration flink = SeqGuardStreamJob.flinkConfiguration(config);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, flink);
        SeqGuardStreamJob.configure(env, config);
        var lines = SeqGuardStreamJob.fileSource(env, input)
                .map(new FailOnceAfterACheckpoint(events.size() / 2), Types.STRING)
                .name("fail-once").uid("fail-once");
        SeqGuardStreamJob.sinkToFiles(SeqGuardStreamJob.build(lines, config), out);

        SeqGuardStreamJob.Counts counts = SeqGuardStreamJob.counts(env.execute("failure test"));

        assertThat(FAILED).isTrue();
        ServingModel model = ServingModel.load(StreamFixtures.model(), null);
        List<String> want = new ArrayList<>();
        for (Replay.ReplayFlag f : Replay.run(model, events, 1_000_000, 1).flags()) {
            want.add(Replay.line(f));
        }
        assertThat(StreamJobMiniClusterTest.partLines(out.resolve("flags"))).containsExactlyInAnyOrderElementsOf(want);
        assertThat(StreamJobMiniClusterTest.partLines(out.resolve("clean"))).hasSize(events.size() - want.size());
        assertThat(counts.late()).isZero();
    }
}

package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ServingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class ModelUpdatesMiniClusterTest {
    // a cancelled job's checkpoint writer can still be finishing a file when JUnit deletes the directory
    // (seen on a loaded machine): keep the directory rather than fail a passing test on its clean-up
    @TempDir(cleanup = CleanupMode.NEVER)
    Path tmp;

    @Test
    void withAModelUpdatesInputThatRepeatsTheModelTheFlagsEqualReplays() throws Exception {
        List<BehaviorEvent> events = StreamFixtures.events();
        Path input = StreamFixtures.writeTaobao(tmp, events);
        Path out = tmp.resolve("out");
        StreamJobConfig config = StreamJobConfig.builder("taobao", StreamFixtures.model(), null)
                .checkpointInterval(Duration.ofMillis(200)).checkpointDir(tmp.resolve("cp").toString()).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2,
                SeqGuardStreamJob.flinkConfiguration(config));
        SeqGuardStreamJob.configure(env, config);
        // the same model again, and a directory that is none: whenever they arrive, every event is scored by the model
        var updates = env.fromData(StreamFixtures.model().toString(), tmp.resolve("none").toString());

        SeqGuardStreamJob.sinkToFiles(SeqGuardStreamJob.build(SeqGuardStreamJob.fileSource(env, input), config,
                updates), out);
        env.execute("model updates");

        ServingModel model = ServingModel.load(StreamFixtures.model(), null);
        List<String> want = new ArrayList<>();
        for (Replay.ReplayFlag f : Replay.run(model, events, 1_000_000, 1).flags()) {
            want.add(Replay.line(f));
        }
        assertThat(want).hasSizeGreaterThan(100);
        assertThat(StreamJobMiniClusterTest.partLines(out.resolve("flags"))).containsExactlyInAnyOrderElementsOf(want);
        assertThat(StreamJobMiniClusterTest.partLines(out.resolve("clean"))).hasSize(events.size() - want.size());
        // each of the two scoring tasks rejects the non-model once
        assertThat(StreamJobMiniClusterTest.partLines(out.resolve("quarantine")))
                .hasSize(2).allSatisfy(l -> assertThat(l).startsWith("model_rejected\t"));
    }
    @Test
    void aWatchedModelUpdatesDirectoryThatNeverEndsDoesNotHoldEventsBack() throws Exception {
        List<BehaviorEvent> events = StreamFixtures.events();
        Path input = StreamFixtures.writeTaobao(tmp, events);
        Path updates = Files.createDirectories(tmp.resolve("updates"));
        Path out = tmp.resolve("out");
        StreamJobConfig config = StreamJobConfig.builder("taobao", StreamFixtures.model(), null)
                .checkpointInterval(Duration.ofMillis(200)).checkpointDir(tmp.resolve("cp").toString()).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2,
                SeqGuardStreamJob.flinkConfiguration(config));
        SeqGuardStreamJob.configure(env, config);
        SeqGuardStreamJob.sinkToFiles(SeqGuardStreamJob.build(SeqGuardStreamJob.fileSource(env, input), config,
                SeqGuardStreamJob.modelUpdateSource(env, updates, Duration.ofMillis(200))), out);

        ServingModel model = ServingModel.load(StreamFixtures.model(), null);
        int want = Replay.run(model, events, 1_000_000, 1).flags().size();
        JobClient job = env.executeAsync("model updates watched");
        try {
            // the updates never end, so the job does not: wait for the flags (a job stuck on the updates' event time
            // would write none), at most a minute
            long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (StreamJobMiniClusterTest.partLines(out.resolve("flags")).size() < want && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(StreamJobMiniClusterTest.partLines(out.resolve("flags"))).hasSize(want);
        } finally {
            job.cancel().get();
        }
    }
}

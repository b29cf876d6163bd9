package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamJobMiniClusterTest {
    @TempDir
    Path tmp;

    /** Every line of the committed part files under {@code dir} (in-progress files are hidden and skipped). */
    static List<String> partLines(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList()) {
                out.addAll(Files.readAllLines(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void flagsOnTheSampleEqualReplaysAndEveryOtherLineIsCleanOrQuarantined() throws Exception {
        List<BehaviorEvent> events = StreamFixtures.events();
        Path input = StreamFixtures.writeTaobao(tmp, events);
        Files.writeString(input, "not,a,taobao,line\n", StandardOpenOption.APPEND);
        Path out = tmp.resolve("out");
        StreamJobConfig config = StreamJobConfig.builder("taobao", StreamFixtures.model(), null)
                .checkpointInterval(java.time.Duration.ofMillis(200)).build();

        SeqGuardStreamJob.Counts counts = SeqGuardStreamJob.runOnFiles(input, out, config, 2);

        ServingModel model = ServingModel.load(StreamFixtures.model(), null);
        List<String> want = new ArrayList<>();
        for (Replay.ReplayFlag f : Replay.run(model, events, 1_000_000, 1).flags()) {
            want.add(Replay.line(f));
        }
        List<String> flags = partLines(out.resolve("flags"));
        assertThat(want).hasSizeGreaterThan(100);
        assertThat(flags).containsExactlyInAnyOrderElementsOf(want);
        assertThat(counts.flags()).isEqualTo(want.size());

        List<String> clean = partLines(out.resolve("clean"));
        assertThat(clean).hasSize(events.size() - want.size());
        assertThat(clean).allSatisfy(line -> assertThat(EventFormat.TAOBAO.parseLine(line)).isNotNull());

        assertThat(counts.quarantined()).isEqualTo(1);
        assertThat(counts.late()).isZero();
        assertThat(partLines(out.resolve("quarantine"))).singleElement()
                .satisfies(line -> assertThat(line).endsWith("\tnot,a,taobao,line"));
    }

    @Test
    void onRocksDbStateTheFlagsAreTheSame() throws Exception {
        List<BehaviorEvent> events = StreamFixtures.events();
        Path input = StreamFixtures.writeTaobao(tmp, events);
        Path out = tmp.resolve("out");
        StreamJobConfig config = StreamJobConfig.builder("taobao", StreamFixtures.model(), null)
                .checkpointInterval(java.time.Duration.ofMillis(200)).stateBackend("rocksdb").build();

        SeqGuardStreamJob.runOnFiles(input, out, config, 2);

        assertThat(SeqGuardStreamJob.flinkConfiguration(config).get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        ServingModel model = ServingModel.load(StreamFixtures.model(), null);
        List<String> want = new ArrayList<>();
        for (Replay.ReplayFlag f : Replay.run(model, events, 1_000_000, 1).flags()) {
            want.add(Replay.line(f));
        }
        assertThat(partLines(out.resolve("flags"))).containsExactlyInAnyOrderElementsOf(want);
        assertThat(partLines(out.resolve("clean"))).hasSize(events.size() - want.size());
    }

    @Test
    void anUnknownStateBackendIsRefusedByName() {
        StreamJobConfig config = StreamJobConfig.defaults("taobao", Path.of("m"), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.toBuilder().stateBackend("memory").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stateBackend").hasMessageContaining("memory");
    }

    @Test
    void eventsTravelWithTheirOwnSerializerNotAsGenericKryoBlobs() {
        assertThat(EventTypes.EVENT).isNotInstanceOf(GenericTypeInfo.class);
        assertThat(EventTypes.EVENT.createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(BehaviorEventSerializer.class);
    }
}

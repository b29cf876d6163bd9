package dev.seqguard.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.Replay;
import dev.seqguard.serving.ServingModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code generic} CSV input whose header is its own (columns in another order than SeqGuard writes them, plus one
 * SeqGuard does not know), as a directory of files that each start with that header.
 */
class GenericCsvDirectoryStreamTest {
    private static final String HEADER = "timestamp,note,behavior,category_id,item_id,user_id";

    @TempDir
    Path tmp;

    /** The event in {@link #HEADER}'s column order. */
    private static String line(BehaviorEvent e) {
        // the default generic layout writes user_id,item_id,category_id,behavior,timestamp; ids hold no commas
        String[] v = EventFormat.byName("generic").format(e).split(",", -1);
        return String.join(",", v[4], "n", v[3], v[2], v[1], v[0]);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(text);
        }
    }

    @Test
    void aDirectoryOfGenericFilesIsReadByItsOwnHeaderAndScoredAsReplayScoresIt() throws Exception {
        List<BehaviorEvent> events = StreamFixtures.events();
        Set<String> users = new LinkedHashSet<>();
        events.forEach(e -> users.add(e.userId()));
        Set<String> firstHalf = new LinkedHashSet<>(users.stream().limit(users.size() / 2).toList());
        List<String> a = new ArrayList<>(List.of(HEADER));
        List<String> b = new ArrayList<>(List.of(HEADER));
        for (BehaviorEvent e : events) {
            (firstHalf.contains(e.userId()) ? a : b).add(line(e));
        }
        Path in = tmp.resolve("in");
        write(in.resolve("a.csv"), a);
        write(in.resolve("day2").resolve("b.csv.gz"), b);
        write(in.resolve("_SUCCESS"), List.of("not an event"));
        Path out = tmp.resolve("out");
        StreamJobConfig config = StreamJobConfig.builder("generic", StreamFixtures.model(), null)
                .checkpointInterval(Duration.ofMillis(200)).build();

        SeqGuardStreamJob.Counts counts = SeqGuardStreamJob.runOnFiles(in, out, config, 2);

        ServingModel model = ServingModel.load(StreamFixtures.model(), null);
        List<String> want = new ArrayList<>();
        for (Replay.ReplayFlag f : Replay.run(model, events, 1_000_000, 1).flags()) {
            want.add(Replay.line(f));
        }
        assertThat(StreamJobMiniClusterTest.partLines(out.resolve("flags"))).containsExactlyInAnyOrderElementsOf(want);
        assertThat(StreamJobMiniClusterTest.partLines(out.resolve("clean"))).hasSize(events.size() - want.size());
        assertThat(StreamJobMiniClusterTest.partLines(out.resolve("quarantine"))).isEmpty();
        assertThat(counts.quarantined()).isZero();
    }

    @Test
    void genericFilesWithDifferentHeadersAreRefusedBeforeTheJobStarts() throws Exception {
        Path in = tmp.resolve("mixed");
        write(in.resolve("a.csv"), List.of(HEADER, "1511800000,n,pv,1,2,3"));
        write(in.resolve("b.csv"), List.of("user_id,item_id,behavior,timestamp", "3,2,pv,1511800000"));

        assertThatThrownBy(() -> InputHeader.of(in, EventFormat.byName("generic")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must share one header").hasMessageContaining("b.csv");
        assertThat(InputHeader.of(in.resolve("a.csv"), EventFormat.byName("generic"))).contains(HEADER);
        assertThat(InputHeader.of(in, EventFormat.TAOBAO)).isEmpty();
    }
}

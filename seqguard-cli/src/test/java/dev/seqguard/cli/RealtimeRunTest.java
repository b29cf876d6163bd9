package dev.seqguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label sample {@code bench realtime} gives select: 30% of each class, the same every run. */
class RealtimeRunTest {
    @TempDir
    Path tmp;

    @Test
    void thirtyPercentOfTheAnomalousAndOfTheNormalUsersAreLabelledReproducibly() throws IOException {
        List<String> lines = new ArrayList<>(List.of("user_id,label,anomaly_type"));
        for (int u = 0; u < 200; u++) {
            lines.add(u + "," + (u % 10 == 0 ? "1,crawler" : "0,normal"));
        }
        Path labels = Files.write(tmp.resolve("labels.csv"), lines);

        Set<String> a = RealtimeRun.sampleLabels(labels, tmp.resolve("a.csv"));
        Set<String> b = RealtimeRun.sampleLabels(labels, tmp.resolve("b.csv"));

        assertThat(a).isEqualTo(b).hasSize(6 + 54);
        assertThat(a.stream().filter(u -> Integer.parseInt(u) % 10 == 0)).hasSize(6);
        List<String> written = Files.readAllLines(tmp.resolve("a.csv"));
        assertThat(written.get(0)).isEqualTo("user_id,label,anomaly_type");
        assertThat(written).hasSize(61);
        assertThat(written.subList(1, 61)).allSatisfy(l -> assertThat(a).contains(l.split(",")[0]));
    }
}

package dev.seqguard.eval.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.eval.select.SelectionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table selection on the ODDS vertebral table (240 rows, 30 anomalies). */
class TableSelectionTest {
    static final Path VERTEBRAL = Path.of("src", "test", "resources", "odds", "vertebral.csv");

    @TempDir
    Path out;

    static TableSelection.Options options(long seed) {
        return TableSelection.Options.of(VERTEBRAL, new SelectionOptions(List.of("iforest", "knn", "robust-z"), 5, seed,
                0, null, TableSelection.Options.MIN_LABELS_PER_CLASS, 3));
    }

    @Test
    void splitsStratifiedAndScoresEveryTestRowWithTheSelectedDetector() throws IOException {
        List<TableSelection.Split> seen = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        TableSelection.Result r = TableSelection.run(options(1), out, new TableSelection.Listener() {
            @Override
            public void split(TableSelection.Split split) {
                seen.add(split);
            }

            @Override
            public void step(String what) {
                steps.add(what);
            }
        });
        assertThat(seen).containsExactly(r.split());
        assertThat(r.split().rows()).isEqualTo(240);
        assertThat(r.split().testRows()).isEqualTo(96);
        assertThat(r.split().trainRows() + r.split().testRows()).isEqualTo(r.split().rows());
        assertThat(steps).containsExactly("iforest", "knn", "robust-z");
        assertThat(r.testMetrics()).containsOnlyKeys("iforest", "knn", "robust-z");
        assertThat(Arrays.stream(r.selectedTestMetrics()).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(r.summary()).containsEntry("selected_detector", r.selection().selected().detector())
                .containsEntry("test_rows", 96).containsEntry("seed", 1L);

        List<String> test = Files.readAllLines(out.resolve(TableSelection.TEST_SCORES));
        assertThat(test.get(0)).isEqualTo("row,label,score");
        assertThat(test).hasSize(1 + 96);
        // 30 of 240 rows are anomalous: the 40% test part holds 12 of them
        assertThat(test.subList(1, test.size()).stream().filter(l -> l.split(",")[1].equals("1"))).hasSize(12);
        for (String f : List.of("leaderboard.csv", "summary.json", "report.html", "model/detector.json")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
    }

    @Test
    void sameSeedGivesTheSameSelectionAndTestMetrics(@TempDir Path other) throws IOException {
        TableSelection.Result a = TableSelection.run(options(3), out, TableSelection.Listener.SILENT);
        TableSelection.Result b = TableSelection.run(options(3), other, TableSelection.Listener.SILENT);
        assertThat(b.selection().selected().detector()).isEqualTo(a.selection().selected().detector());
        assertThat(b.selectedTestMetrics()).containsExactly(a.selectedTestMetrics());
    }

    @Test
    void splitKeepsEachClassShareAndUsesEveryRowOnce() {
        int[] labels = IntStream.range(0, 100).map(i -> i < 20 ? 1 : 0).toArray();
        int[][] parts = TableSelection.split(labels, 0.25, 5);
        assertThat(parts[1]).hasSize(25);
        assertThat(Arrays.stream(parts[1]).filter(i -> labels[i] == 1).count()).isEqualTo(5);
        assertThat(IntStream.concat(Arrays.stream(parts[0]), Arrays.stream(parts[1])).sorted().toArray())
                .containsExactly(IntStream.range(0, 100).toArray());
    }

    @Test
    void rejectsATestFractionOutsideTheOpenUnitInterval() {
        TableSelection.Options o = options(1);
        assertThatThrownBy(() -> o.withTestFraction(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testFraction");
        assertThatThrownBy(() -> o.withTestFraction(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.seqguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqguard.core.table.FeatureTable;
import dev.seqguard.core.table.FeatureTableReader;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.eval.select.table.LabelFreeOptions;
import dev.seqguard.eval.select.table.LabelFreeTableRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableLabelFreeCliTest {
    private static final Path TABLE = Path.of("src", "test", "resources", "odds", "vertebral.csv");
    private static final List<String> DETECTORS = List.of("iforest", "robust-z", "knn");

    @TempDir
    Path dir;

    @Test
    void labelFreeTableSelectionGivesTheSameResultWhenTrainingLabelsAreFlipped() throws IOException {
        Path out = dir.resolve("cli");
        CliEndToEndTest.Run r = CliEndToEndTest.run("select", "--table", TABLE.toString(), "--label-column", "label",
                "--label-free", "--detectors", String.join(",", DETECTORS), "--seed", "4", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("SELECTED", "threshold", "confidence");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("mode").asText()).isEqualTo("label_free");
        assertThat(summary.get("test_roc_auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(Files.readAllLines(out.resolve("leaderboard.csv")).get(0)).contains("val_local_roc_auc", "test_roc_auc");
        List<String> testScores = Files.readAllLines(out.resolve("test_scores.csv"));
        assertThat(testScores).hasSize(1 + 96);

        // The same training rows with every label flipped (the test part, which only grades, kept): same result.
        FeatureTable t = FeatureTableReader.read(TABLE, "label");
        Set<String> testIds = testScores.stream().skip(1).map(l -> l.split(",")[0]).collect(Collectors.toSet());
        int[] trainRows = IntStream.range(0, t.labels().length)
                .filter(i -> !testIds.contains(t.features().rowIds().get(i))).toArray();
        int[] testRows = IntStream.range(0, t.labels().length)
                .filter(i -> testIds.contains(t.features().rowIds().get(i))).toArray();
        DetectionData all = new DetectionData(t.features(), List.of(), t.labels());
        DetectionData train = all.select(trainRows);
        int[] flipped = IntStream.of(train.labels()).map(l -> 1 - l).toArray();
        Path again = dir.resolve("flipped");
        new LabelFreeTableRun(TABLE.toString(), train.withLabels(flipped), all.select(testRows), 0,
                LabelFreeOptions.defaults(DETECTORS, 4)).run(again);

        JsonNode other = new ObjectMapper().readTree(again.resolve("summary.json").toFile());
        for (String field : List.of("selected_detector", "threshold", "threshold_rule", "expected_flagged_share",
                "confidence", "test_roc_auc", "test_f1")) {
            assertThat(other.get(field)).as(field).isEqualTo(summary.get(field));
        }
        assertThat(Files.readAllLines(again.resolve("test_scores.csv"))).isEqualTo(testScores);
        assertThat(Files.readAllLines(again.resolve("leaderboard.csv")))
                .isEqualTo(Files.readAllLines(out.resolve("leaderboard.csv")));
    }

    @Test
    void labelFreeNeedsATableAndUnsupervisedDetectors() {
        CliEndToEndTest.Run noTable = CliEndToEndTest.run("select", "--label-free", "--out", dir.resolve("x").toString());
        assertThat(noTable.code()).isNotZero();
        assertThat(noTable.err()).contains("--label-free needs --table");
        CliEndToEndTest.Run supervised = CliEndToEndTest.run("select", "--table", TABLE.toString(), "--label-free",
                "--detectors", "random-forest", "--out", dir.resolve("y").toString());
        assertThat(supervised.code()).isNotZero();
        assertThat(supervised.err()).contains("random-forest");
    }
}

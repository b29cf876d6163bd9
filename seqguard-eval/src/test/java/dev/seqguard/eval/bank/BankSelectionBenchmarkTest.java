package dev.seqguard.eval.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.api.Family;
import dev.seqguard.eval.metrics.AveragePrecision;
import dev.seqguard.eval.select.CandidateResult;
import dev.seqguard.eval.select.Confidence;
import dev.seqguard.eval.select.SelectionResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankSelectionBenchmarkTest {

    private static CandidateResult candidate(String name, double[] scores) {
        return new CandidateResult(name, Family.STATISTICAL, scores, null, Double.NaN, new double[0], List.of(),
                Double.NaN, 0, 0, 0, null, null);
    }

    private static SelectionResult result(double threshold, double confidence, CandidateResult... board) {
        return new SelectionResult(SelectionResult.Mode.LABEL_FREE, List.of(board), board[0], threshold, "test",
                new Confidence(confidence, "test"), List.of());
    }

    @Test
    void aPerfectScorerGetsPrAucOneAndF1OneAgainstTheScenarioLabels() {
        int[] y = {0, 1, 0, 0, 1, 0, 0, 0, 1, 0};
        double[] perfect = {0.1, 0.9, 0.2, 0.1, 0.8, 0.3, 0.2, 0.1, 0.95, 0.0};
        double[] inverted = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            inverted[i] = 1 - perfect[i];
        }
        String[] kinds = {null, "ring", null, null, "scraper", null, null, null, "ring", null};
        ScenarioOutcome row = ScenarioOutcome.score("s", "log", "mix", y, kinds,
                result(0.5, 0.9, candidate("perfect", perfect), candidate("inverted", inverted)),
                y, result(0.5, 1, candidate("iforest", inverted)), 1.0);
        assertThat(row.pickPrAuc()).isEqualTo(1.0);
        assertThat(row.pickFlags().f1()).isEqualTo(1.0);
        assertThat(row.pickFlags().flagged()).isEqualTo(3);
        assertThat(row.iforestPrAuc()).isLessThan(0.5);
        assertThat(row.iforestFlags().f1()).isEqualTo(0.0);
        assertThat(row.best()).isEqualTo("perfect");
        assertThat(row.regret()).isEqualTo(0.0);
        assertThat(row.pickBeatsIforest()).isTrue();
        assertThat(row.recallByKind().get("ring")).containsExactly(2, 2);
        assertThat(row.anomalous()).isEqualTo(3);
        assertThat(BenchmarkSummary.meetsFloors(row)).isTrue();
    }

    @Test
    void summaryNamesScenariosWithHighConfidenceThatLostToIforest() {
        int[] y = {0, 1, 0, 0, 1, 0};
        double[] good = {0, 1, 0, 0, 1, 0};
        double[] bad = {1, 0, 1, 0, 0, 1};
        ScenarioOutcome overconfident = ScenarioOutcome.score("sure-and-wrong", "log", "mix", y, new String[6],
                result(0.5, 0.9, candidate("bad", bad), candidate("good", good)), y,
                result(0.5, 1, candidate("iforest", good)), 1.0);
        ScenarioOutcome humble = ScenarioOutcome.score("unsure-and-right", "log", "mix", y, new String[6],
                result(0.5, 0.3, candidate("good", good)), y, result(0.5, 1, candidate("iforest", bad)), 1.0);
        BenchmarkSummary summary = BenchmarkSummary.of(List.of(overconfident, humble));
        assertThat(summary.overconfident()).containsExactly("sure-and-wrong");
        assertThat(summary.highConfidence()).isEqualTo(1);
        assertThat(summary.highLossRate()).isEqualTo(1.0);
        assertThat(summary.lowLossRate()).isEqualTo(0.0);
        assertThat(summary.spearmanRegret()).isEqualTo(1.0);
        assertThat(summary.floorsMet()).isEqualTo(1);
        assertThat(summary.pickBeatsIforest()).isEqualTo(0.5);
    }

    @Test
    void regretIsTheBestCandidateInHindsightMinusThePick() {
        int[] y = {0, 1, 0, 1, 0, 0};
        double[] weak = {0.5, 0.4, 0.1, 0.9, 0.6, 0.2};
        double[] perfect = {0, 1, 0, 1, 0, 0};
        ScenarioOutcome row = ScenarioOutcome.score("s", "log", "mix", y, new String[6],
                result(0.55, 1, candidate("weak", weak), candidate("perfect", perfect)),
                y, result(0.5, 1, candidate("iforest", weak)), 1.0);
        assertThat(row.best()).isEqualTo("perfect");
        assertThat(row.bestPrAuc()).isEqualTo(1.0);
        assertThat(row.regret()).isCloseTo(1.0 - AveragePrecision.of(y, weak), within(1e-12));
        assertThat(row.pickLosesToIforest()).isFalse();
        assertThat(row.pickBeatsIforest()).isFalse();
    }

    @Test
    void summarySaysWhetherConfidenceTracksRegret() {
        assertThat(BenchmarkSummary.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
        assertThat(BenchmarkSummary.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
        assertThat(BenchmarkSummary.ranks(new double[] {5, 1, 5, 2})).containsExactly(3.5, 1, 3.5, 2);
        assertThat(BenchmarkSummary.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    @Test
    void benchmarkOnTwoTinyScenariosScoresSelectionAgainstTheirTrueLabels(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("taobao"));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("..", "data", "taobao-sample.csv.gz")))) {
            Files.copy(in, data.resolve("taobao/UserBehavior-sample.csv"));
        }
        LabelFreeRun fast = new LabelFreeRun(List.of("iforest", "zscore"), 0, LabelFreeRun.SELECT_SEED);
        SelectionBenchmark.Options options = new SelectionBenchmark.Options(data, 5, 2, List.of(BankLog.TAOBAO),
                Set.of(), ScenarioBank.DEFAULT_BANK, 60, fast, dir.resolve("out"), dir.resolve("export"), 1);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SelectionBenchmark bench = new SelectionBenchmark(options, new PrintStream(console, true, StandardCharsets.UTF_8));
        List<ScenarioOutcome> rows = bench.run();

        assertThat(rows).hasSize(2);
        ScenarioBank bank = new ScenarioBank(data);
        for (int i = 0; i < 2; i++) {
            ScenarioSpec spec = bench.specs().get(i);
            Scenario scenario = bank.build(spec);
            LabelFreeRun.Outcome again = fast.run(scenario.events());
            int[] y = scenario.labels(again.users());
            ScenarioOutcome row = rows.get(i);
            assertThat(row.id()).isEqualTo(spec.id());
            assertThat(row.anomalous()).isEqualTo(scenario.kindOf().size()).isPositive();
            assertThat(row.users()).isEqualTo(again.users().size());
            assertThat(row.pickPrAuc()).isEqualTo(AveragePrecision.of(y, again.result().selected().scores()));
            assertThat(row.bestPrAuc()).isGreaterThanOrEqualTo(row.pickPrAuc());
            assertThat(row.regret()).isGreaterThanOrEqualTo(0);
            assertThat(row.confidence()).isBetween(0.0, 1.0);
            // the labels are the scenario's: a random ranking would score about the anomaly share
            assertThat(row.pickPrAuc()).isGreaterThan((double) row.anomalous() / row.users());

            // the exported scenario reads back through select's own ingest, with its labels
            Path exported = dir.resolve("export").resolve(spec.id());
            List<BehaviorEvent> back = EventReader.readAll(exported.resolve("events.csv"),
                    IngestOptions.defaults("generic", null), new QuarantineCounter()).events();
            assertThat(back).hasSameSizeAs(scenario.events());
            List<String> labels = Files.readAllLines(exported.resolve("labels.csv"));
            assertThat(labels.stream().filter(l -> l.contains(",1,")).count()).isEqualTo(scenario.kindOf().size());
        }
        List<String> csv = Files.readAllLines(dir.resolve("out").resolve(SelectionBenchmark.CSV));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("scenario,log,mix,users,anomalous,pick,pick_pr_auc");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("mean regret", "Spearman(confidence, regret)");
        assertThat(Files.readAllLines(dir.resolve("out").resolve(SelectionBenchmark.SUMMARY))).isNotEmpty();
        // a bank run in parts is summarised from its CSVs as if run at once
        List<ScenarioOutcome> back = SelectionBenchmark.read(List.of(dir.resolve("out").resolve(SelectionBenchmark.CSV)));
        assertThat(BenchmarkSummary.of(back).lines()).isEqualTo(BenchmarkSummary.of(rows).lines());
    }

    @Test
    void scenarioEventsAreAlwaysTimeOrdered() {
        List<BehaviorEvent> real = BankFixtures.shoppers(2, 80, 4, true);
        Scenario s = new ScenarioSpec("t", BankLog.TAOBAO, 1, 500, 0.1, Set.of(), java.util.Map.of(),
                SlowDripParams.defaults(), RingParams.defaults(), ScraperParams.defaults()).build(real);
        for (int i = 1; i < s.events().size(); i++) {
            assertThat(s.events().get(i).timeMillis()).isGreaterThanOrEqualTo(s.events().get(i - 1).timeMillis());
        }
    }
}

package dev.seqguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the command line as a user would, on a slice of the bundled real sample. */
class CliEndToEndTest {
    @TempDir
    static Path dir;
    static Path slice;

    /** The first 160 users of the bundled sample (complete histories). */
    @BeforeAll
    static void sliceSample() throws IOException {
        Path sample = Path.of("..", BundledData.SAMPLE);
        List<String> kept = new ArrayList<>();
        Set<String> users = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(sample)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String user = line.substring(0, line.indexOf(','));
                if (users.contains(user) || users.size() < 160) {
                    users.add(user);
                    kept.add(line);
                }
            }
        }
        slice = dir.resolve("slice.csv");
        Files.write(slice, kept);
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SeqGuard.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void inspectQuarantinesEveryPlantedBadRowAndCountsAddUp() throws IOException {
        Path dirty = dir.resolve("dirty.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(slice).subList(0, 3000));
        lines.addAll(List.of("1,2,3,pv", "x1,2,3,pv,1511800000", "1,2,3,jump,1511800000", "1,2,3,buy,noon",
                "1,2,3,buy,1111800000", "1,2,3,pv,1511800000,9", "7,7,7,pv,1511800001", "7,7,7,pv,1511800001"));
        Files.write(dirty, lines);
        Run r = run("inspect", "--events", dirty.toString(), "--format", "taobao", "--json", "--out", dir.resolve("i").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("read").asLong()).isEqualTo(lines.size());
        assertThat(json.get("read").asLong()).isEqualTo(json.get("accepted").asLong() + json.get("quarantined").asLong());
        List<String> q = Files.readAllLines(dir.resolve("i/quarantine.csv"));
        assertThat(q.get(0)).isEqualTo("line,reason,raw");
        assertThat(String.join("\n", q)).contains("wrong_field_count", "non_numeric_id", "unknown_behavior",
                "unparseable_time", "time_out_of_range", "duplicate");
        assertThat(q.size() - 1).isGreaterThanOrEqualTo(7);
    }

    @Test
    void missingFileIsOneClearLineAndExitCode2() {
        Run r = run("inspect", "--events", dir.resolve("nope.csv").toString(), "--format", "taobao");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("nope.csv").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void deepOptionsRejectContradictionsInOneLine() {
        Run select = run("select", "--events", slice.toString(), "--format", "taobao", "--deep", "--detectors", "iforest",
                "--out", dir.resolve("deep").toString());
        assertThat(select.code()).isEqualTo(2);
        assertThat(select.err()).contains("--deep").contains("transformer-mlm").doesNotContain("\tat ");
        Run bench = run("bench", "--deep", "--deep-variant", "width32");
        assertThat(bench.code()).isEqualTo(2);
        assertThat(bench.err()).contains("NAME:PARAM=VALUE").doesNotContain("\tat ");
    }

    @Test
    void detectorsListMarksTheTransformersOptIn() {
        Run r = run("detectors");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("transformer-")))
                .hasSize(2).allSatisfy(l -> assertThat(l).contains("opt-in"));
    }

    @Test
    void unknownFormatIsAUsageErrorWithExitCode2() {
        Run r = run("inspect", "--events", slice.toString(), "--format", "parquet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("parquet").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "inject", "select", "score", "detectors", "recommend", "flags", "serve", "keys",
            "replay", "stream", "demo", "bench"})
    void everyVerbHasHelp(String verb) {
        Run r = run(verb, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: seqguard " + verb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "select", "selection", "odds", "deep", "serve", "stream", "realtime"})
    void everyBenchSubcommandHasItsOwnHelp(String sub) {
        Run r = run("bench", sub, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: seqguard bench " + sub);
        Run parent = run("bench", "--help");
        assertThat(parent.out()).containsPattern("(?m)^  " + sub + " +\\S");
    }

    @Test
    void benchRealtimeNamesABadLogAndExitsTwo() {
        Run missing = run("bench", "realtime", "--log", "taobao:no-such-log.csv");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no-such-log.csv").doesNotContain("Exception");
        Run malformed = run("bench", "realtime", "--log", "taobao");
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("FORMAT:FILE[:TYPES]");
    }

    @Test
    void benchSelectionNamesAnUnknownOptionAndExitsTwo() {
        Run r = run("bench", "selection", "--no-such-option", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option --no-such-option").doesNotContain("Exception");
    }

    @Test
    void helpSummariesEndTheirSentenceAtEightyColumns() {
        Run r = run("--help");
        for (String verb : List.of("inspect", "inject", "select", "score", "detectors", "recommend", "demo", "bench")) {
            String line = r.out().lines().filter(l -> l.startsWith("  " + verb + " ")).findFirst().orElseThrow();
            assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
            assertThat(line).as(line).endsWith(".");
        }
    }

    @Test
    void serveServesTheSavedModelChoiceUnlessGivenOne() throws IOException {
        Path data = dir.resolve("serve-data");
        Run none = run("serve", "--data-dir", data.toString(), "--port", "0");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--model DIR is needed", "has not served a model yet");

        Path loaded = dir.resolve("sel-b").resolve("model");
        dev.seqguard.server.ModelChoice.in(data).save(loaded);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(console, true, StandardCharsets.UTF_8);
        assertThat(ServeCommand.chooseModel(null, data, to)).isEqualTo(loaded.toAbsolutePath().normalize());
        Path given = dir.resolve("sel-a").resolve("model");
        assertThat(ServeCommand.chooseModel(given, data, to)).isEqualTo(given);
        assertThat(ServeCommand.chooseModel(loaded, data, to)).isEqualTo(loaded);
        assertThat(console.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "serving " + loaded.toAbsolutePath().normalize() + ", the model this data directory served last (--model overrides)",
                "serving --model " + given + " as given, not " + loaded.toAbsolutePath().normalize()
                        + ", the model this data directory served last");
    }

    @Test
    void benchFlagFormsRunTheSubcommands() throws IOException {
        Path odds = Files.createDirectories(dir.resolve("odds"));
        Files.copy(Path.of("src", "test", "resources", "odds", "vertebral.csv"), odds.resolve("vertebral.csv"));
        Run alias = run("bench", "--odds", odds.toString(), "--detectors", "robust-z", "--runs", "1");
        Run sub = run("bench", "odds", odds.toString(), "--detectors", "robust-z", "--runs", "1");
        assertThat(alias.code()).as(alias.err()).isZero();
        assertThat(sub.code()).as(sub.err()).isZero();
        assertThat(alias.out()).isEqualTo(sub.out()).contains("vertebral", "MEAN", "1 split seed(s)");

        Run ingest = run("bench", "--events", slice.toString(), "--copies", "1", "--runs", "1");
        assertThat(ingest.code()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("parse+validate", "sequencing+features");
        Run missing = run("bench", "serve");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("MODEL_DIR");
    }

    @Test
    void streamOnFlinkWritesTheFlagsReplayWritesOnTheSameEventsAndModel() throws IOException {
        Path sel = dir.resolve("sels");
        Run rs = run("select", "--events", slice.toString(), "--format", "taobao", "--detectors", "robust-z",
                "--ensemble", "0", "--synthetic-repeats", "2", "--seed", "2", "--out", sel.toString());
        assertThat(rs.code()).as(rs.err()).isZero();
        String model = sel.resolve("model").toString();
        // the whole bundled sample: its 30 rows before the bulk window are quarantined by both (time rule auto)
        String sample = Path.of("..", BundledData.SAMPLE).toString();
        Run rr = run("replay", "--events", sample, "--format", "taobao", "--model", model,
                "--context-events", slice.toString(), "--out", dir.resolve("rep").toString());
        assertThat(rr.code()).as(rr.err()).isZero();
        Run st = run("stream", "--events", sample, "--format", "taobao", "--model", model,
                "--context-events", slice.toString(), "--checkpoint-interval", "0.2", "--out", dir.resolve("st").toString());
        assertThat(st.code()).as(st.err()).isZero();
        assertThat(st.out()).contains("30 quarantined (0 late)");

        List<String> replayed = Files.readAllLines(dir.resolve("rep").resolve("flags.jsonl"));
        List<String> streamed = new ArrayList<>();
        try (var files = Files.list(dir.resolve("st").resolve("flags"))) {
            for (Path p : files.toList()) {
                try (var parts = Files.walk(p)) {
                    for (Path f : parts.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                        streamed.addAll(Files.readAllLines(f));
                    }
                }
            }
        }
        assertThat(replayed).isNotEmpty();
        assertThat(streamed).containsExactlyInAnyOrderElementsOf(replayed);
    }

    @Test
    void recommendMeasuresCleaningAndFlagsAnswersFromTheLog() throws IOException {
        Path inj = dir.resolve("injr");
        assertThat(run("inject", "--events", slice.toString(), "--format", "taobao", "--seed", "4", "--rate", "0.1",
                "--types", "farming,adfraud", "--out", inj.toString()).code()).isZero();
        Path sel = dir.resolve("selr");
        Run rs = run("select", "--events", inj.resolve("events.csv").toString(), "--format", "taobao",
                "--detectors", "robust-z", "--ensemble", "0", "--synthetic-repeats", "2", "--seed", "2", "--out", sel.toString());
        assertThat(rs.code()).as(rs.err()).isZero();
        Path out = dir.resolve("rec");
        Run rr = run("recommend", "--events", inj.resolve("events.csv").toString(), "--format", "taobao",
                "--labels", inj.resolve("labels.csv").toString(), "--targets", inj.resolve("targets.csv").toString(),
                "--model", sel.resolve("model").toString(), "--out", out.toString());
        assertThat(rr.code()).as(rr.err()).isZero();
        assertThat(rr.out()).contains("item-knn", "hot-in-category", "popularity", "drop-users", "oracle");
        JsonNode json = new ObjectMapper().readTree(out.resolve("recommend.json").toFile());
        List<String> keys = List.of("hr@10", "ndcg@10", "recall@20", "coverage", "target_exposure", "target_mean_rank");
        for (String rec : List.of("item-knn", "hot-in-category", "popularity")) {
            JsonNode r = json.get(rec);
            List<JsonNode> blocks = new ArrayList<>(List.of(r.get("raw"), r.get("oracle")));
            r.get("cleaned").forEach(blocks::add);
            assertThat(r.get("cleaned").size()).isEqualTo(3);
            for (JsonNode b : blocks) {
                List<String> names = new ArrayList<>();
                b.fieldNames().forEachRemaining(names::add);
                assertThat(names).containsExactlyElementsOf(keys);
                assertThat(b.get("target_exposure").asDouble()).isBetween(0.0, 1.0);
            }
            // without the injected accounts no real user is pushed towards the attacked items by popularity
            assertThat(r.get("oracle").get("target_exposure").asDouble())
                    .isLessThanOrEqualTo(r.get("raw").get("target_exposure").asDouble());
        }
        assertThat(json.get("popularity").get("raw").get("target_exposure").asDouble()).isGreaterThan(0.5);
        assertThat(Files.readString(out.resolve("recommend.html"))).contains("Recommender lift")
                .doesNotContain("http://", "https://");

        Run rf = run("flags", "--db", out.resolve("flags.db").toString(), "--top-items", "5", "--top-categories", "3",
                "--by-hour", "--users");
        assertThat(rf.code()).as(rf.err()).isZero();
        assertThat(rf.out()).contains("items targeted most", "categories targeted most", "flagged activity by hour", "score");
        Run missing = run("flags", "--db", dir.resolve("none/flags.db").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip().lines().count()).isEqualTo(1);
        assertThat(missing.err()).contains("flags.db").doesNotContain("\tat ");

        Run noLabels = run("recommend", "--events", inj.resolve("events.csv").toString(), "--format", "taobao",
                "--out", dir.resolve("rec0").toString());
        assertThat(noLabels.code()).as(noLabels.err()).isZero();
        JsonNode raw = new ObjectMapper().readTree(dir.resolve("rec0/recommend.json").toFile()).get("popularity");
        assertThat(raw.get("oracle").isNull()).isTrue();
        assertThat(raw.get("cleaned").size()).isZero();
        assertThat(raw.get("raw").get("target_exposure").isNull()).isTrue();
    }

    @Test
    void detectorsListsEveryRegisteredDetector() {
        Run r = run("detectors");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("iforest", "lof", "knn", "hmm", "rules", "gbdt", "ensemble", "autoencoder");
    }

    @Test
    void injectSelectWithPartialLabelsAndScoreRoundTrip() throws IOException {
        Path inj = dir.resolve("inj");
        Run ri = run("inject", "--events", slice.toString(), "--format", "taobao", "--seed", "3", "--rate", "0.1",
                "--types", "farming,crawler,adfraud", "--out", inj.toString());
        assertThat(ri.code()).as(ri.err()).isZero();
        for (String f : List.of("events.csv", "labels.csv", "event_labels.csv", "targets.csv")) {
            assertThat(inj.resolve(f)).isNotEmptyFile();
        }
        List<String> labels = Files.readAllLines(inj.resolve("labels.csv"));
        assertThat(labels.get(0)).isEqualTo("user_id,label,anomaly_type");
        // labels for every other user: the rest must still be scored
        List<String> half = new ArrayList<>(List.of(labels.get(0)));
        for (int i = 1; i < labels.size(); i += 2) {
            half.add(labels.get(i));
        }
        Path train = dir.resolve("half.csv");
        Files.write(train, half);

        Path out = dir.resolve("sel");
        Run rs = run("select", "--events", inj.resolve("events.csv").toString(), "--format", "taobao", "--labels",
                train.toString(), "--detectors", "robust-z,iforest,gbdt", "--seed", "2", "--out", out.toString());
        assertThat(rs.code()).as(rs.err()).isZero();
        for (String f : List.of("leaderboard.csv", "scores.csv", "event_scores.csv", "explanations.csv", "summary.json",
                "report.html", "model/detector.json", "model/selection.json")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(out.resolve("leaderboard.csv")).get(0))
                .startsWith("detector,selected,family,roc_auc,pr_auc,precision_at_k,recall_at_k,f1,fit_ms,score_ms");
        List<String> scores = Files.readAllLines(out.resolve("scores.csv"));
        assertThat(scores.get(0)).isEqualTo("user_id,score,flag");
        assertThat(scores).hasSize(labels.size());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(Files.lines(out.resolve("event_scores.csv")).count()).isEqualTo(summary.get("rows_accepted").asLong() + 1);
        assertThat(summary.get("rows_read").asLong())
                .isEqualTo(summary.get("rows_accepted").asLong() + summary.get("rows_quarantined").asLong());
        assertThat(summary.get("mode").asText()).isEqualTo("labelled");
        assertThat(Files.readString(out.resolve("report.html"))).doesNotContain("http://", "https://");

        Path scored = dir.resolve("scored");
        Run rc = run("score", "--model", out.resolve("model").toString(), "--events", inj.resolve("events.csv").toString(),
                "--format", "taobao", "--out", scored.toString());
        assertThat(rc.code()).as(rc.err()).isZero();
        assertThat(Files.readAllLines(scored.resolve("scores.csv"))).hasSize(labels.size());
    }

    @Test
    void selectWithoutLabelsStillChoosesAndSaysHowSure() throws IOException {
        Path inj = dir.resolve("inj0");
        assertThat(run("inject", "--events", slice.toString(), "--format", "taobao", "--seed", "5", "--rate", "0.1",
                "--types", "crawler,farming", "--out", inj.toString()).code()).isZero();
        Path out = dir.resolve("sel0");
        Run rs = run("select", "--events", inj.resolve("events.csv").toString(), "--format", "taobao",
                "--detectors", "robust-z,iforest,ecod", "--synthetic-repeats", "2", "--seed", "2", "--out", out.toString());
        assertThat(rs.code()).as(rs.err()).isZero();
        assertThat(rs.out()).contains("confidence");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("mode").asText()).isEqualTo("label_free");
        assertThat(summary.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(summary.get("confidence_reason").asText()).contains("held-out checks",
                "default ensemble-z(iforest|robust-z|ecod)");
        assertThat(summary.get("baseline_detector").asText()).isEqualTo("ensemble-z(iforest|robust-z|ecod)");
        assertThat(summary.get("held_out_kinds").asText()).isNotEmpty();
        // the shipped threshold is the label-free operating point: it flags the expected number, inside its range
        int expected = summary.get("expected_flagged").asInt();
        assertThat(summary.get("flagged").asInt()).isEqualTo(expected).isPositive();
        assertThat(summary.get("expected_flagged_low").asInt()).isLessThanOrEqualTo(expected);
        assertThat(summary.get("expected_flagged_high").asInt()).isGreaterThanOrEqualTo(expected);
        assertThat(summary.get("threshold_rule").asText()).contains("label-free operating point");
        assertThat(rs.out()).contains("expected flagged without labels: " + expected);
        assertThat(Files.readString(out.resolve("report.html"))).contains("How the detector was chosen without labels");
    }

    @Test
    void selectOnAFeatureTableWritesHeldOutTestScores() throws IOException {
        Path table = Path.of("src", "test", "resources", "odds", "vertebral.csv");
        Path out = dir.resolve("table");
        Run r = run("select", "--table", table.toString(), "--label-column", "label", "--test-fraction", "0.4",
                "--detectors", "iforest,knn,robust-z", "--seed", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> test = Files.readAllLines(out.resolve("test_scores.csv"));
        assertThat(test.get(0)).isEqualTo("row,label,score");
        assertThat(test).hasSize(1 + 96);
        assertThat(Files.readAllLines(out.resolve("leaderboard.csv")).get(0)).contains("test_roc_auc,test_pr_auc");
    }
}

package dev.seqguard.cli;

import dev.seqguard.core.features.FeatureOptions;
import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.labels.UserLabels;
import dev.seqguard.core.seq.SequenceOptions;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.seq.SequenceUnit;
import dev.seqguard.core.table.FeatureTable;
import dev.seqguard.core.table.FeatureTableReader;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.eval.metrics.AveragePrecision;
import dev.seqguard.eval.metrics.RocAuc;
import dev.seqguard.core.io.Csv;
import dev.seqguard.eval.output.EventScoring;
import dev.seqguard.eval.output.LeaderboardFile;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.serving.ServingModel;
import dev.seqguard.serving.StreamingCalibration;
import dev.seqguard.serving.StreamingOperatingPoint;
import dev.seqguard.eval.output.ScoreFiles;
import dev.seqguard.eval.output.ScoredRun;
import dev.seqguard.eval.output.SelectionReport;
import dev.seqguard.detect.pipeline.PipelineOptions;
import dev.seqguard.detect.pipeline.PreparedData;
import dev.seqguard.detect.pipeline.Preparation;
import dev.seqguard.eval.report.HtmlReport;
import dev.seqguard.eval.report.ReportModel;
import dev.seqguard.eval.select.CandidateResult;
import dev.seqguard.eval.select.InjectedValidation;
import dev.seqguard.eval.select.SelectionOptions;
import dev.seqguard.eval.select.SelectionResult;
import dev.seqguard.eval.select.Selector;
import dev.seqguard.eval.select.table.LabelFreeOptions;
import dev.seqguard.eval.select.table.LabelFreeTableRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Runs many detectors on your data and picks the one that works on it.",
                "With --labels (user_id,label[,anomaly_type]; any subset of users) detectors are cross-validated on the",
                "labelled users; without labels they are validated on anomalies injected into your own data.",
                "Writes DIR/leaderboard.csv, scores.csv, event_scores.csv, explanations.csv, summary.json,",
                "report.html and the selected model in DIR/model.",
                "With --table F --label-column C: selection on a feature table, scored on a held-out test part",
                "(DIR/leaderboard.csv with test_roc_auc,test_pr_auc and DIR/test_scores.csv)."})
final class SelectCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels for some users: user_id,label[,anomaly_type].")
    Path labels;

    @Option(names = "--table", paramLabel = "FILE", description = "A feature table (CSV with header) instead of an event log.")
    Path table;

    @Option(names = "--label-column", defaultValue = "label", description = "Label column of --table. Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--test-fraction", defaultValue = "0.4", description = "Held-out share of --table rows. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--label-free", description = "With --table: select without labels (synthetic anomalies generated"
            + " from the table validate unsupervised detectors against default iForest); the label column only grades"
            + " the held-out test part.")
    boolean labelFree;

    @Option(names = "--detectors", split = ",", paramLabel = "NAME",
            description = "Detectors to compare (default: all that can run, except the opt-in Transformer models).")
    List<String> detectors = new ArrayList<>();

    @Option(names = "--deep", description = "Also compare the opt-in detectors (transformer-mlm; transformer-clf with"
            + " --labels): each fit takes tens of seconds, and selection fits each candidate several times.")
    boolean deep;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for folds, detectors and self-injection. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threshold", paramLabel = "RULE",
            description = "contamination:Q, fixed:V, adaptive[:RISK], f1, cost:FP:FN. Default: f1 with labels, adaptive without.")
    String threshold;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds over labelled users. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--ensemble", defaultValue = "3", description = "Rank-average the best N detectors as one more candidate (0 = off). Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--unit", defaultValue = "user", description = "Scored unit: user or session. Default: ${DEFAULT-VALUE}.")
    String unit;

    @Option(names = "--session-gap", defaultValue = "30m", description = "Inactivity gap that ends a session (s, m, h). Default: ${DEFAULT-VALUE}.")
    String sessionGap;

    @Option(names = "--synthetic-repeats", defaultValue = "3", description = "Label-free mode: self-injected validation sets. Default: ${DEFAULT-VALUE}.")
    int syntheticRepeats;

    @Option(names = "--synthetic-rate", defaultValue = "0.05", description = "Label-free mode: injected share of users. Default: ${DEFAULT-VALUE}.")
    double syntheticRate;

    @Option(names = "--synthetic-types", defaultValue = "all",
            description = "Kinds SeqGuard injects into your data to validate without labels and to augment supervised"
                    + " detectors: farming, crawler, adfraud, takeover, promo, misclick, or all. Default: ${DEFAULT-VALUE}.")
    String syntheticTypes;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        SelectionOptions options;
        try {
            if (deep && !detectors.isEmpty()) {
                throw new IllegalArgumentException("--deep adds the opt-in detectors to the default set; with --detectors,"
                        + " name them instead (e.g. --detectors iforest,transformer-mlm)");
            }
            if (deep) {
                detectors = DetectorRegistry.all().stream().filter(d -> d.info().family() != Family.ENSEMBLE)
                        .map(Detector::name).toList();
            }
            options = new SelectionOptions(detectors, folds, seed, ensemble, threshold, 5, syntheticRepeats);
            // fail on a mistyped option before reading a large file
            detectors.forEach(DetectorRegistry::get);
            if (threshold != null) {
                dev.seqguard.eval.threshold.ThresholdRule.parse(threshold);
            }
            syntheticTypeSet();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (labelFree && table == null) {
            throw new UserInputException("--label-free needs --table (event logs are label-free without --labels)");
        }
        if (table != null) {
            // tables carry every label, but small ones have few anomalies: cross-validate with as few as 2 per class
            SelectionOptions tableOptions = new SelectionOptions(detectors, folds, seed, ensemble, threshold, 2, syntheticRepeats);
            return new TableSelection(table, labelColumn, testFraction, tableOptions, out, labelFree).run();
        }
        return runEvents(options);
    }

    private int runEvents(SelectionOptions options) throws IOException {
        IngestResult in = input.readAll(out.resolve("quarantine.csv"));
        InputOptions.printSummary(in.summary(), System.err);
        if (in.events().isEmpty()) {
            throw new UserInputException("no event of " + input.events() + " was accepted; see " + out.resolve("quarantine.csv"));
        }
        Preparation prep = new Preparation(pipelineOptions());
        PreparedData prepared = prep.prepare(in.events());
        UserLabels userLabels = labels == null ? UserLabels.none() : UserLabels.read(labels);
        userLabels.problems().forEach(p -> System.err.println("labels: " + p));
        int[] y = userLabels.size() == 0 ? null : userLabels.align(prepared.userIds());
        String[] types = userLabels.size() == 0 ? null : userLabels.alignTypes(prepared.userIds());
        DetectionData data = prepared.detectionData(y);
        System.err.printf("%,d sequences x %d features; %d labelled%n", data.size(), data.features().columns(), data.labelledCount());

        SelectionResult result;
        try (Progress progress = Progress.start("select", 20)) {
            InjectedValidation synthetic = new InjectedValidation(in.events(), prep, syntheticRate, syntheticTypeSet());
            result = progress.training(() -> new Selector(options, progress::step).select(data, types, synthetic, synthetic));
        }
        FittedDetector model = result.selected().model();
        FittedDetector companion = EventScoring.companionFor(model, data, seed).orElse(null);
        double[][] eventScores = EventScoring.score(model, companion, data);
        ScoredRun run = new ScoredRun(data, model, result.selected().scores(), result.threshold(), eventScores,
                companion == null ? model.name() : companion.name());

        LeaderboardFile.write(result, data.size(), null, out.resolve(LeaderboardFile.NAME));
        ScoreFiles.writeScores(run, out.resolve(ScoreFiles.SCORES));
        ScoreFiles.writeEventScores(run, out.resolve(ScoreFiles.EVENT_SCORES));
        ScoreFiles.writeExplanations(run, out.resolve(ScoreFiles.EXPLANATIONS));
        ModelDirectory saved = new ModelDirectory(model, companion, ModelDirectory.selection(result.selected().detector(),
                result.mode().name(), result.threshold(), result.thresholdRule(), prep.options(), prep.featureNames(), seed))
                .withContext(prepared.context());
        saved = streamingModel(saved, in.events(), (double) run.flaggedCount() / Math.max(1, data.size()), data.size());
        saved.save(out.resolve("model"));
        Map<String, Object> summary = summary(in, prepared, data, result, run);
        Json.write(summary, out.resolve("summary.json"));
        List<ReportModel.KeyValue> facts = facts(summary);
        ReportModel report = SelectionReport.build("SeqGuard: which detector works on " + input.events().getFileName(),
                result.mode() == SelectionResult.Mode.LABELLED
                        ? "Detectors cross-validated on your labels (scores of labelled users are out-of-fold)"
                        : "No labels: detectors validated on anomalies injected into your own data",
                facts, result, run, y, types, ZoneOffset.ofTotalSeconds(prep.options().features().utcOffsetMinutes() * 60));
        HtmlReport.write(report, out.resolve("report.html"));

        LeaderboardPrinter.print(result, null, System.out);
        System.out.printf(Locale.ROOT, "threshold %.4g (%s): %d of %d %s flagged%n", result.threshold(),
                result.thresholdRule(), run.flaggedCount(), data.size(), unit.equalsIgnoreCase("session") ? "sessions" : "users");
        if (result.labelFree() != null) {
            System.out.printf(Locale.ROOT, "expected flagged without labels: %d (range %d..%d)%n",
                    result.labelFree().operatingPoint().expected(), result.labelFree().operatingPoint().low(),
                    result.labelFree().operatingPoint().high());
        }
        System.out.println("wrote " + out.toAbsolutePath() + "/{leaderboard.csv,scores.csv,event_scores.csv,explanations.csv,summary.json,report.html,model/}");
        return SeqGuard.EXIT_OK;
    }

    /**
     * The model with its streaming operating point, calibrated on the prefixes of the histories it was selected on
     * (user-unit models only: session and window models are not served per user).
     */
    private ModelDirectory streamingModel(ModelDirectory saved, List<BehaviorEvent> events, double share, int users)
            throws IOException {
        if (saved.selection().pipeline().sequences().unit() != SequenceUnit.USER) {
            return saved;
        }
        ServingModel serving = ServingModel.of(out.resolve("model"), saved, null);
        StreamingOperatingPoint point = StreamingCalibration.calibrate(serving, events, share, users);
        System.err.printf(Locale.ROOT, "streaming operating point: %s%n", point);
        return saved.withOperatingPoint(point);
    }

    private PipelineOptions pipelineOptions() {
        Duration gap;
        try {
            gap = parseDuration(sessionGap);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--session-gap: " + e.getMessage());
        }
        SequenceOptions seq = switch (unit.toLowerCase(Locale.ROOT)) {
            case "user" -> new SequenceOptions(SequenceUnit.USER, gap.toMillis(), false);
            case "session" -> SequenceOptions.sessions(gap.toMillis());
            default -> throw new UserInputException("--unit must be user or session, got '" + unit + "'");
        };
        return new PipelineOptions(seq, FeatureOptions.defaults());
    }

    /** The summary as the report's key facts, in the summary's order: {@code rows_read} becomes "rows read". */
    static List<ReportModel.KeyValue> facts(Map<String, Object> summary) {
        List<ReportModel.KeyValue> facts = new ArrayList<>();
        summary.forEach((k, v) -> facts.add(new ReportModel.KeyValue(k.replace('_', ' '), display(v))));
        return facts;
    }

    private java.util.Set<dev.seqguard.core.inject.AnomalyType> syntheticTypeSet() {
        try {
            return dev.seqguard.core.inject.InjectionConfig.parseTypes(syntheticTypes);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--synthetic-types: " + e.getMessage());
        }
    }

    /** Report-friendly text of a summary value. */
    static String display(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        if (v instanceof Map<?, ?> m) {
            return m.isEmpty() ? "none" : m.toString().replaceAll("[{}]", "").replace("=", " ");
        }
        if (v instanceof Number n) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        return String.valueOf(v);
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) {
            throw badDuration(text);
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw badDuration(text);
        }
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw badDuration(text);
        };
    }

    private static IllegalArgumentException badDuration(String text) {
        return new IllegalArgumentException("expected a duration like 30m, 45s or 2h, got '" + text + "'");
    }

    private Map<String, Object> summary(IngestResult in, PreparedData prepared, DetectionData data,
                                        SelectionResult result, ScoredRun run) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", in.summary().source());
        s.put("format", in.summary().format());
        s.put("rows_read", in.summary().read());
        s.put("rows_accepted", in.summary().accepted());
        s.put("rows_quarantined", in.summary().quarantined());
        Map<String, Long> reasons = new LinkedHashMap<>();
        in.summary().quarantinedByReason().forEach((r, n) -> reasons.put(r.code(), n));
        s.put("quarantined_by_reason", reasons);
        s.put("users", prepared.userIds().stream().distinct().count());
        s.put("sequences", data.size());
        s.put("unit", unit);
        s.put("features", data.features().columns());
        s.put("labelled_users", data.labelledCount());
        s.put("mode", result.mode().name().toLowerCase(Locale.ROOT));
        s.put("selected_detector", result.selected().detector());
        s.put("threshold", result.threshold());
        s.put("threshold_rule", result.thresholdRule());
        s.put("flagged", run.flaggedCount());
        s.put("confidence", result.confidence().value());
        s.put("confidence_reason", result.confidence().explanation());
        if (result.labelFree() != null) {
            s.putAll(result.labelFree().summaryFields());
        }
        s.put("event_scores_from", run.eventScorer());
        s.put("seed", seed);
        return s;
    }

    /** Selection on a labelled feature table with a stratified held-out test part. */
    private record TableSelection(Path table, String labelColumn, double testFraction, SelectionOptions options,
                                  Path out, boolean labelFree) {
        int run() throws IOException {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new UserInputException("--test-fraction must be in (0, 1), got " + testFraction);
            }
            FeatureTable t = FeatureTableReader.read(table, labelColumn);
            t.rejected().forEach(r -> System.err.println("rejected line " + r.line() + ": " + r.reason()));
            int[][] split = split(t.labels(), testFraction, options.seed());
            DetectionData all = new DetectionData(t.features(), List.of(), t.labels());
            DetectionData train = all.select(split[0]);
            DetectionData test = all.select(split[1]);
            System.err.printf("%s: %d rows x %d features; train %d, test %d%n", table.getFileName(), all.size(),
                    all.features().columns(), train.size(), test.size());
            if (labelFree) {
                LabelFreeOptions lf;
                try {
                    lf = LabelFreeOptions.defaults(options.detectors(), options.seed());
                } catch (IllegalArgumentException e) {
                    throw new UserInputException(e.getMessage());
                }
                LabelFreeTableRun.Outcome o = new LabelFreeTableRun(table.toString(), train.withoutLabels(), test,
                        t.rejected().size(), lf).run(out);
                // the model directory lives in seqguard-serving, which eval does not depend on: the CLI saves it
                new ModelDirectory(o.result().selected().model(), null, ModelDirectory.selection(
                        o.result().selected().name(), LabelFreeTableRun.MODE, o.result().fence().threshold(),
                        o.result().fence().description(), null, train.features().names(), lf.seed()))
                        .save(out.resolve("model"));
                LabelFreeTableRun.print(o, System.out);
                return SeqGuard.EXIT_OK;
            }
            SelectionResult result;
            try (Progress progress = Progress.start("select", 20)) {
                result = progress.training(() -> new Selector(options, progress::step).select(train, null, null));
            }
            Map<String, double[]> testMetrics = new LinkedHashMap<>();
            double[] selectedTest = null;
            for (CandidateResult c : result.leaderboard()) {
                if (c.model() == null) {
                    continue;
                }
                double[] s = c.model().score(test.withoutLabels());
                testMetrics.put(c.detector(), new double[] {RocAuc.of(test.labels(), s), AveragePrecision.of(test.labels(), s)});
                if (c == result.selected()) {
                    selectedTest = s;
                }
            }
            LeaderboardFile.write(result, train.size(), testMetrics, out.resolve(LeaderboardFile.NAME));
            try (Csv csv = Csv.open(out.resolve("test_scores.csv"), "row", "label", "score")) {
                for (int i = 0; i < test.size(); i++) {
                    csv.row(test.features().rowIds().get(i), test.labels()[i], selectedTest[i]);
                }
            }
            new ModelDirectory(result.selected().model(), null, ModelDirectory.selection(result.selected().detector(),
                    "TABLE", result.threshold(), result.thresholdRule(), null, all.features().names(), options.seed()))
                    .save(out.resolve("model"));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("source", table.toString());
            s.put("rows_read", all.size() + t.rejected().size());
            s.put("rows_accepted", all.size());
            s.put("rows_quarantined", t.rejected().size());
            s.put("train_rows", train.size());
            s.put("test_rows", test.size());
            s.put("selected_detector", result.selected().detector());
            s.put("test_roc_auc", testMetrics.get(result.selected().detector())[0]);
            s.put("test_pr_auc", testMetrics.get(result.selected().detector())[1]);
            s.put("threshold", result.threshold());
            s.put("confidence", result.confidence().value());
            s.put("seed", options.seed());
            Json.write(s, out.resolve("summary.json"));
            List<ReportModel.KeyValue> facts = facts(s);
            ScoredRun run = new ScoredRun(train.withoutLabels(), result.selected().model(), result.selected().scores(),
                    result.threshold(), null, "");
            HtmlReport.write(SelectionReport.build("SeqGuard: which detector works on " + table.getFileName(),
                    "Cross-validated on the training part; test metrics on the held-out part", facts, result, run,
                    train.labels(), null, ZoneOffset.UTC).withHistogram(new ReportModel.ScoreHistogram(
                    result.selected().detector(), selectedTest, test.labels(), result.threshold(), "on the test part")),
                    out.resolve("report.html"));
            LeaderboardPrinter.print(result, testMetrics, System.out);
            return SeqGuard.EXIT_OK;
        }

        /** Stratified: {train rows, test rows}, each class split in the same proportion. */
        static int[][] split(int[] labels, double testFraction, long seed) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            Random rnd = new Random(seed);
            for (int cls = 0; cls <= 1; cls++) {
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == cls) {
                        rows.add(i);
                    }
                }
                Collections.shuffle(rows, rnd);
                int nTest = (int) Math.round(rows.size() * testFraction);
                test.addAll(rows.subList(0, nTest));
                train.addAll(rows.subList(nTest, rows.size()));
            }
            return new int[][] {train.stream().mapToInt(Integer::intValue).sorted().toArray(),
                    test.stream().mapToInt(Integer::intValue).sorted().toArray()};
        }
    }
}

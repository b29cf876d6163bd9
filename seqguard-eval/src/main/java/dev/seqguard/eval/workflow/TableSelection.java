package dev.seqguard.eval.workflow;

import dev.seqguard.eval.select.table.LabelFreeOptions;
import dev.seqguard.eval.select.table.LabelFreeTableRun;

import dev.seqguard.core.table.FeatureTable;
import dev.seqguard.core.table.FeatureTableReader;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.eval.metrics.AveragePrecision;
import dev.seqguard.eval.metrics.RocAuc;
import dev.seqguard.core.io.Csv;
import dev.seqguard.eval.output.LeaderboardFile;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.eval.output.ScoredRun;
import dev.seqguard.eval.output.SelectionReport;
import dev.seqguard.eval.report.HtmlReport;
import dev.seqguard.eval.report.ReportModel;
import dev.seqguard.eval.select.CandidateResult;
import dev.seqguard.eval.select.SelectionOptions;
import dev.seqguard.eval.select.SelectionResult;
import dev.seqguard.eval.select.Selector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Detector selection on a labelled feature table (e.g. an ODDS table): a stratified split into a training part,
 * on which {@link Selector} cross-validates every candidate, and a held-out test part, on which every fitted
 * candidate is scored once. Writes {@code leaderboard.csv} (with {@code test_roc_auc,test_pr_auc}),
 * {@code test_scores.csv} ({@code row,label,score} of the selected detector), {@code summary.json},
 * {@code report.html} and the selected model in {@code model/}.
 */
public final class TableSelection {
    /** The test scores file: {@code row,label,score} of the selected detector on the held-out part. */
    public static final String TEST_SCORES = "test_scores.csv";

    private TableSelection() {
    }

    /**
     * What to select on and how.
     *
     * @param table        a CSV feature table with a header
     * @param labelColumn  the column holding 1 (anomalous) / 0 (normal)
     * @param testFraction the held-out share of rows, in (0, 1); each class is split in this proportion
     * @param selection    how {@link Selector} runs on the training part (its seed also draws the split)
     */
    public record Options(Path table, String labelColumn, double testFraction, SelectionOptions selection) {
        public static final String DEFAULT_LABEL_COLUMN = "label";
        public static final double DEFAULT_TEST_FRACTION = 0.4;
        /** Tables carry every label, but small ones have few anomalies: cross-validate with as few as 2 per class. */
        public static final int MIN_LABELS_PER_CLASS = 2;

        public Options {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(labelColumn, "labelColumn");
            Objects.requireNonNull(selection, "selection");
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
            }
        }

        /** The defaults: label column {@value #DEFAULT_LABEL_COLUMN}, test fraction {@value #DEFAULT_TEST_FRACTION}. */
        public static Options of(Path table, SelectionOptions selection) {
            return new Options(table, DEFAULT_LABEL_COLUMN, DEFAULT_TEST_FRACTION, selection);
        }

        public Options withLabelColumn(String column) {
            return new Options(table, column, testFraction, selection);
        }

        public Options withTestFraction(double fraction) {
            return new Options(table, labelColumn, fraction, selection);
        }

        public Options withSelection(SelectionOptions options) {
            return new Options(table, labelColumn, testFraction, options);
        }
    }

    /** The table as read and split, before any detector runs. */
    public record Split(Path table, int rows, int features, int trainRows, int testRows,
                        List<FeatureTable.RejectedRow> rejected) {
        public Split {
            rejected = List.copyOf(rejected);
        }
    }

    /** What a run reports while it works. */
    public interface Listener {
        Listener SILENT = new Listener() {
        };

        /** The table is read and split; selection starts next. */
        default void split(Split split) {
        }

        /** One candidate's evaluation starts (its name). */
        default void step(String what) {
        }
    }

    /**
     * @param split       the table's rows and parts
     * @param selection   the leaderboard on the training part
     * @param testMetrics per fitted candidate, {test ROC-AUC, test PR-AUC}, in leaderboard order
     * @param summary     what {@code summary.json} holds, in its order
     */
    public record Result(Split split, SelectionResult selection, Map<String, double[]> testMetrics,
                         Map<String, Object> summary) {
        public double[] selectedTestMetrics() {
            return testMetrics.get(selection.selected().detector());
        }
    }

    /** Reads, splits, selects, scores the test part and writes every output file into {@code out}. */
    public static Result run(Options options, Path out, Listener listener) throws IOException {
        long seed = options.selection().seed();
        Parts p = read(options, listener);
        DetectionData all = p.all();
        DetectionData train = p.train();
        DetectionData test = p.test();
        Split split = p.split();
        SelectionResult result = new Selector(options.selection(), listener::step).select(train, null, null);

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
        try (Csv csv = Csv.open(out.resolve(TEST_SCORES), "row", "label", "score")) {
            for (int i = 0; i < test.size(); i++) {
                csv.row(test.features().rowIds().get(i), test.labels()[i], selectedTest[i]);
            }
        }
        new ModelDirectory(result.selected().model(), null, ModelDirectory.selection(result.selected().detector(),
                "TABLE", result.threshold(), result.thresholdRule(), null, all.features().names(), seed))
                .save(out.resolve("model"));
        Map<String, Object> summary = summary(split, result, testMetrics.get(result.selected().detector()), seed);
        ModelIO.writeIndentedJson(summary, out.resolve("summary.json"));
        ScoredRun run = new ScoredRun(train.withoutLabels(), result.selected().model(), result.selected().scores(),
                result.threshold(), null, "");
        HtmlReport.write(SelectionReport.build("SeqGuard: which detector works on " + options.table().getFileName(),
                "Cross-validated on the training part; test metrics on the held-out part", SelectionReport.facts(summary),
                result, run, train.labels(), null, ZoneOffset.UTC).withHistogram(new ReportModel.ScoreHistogram(
                result.selected().detector(), selectedTest, test.labels(), result.threshold(), "on the test part")),
                out.resolve("report.html"));
        return new Result(split, result, testMetrics, summary);
    }

    private record Parts(DetectionData all, DetectionData train, DetectionData test, Split split) {
    }

    private static Parts read(Options options, Listener listener) throws IOException {
        FeatureTable t = FeatureTableReader.read(options.table(), options.labelColumn());
        int[][] parts = split(t.labels(), options.testFraction(), options.selection().seed());
        DetectionData all = new DetectionData(t.features(), List.of(), t.labels());
        DetectionData train = all.select(parts[0]);
        DetectionData test = all.select(parts[1]);
        Split split = new Split(options.table(), all.size(), all.features().columns(), train.size(), test.size(),
                t.rejected());
        listener.split(split);
        return new Parts(all, train, test, split);
    }

    /**
     * {@code select --table --label-free}: the same read and split, then {@link LabelFreeTableRun} on the training
     * part with its labels removed; the labels only grade the test part. Writes the same files as {@link #run}.
     */
    public static LabelFreeTableRun.Outcome runLabelFree(Options options, Path out, Listener listener) throws IOException {
        Parts p = read(options, listener);
        LabelFreeOptions lf = LabelFreeOptions.defaults(options.selection().detectors(), options.selection().seed());
        LabelFreeTableRun.Outcome o = new LabelFreeTableRun(options.table().toString(), p.train().withoutLabels(),
                p.test(), p.split().rejected().size(), lf).run(out);
        new ModelDirectory(o.result().selected().model(), null, ModelDirectory.selection(o.result().selected().name(),
                LabelFreeTableRun.MODE, o.result().fence().threshold(), o.result().fence().description(), null,
                p.train().features().names(), lf.seed())).save(out.resolve("model"));
        return o;
    }

    private static Map<String, Object> summary(Split split, SelectionResult result, double[] test, long seed) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", split.table().toString());
        s.put("rows_read", split.rows() + split.rejected().size());
        s.put("rows_accepted", split.rows());
        s.put("rows_quarantined", split.rejected().size());
        s.put("train_rows", split.trainRows());
        s.put("test_rows", split.testRows());
        s.put("selected_detector", result.selected().detector());
        s.put("test_roc_auc", test[0]);
        s.put("test_pr_auc", test[1]);
        s.put("threshold", result.threshold());
        s.put("confidence", result.confidence().value());
        s.put("seed", seed);
        return s;
    }

    /** Stratified: {train rows, test rows}, each class split in the same proportion, both sorted. */
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

package dev.seqguard.eval.select.table;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.eval.metrics.AveragePrecision;
import dev.seqguard.eval.metrics.Confusion;
import dev.seqguard.eval.metrics.RocAuc;
import dev.seqguard.core.io.Csv;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code select --table F --label-free}: {@link LabelFreeTableSelector} on the training part, which it sees without
 * labels; the test part's labels only grade the result. Writes {@code leaderboard.csv} (validation per kind and test
 * metrics per candidate), {@code test_scores.csv}, {@code summary.json} and the model directory.
 *
 * @param source       the table's path, for the summary
 * @param train        the training part; its labels are dropped before selection
 * @param test         the test part, labelled
 * @param rejectedRows rows of the file that could not be read
 * @param options      the selection's settings
 */
public record LabelFreeTableRun(String source, DetectionData train, DetectionData test, int rejectedRows,
                                LabelFreeOptions options) {

    public static final String MODE = "TABLE_LABEL_FREE";

    /** What the run found, with test metrics of every candidate ({@code {roc_auc, pr_auc}}). */
    public record Outcome(LabelFreeTableSelector.Result result, Map<String, double[]> testMetrics, double[] testScores,
                          Confusion testAtThreshold, Map<String, Object> summary) {
        public double testRocAuc() {
            return testMetrics.get(result.selected().name())[0];
        }
    }

    public Outcome run(Path out) throws IOException {
        LabelFreeTableSelector.Result result = new LabelFreeTableSelector(options).select(train.withoutLabels());
        DetectionData testRows = test.withoutLabels();
        Map<String, double[]> metrics = new LinkedHashMap<>();
        double[] selectedScores = null;
        for (LabelFreeTableSelector.Candidate c : result.candidates()) {
            double[] s = c.model().score(testRows);
            metrics.put(c.name(), new double[] {RocAuc.of(test.labels(), s), AveragePrecision.of(test.labels(), s)});
            if (c == result.selected()) {
                selectedScores = s;
            }
        }
        Confusion atThreshold = Confusion.at(test.labels(), selectedScores, result.fence().threshold());
        Files.createDirectories(out);
        writeLeaderboard(result, metrics, out.resolve("leaderboard.csv"));
        try (Csv csv = Csv.open(out.resolve("test_scores.csv"), "row", "label", "score")) {
            for (int i = 0; i < test.size(); i++) {
                csv.row(test.features().rowIds().get(i), test.labels()[i], selectedScores[i]);
            }
        }
        Map<String, Object> summary = summary(result, metrics, atThreshold);
        ModelIO.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), summary);
        return new Outcome(result, metrics, selectedScores, atThreshold, summary);
    }

    private Map<String, Object> summary(LabelFreeTableSelector.Result r, Map<String, double[]> metrics, Confusion c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("source", source);
        s.put("rows_read", train.size() + test.size() + rejectedRows);
        s.put("rows_accepted", train.size() + test.size());
        s.put("rows_quarantined", rejectedRows);
        s.put("train_rows", train.size());
        s.put("test_rows", test.size());
        s.put("mode", "label_free");
        s.put("labels_used_for", "grading the test part only; selection, fitting and threshold never read a label");
        s.put("selected_detector", r.selected().name());
        s.put("selection_reason", r.reason());
        s.put("test_roc_auc", metrics.get(r.selected().name())[0]);
        s.put("test_pr_auc", metrics.get(r.selected().name())[1]);
        s.put("threshold", r.fence().threshold());
        s.put("threshold_rule", r.fence().description());
        s.put("expected_flagged_share", r.fence().expectedShare());
        s.put("expected_flagged_share_range", List.of(r.fence().shareLow(), r.fence().shareHigh()));
        s.put("test_flagged", c.flagged());
        s.put("test_precision", c.precision());
        s.put("test_recall", c.recall());
        s.put("test_f1", c.f1());
        s.put("confidence", r.confidence());
        s.put("confidence_reason", r.confidenceReason());
        Map<String, Double> weights = new LinkedHashMap<>();
        r.kindWeights().forEach((k, v) -> weights.put(k.name().toLowerCase(Locale.ROOT), v));
        s.put("validation_kind_weights", weights);
        s.put("seed", options.seed());
        return s;
    }

    private static void writeLeaderboard(LabelFreeTableSelector.Result r, Map<String, double[]> metrics, Path file)
            throws IOException {
        List<String> header = new ArrayList<>(List.of("rank", "detector", "selected"));
        for (SyntheticAnomalies.Kind k : SyntheticAnomalies.Kind.values()) {
            header.add("val_" + k.name().toLowerCase(Locale.ROOT) + "_roc_auc");
        }
        header.addAll(List.of("val_weighted_roc_auc", "consensus_agreement", "test_roc_auc", "test_pr_auc"));
        List<LabelFreeTableSelector.Candidate> ranked = new ArrayList<>(r.candidates());
        ranked.sort((a, b) -> Double.compare(b.weightedAuc(), a.weightedAuc()));
        try (Csv csv = Csv.open(file, header.toArray(String[]::new))) {
            int rank = 1;
            for (LabelFreeTableSelector.Candidate c : ranked) {
                List<Object> row = new ArrayList<>(List.of(rank++, c.name(), c == r.selected()));
                row.addAll(c.validationAuc().values());
                row.addAll(List.of(c.weightedAuc(), c.consensusAgreement(), metrics.get(c.name())[0], metrics.get(c.name())[1]));
                csv.row(row);
            }
        }
    }

    /** The console summary: the candidates, the pick and why, the threshold and the confidence, in plain words. */
    public static void print(Outcome o, PrintStream out) {
        LabelFreeTableSelector.Result r = o.result();
        out.printf("%-10s %-28s %8s %8s %8s %8s %8s %8s %8s%n", "", "detector", "local", "global", "depend.", "cluster",
                "weighted", "test ROC", "test PR");
        for (LabelFreeTableSelector.Candidate c : r.candidates()) {
            Map<SyntheticAnomalies.Kind, Double> v = c.validationAuc();
            out.printf(Locale.ROOT, "%-10s %-28s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f%n",
                    c == r.selected() ? "SELECTED" : "", c.name(), v.get(SyntheticAnomalies.Kind.LOCAL),
                    v.get(SyntheticAnomalies.Kind.GLOBAL), v.get(SyntheticAnomalies.Kind.DEPENDENCY),
                    v.get(SyntheticAnomalies.Kind.CLUSTERED), c.weightedAuc(), o.testMetrics().get(c.name())[0],
                    o.testMetrics().get(c.name())[1]);
        }
        out.println("validation: synthetic anomalies generated from the training rows (no labels read); kind weights "
                + r.kindWeights().toString().toLowerCase(Locale.ROOT).replaceAll("(\\d\\.\\d{3})\\d+", "$1"));
        out.println(r.reason());
        out.printf(Locale.ROOT, "threshold %.4g (%s): expected to flag %.1f%% of rows (range %.1f%%-%.1f%%); on the test"
                        + " part it flags %d: precision %.2f, recall %.2f, F1 %.2f%n", r.fence().threshold(),
                r.fence().description(), 100 * r.fence().expectedShare(), 100 * r.fence().shareLow(),
                100 * r.fence().shareHigh(), o.testAtThreshold().flagged(),
                o.testAtThreshold().precision(), o.testAtThreshold().recall(), o.testAtThreshold().f1());
        out.printf(Locale.ROOT, "confidence %.2f: %s%n", r.confidence(), r.confidenceReason());
    }
}

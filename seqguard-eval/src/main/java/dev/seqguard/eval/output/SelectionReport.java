package dev.seqguard.eval.output;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.eval.metrics.CurvePoint;
import dev.seqguard.eval.metrics.Curves;
import dev.seqguard.eval.metrics.Evaluation;
import dev.seqguard.eval.metrics.PrCurve;
import dev.seqguard.eval.metrics.RocCurve;
import dev.seqguard.eval.metrics.TypeRecall;
import dev.seqguard.eval.report.ReportModel;
import dev.seqguard.eval.select.CandidateResult;
import dev.seqguard.eval.select.SelectionResult;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the HTML report's model from a selection and its scored run. */
public final class SelectionReport {
    private static final int CURVES = 6;
    private static final int FLAGGED_SHOWN = 12;

    private SelectionReport() {
    }

    /** A run's summary as the report's key facts, in the summary's order: {@code rows_read} becomes "rows read". */
    public static List<ReportModel.KeyValue> facts(Map<String, Object> summary) {
        List<ReportModel.KeyValue> facts = new ArrayList<>();
        summary.forEach((k, v) -> facts.add(new ReportModel.KeyValue(k.replace('_', ' '), display(v))));
        return facts;
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

    /**
     * @param summary key facts about the input (rows read, quarantined, ...) in display order
     * @param labels  per row 1 / 0 / -1, or null
     * @param types   per row anomaly type, or null
     */
    public static ReportModel build(String title, String subtitle, List<ReportModel.KeyValue> summary,
                                    SelectionResult result, ScoredRun run, int[] labels, String[] types,
                                    ZoneOffset zone) {
        boolean labelled = result.mode() == SelectionResult.Mode.LABELLED;
        ReportModel m = ReportModel.of(title, subtitle).withSummary(summary).withLeaderboard(leaderboard(result, labelled));
        List<ReportModel.CurveSeries> roc = new ArrayList<>();
        List<ReportModel.CurveSeries> pr = new ArrayList<>();
        double share = Double.NaN;
        for (CandidateResult r : result.leaderboard().stream().filter(c -> !c.failed()).limit(CURVES).toList()) {
            int[] y;
            double[] s;
            if (labelled) {
                int[] rows = labelledRows(labels);
                y = pick(labels, rows);
                s = pick(r.scores(), rows);
            } else if (!result.syntheticLabels().isEmpty() && !r.variantScores().isEmpty()) {
                y = result.syntheticLabels().get(0);
                s = r.variantScores().get(0);
            } else {
                continue;
            }
            boolean sel = r == result.selected();
            List<CurvePoint> rocPts = RocCurve.of(y, s, Curves.REPORT_POINTS);
            List<CurvePoint> prPts = PrCurve.of(y, s, Curves.REPORT_POINTS);
            roc.add(new ReportModel.CurveSeries(r.detector(), sel, dev.seqguard.eval.metrics.RocAuc.of(y, s), rocPts));
            pr.add(new ReportModel.CurveSeries(r.detector(), sel,
                    dev.seqguard.eval.metrics.AveragePrecision.of(y, s), prPts));
            share = java.util.Arrays.stream(y).average().orElse(Double.NaN);
        }
        m = m.withCurves(roc, pr, share);
        m = m.withHistogram(new ReportModel.ScoreHistogram(result.selected().detector(), run.scores(),
                labelled ? labels : null, run.threshold(), result.thresholdRule()));
        Map<String, Map<String, TypeRecall>> byDetector = new LinkedHashMap<>();
        for (CandidateResult r : result.leaderboard()) {
            if (r.evaluation() != null && !r.evaluation().recallByType().isEmpty()) {
                byDetector.put(r.detector(), r.evaluation().recallByType());
            }
        }
        if (!byDetector.isEmpty()) {
            m = m.withTypeRecall(ReportModel.TypeRecallTable.of(byDetector, result.selected().detector(), true));
        }
        if (run.data().hasSequences()) {
            m = m.withFlaggedUsers(flaggedUsers(run, types), zone);
        }
        if (result.labelFree() != null) {
            m = m.withSection(labelFreeSection(result));
        }
        return m;
    }

    /** Label-free: what the confidence means, how the threshold was set, and each candidate's held-out kinds. */
    private static ReportModel.Section labelFreeSection(SelectionResult result) {
        var lf = result.labelFree();
        List<ReportModel.KeyValue> items = List.of(
                new ReportModel.KeyValue("choice", lf.choiceSentence(result.selected().detector())),
                new ReportModel.KeyValue("confidence " + String.format(Locale.ROOT, "%.2f", result.confidence().value()),
                        result.confidence().explanation()),
                new ReportModel.KeyValue("threshold", String.format(Locale.ROOT, "%.4g: %s", result.threshold(),
                        result.thresholdRule())),
                new ReportModel.KeyValue("expected flagged", String.format(Locale.ROOT, "%d (range %d..%d)",
                        lf.operatingPoint().expected(), lf.operatingPoint().low(), lf.operatingPoint().high())));
        List<String> header = new ArrayList<>(List.of("detector", "held-out PR-AUC"));
        header.addAll(lf.kinds());
        List<List<String>> rows = new ArrayList<>();
        for (CandidateResult r : result.leaderboard()) {
            if (r.failed() || r.heldOutPrAuc().length == 0) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(r.detector() + (r == result.selected() ? " *" : ""),
                    String.format(Locale.ROOT, "%.3f", r.syntheticPrAuc())));
            for (double ap : r.heldOutPrAucByKind()) {
                row.add(Double.isNaN(ap) ? "-" : String.format(Locale.ROOT, "%.3f", ap));
            }
            rows.add(row);
        }
        return new ReportModel.Section("How the detector was chosen without labels",
                "Every candidate was graded on " + lf.validationSets() + " copies of your data with anomalies injected"
                        + " at parameters unlike the defaults, one anomaly kind at a time; a classifier trained on"
                        + " injected anomalies (+synthetic) is graded only on kinds it was not trained on ('-' = not"
                        + " graded). Default " + lf.baseline() + " is kept unless a challenger beats it by a margin on"
                        + " those held-out kinds. Confidence is measured: each kind is hidden from the choice in turn"
                        + " and the choice made without it is checked on it. The threshold is set on your own scores"
                        + " (no labels, no injected anomalies).",
                items, new ReportModel.Table(header, rows));
    }

    private static List<ReportModel.LeaderboardRow> leaderboard(SelectionResult result, boolean labelled) {
        List<ReportModel.LeaderboardRow> rows = new ArrayList<>();
        for (CandidateResult r : result.leaderboard()) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            Evaluation e = r.evaluation();
            if (labelled) {
                metrics.put("roc_auc", e == null ? Double.NaN : e.rocAuc());
                metrics.put("pr_auc", e == null ? Double.NaN : e.prAuc());
                metrics.put("precision_at_k", e == null ? Double.NaN : e.precisionAtK());
                metrics.put("recall_at_k", e == null ? Double.NaN : e.recallAtK());
                metrics.put("f1", e == null ? Double.NaN : e.f1());
            } else {
                metrics.put("synthetic_pr_auc", r.syntheticPrAuc());
                metrics.put("synthetic_roc_auc", e == null ? Double.NaN : e.rocAuc());
            }
            metrics.put("agreement", r.agreement());
            metrics.put("fit_ms", r.failed() ? Double.NaN : (double) r.fitMillis());
            metrics.put("score_ms", r.failed() ? Double.NaN : (double) r.scoreMillis());
            rows.add(new ReportModel.LeaderboardRow(r.detector(), r.family().name().toLowerCase(Locale.ROOT),
                    r == result.selected(), metrics, r.error() == null ? "" : r.error()));
        }
        return rows;
    }

    private static List<ReportModel.FlaggedUser> flaggedUsers(ScoredRun run, String[] types) {
        List<ReportModel.FlaggedUser> out = new ArrayList<>();
        for (int row : ScoreFiles.explainedRows(run).stream().limit(FLAGGED_SHOWN).toList()) {
            Sequence s = run.sequences().get(row);
            List<ReportModel.TimelineEvent> events = new ArrayList<>();
            for (int e = 0; e < s.length(); e++) {
                BehaviorEvent ev = s.events().get(e);
                double score = run.eventScores() == null ? Double.NaN : run.eventScores()[row][e];
                events.add(new ReportModel.TimelineEvent(ev.timeMillis(), ev.action().code(), ev.itemId(),
                        ev.categoryId(), score));
            }
            String label = types == null || types[row] == null ? "" : types[row];
            out.add(new ReportModel.FlaggedUser(s.id(), run.scores()[row], label, run.explain(row).summary(6), events));
        }
        return out;
    }

    private static int[] labelledRows(int[] labels) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] >= 0).toArray();
    }

    private static int[] pick(int[] v, int[] rows) {
        return java.util.Arrays.stream(rows).map(i -> v[i]).toArray();
    }

    private static double[] pick(double[] v, int[] rows) {
        return java.util.Arrays.stream(rows).mapToDouble(i -> v[i]).toArray();
    }
}

package dev.seqguard.recsys;

import dev.seqguard.recsys.eval.RecMetrics;
import dev.seqguard.recsys.clean.TrainingSet;
import dev.seqguard.eval.report.ReportModel;
import dev.seqguard.eval.report.ReportModel.KeyValue;
import dev.seqguard.eval.report.ReportModel.Section;
import dev.seqguard.eval.report.ReportModel.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The "Recommender lift" parts of {@code recommend.html}: before/after table, exposure bars, what each run removed. */
public final class LiftReport {
    private static final int BAR = 24;

    private LiftReport() {
    }

    /** Adds the recommender lift sections to {@code base}. */
    public static ReportModel addTo(ReportModel base, RecommenderLift lift) {
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> bars = new ArrayList<>();
        lift.metrics().forEach((rec, runs) -> runs.forEach((run, m) -> {
            rows.add(List.of(rec, run, f3(m.hr10()), f3(m.ndcg10()), f3(m.recall20()), f3(m.coverage()),
                    pct(m.targetExposure()), Double.isNaN(m.targetMeanRank()) ? "-" : String.format(Locale.ROOT, "%.1f", m.targetMeanRank())));
            bars.add(List.of(rec, run, bar(m.targetExposure()), pct(m.targetExposure())));
        }));
        List<List<String>> lifts = new ArrayList<>();
        for (LiftComparison c : LiftComparison.of(lift)) {
            lifts.add(List.of(c.recommender(), c.strategy(), pct(c.exposureCut()),
                    String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", c.cleanedChange().estimate(),
                            c.cleanedChange().lower(), c.cleanedChange().upper()),
                    c.oracleChange() == null ? "-" : String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]%s",
                            c.oracleChange().estimate(), c.oracleChange().lower(), c.oracleChange().upper(),
                            c.oracleChangeWithinNoise() ? " (within noise)" : ""),
                    pct(c.ndcgRecovered())));
        }
        List<KeyValue> facts = new ArrayList<>();
        facts.add(new KeyValue("evaluated real users", Integer.toString(lift.evaluatedUsers())));
        facts.add(new KeyValue("catalogue (distinct items)", String.format(Locale.ROOT, "%,d", lift.catalogue())));
        facts.add(new KeyValue("target items", lift.targets().ids().size() + " (" + lift.targets().source() + ")"));
        for (TrainingSet s : lift.trainingSets()) {
            facts.add(new KeyValue("run " + s.name(), s.rule() + String.format(Locale.ROOT, "; %.2f%% of event weight removed",
                    100 * s.removedShare())));
        }
        return base
                .withSection(new Section("Recommender lift",
                        "Leave-last-out on real users only (held-out item: last buy, else last cart, else last event). "
                                + "Target exposure = share of real users with an attacked item in their top 10; "
                                + "target mean rank = best target rank in the top 100 (" + RecMetrics.MISSING_RANK
                                + " when absent).",
                        facts, new Table(List.of("recommender", "training data", "HR@10", "NDCG@10", "recall@20",
                        "coverage", "target exposure", "target mean rank"), rows)))
                .withSection(new Section("Target exposure", "Share of real users shown an attacked item in their top 10, per run.",
                        List.of(), new Table(List.of("recommender", "training data", "exposure", "share"), bars)))
                .withSection(new Section("Cleaning versus the oracle",
                        "Exposure cut versus raw; NDCG@10 change versus raw with a 95% paired bootstrap interval over users; "
                                + "share of the oracle's NDCG@10 change the strategy recovers.",
                        List.of(), new Table(List.of("recommender", "strategy", "exposure cut", "NDCG@10 change",
                        "oracle NDCG@10 change", "recovered"), lifts)));
    }

    static String bar(double share) {
        if (Double.isNaN(share)) {
            return "";
        }
        int full = (int) Math.round(share * BAR);
        return "\u2588".repeat(full) + "\u2591".repeat(BAR - full);
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}

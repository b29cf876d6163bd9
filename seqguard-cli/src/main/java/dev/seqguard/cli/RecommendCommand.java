package dev.seqguard.cli;

import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.labels.UserLabels;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.eval.report.HtmlReport;
import dev.seqguard.eval.report.ReportModel;
import dev.seqguard.recsys.LiftComparison;
import dev.seqguard.recsys.LiftReport;
import dev.seqguard.recsys.RecommenderLift;
import dev.seqguard.recsys.clean.Cleaning;
import dev.seqguard.recsys.clean.DetectionScores;
import dev.seqguard.recsys.clean.TrainingSet;
import dev.seqguard.recsys.eval.Targets;
import dev.seqguard.recsys.log.AnomalyLog;
import dev.seqguard.recsys.model.BehaviorWeights;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Shows what cleaning pays: three recommenders (item-knn, hot-in-category, popularity) trained on",
                "the raw events, on events cleaned with a saved `select` model (drop-users, drop-events, down-weight)",
                "and, with --labels, on events without the labelled anomalous users (oracle); each scored by",
                "leave-last-out on the real users (label 0, or everyone without labels): HR@10, NDCG@10, recall@20,",
                "coverage, and the exposure and mean rank of the attacked items (--targets, or derived from --labels).",
                "--labels and --targets never reach the detector. Writes DIR/recommend.json, recommend.html and,",
                "with --model, the anomaly log DIR/flags.db (query it with `seqguard flags`)."})
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--labels", paramLabel = "FILE", description = "user_id,label[,anomaly_type]: real users (0) and the oracle's anomalies (1).")
    Path labels;

    @Option(names = "--targets", paramLabel = "FILE", description = "item_id,anomaly_type: the attacked items (inject writes targets.csv).")
    Path targets;

    @Option(names = "--model", paramLabel = "DIR", description = "A model directory written by select (DIR/model).")
    Path model;

    @Option(names = "--target-lift", defaultValue = "10", paramLabel = "X",
            description = "Without --targets: an item is a target when labelled anomalous accounts touch it X times more often than other users. Default: ${DEFAULT-VALUE}.")
    double targetLift;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ModelDirectory saved = model == null ? null : ModelDirectory.load(model);
        UserLabels userLabels = labels == null ? UserLabels.none() : UserLabels.read(labels);
        userLabels.problems().forEach(p -> System.err.println("labels: " + p));
        Targets attacked = targets != null ? Targets.read(targets) : null;
        IngestResult in = input.readAll(out.resolve("quarantine.csv"));
        InputOptions.printSummary(in.summary(), System.err);
        List<BehaviorEvent> events = in.events();
        if (events.isEmpty()) {
            throw new UserInputException("no event of " + input.events() + " was accepted; see " + out.resolve("quarantine.csv"));
        }
        Set<String> users = new LinkedHashSet<>();
        events.forEach(e -> users.add(e.userId()));
        Set<String> real = new LinkedHashSet<>();
        Map<String, String> anomalous = new HashMap<>();
        if (userLabels.size() == 0) {
            real.addAll(users);
        } else {
            for (String u : users) {
                Integer l = userLabels.labels().get(u);
                if (l != null && l == 0) {
                    real.add(u);
                } else if (l != null) {
                    anomalous.put(u, userLabels.types().getOrDefault(u, "anomaly"));
                }
            }
            if (real.isEmpty()) {
                throw new UserInputException(labels + " labels no user of the events as real (label 0); nothing to evaluate on");
            }
        }
        if (attacked == null) {
            attacked = anomalous.isEmpty() ? Targets.none() : Targets.derive(events, anomalous, targetLift);
        }

        List<TrainingSet> sets = new ArrayList<>();
        sets.add(Cleaning.raw(events));
        if (!anomalous.isEmpty()) {
            sets.add(Cleaning.oracle(events, anomalous.keySet()));
        }
        DetectionScores detection = null;
        if (saved != null) {
            try {
                detection = DetectionScores.of(saved, events);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(model + ": " + e.getMessage());
            }
            sets.add(Cleaning.dropUsers(events, detection));
            sets.add(Cleaning.dropEvents(events, detection));
            sets.add(Cleaning.downWeight(events, detection));
            AnomalyLog.write(out.resolve("flags.db"), in.summary().source(), events, detection,
                    Cleaning.topEvents(events, detection));
        }
        RecommenderLift lift = RecommenderLift.run(events, real, attacked, sets, RecommenderLift.defaultRecommenders(),
                BehaviorWeights.defaults());
        Json.write(lift.toJson(), out.resolve("recommend.json"));
        HtmlReport.write(report(lift, detection, events, userLabels), out.resolve("recommend.html"));

        System.out.printf(Locale.ROOT, "%d real users evaluated (leave-last-out), %,d items, %d target items (%s)%n",
                lift.evaluatedUsers(), lift.catalogue(), attacked.ids().size(), attacked.source());
        for (TrainingSet s : sets) {
            System.out.printf(Locale.ROOT, "  %-12s %s%n", s.name(), s.rule());
        }
        if (detection != null) {
            System.out.printf(Locale.ROOT, "  (%d of %d users flagged by %s)%n", detection.flaggedUsers().size(),
                    detection.userScores().size(), detection.detector());
        }
        printTable(lift, System.out);
        String files = detection == null ? "{recommend.json,recommend.html}" : "{recommend.json,recommend.html,flags.db}";
        System.out.println("wrote " + out.toAbsolutePath() + "/" + files);
        return SeqGuard.EXIT_OK;
    }

    static void printTable(RecommenderLift lift, PrintStream out) {
        out.printf(Locale.ROOT, "%n%-16s %-12s %7s %8s %9s %8s %9s %9s%n", "recommender", "training", "HR@10",
                "NDCG@10", "recall@20", "coverage", "exposure", "mean-rank");
        lift.metrics().forEach((rec, runs) -> runs.forEach((run, m) -> out.printf(Locale.ROOT,
                "%-16s %-12s %7.4f %8.4f %9.4f %8.4f %9s %9s%n", rec, run, m.hr10(), m.ndcg10(), m.recall20(),
                m.coverage(), Double.isNaN(m.targetExposure()) ? "-" : String.format(Locale.ROOT, "%.4f", m.targetExposure()),
                Double.isNaN(m.targetMeanRank()) ? "-" : String.format(Locale.ROOT, "%.1f", m.targetMeanRank()))));
        List<LiftComparison> comparisons = LiftComparison.of(lift);
        if (!comparisons.isEmpty()) {
            out.printf(Locale.ROOT, "%n%-16s %-12s %9s %28s %28s %10s%n", "recommender", "strategy", "exp-cut",
                    "NDCG@10 change [95% CI]", "oracle change [95% CI]", "recovered");
            for (LiftComparison c : comparisons) {
                out.printf(Locale.ROOT, "%-16s %-12s %9s %28s %28s %10s%n", c.recommender(), c.strategy(),
                        Double.isNaN(c.exposureCut()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * c.exposureCut()),
                        String.format(Locale.ROOT, "%+.4f [%+.4f,%+.4f]", c.cleanedChange().estimate(),
                                c.cleanedChange().lower(), c.cleanedChange().upper()),
                        c.oracleChange() == null ? "-" : String.format(Locale.ROOT, "%+.4f [%+.4f,%+.4f]%s",
                                c.oracleChange().estimate(), c.oracleChange().lower(), c.oracleChange().upper(),
                                c.oracleChangeWithinNoise() ? "~" : ""),
                        Double.isNaN(c.ndcgRecovered()) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * c.ndcgRecovered()));
            }
            if (comparisons.stream().anyMatch(LiftComparison::oracleChangeWithinNoise)) {
                out.println("~ the oracle's NDCG@10 change is within noise (its 95% interval contains 0): recovered shares there mean little");
            }
        }
    }

    private ReportModel report(RecommenderLift lift, DetectionScores detection, List<BehaviorEvent> events,
                               UserLabels userLabels) {
        List<ReportModel.KeyValue> facts = new ArrayList<>();
        facts.add(new ReportModel.KeyValue("events", String.format(Locale.ROOT, "%,d", events.size())));
        facts.add(new ReportModel.KeyValue("labels", labels == null ? "none" : labels.toString()));
        facts.add(new ReportModel.KeyValue("model", model == null ? "none (raw and oracle only)" : model.toString()));
        ReportModel base = ReportModel.of("SeqGuard: does cleaning pay? " + input.events().getFileName(),
                "Three recommenders before and after removing what the detector flagged");
        if (detection != null) {
            facts.add(new ReportModel.KeyValue("detector", detection.detector()));
            facts.add(new ReportModel.KeyValue("threshold", String.format(Locale.ROOT, "%.4g", detection.threshold())));
            facts.add(new ReportModel.KeyValue("flagged users", Integer.toString(detection.flaggedUsers().size())));
            base = base.withLeaderboard(List.of(new ReportModel.LeaderboardRow(detection.detector(), "", true,
                    Map.of("threshold", detection.threshold()), "the saved select model used for cleaning")))
                    .withFlaggedUsers(flaggedUsers(detection, events, userLabels),
                    ZoneOffset.ofTotalSeconds(detection.utcOffsetMinutes() * 60));
        }
        return LiftReport.addTo(base.withSummary(facts), lift);
    }

    private static List<ReportModel.FlaggedUser> flaggedUsers(DetectionScores d, List<BehaviorEvent> events,
                                                              UserLabels userLabels) {
        List<String> top = d.flaggedUsers().stream()
                .sorted((a, b) -> Double.compare(d.userScores().get(b), d.userScores().get(a))).limit(5).toList();
        Map<String, List<ReportModel.TimelineEvent>> timelines = new HashMap<>();
        for (int e = 0; e < events.size(); e++) {
            BehaviorEvent ev = events.get(e);
            if (top.contains(ev.userId())) {
                timelines.computeIfAbsent(ev.userId(), u -> new ArrayList<>()).add(new ReportModel.TimelineEvent(
                        ev.timeMillis(), ev.action().code(), ev.itemId(), ev.categoryId(), d.eventScores()[e]));
            }
        }
        List<ReportModel.FlaggedUser> out = new ArrayList<>();
        for (String u : top) {
            List<ReportModel.TimelineEvent> t = timelines.getOrDefault(u, List.of()).stream()
                    .sorted(java.util.Comparator.comparingLong(ReportModel.TimelineEvent::timeMillis)).toList();
            Integer l = userLabels.labels().get(u);
            String label = l == null ? "" : l == 0 ? "normal" : userLabels.types().getOrDefault(u, "anomaly");
            out.add(new ReportModel.FlaggedUser(u, d.userScores().get(u), label, d.explanations().get(u), t));
        }
        return out;
    }
}

package dev.seqguard.cli;

import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.labels.UserLabels;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.recsys.CleaningLift;
import dev.seqguard.recsys.LiftComparison;
import dev.seqguard.recsys.RecommenderLift;
import dev.seqguard.recsys.clean.DetectionScores;
import dev.seqguard.recsys.clean.TrainingSet;
import dev.seqguard.recsys.eval.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Shows what cleaning pays: recommenders before and after cleaning.",
                "Three recommenders (item-knn, hot-in-category, popularity) are trained on the raw events, on the events"
                        + " cleaned with a saved `select` model (drop-users, drop-events, down-weight) and, with"
                        + " --labels, on the events without the labelled anomalous users (oracle). Each is scored by"
                        + " leave-last-out on the real users (label 0, or everyone without labels): HR@10, NDCG@10,"
                        + " recall@20, coverage, and the exposure and mean rank of the attacked items (--targets, or"
                        + " derived from --labels). --labels and --targets never reach the detector.",
                "Writes DIR/recommend.json, recommend.html and, with --model, the anomaly log DIR/flags.db (query it"
                        + " with `seqguard flags`)."})
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--labels", paramLabel = "FILE", description = "user_id,label[,anomaly_type]: real users (0) and the oracle's anomalies (1).")
    Path labels;

    @Option(names = "--targets", paramLabel = "FILE", description = "item_id,anomaly_type: the attacked items (inject writes targets.csv).")
    Path targets;

    @Option(names = "--model", paramLabel = "DIR", description = "A model directory written by select (DIR/model).")
    Path model;

    @Option(names = "--target-lift", defaultValue = "" + (int) Targets.DEFAULT_LIFT, paramLabel = "X",
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
        if (in.events().isEmpty()) {
            throw new UserInputException("no event of " + input.events() + " was accepted; see " + out.resolve("quarantine.csv"));
        }
        CleaningLift.Result r = CleaningLift.run(CleaningLift.Input.of(in)
                .withLabels(userLabels, labels == null ? null : labels.toString()).withTargets(attacked)
                .withModel(saved, model == null ? null : model.toString()).withTargetLift(targetLift), out);

        RecommenderLift lift = r.lift();
        System.out.printf(Locale.ROOT, "%d real users evaluated (leave-last-out), %,d items, %d target items (%s)%n",
                lift.evaluatedUsers(), lift.catalogue(), r.targets().ids().size(), r.targets().source());
        for (TrainingSet s : r.sets()) {
            System.out.printf(Locale.ROOT, "  %-12s %s%n", s.name(), s.rule());
        }
        DetectionScores detection = r.detection();
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
}

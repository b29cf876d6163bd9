package dev.seqguard.recsys;

import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.labels.UserLabels;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.eval.report.HtmlReport;
import dev.seqguard.eval.report.ReportModel;
import dev.seqguard.recsys.clean.Cleaning;
import dev.seqguard.recsys.clean.DetectionScores;
import dev.seqguard.recsys.clean.TrainingSet;
import dev.seqguard.recsys.eval.Targets;
import dev.seqguard.recsys.log.AnomalyLog;
import dev.seqguard.recsys.model.BehaviorWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Does cleaning pay? The recommenders of {@link RecommenderLift#defaultRecommenders()} trained on the raw events, on
 * the events cleaned with a saved selection ({@code drop-users}, {@code drop-events}, {@code down-weight}) and, with
 * labels, without the labelled anomalous users (the oracle); each evaluated leave-last-out on the real users only.
 * Labels and targets never reach the detector. Writes {@code recommend.json}, {@code recommend.html} and, with a
 * model, the anomaly log {@code flags.db}.
 */
public final class CleaningLift {
    public static final String JSON = "recommend.json";
    public static final String HTML = "recommend.html";
    public static final String FLAGS_DB = "flags.db";
    private static final int TIMELINES = 5;

    private CleaningLift() {
    }

    /**
     * What to measure on.
     *
     * @param ingest     the events and their ingest summary
     * @param labels     real users (0) and the oracle's anomalies (1); {@link UserLabels#none()} = everyone is real
     * @param labelsName where the labels came from, for the report ({@code null} = none)
     * @param targets    the attacked items, or {@code null} to derive them from the labels
     * @param model      a saved selection to clean with, or {@code null} for raw and oracle only
     * @param modelName  where the model came from, for messages and the report
     * @param targetLift without targets: an item is a target when labelled anomalous users touch it this many times
     *                   more often than other users
     */
    public record Input(IngestResult ingest, UserLabels labels, String labelsName, Targets targets,
                        ModelDirectory model, String modelName, double targetLift) {
        public Input {
            Objects.requireNonNull(ingest, "ingest");
            Objects.requireNonNull(labels, "labels");
        }

        /** Raw events only: no labels, no targets, no model, the default target lift. */
        public static Input of(IngestResult ingest) {
            return new Input(ingest, UserLabels.none(), null, null, null, null, Targets.DEFAULT_LIFT);
        }

        public Input withLabels(UserLabels userLabels, String name) {
            return new Input(ingest, userLabels, name, targets, model, modelName, targetLift);
        }

        public Input withTargets(Targets attacked) {
            return new Input(ingest, labels, labelsName, attacked, model, modelName, targetLift);
        }

        public Input withModel(ModelDirectory saved, String name) {
            return new Input(ingest, labels, labelsName, targets, saved, name, targetLift);
        }

        public Input withTargetLift(double lift) {
            return new Input(ingest, labels, labelsName, targets, model, modelName, lift);
        }
    }

    /**
     * @param lift      the metrics per recommender and training set
     * @param targets   the attacked items used (given or derived)
     * @param sets      the training sets, in run order
     * @param detection the saved model's scores, or {@code null} without a model
     */
    public record Result(RecommenderLift lift, Targets targets, List<TrainingSet> sets, DetectionScores detection) {
        public Result {
            sets = List.copyOf(sets);
        }
    }

    /**
     * Runs the comparison and writes its files into {@code out}.
     *
     * @throws IllegalArgumentException when the labels name no real user of the events, or the model cannot score them
     */
    public static Result run(Input input, Path out) throws IOException {
        List<BehaviorEvent> events = input.ingest().events();
        UserLabels userLabels = input.labels();
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
                throw new IllegalArgumentException(input.labelsName()
                        + " labels no user of the events as real (label 0); nothing to evaluate on");
            }
        }
        Targets attacked = input.targets();
        if (attacked == null) {
            attacked = anomalous.isEmpty() ? Targets.none() : Targets.derive(events, anomalous, input.targetLift());
        }

        List<TrainingSet> sets = new ArrayList<>();
        sets.add(Cleaning.raw(events));
        if (!anomalous.isEmpty()) {
            sets.add(Cleaning.oracle(events, anomalous.keySet()));
        }
        DetectionScores detection = null;
        if (input.model() != null) {
            try {
                detection = DetectionScores.of(input.model(), events);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(input.modelName() + ": " + e.getMessage(), e);
            }
            sets.add(Cleaning.dropUsers(events, detection));
            sets.add(Cleaning.dropEvents(events, detection));
            sets.add(Cleaning.downWeight(events, detection));
            AnomalyLog.write(out.resolve(FLAGS_DB), input.ingest().summary().source(), events, detection,
                    Cleaning.topEvents(events, detection));
        }
        RecommenderLift lift = RecommenderLift.run(events, real, attacked, sets, RecommenderLift.defaultRecommenders(),
                BehaviorWeights.defaults());
        ModelIO.writeIndentedJson(lift.toJson(), out.resolve(JSON));
        HtmlReport.write(report(input, lift, detection), out.resolve(HTML));
        return new Result(lift, attacked, sets, detection);
    }

    private static ReportModel report(Input input, RecommenderLift lift, DetectionScores detection) {
        List<BehaviorEvent> events = input.ingest().events();
        List<ReportModel.KeyValue> facts = new ArrayList<>();
        facts.add(new ReportModel.KeyValue("events", String.format(Locale.ROOT, "%,d", events.size())));
        facts.add(new ReportModel.KeyValue("labels", input.labelsName() == null ? "none" : input.labelsName()));
        facts.add(new ReportModel.KeyValue("model", input.model() == null ? "none (raw and oracle only)" : input.modelName()));
        ReportModel base = ReportModel.of("SeqGuard: does cleaning pay? "
                        + Path.of(input.ingest().summary().source()).getFileName(),
                "Three recommenders before and after removing what the detector flagged");
        if (detection != null) {
            facts.add(new ReportModel.KeyValue("detector", detection.detector()));
            facts.add(new ReportModel.KeyValue("threshold", String.format(Locale.ROOT, "%.4g", detection.threshold())));
            facts.add(new ReportModel.KeyValue("flagged users", Integer.toString(detection.flaggedUsers().size())));
            base = base.withLeaderboard(List.of(new ReportModel.LeaderboardRow(detection.detector(), "", true,
                    Map.of("threshold", detection.threshold()), "the saved select model used for cleaning")))
                    .withFlaggedUsers(flaggedUsers(detection, events, input.labels()),
                    ZoneOffset.ofTotalSeconds(detection.utcOffsetMinutes() * 60));
        }
        return LiftReport.addTo(base.withSummary(facts), lift);
    }

    /** The most suspicious flagged users with their timelines (each event with its score), for the report. */
    static List<ReportModel.FlaggedUser> flaggedUsers(DetectionScores d, List<BehaviorEvent> events,
                                                      UserLabels userLabels) {
        List<String> top = d.flaggedUsers().stream()
                .sorted((a, b) -> Double.compare(d.userScores().get(b), d.userScores().get(a))).limit(TIMELINES).toList();
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
                    .sorted(Comparator.comparingLong(ReportModel.TimelineEvent::timeMillis)).toList();
            Integer l = userLabels.labels().get(u);
            String label = l == null ? "" : l == 0 ? "normal" : userLabels.types().getOrDefault(u, "anomaly");
            out.add(new ReportModel.FlaggedUser(u, d.userScores().get(u), label, d.explanations().get(u), t));
        }
        return out;
    }
}

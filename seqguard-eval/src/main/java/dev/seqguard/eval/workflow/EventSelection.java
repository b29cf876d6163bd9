package dev.seqguard.eval.workflow;

import dev.seqguard.core.inject.AnomalyType;
import dev.seqguard.core.io.IngestResult;
import dev.seqguard.core.labels.UserLabels;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.eval.output.EventScoring;
import dev.seqguard.eval.output.LeaderboardFile;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.seq.SequenceUnit;
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
import dev.seqguard.eval.select.InjectedValidation;
import dev.seqguard.eval.select.SelectionOptions;
import dev.seqguard.eval.select.SelectionResult;
import dev.seqguard.eval.select.Selector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Detector selection on an event log: events become sequences and features, {@link Selector} compares the
 * candidates (cross-validated on the labelled users, or validated on anomalies injected into the events themselves),
 * and the winner scores every sequence and event. Writes {@code leaderboard.csv}, {@code scores.csv},
 * {@code event_scores.csv}, {@code explanations.csv}, {@code summary.json}, {@code report.html} and the selected
 * model in {@code model/}, with the group statistics it was fitted with and, for user models, its streaming operating
 * point (calibrated on the prefixes of these same histories).
 */
public final class EventSelection {
    private EventSelection() {
    }

    /**
     * @param pipeline       how events become sequences and features
     * @param selection      how {@link Selector} runs
     * @param syntheticRate  share of users injected into each self-injected validation set
     * @param syntheticTypes kinds injected to validate without labels and to augment supervised detectors
     */
    public record Options(PipelineOptions pipeline, SelectionOptions selection, double syntheticRate,
                          Set<AnomalyType> syntheticTypes) {
        public Options {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(selection, "selection");
            // enum order: the injector draws its kinds in this order, so the same seed gives the same validation sets
            syntheticTypes = Collections.unmodifiableSet(syntheticTypes.isEmpty() ? EnumSet.noneOf(AnomalyType.class)
                    : EnumSet.copyOf(syntheticTypes));
        }
    }

    /** What a run reports while it works. */
    public interface Listener {
        Listener SILENT = new Listener() {
        };

        /** The events are sequences and features (labels aligned); selection starts next. */
        default void prepared(DetectionData data) {
        }

        /** One candidate's evaluation starts (its name). */
        default void step(String what) {
        }

        /** The streaming operating point is calibrated (user-unit models). */
        default void calibrated(StreamingOperatingPoint point) {
        }
    }

    /**
     * @param data      the selected-on rows (one per sequence)
     * @param selection the leaderboard
     * @param run       the winner's scores, flags and event scores
     * @param summary   what {@code summary.json} holds, in its order
     */
    public record Result(DetectionData data, SelectionResult selection, ScoredRun run, Map<String, Object> summary) {
    }

    /**
     * Selects on {@code in}'s events and writes every output file into {@code out}.
     *
     * @param labels labels for any subset of users ({@link UserLabels#none()} for label-free selection)
     */
    public static Result run(Options options, IngestResult in, UserLabels labels, Path out, Listener listener)
            throws IOException {
        Preparation prep = new Preparation(options.pipeline());
        PreparedData prepared = prep.prepare(in.events());
        int[] y = labels.size() == 0 ? null : labels.align(prepared.userIds());
        String[] types = labels.size() == 0 ? null : labels.alignTypes(prepared.userIds());
        DetectionData data = prepared.detectionData(y);
        listener.prepared(data);

        long seed = options.selection().seed();
        InjectedValidation synthetic = new InjectedValidation(in.events(), prep, options.syntheticRate(),
                options.syntheticTypes());
        SelectionResult result = new Selector(options.selection(), listener::step).select(data, types, synthetic, synthetic);
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
        saved = withStreamingOperatingPoint(saved, out.resolve("model"), in.events(), listener);
        saved.save(out.resolve("model"));
        Map<String, Object> summary = summary(in, prepared, data, result, run, options);
        ModelIO.writeIndentedJson(summary, out.resolve("summary.json"));
        ReportModel report = SelectionReport.build(
                "SeqGuard: which detector works on " + Path.of(in.summary().source()).getFileName(),
                result.mode() == SelectionResult.Mode.LABELLED
                        ? "Detectors cross-validated on your labels (scores of labelled users are out-of-fold)"
                        : "No labels: detectors validated on anomalies injected into your own data",
                SelectionReport.facts(summary), result, run, y, types,
                ZoneOffset.ofTotalSeconds(prep.options().features().utcOffsetMinutes() * 60));
        HtmlReport.write(report, out.resolve("report.html"));
        return new Result(data, result, run, summary);
    }

    /**
     * The model with its streaming operating point, calibrated on the prefixes of the histories it was selected on
     * (user-unit models only: session and window models are not served per user).
     */
    private static ModelDirectory withStreamingOperatingPoint(ModelDirectory saved, Path dir, List<BehaviorEvent> events,
                                                              Listener listener) throws IOException {
        if (saved.selection().pipeline().sequences().unit() != SequenceUnit.USER) {
            return saved;
        }
        // a user is judged whole once idle for a session gap: the unit batch splits sessions by
        StreamingOperatingPoint point = StreamingCalibration.calibrate(ServingModel.of(dir, saved, null), events,
                saved.selection().pipeline().sequences().sessionGapMillis());
        listener.calibrated(point);
        return saved.withOperatingPoint(point);
    }

    /** {@code user} or {@code session}: what one scored row is. */
    public static String unitName(PipelineOptions pipeline) {
        return pipeline.sequences().unit().name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> summary(IngestResult in, PreparedData prepared, DetectionData data,
                                               SelectionResult result, ScoredRun run, Options options) {
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
        s.put("unit", unitName(options.pipeline()));
        s.put("features", data.features().columns());
        s.put("labelled_users", data.labelledCount());
        s.put("mode", result.mode().name().toLowerCase(Locale.ROOT));
        s.put("selected_detector", result.selected().detector());
        s.put("threshold", result.threshold());
        s.put("threshold_rule", result.thresholdRule());
        s.put("flagged", run.flaggedCount());
        s.put("confidence", result.confidence().value());
        s.put("confidence_reason", result.confidence().explanation());
        s.put("event_scores_from", run.eventScorer());
        s.put("seed", options.selection().seed());
        if (result.labelFree() != null) {
            s.putAll(result.labelFree().summaryFields());
        }
        return s;
    }
}

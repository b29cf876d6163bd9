package dev.seqguard.serving;

import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.SequenceFeature;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.seq.SequenceUnit;
import dev.seqguard.detect.api.FittedDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved selection ready to score a stream: the fitted detector, its threshold, the feature extractor of its
 * pipeline, the group-feature context every user is scored against, and the training scores that live scores are
 * compared with for drift. Immutable; the service swaps whole instances.
 *
 * <p>The context: the group statistics the model directory carries ({@value ModelDirectory#CONTEXT_FILE}, written by
 * {@code select}), or those built from {@code --context-events} when given (an override). A model whose features read
 * group statistics and that has neither is refused, never scored against zeros. The service, {@code replay} and the
 * Flink job load it alike, so they always agree.
 *
 * @param dir            where the model was loaded from
 * @param saved          the model directory's content
 * @param context        group-feature context (fixed for the model's life)
 * @param trainingScores the selection's user scores ({@code DIR/../scores.csv}, what {@code select} writes next to
 *                       {@code model/}), sorted; empty when that file is absent
 */
public record ServingModel(Path dir, ModelDirectory saved, FeatureContext context, double[] trainingScores) {
    /** Events a user needs before they are scored (below it: warming up), for a model without an operating point. */
    public static final int MIN_EVENTS = 3;

    public ServingModel {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(saved, "saved");
        Objects.requireNonNull(context, "context");
        trainingScores = trainingScores.clone();
        Arrays.sort(trainingScores);
    }

    /**
     * Loads and checks a model directory written by {@code select} on events.
     *
     * @throws IllegalArgumentException when the model cannot score a user stream (a table model, a session-unit
     *                                  model, features this version does not compute)
     */
    public static ServingModel load(Path dir, FeatureContext context) throws IOException {
        ModelDirectory saved = ModelDirectory.load(dir);
        return of(dir, saved, context);
    }

    /**
     * A loaded model directory, checked as {@link #load} does.
     *
     * @param context group statistics overriding the model's own snapshot ({@code --context-events}), or {@code null}
     *                for the snapshot the model directory carries
     */
    public static ServingModel of(Path dir, ModelDirectory saved, FeatureContext context) throws IOException {
        ModelDirectory.Selection sel = saved.selection();
        if (sel.pipeline() == null) {
            throw new IllegalArgumentException(dir + " was selected on a feature table, not on events; it cannot score an event stream");
        }
        if (sel.pipeline().sequences().unit() != SequenceUnit.USER) {
            throw new IllegalArgumentException(dir + " scores " + sel.pipeline().sequences().unit().name().toLowerCase()
                    + "s; the streaming path scores whole user histories (select with --unit user)");
        }
        SequenceFeatureExtractor extractor = new SequenceFeatureExtractor(sel.pipeline().features());
        if (!extractor.names().equals(sel.featureNames())) {
            throw new IllegalArgumentException(dir + " was fitted on other features than this SeqGuard computes; re-run select");
        }
        FeatureContext groups = context != null ? context : saved.context();
        if (groups == null) {
            List<String> needing = groupFeatures(sel.featureNames());
            if (!needing.isEmpty()) {
                throw new IllegalArgumentException(dir + " has no group statistics (" + ModelDirectory.CONTEXT_FILE
                        + ") but its detector reads " + String.join(", ", needing) + "; re-run select to write them,"
                        + " or pass --context-events with the events the model was selected on");
            }
            groups = FeatureContext.empty();
        }
        return new ServingModel(dir, saved, groups, readTrainingScores(dir));
    }

    /** The features among {@code names} that read group statistics (item popularity, co-visitation, category size). */
    public static List<String> groupFeatures(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            try {
                if (SequenceFeature.byName(name).group().readsGroupStatistics()) {
                    out.add(name);
                }
            } catch (IllegalArgumentException e) {
                // not a sequence feature (a time-series or other column): reads no group statistics
            }
        }
        return out;
    }

    /** The same model with another streaming operating point ({@code null}: the batch threshold on every prefix). */
    public ServingModel withOperatingPoint(StreamingOperatingPoint point) {
        return new ServingModel(dir, saved.withOperatingPoint(point), context, trainingScores);
    }

    /** The streaming operating point, when the model has one. */
    public Optional<StreamingOperatingPoint> operatingPoint() {
        return Optional.ofNullable(saved.operatingPoint());
    }

    /**
     * Events a user needs before they are scored: the operating point's warm-up (calibrated models score from the
     * first event, as batch scores every user), else {@link #MIN_EVENTS}.
     */
    public int warmUpEvents() {
        StreamingOperatingPoint p = saved.operatingPoint();
        return p != null ? p.warmUp() : MIN_EVENTS;
    }

    /**
     * Whether an event is flagged, its user's history being {@code historyLength} events long with it: by the
     * {@link StreamingOperatingPoint} when the model has one, else by the batch threshold (models saved before it).
     */
    public boolean flags(double score, int historyLength) {
        if (Double.isNaN(score)) {
            return false;
        }
        StreamingOperatingPoint p = saved.operatingPoint();
        return p != null ? p.flags(score, historyLength) : score >= threshold();
    }

    /**
     * The operating point's idle decision, when it has one: users are judged whole after this long without an event
     * ({@link StreamingOperatingPoint#idleAt}); empty for models without it.
     */
    public Optional<StreamingOperatingPoint> idleDecision() {
        StreamingOperatingPoint p = saved.operatingPoint();
        return p != null && p.decidesIdle() ? Optional.of(p) : Optional.empty();
    }

    private static double[] readTrainingScores(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Path file = parent == null ? null : parent.resolve("scores.csv");
        if (file == null || !Files.isRegularFile(file)) {
            return new double[0];
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            return new double[0];
        }
        int col = Arrays.asList(lines.get(0).split(",", -1)).indexOf("score");
        if (col < 0) {
            return new double[0];
        }
        List<Double> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            // user ids are plain tokens in every supported layout; skip anything CSV-quoted rather than mis-parse it
            if (f.length > col && !line.contains("\"")) {
                try {
                    double v = Double.parseDouble(f[col]);
                    if (Double.isFinite(v)) {
                        out.add(v);
                    }
                } catch (NumberFormatException e) {
                    // a malformed row says nothing about the distribution
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public FittedDetector detector() {
        return saved.detector();
    }

    /** The selected detector's name, as written in every flag. */
    public String detectorName() {
        return saved.selection().detector();
    }

    /** flag = warmed up and score &gt;= threshold. */
    public double threshold() {
        return saved.selection().threshold();
    }

    public SequenceFeatureExtractor newExtractor() {
        return new SequenceFeatureExtractor(saved.selection().pipeline().features());
    }

    /**
     * Whether the detector learns from every event ({@link FittedDetector#online}, a random cut forest): its scores
     * then depend on the order of all users' events, so it is served from one shard.
     */
    public boolean learnsOnline() {
        return saved.detector().online().isPresent();
    }

    @Override
    public double[] trainingScores() {
        return trainingScores.clone();
    }
}

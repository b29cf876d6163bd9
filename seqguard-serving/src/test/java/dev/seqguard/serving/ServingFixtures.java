package dev.seqguard.serving;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.serving.ModelDirectory;
import dev.seqguard.detect.pipeline.PipelineOptions;
import dev.seqguard.detect.pipeline.PreparedData;
import dev.seqguard.detect.pipeline.Preparation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shared test data: the first {@value #USERS} users of the bundled real Taobao sample (time-sorted), and models
 * fitted on them and saved as {@code select} would ({@code DIR/model} plus {@code DIR/scores.csv}).
 */
public final class ServingFixtures {
    public static final int USERS = 120;
    private static List<BehaviorEvent> events;
    private static PreparedData prepared;
    private static Path root;

    private ServingFixtures() {
    }

    public static synchronized List<BehaviorEvent> events() {
        if (events == null) {
            try {
                Path file = Path.of("..", "data", "taobao-sample.csv.gz");
                List<BehaviorEvent> all = EventReader.readAll(file, IngestOptions.defaults(EventFormat.byName("taobao")),
                        new QuarantineCounter()).events();
                Set<String> users = new LinkedHashSet<>();
                for (BehaviorEvent e : all) {
                    if (users.size() < USERS) {
                        users.add(e.userId());
                    }
                }
                List<BehaviorEvent> mine = new ArrayList<>(all.stream().filter(e -> users.contains(e.userId())).toList());
                mine.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
                events = List.copyOf(mine);
                prepared = new Preparation(PipelineOptions.defaults()).prepare(events);
                root = Files.createTempDirectory("seqguard-server-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    public static synchronized PreparedData prepared() {
        events();
        return prepared;
    }

    /**
     * A model directory for {@code detector}, threshold at the {@code quantile} of its training scores (low, so a
     * stream of these users raises plenty of flags).
     */
    public static synchronized Path model(String detector, double quantile) {
        events();
        Path dir = root.resolve(detector + "-" + quantile);
        if (Files.isDirectory(dir.resolve("model"))) {
            return dir.resolve("model");
        }
        try {
            DetectionData data = prepared.detectionData(null);
            FittedDetector fitted = DetectorRegistry.fit(detector, data, Map.of(), 7);
            double[] scores = fitted.score(data);
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            double threshold = sorted[(int) (quantile * (sorted.length - 1))];
            new ModelDirectory(fitted, null, ModelDirectory.selection(detector, "LABEL_FREE", threshold, "test-quantile",
                    PipelineOptions.defaults(), prepared.features().names(), 7)).save(dir.resolve("model"));
            List<String> lines = new ArrayList<>();
            lines.add("user_id,score,flag");
            for (int i = 0; i < scores.length; i++) {
                lines.add(prepared.userIds().get(i) + "," + scores[i] + "," + (scores[i] >= threshold ? 1 : 0));
            }
            Files.write(dir.resolve("scores.csv"), lines);
            return dir.resolve("model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServingModel serving(String detector, double quantile) {
        try {
            return ServingModel.load(model(detector, quantile), prepared().context());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events as the JSON the service takes. */
    public static String json(List<BehaviorEvent> batch) {
        return batch.stream().map(ServingFixtures::json).collect(Collectors.joining(",", "[", "]"));
    }

    public static String json(BehaviorEvent e) {
        return "{\"user_id\":\"" + e.userId() + "\",\"item_id\":\"" + e.itemId() + "\",\"category_id\":\"" + e.categoryId()
                + "\",\"behavior\":\"" + e.action().code() + "\",\"timestamp\":" + Timestamps.seconds(e.timeMillis()) + "}";
    }
}

package dev.seqguard.flink;

import dev.seqguard.core.io.EventFormat;
import dev.seqguard.core.io.EventReader;
import dev.seqguard.core.io.IngestOptions;
import dev.seqguard.core.io.QuarantineCounter;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.stat.RobustZDetector;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first {@value #USERS} users of the bundled Taobao sample, in file order, and a model fitted on them and saved
 * as {@code select} saves one, with a low threshold so the stream raises plenty of flags.
 */
final class StreamFixtures {
    static final int USERS = 100;
    private static List<BehaviorEvent> events;
    private static Path model;

    private StreamFixtures() {
    }

    static synchronized List<BehaviorEvent> events() {
        if (events == null) {
            try {
                List<BehaviorEvent> all = EventReader.readAll(Path.of("..", "data", "taobao-sample.csv.gz"),
                        IngestOptions.defaults(EventFormat.TAOBAO), new QuarantineCounter()).events();
                Set<String> users = new LinkedHashSet<>();
                for (BehaviorEvent e : all) {
                    if (users.size() < USERS) {
                        users.add(e.userId());
                    }
                }
                events = List.copyOf(all.stream().filter(e -> users.contains(e.userId())).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    /** A robust-z model, threshold at the median of its training scores. */
    static synchronized Path model() {
        if (model == null) {
            model = model(RobustZDetector.NAME);
        }
        return model;
    }

    /** A {@code detector} model fitted and saved as {@link #model()} is, in a new directory. */
    static Path model(String detector) {
        try {
            PreparedData prepared = new Preparation(PipelineOptions.defaults()).prepare(events());
            DetectionData data = prepared.detectionData(null);
            FittedDetector fitted = DetectorRegistry.fit(detector, data, Map.of(), 7);
            double[] sorted = fitted.score(data);
            Arrays.sort(sorted);
            double threshold = sorted[sorted.length / 2];
            Path dir = Files.createTempDirectory("seqguard-flink-model").resolve("model");
            new ModelDirectory(fitted, null, ModelDirectory.selection(detector, "LABEL_FREE", threshold,
                    "test-median", PipelineOptions.defaults(), prepared.features().names(), 7))
                    .withContext(prepared.context()).save(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events as lines of a taobao file (input order). */
    static Path writeTaobao(Path dir, List<BehaviorEvent> list) throws IOException {
        List<String> lines = new ArrayList<>();
        for (BehaviorEvent e : list) {
            lines.add(EventFormat.TAOBAO.format(e));
        }
        Path file = dir.resolve("events.csv");
        Files.write(file, lines);
        return file;
    }
}

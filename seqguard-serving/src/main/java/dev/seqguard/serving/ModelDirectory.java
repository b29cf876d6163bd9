package dev.seqguard.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.pipeline.PipelineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A saved selection, as a directory: {@code detector.json} (the fitted detector in its versioned envelope) and
 * {@code selection.json} (everything needed to apply it to new data: the pipeline options, the feature names it was
 * fitted on, the threshold and how it was chosen), and {@code event_detector.json} when a second detector scores
 * events because the selected one scores only whole sequences. {@code seqguard score --model DIR} reads it back.
 */
public record ModelDirectory(FittedDetector detector, FittedDetector eventDetector, Selection selection) {
    public static final String DETECTOR_FILE = "detector.json";
    public static final String SELECTION_FILE = "selection.json";
    public static final String EVENT_DETECTOR_FILE = "event_detector.json";
    public static final String FORMAT = "seqguard-selection";
    public static final int FORMAT_VERSION = 1;

    /**
     * @param format        always {@value #FORMAT}
     * @param formatVersion {@value #FORMAT_VERSION}
     * @param detector      the selected detector's name
     * @param mode          how it was selected (LABELLED / LABEL_FREE / TABLE)
     * @param threshold     flag = score &gt;= threshold
     * @param thresholdRule how the threshold was chosen
     * @param pipeline      how events become scored rows (null for table models)
     * @param featureNames  the feature columns, in order
     * @param seed          the selection's seed
     * @param createdAt     when it was saved
     */
    public record Selection(String format, int formatVersion, String detector, String mode, double threshold,
                            String thresholdRule, PipelineOptions pipeline, List<String> featureNames, long seed,
                            Instant createdAt) {
        public Selection {
            featureNames = List.copyOf(featureNames);
        }
    }

    public static Selection selection(String detector, String mode, double threshold, String rule,
                                      PipelineOptions pipeline, List<String> featureNames, long seed) {
        return new Selection(FORMAT, FORMAT_VERSION, detector, mode, threshold, rule, pipeline, featureNames, seed,
                Instant.now());
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper m = ModelIO.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        m.writeValue(dir.resolve(DETECTOR_FILE).toFile(), ModelIO.toJson(detector));
        m.writeValue(dir.resolve(SELECTION_FILE).toFile(), selection);
        if (eventDetector != null) {
            m.writeValue(dir.resolve(EVENT_DETECTOR_FILE).toFile(), ModelIO.toJson(eventDetector));
        }
    }

    public static ModelDirectory load(Path dir) throws IOException {
        Path sel = dir.resolve(SELECTION_FILE);
        Path det = dir.resolve(DETECTOR_FILE);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "model directory not found");
        }
        if (!Files.exists(sel) || !Files.exists(det)) {
            throw new IOException(dir + " is not a SeqGuard model directory (expected " + SELECTION_FILE + " and "
                    + DETECTOR_FILE + "; `seqguard select --out DIR` writes one to DIR/model)");
        }
        JsonNode selJson = ModelIO.mapper().readTree(sel.toFile());
        if (!FORMAT.equals(selJson.path("format").asText()) || selJson.path("formatVersion").asInt() > FORMAT_VERSION) {
            throw new IOException(sel + ": unsupported format '" + selJson.path("format").asText() + "' version "
                    + selJson.path("formatVersion").asInt());
        }
        Selection selection = ModelIO.mapper().treeToValue(selJson, Selection.class);
        FittedDetector detector = DetectorRegistry.load(ModelIO.mapper().readTree(det.toFile()));
        Path ev = dir.resolve(EVENT_DETECTOR_FILE);
        FittedDetector eventDetector = Files.exists(ev) ? DetectorRegistry.load(ModelIO.mapper().readTree(ev.toFile())) : null;
        return new ModelDirectory(detector, eventDetector, selection);
    }
}

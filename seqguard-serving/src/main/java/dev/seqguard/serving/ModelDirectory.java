package dev.seqguard.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.pipeline.PipelineOptions;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A saved selection, as a directory: {@code detector.json} (the fitted detector in its versioned envelope) and
 * {@code selection.json} (everything needed to apply it to new data: the pipeline options, the feature names it was
 * fitted on, the threshold and how it was chosen), and {@code event_detector.json} when a second detector scores
 * events because the selected one scores only whole sequences; {@value #CONTEXT_FILE}, the group statistics (item
 * popularity, co-visitation, category sizes) the detector was fitted with, so the streaming path scores users against
 * the same statistics without the training file; and {@value #OPERATING_POINT_FILE}, the streaming operating point
 * (thresholds for growing histories). {@code seqguard score --model DIR} and the streaming path read it back.
 */
public record ModelDirectory(FittedDetector detector, FittedDetector eventDetector, Selection selection,
                             FeatureContext context, StreamingOperatingPoint operatingPoint) {
    public static final String DETECTOR_FILE = "detector.json";
    public static final String SELECTION_FILE = "selection.json";
    public static final String EVENT_DETECTOR_FILE = "event_detector.json";
    /** The group statistics the detector was fitted with ({@link FeatureContext#writeTo}, gzipped). */
    public static final String CONTEXT_FILE = "context.bin.gz";
    /** The streaming operating point ({@link StreamingOperatingPoint}). */
    public static final String OPERATING_POINT_FILE = "streaming.json";

    /** A directory without group statistics or streaming operating point (a table model, or one still to calibrate). */
    public ModelDirectory(FittedDetector detector, FittedDetector eventDetector, Selection selection) {
        this(detector, eventDetector, selection, null, null);
    }

    /** This directory with the group statistics its detector was fitted with. */
    public ModelDirectory withContext(FeatureContext c) {
        return new ModelDirectory(detector, eventDetector, selection, c, operatingPoint);
    }

    /** This directory with a streaming operating point. */
    public ModelDirectory withOperatingPoint(StreamingOperatingPoint p) {
        return new ModelDirectory(detector, eventDetector, selection, context, p);
    }
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
        if (context != null) {
            try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(CONTEXT_FILE)), 1 << 16), 1 << 16)) {
                context.writeTo(out);
            }
        }
        if (operatingPoint != null) {
            m.writeValue(dir.resolve(OPERATING_POINT_FILE).toFile(), operatingPoint);
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
        Path ctx = dir.resolve(CONTEXT_FILE);
        FeatureContext context = null;
        if (Files.exists(ctx)) {
            try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(ctx), 1 << 16), 1 << 16)) {
                context = FeatureContext.readFrom(in);
            } catch (IOException e) {
                throw new IOException(ctx + ": " + e.getMessage(), e);
            }
        }
        Path op = dir.resolve(OPERATING_POINT_FILE);
        StreamingOperatingPoint operatingPoint = Files.exists(op)
                ? ModelIO.mapper().readValue(op.toFile(), StreamingOperatingPoint.class) : null;
        return new ModelDirectory(detector, eventDetector, selection, context, operatingPoint);
    }
}

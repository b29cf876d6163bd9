package dev.seqguard.detect.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Saves and restores fitted detectors as a versioned JSON envelope:
 * {@code {"format": "seqguard-detector", "formatVersion": 1, "detector": name, "provenance": ..., "state": ...}}.
 * The state is the fitted detector itself, serialised by Jackson (records serialise by their components).
 */
public final class ModelIO {
    public static final String FORMAT = "seqguard-detector";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper INDENTED = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelIO() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as indented JSON, for files people read (summaries, profiles); dates as ISO text. */
    public static String toIndentedJson(Object value) throws IOException {
        return INDENTED.writeValueAsString(value);
    }

    /** Writes {@code value} as indented JSON to {@code file}, creating its directory. */
    public static void writeIndentedJson(Object value, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        INDENTED.writeValue(file.toFile(), value);
    }

    public static JsonNode toJson(FittedDetector fitted) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("detector", fitted.name());
        root.set("provenance", MAPPER.valueToTree(fitted.provenance()));
        root.set("state", MAPPER.valueToTree(fitted));
        return root;
    }

    public static void write(FittedDetector fitted, OutputStream out) throws IOException {
        MAPPER.writeValue(out, toJson(fitted));
    }

    /**
     * Restores a fitted detector.
     *
     * @param typeOf the fitted class of a detector name (the registry's lookup)
     * @throws IOException for unreadable JSON, another format, a newer format version, or an unknown detector
     */
    public static FittedDetector fromJson(JsonNode root, Function<String, Class<? extends FittedDetector>> typeOf)
            throws IOException {
        return MAPPER.treeToValue(root.get("state"), checkedType(root, typeOf));
    }

    private static Class<? extends FittedDetector> checkedType(JsonNode root,
            Function<String, Class<? extends FittedDetector>> typeOf) throws IOException {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a SeqGuard detector file (format is '" + root.path("format").asText() + "')");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("detector file format version " + version + " is not supported (this SeqGuard reads 1.."
                    + FORMAT_VERSION + ")");
        }
        String name = root.path("detector").asText();
        Class<? extends FittedDetector> type = typeOf.apply(name);
        if (type == null) {
            throw new IOException("detector file names unknown detector '" + name + "'");
        }
        return type;
    }

    /**
     * Restores a fitted detector whose type {@code lookup} names. A composite detector's members are restored through
     * the same lookup: it is injected ({@code @JacksonInject DetectorLookup}) into their JSON creators.
     *
     * @throws IOException for unreadable JSON, another format, a newer format version, or an unknown detector
     */
    public static FittedDetector restore(JsonNode root, DetectorLookup lookup) throws IOException {
        Class<? extends FittedDetector> type = checkedType(root,
                n -> lookup.find(n).<Class<? extends FittedDetector>>map(Detector::fittedType).orElse(null));
        return MAPPER.reader(new InjectableValues.Std().addValue(DetectorLookup.class, lookup))
                .treeToValue(root.get("state"), type);
    }

    public static FittedDetector read(InputStream in, Function<String, Class<? extends FittedDetector>> typeOf)
            throws IOException {
        return fromJson(MAPPER.readTree(in), typeOf);
    }
}

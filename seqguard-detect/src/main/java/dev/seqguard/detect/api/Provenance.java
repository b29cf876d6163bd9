package dev.seqguard.detect.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where a fitted detector came from: enough to say which model won, on what, and to refit it.
 *
 * @param detector registry name
 * @param config   the config record's components as text
 * @param data     a description of the training data (rows, columns, source)
 * @param seed     the seed used
 * @param fittedAt when fit finished
 * @param version  the SeqGuard version that fitted it
 */
public record Provenance(String detector, Map<String, String> config, String data, long seed, Instant fittedAt,
                         String version) {
    public static final String SEQGUARD_VERSION = "0.1.0";

    public Provenance {
        Objects.requireNonNull(detector, "detector");
        config = Map.copyOf(config);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(fittedAt, "fittedAt");
        Objects.requireNonNull(version, "version");
    }

    /** Provenance for a detector fitted now with the given config record on the given data. */
    public static Provenance of(String detector, Record config, DetectionData data, long seed) {
        return new Provenance(detector, Configs.describe(config), Configs.describe(data), seed, Instant.now(),
                SEQGUARD_VERSION);
    }
}

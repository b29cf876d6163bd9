package dev.seqguard.detect.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Detectors by name. Composite detectors (ensembles, cross-fitting) are given one to find, fit and restore their
 * members, so they need not know where the detectors come from ({@code DetectorRegistry} is the usual one).
 */
@FunctionalInterface
public interface DetectorLookup {

    /** The detector named {@code name}, if there is one. */
    Optional<Detector<?>> find(String name);

    /** The detector named {@code name}; {@link IllegalArgumentException} naming it when there is none. */
    default Detector<?> get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown detector '" + name + "'"));
    }

    /** Fits detector {@code name} with its defaults overridden by {@code params}. */
    default FittedDetector fit(String name, DetectionData data, Map<String, String> params, long seed) {
        return fit(get(name), data, params, seed);
    }

    /** Fits {@code detector} with its defaults overridden by {@code params}. */
    static <C extends Record> FittedDetector fit(Detector<C> detector, DetectionData data, Map<String, String> params,
                                                 long seed) {
        return detector.fit(data, detector.config(params, seed));
    }

    /** Restores a saved fitted detector ({@link ModelIO}'s envelope); its members, if any, come from this lookup. */
    default FittedDetector load(JsonNode json) throws IOException {
        return ModelIO.restore(json, this);
    }
}

package dev.seqguard.detect.api;

import java.util.Map;

/**
 * A detection algorithm: a validated, immutable config record in, an immutable {@link FittedDetector} out.
 * Detectors never read files, print, or grade themselves.
 *
 * <p>Adding a detector is one class implementing this interface and one line in {@code DetectorRegistry}.
 *
 * @param <C> the detector's config record; its compact constructor validates every parameter and names
 *            the bad one in the message
 */
public interface Detector<C extends Record> {

    DetectorInfo info();

    /**
     * The config with defaults for every parameter not in {@code params}, parsed and validated.
     *
     * @param params parameter name to text value, e.g. {@code trees -> 200}; unknown names are rejected
     * @param seed   the seed for everything random in fit and score
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    C config(Map<String, String> params, long seed);

    /**
     * Fits on the data. Unsupervised detectors ignore labels. Supervised ones use rows labelled 0/1 only.
     *
     * @throws IllegalArgumentException when the data cannot be used (no rows, wrong shape, missing sequences
     *                                  or labels the detector needs), with a message saying what is wrong
     */
    FittedDetector fit(DetectionData data, C config);

    /** The concrete fitted type, so {@code ModelIO} can restore a saved one. */
    Class<? extends FittedDetector> fittedType();

    default String name() {
        return info().name();
    }
}

package dev.seqguard.detect.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Optional;

/**
 * A fitted, immutable detector. Implementations are Jackson-serialisable (usually records whose components are
 * the whole learned state); {@code ModelIO} wraps them in a versioned envelope.
 */
public interface FittedDetector {

    Provenance provenance();

    @JsonIgnore
    default String name() {
        return provenance().detector();
    }

    /**
     * One score per row of {@code data}, higher = more anomalous. Scores of a row never depend on the other rows
     * scored with it (batch = single).
     *
     * @throws IllegalArgumentException when the data does not match what the detector was fitted on
     */
    double[] score(DetectionData data);

    /**
     * Per-event scores, {@code result[row][i]} for the i-th event of row's sequence, higher = more anomalous;
     * empty when the detector cannot score events.
     */
    default Optional<double[][]> scoreEvents(DetectionData data) {
        return Optional.empty();
    }

    /** Why row {@code row} scored as it did: the features or events that drove its score, strongest first. */
    Explanation explain(DetectionData data, int row);

    /**
     * The online-update view, for a detector that learns from every vector it scores (a random cut forest): its
     * scores then depend on the order of everything it saw. Empty for a detector whose scores are fixed at fit.
     */
    @JsonIgnore
    default Optional<OnlineUpdate> online() {
        return Optional.empty();
    }
}

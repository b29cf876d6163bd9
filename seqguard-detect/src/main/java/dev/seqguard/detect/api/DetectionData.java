package dev.seqguard.detect.api;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.model.Sequence;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a detector fits on or scores: feature rows, optionally the sequences they were computed from
 * (same order), and optionally labels. Tables of ready-made features have no sequences.
 *
 * @param features  one row per scored unit
 * @param sequences the sequence behind each row, or an empty list for table data
 * @param labels    per row: 1 anomalous, 0 normal, {@link #UNKNOWN} not labelled; or {@code null} when no row is labelled.
 *                  Only supervised detectors read labels, and only in {@code fit}.
 */
public record DetectionData(FeatureMatrix features, List<Sequence> sequences, int[] labels) {
    public static final int UNKNOWN = -1;

    public DetectionData {
        Objects.requireNonNull(features, "features");
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
        if (!sequences.isEmpty() && sequences.size() != features.rows()) {
            throw new IllegalArgumentException(sequences.size() + " sequences but " + features.rows() + " feature rows");
        }
        if (labels != null && labels.length != features.rows()) {
            throw new IllegalArgumentException(labels.length + " labels but " + features.rows() + " feature rows");
        }
    }

    public static DetectionData of(FeatureMatrix features) {
        return new DetectionData(features, List.of(), null);
    }

    public static DetectionData of(FeatureMatrix features, List<Sequence> sequences) {
        return new DetectionData(features, sequences, null);
    }

    public int size() {
        return features.rows();
    }

    public boolean hasSequences() {
        return !sequences.isEmpty();
    }

    /** Number of rows labelled 0 or 1. */
    public int labelledCount() {
        return labels == null ? 0 : (int) Arrays.stream(labels).filter(l -> l != UNKNOWN).count();
    }

    public DetectionData withLabels(int[] newLabels) {
        return new DetectionData(features, sequences, newLabels);
    }

    public DetectionData withoutLabels() {
        return new DetectionData(features, sequences, null);
    }

    /**
     * This data's rows followed by {@code other}'s (same feature columns; both with sequences or both without).
     * Rows without labels count as {@link #UNKNOWN}.
     */
    public DetectionData concat(DetectionData other) {
        if (!features.names().equals(other.features.names())) {
            throw new IllegalArgumentException("cannot concatenate data with different feature columns");
        }
        if (hasSequences() != other.hasSequences()) {
            throw new IllegalArgumentException("cannot concatenate data with and without sequences");
        }
        double[][] v = new double[size() + other.size()][];
        System.arraycopy(features.values(), 0, v, 0, size());
        System.arraycopy(other.features.values(), 0, v, size(), other.size());
        java.util.List<String> ids = new java.util.ArrayList<>(features.rowIds());
        ids.addAll(other.features.rowIds());
        java.util.List<Sequence> seqs = new java.util.ArrayList<>(sequences);
        seqs.addAll(other.sequences);
        int[] l = null;
        if (labels != null || other.labels != null) {
            l = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                int[] src = i < size() ? labels : other.labels;
                int at = i < size() ? i : i - size();
                l[i] = src == null ? UNKNOWN : src[at];
            }
        }
        return new DetectionData(new FeatureMatrix(features.names(), ids, v), seqs, l);
    }

    /** The given rows, in that order, with their sequences and labels. */
    public DetectionData select(int[] rows) {
        List<Sequence> seqs = sequences.isEmpty() ? List.of()
                : Arrays.stream(rows).mapToObj(sequences::get).toList();
        int[] l = labels == null ? null : Arrays.stream(rows).map(r -> labels[r]).toArray();
        return new DetectionData(features.select(rows), seqs, l);
    }
}

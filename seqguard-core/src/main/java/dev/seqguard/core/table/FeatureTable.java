package dev.seqguard.core.table;

import dev.seqguard.core.features.FeatureMatrix;
import java.util.List;

/**
 * A table of ready-made features with a label per row (e.g. the ODDS benchmark tables).
 *
 * @param features  numeric columns; row ids are the 0-based data row numbers in the file
 * @param labels    1 anomalous, 0 normal, per row
 * @param rejected  rows that could not be used, with line number and reason (nothing dropped silently)
 */
public record FeatureTable(FeatureMatrix features, int[] labels, List<RejectedRow> rejected) {
    public FeatureTable {
        rejected = List.copyOf(rejected);
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.rows() + " rows");
        }
    }

    /** A data row that was not used: its 1-based line in the file, why, and the raw text. */
    public record RejectedRow(long line, String reason, String raw) {
    }
}

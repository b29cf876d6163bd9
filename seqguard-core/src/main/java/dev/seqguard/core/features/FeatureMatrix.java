package dev.seqguard.core.features;

import java.util.List;
import java.util.Objects;

/**
 * Named feature vectors, one row per scored unit (sequence or table row). Rows are not copied: treat as read-only.
 *
 * @param names  feature names, one per column
 * @param rowIds the id of each row (sequence id, or the 0-based row number of a table)
 * @param values {@code values[row][column]}; every row has {@code names.size()} finite values
 */
public record FeatureMatrix(List<String> names, List<String> rowIds, double[][] values) {
    public FeatureMatrix {
        names = List.copyOf(names);
        rowIds = List.copyOf(rowIds);
        Objects.requireNonNull(values, "values");
        if (rowIds.size() != values.length) {
            throw new IllegalArgumentException("rowIds has " + rowIds.size() + " entries but values has " + values.length + " rows");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r] == null || values[r].length != names.size()) {
                throw new IllegalArgumentException("row " + r + " (" + rowIds.get(r) + ") has "
                        + (values[r] == null ? "no" : values[r].length) + " values, expected " + names.size());
            }
        }
    }

    public int rows() {
        return values.length;
    }

    public int columns() {
        return names.size();
    }

    public double[] row(int r) {
        return values[r];
    }

    public double[] column(int c) {
        double[] out = new double[values.length];
        for (int r = 0; r < values.length; r++) {
            out[r] = values[r][c];
        }
        return out;
    }

    /** A matrix of the given rows, in that order (used for folds and splits). */
    public FeatureMatrix select(int[] rows) {
        double[][] v = new double[rows.length][];
        String[] ids = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = values[rows[i]];
            ids[i] = rowIds.get(rows[i]);
        }
        return new FeatureMatrix(names, List.of(ids), v);
    }
}

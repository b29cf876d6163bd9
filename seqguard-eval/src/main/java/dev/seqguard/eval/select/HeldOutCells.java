package dev.seqguard.eval.select;

import dev.seqguard.eval.metrics.AveragePrecision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * PR-AUC of one candidate per (validation set, anomaly kind) cell: on validation set {@code v}, the rows of kind
 * {@code k} against the normal rows (other kinds left out), so every kind counts the same however many rows it has.
 * A cell is {@code NaN} when it was not graded: the kind is absent from that set, or the candidate trained on that
 * kind (a {@code +synthetic} classifier is only ever graded on kinds it was not taught).
 */
final class HeldOutCells {
    private HeldOutCells() {
    }

    /** Kind of a validation set whose anomalies carry no kind: every anomalous row. */
    static final String ANY = "anomaly";

    /** The anomaly kinds present in the variants, sorted ({@value #ANY} alone when none is named). */
    static List<String> kinds(List<SyntheticValidation.Variant> variants) {
        TreeSet<String> kinds = new TreeSet<>();
        for (SyntheticValidation.Variant v : variants) {
            int[] y = v.data().labels();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == 1 && v.types()[i] != null && !v.types()[i].isEmpty()) {
                    kinds.add(v.types()[i]);
                }
            }
        }
        return kinds.isEmpty() ? List.of(ANY) : new ArrayList<>(kinds);
    }

    private static boolean ofKind(SyntheticValidation.Variant variant, int row, String kind) {
        String t = variant.types()[row];
        return kind.equals(t) || ANY.equals(kind) && (t == null || t.isEmpty() || !t.equals("normal"));
    }

    /** PR-AUC of {@code scores} on the rows of {@code kind} against the normal rows of {@code variant}; NaN if none. */
    static double prAuc(SyntheticValidation.Variant variant, String kind, double[] scores) {
        int[] y = variant.data().labels();
        int n = 0;
        int pos = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0 || y[i] == 1 && ofKind(variant, i, kind)) {
                n++;
                pos += y[i];
            }
        }
        if (pos == 0 || pos == n) {
            return Double.NaN;
        }
        int[] yy = new int[n];
        double[] ss = new double[n];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0 || y[i] == 1 && ofKind(variant, i, kind)) {
                yy[k] = y[i];
                ss[k++] = scores[i];
            }
        }
        return AveragePrecision.of(yy, ss);
    }

    /** Cells of a detector whose variant scores do not depend on the kind graded (every unsupervised detector). */
    static double[][] ofVariantScores(List<SyntheticValidation.Variant> variants, List<String> kinds,
                                      List<double[]> variantScores) {
        return of(variants, kinds, (v, k) -> variantScores.get(v));
    }

    /** Scores of variant {@code v} to grade kind {@code k} with, or {@code null} when that cell is not graded. */
    interface CellScores {
        double[] scores(int variant, String kind);
    }

    static double[][] of(List<SyntheticValidation.Variant> variants, List<String> kinds, CellScores scores) {
        double[][] cells = new double[variants.size()][kinds.size()];
        for (int v = 0; v < variants.size(); v++) {
            for (int k = 0; k < kinds.size(); k++) {
                double[] s = scores.scores(v, kinds.get(k));
                cells[v][k] = s == null ? Double.NaN : prAuc(variants.get(v), kinds.get(k), s);
            }
        }
        return cells;
    }

    /** Mean over kinds of each kind's mean over the variants that graded it: every kind weighs the same. */
    static double kindBalancedMean(double[][] cells) {
        double[] perKind = perKind(cells);
        return Arrays.stream(perKind).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }

    /** Per kind, the mean over the variants that graded it (NaN when none did). */
    static double[] perKind(double[][] cells) {
        if (cells.length == 0) {
            return new double[0];
        }
        double[] out = new double[cells[0].length];
        for (int k = 0; k < out.length; k++) {
            double sum = 0;
            int n = 0;
            for (double[] row : cells) {
                if (!Double.isNaN(row[k])) {
                    sum += row[k];
                    n++;
                }
            }
            out[k] = n == 0 ? Double.NaN : sum / n;
        }
        return out;
    }

    /** Per variant, the mean over the kinds graded there. */
    static double[] perVariant(double[][] cells) {
        return Arrays.stream(cells).mapToDouble(row -> Arrays.stream(row).filter(x -> !Double.isNaN(x)).average()
                .orElse(Double.NaN)).toArray();
    }
}

package dev.seqguard.eval.threshold;

import dev.seqguard.eval.metrics.LabelledRows;
import dev.seqguard.eval.metrics.MetricInputs;
import java.util.Arrays;
import java.util.Locale;

/** Checks and small helpers the rules share. */
final class ThresholdInputs {
    private ThresholdInputs() {
    }

    static double[] sortedCopy(double[] scores) {
        MetricInputs.requireFiniteScores(scores);
        if (scores.length == 0) {
            throw new IllegalArgumentException("no scores to compute a threshold from");
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The labelled rows of a validation set, for the labelled rules. */
    static LabelledRows labelled(double[] scores, int[] labels, String rule) {
        sortedCopy(scores);
        if (labels == null) {
            throw new IllegalArgumentException("threshold rule '" + rule + "' needs labelled validation scores, "
                    + "but no labels were given");
        }
        LabelledRows rows = LabelledRows.of(labels, scores, null);
        if (rows.size() == 0) {
            throw new IllegalArgumentException("threshold rule '" + rule + "' needs labelled validation scores, "
                    + "but every label is unknown");
        }
        return rows;
    }

    /** Whole numbers plainly, others with four significant digits. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        // 0.01000 -> 0.01, but keep exponents (1.000e-05) as they are
        return s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}

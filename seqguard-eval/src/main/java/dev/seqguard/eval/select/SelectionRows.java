package dev.seqguard.eval.select;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.ensemble.ScoreCalibration;
import java.util.Arrays;
import java.util.List;

/** Row selections and score arithmetic shared by the selection steps. */
final class SelectionRows {
    private SelectionRows() {
    }

    /** Mean percentile rank across score vectors of the same rows. */
    static double[] rankAverage(List<double[]> scoreSets) {
        int n = scoreSets.get(0).length;
        double[] out = new double[n];
        for (double[] s : scoreSets) {
            ScoreCalibration cal = ScoreCalibration.of(s);
            for (int i = 0; i < n; i++) {
                out[i] += cal.percentile(s[i]) / scoreSets.size();
            }
        }
        return out;
    }

    static int[] complement(int[] rows, int n) {
        boolean[] out = new boolean[n];
        for (int r : rows) {
            out[r] = true;
        }
        int[] rest = new int[n - rows.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!out[i]) {
                rest[k++] = i;
            }
        }
        return rest;
    }

    static double[] pick(double[] v, int[] rows) {
        return Arrays.stream(rows).mapToDouble(i -> v[i]).toArray();
    }

    static int[] pick(int[] v, int[] rows) {
        return Arrays.stream(rows).map(i -> v[i]).toArray();
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
    /** {@code train} plus the synthetic rows not made from any user of {@code scored} rows of {@code data}. */
    static DetectionData withExtra(DetectionData train, DetectionData data, int[] scored, Augmentation.Rows extra) {
        if (extra == null) {
            return train;
        }
        java.util.Set<String> scoredUsers = new java.util.HashSet<>();
        for (int i : scored) {
            scoredUsers.add(data.hasSequences() ? data.sequences().get(i).userId() : data.features().rowIds().get(i));
        }
        int[] keep = java.util.stream.IntStream.range(0, extra.data().size())
                .filter(i -> extra.sourceUsers()[i] == null || !scoredUsers.contains(extra.sourceUsers()[i])).toArray();
        return train.concat(extra.data().select(keep));
    }
}

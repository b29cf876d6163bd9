package dev.seqguard.detect.ml;

import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Explanation.Contribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns per-feature credits into an {@link Explanation}: features with positive credit, strongest first. */
final class FeatureCredits {
    private FeatureCredits() {
    }

    static Explanation explain(double score, List<String> names, double[] row, double[] credit) {
        List<Contribution> out = new ArrayList<>();
        for (int j = 0; j < credit.length; j++) {
            if (credit[j] > 0) {
                out.add(new Contribution(names.get(j), row[j], credit[j]));
            }
        }
        out.sort(Comparator.comparingDouble(Contribution::weight).reversed());
        return new Explanation(score, out);
    }

    static void requireRow(int row, int rows) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside 0.." + (rows - 1));
        }
    }
}

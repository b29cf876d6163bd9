package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.Explanation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A row score that is a sum of per-feature terms (HBOS's log inverse bin heights, ECOD's log tail probabilities):
 * the explanation is those terms, largest first, so the features that drove the score are named in its own unit.
 */
final class FeatureTerms {
    private FeatureTerms() {
    }

    static double sum(double[] terms) {
        double s = 0;
        for (double t : terms) {
            s += t;
        }
        return s;
    }

    static Explanation explain(List<String> names, double[] row, double[] terms) {
        List<Explanation.Contribution> out = new ArrayList<>();
        for (int j = 0; j < terms.length; j++) {
            if (terms[j] > 0) {
                out.add(new Explanation.Contribution(names.get(j), row[j], terms[j]));
            }
        }
        out.sort(Comparator.comparingDouble(Explanation.Contribution::weight).reversed());
        return new Explanation(sum(terms), out);
    }

    static void requireRow(int row, int rows) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside 0.." + (rows - 1));
        }
    }
}

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

    /** A fitted detector whose row score is the sum of {@link #terms}: scoring and explaining come with it. */
    interface Model extends dev.seqguard.detect.api.FittedDetector {
        /** Columns the model was fitted on. */
        int featureCount();

        /** The per-feature terms of one row. */
        double[] terms(double[] x);

        @Override
        default double[] score(dev.seqguard.detect.api.DetectionData data) {
            dev.seqguard.detect.api.DataChecks.requireColumns(data, featureCount(), name());
            double[][] rows = data.features().values();
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = sum(terms(rows[i]));
            }
            return out;
        }

        @Override
        default Explanation explain(dev.seqguard.detect.api.DetectionData data, int row) {
            dev.seqguard.detect.api.DataChecks.requireColumns(data, featureCount(), name());
            requireRow(row, data.size());
            double[] x = data.features().row(row);
            return FeatureTerms.explain(data.features().names(), x, terms(x));
        }
    }

    static void requireRow(int row, int rows) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is outside 0.." + (rows - 1));
        }
    }
}

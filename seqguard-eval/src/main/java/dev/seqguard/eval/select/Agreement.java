package dev.seqguard.eval.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Agreement of each detector with the others: Spearman correlation between its scores and the rank-average of the
 * other detectors' scores. A label-free sanity signal: a detector alone against all others is either seeing
 * something unique or broken.
 */
public final class Agreement {
    private Agreement() {
    }

    static List<CandidateResult> annotate(List<CandidateResult> results) {
        List<CandidateResult> ok = results.stream().filter(r -> !r.failed()).toList();
        if (ok.size() < 3) {
            return results;
        }
        List<CandidateResult> out = new ArrayList<>();
        for (CandidateResult r : results) {
            if (r.failed()) {
                out.add(r);
                continue;
            }
            List<double[]> others = ok.stream().filter(o -> o != r).map(CandidateResult::scores).toList();
            out.add(r.withAgreement(spearman(r.scores(), SelectionRows.rankAverage(others))));
        }
        return out;
    }

    /** Spearman rank correlation of two score vectors (mid-ranks for ties); 0 when either is constant. */
    public static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    /** Mid-ranks, 1-based. */
    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = mid;
            }
            i = j + 1;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }
}

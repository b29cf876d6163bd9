package dev.seqguard.detect.ml;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Rank statistics for comparing score vectors in tests (here and in {@code DetectorContract}). */
public final class RankStats {
    private RankStats() {
    }

    /** 1-based ranks, ties sharing their average rank. */
    static double[] ranks(double[] x) {
        Integer[] idx = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble(i -> x[i]));
        double[] r = new double[x.length];
        int i = 0;
        while (i < x.length) {
            int j = i;
            while (j + 1 < x.length && x[idx[j + 1]] == x[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                r[idx[t]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    /** Spearman's rho: the Pearson correlation of the tie-averaged ranks. */
    public static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** ROC-AUC of scores against 0/1 labels (Mann-Whitney, ties counted half). */
    static double rocAuc(double[] scores, int[] labels) {
        double[] r = ranks(scores);
        double pos = 0;
        double rankSum = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] == 1) {
                pos++;
                rankSum += r[i];
            }
        }
        double neg = scores.length - pos;
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }
}

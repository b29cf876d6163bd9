package dev.seqguard.detect.ml.trees;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded row draws shared by the ensembles and the other learners of this package family. */
public final class RowSampling {
    private RowSampling() {
    }

    /** {@code k} distinct indices of {@code 0..n-1}, uniformly at random (partial Fisher–Yates), in drawn order. */
    public static int[] withoutReplacement(int n, int k, SplittableRandom random) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot draw " + k + " of " + n + " rows");
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        return Arrays.copyOf(index, k);
    }

    /** A uniformly random permutation of {@code 0..n-1}. */
    public static int[] permutation(int n, SplittableRandom random) {
        return withoutReplacement(n, n, random);
    }
}

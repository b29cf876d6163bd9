package dev.seqguard.detect.ml.neighbors;

import dev.seqguard.detect.api.FeatureScaler;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The reference set of a distance-based detector: robust-scaled training rows (at most a cap of them, chosen by
 * seed) in a {@link NeighbourIndex}, and the scaler that maps new rows into the same space.
 */
public record ScaledReference(FeatureScaler scaler, NeighbourIndex index) {

    /**
     * Learns the robust scaler on all {@code rows} and indexes a uniform sample of at most {@code maxReference}
     * of them (all of them, in order, when there are few enough).
     */
    public static ScaledReference fit(double[][] rows, int maxReference, long seed) {
        FeatureScaler scaler = FeatureScaler.robust(rows);
        int[] chosen = sample(rows.length, maxReference, seed);
        double[][] points = new double[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            points[i] = scaler.apply(rows[chosen[i]]);
        }
        return new ScaledReference(scaler, new NeighbourIndex(points));
    }

    /** Indices of a uniform sample of {@code min(n, cap)} of 0..n-1, ascending. */
    static int[] sample(int n, int cap, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= cap) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < cap; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, cap);
        Arrays.sort(chosen);
        return chosen;
    }

    public int size() {
        return index.size();
    }

    /** A row mapped into the reference space. */
    public double[] scale(double[] row) {
        return scaler.apply(row);
    }
}

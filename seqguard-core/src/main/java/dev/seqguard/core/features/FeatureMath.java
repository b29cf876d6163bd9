package dev.seqguard.core.features;

import dev.seqguard.core.model.Action;

/** Small numeric helpers the feature groups share. */
final class FeatureMath {
    private FeatureMath() {
    }

    /** {@code part / whole}, or 0 when {@code whole} is 0. */
    static double share(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Shannon entropy (nats) of {@code counts} summing to {@code total}. */
    static double entropy(int[] counts, int total) {
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** {@code c ln c}, 0 for c &le; 1: running entropies add {@code xlogx(c + 1) - xlogx(c)} per event. */
    static double xlogx(int c) {
        return c <= 1 ? 0 : c * Math.log(c);
    }

    /** Number of values of ascending {@code sorted} within {@code [from, to]}. */
    static int countInRange(long[] sorted, long from, long to) {
        return firstAbove(sorted, to) - firstAbove(sorted, from - 1);
    }

    /** Index of the first value greater than {@code v}. */
    private static int firstAbove(long[] sorted, long v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@code -ln P(X >= k)} for X Poisson with mean {@code lambda}: how surprising it is to see at least {@code k}
     * when {@code lambda} are expected; 0 when {@code k <= lambda} (no more than expected).
     */
    static double poissonTailSurprise(int k, double lambda) {
        if (k <= lambda) {
            return 0;
        }
        if (lambda <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        // ln P(X = k), then the tail as P(X = k) times a series whose ratios lambda / (j + 1) are below 1 here
        double logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
        double series = 1;
        double ratio = 1;
        for (int j = k + 1; ratio > 1e-12 * series && j < k + 10_000; j++) {
            ratio *= lambda / j;
            series += ratio;
        }
        return Math.max(0, -(logTerm + Math.log(series)));
    }

    private static double logFactorial(int k) {
        double s = 0;
        for (int i = 2; i <= k; i++) {
            s += Math.log(i);
        }
        return s;
    }

    static int bit(Action a) {
        return 1 << a.ordinal();
    }
}

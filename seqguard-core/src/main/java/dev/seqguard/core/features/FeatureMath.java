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

    static int bit(Action a) {
        return 1 << a.ordinal();
    }
}

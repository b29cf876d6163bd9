package dev.seqguard.eval.metrics;

/** Empirical quantiles with linear interpolation between order statistics (Hyndman and Fan 1996, type 7). */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * @param sorted values in ascending order, at least one
     * @param p      probability in [0, 1]
     */
    public static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile probability must be in [0, 1], got " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The median of sorted values. */
    public static double medianOfSorted(double[] sorted) {
        return ofSorted(sorted, 0.5);
    }
}

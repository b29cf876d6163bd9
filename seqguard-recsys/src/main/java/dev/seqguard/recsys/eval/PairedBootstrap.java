package dev.seqguard.recsys.eval;

import dev.seqguard.eval.metrics.Interval;
import dev.seqguard.eval.metrics.Quantiles;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap interval of the mean paired difference {@code after - before} over users (the same users
 * evaluated under two training sets; Efron and Tibshirani 1993, ch. 13). Seeded: the same inputs give the same
 * interval.
 */
public final class PairedBootstrap {
    private PairedBootstrap() {
    }

    public static Interval meanDifference(double[] before, double[] after, int resamples, double level, long seed) {
        if (before.length != after.length || before.length == 0) {
            throw new IllegalArgumentException("paired bootstrap needs two non-empty arrays of equal length, got "
                    + before.length + " and " + after.length);
        }
        if (resamples < 10) {
            throw new IllegalArgumentException("resamples must be >= 10, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        int n = before.length;
        double[] d = new double[n];
        double estimate = 0;
        for (int i = 0; i < n; i++) {
            d[i] = after[i] - before[i];
            estimate += d[i] / n;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += d[random.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        return new Interval(estimate, Quantiles.ofSorted(means, tail), Quantiles.ofSorted(means, 1 - tail), level,
                resamples);
    }
}

package dev.seqguard.eval.select.table;

import dev.seqguard.detect.api.FeatureScaler;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * A label-free operating point from the score distribution alone: the robust fence {@code median + k · MAD}
 * (MAD scaled by 1.4826 to estimate σ; k = 2.5, the "moderately conservative" choice of Leys et al. 2013, "Detecting
 * outliers: do not use standard deviation around the mean, use absolute deviation around the median"), bounded so
 * that it flags between {@link #MIN_SHARE} and {@link #MAX_SHARE} of the rows it was estimated on: a fence that
 * would flag almost nobody (a long flat tail) or almost everybody (tied scores) says so instead of being shipped
 * silently. The expected share flagged comes with a bootstrap range (5th to 95th percentile over resamples of the
 * scores).
 *
 * @param threshold      flag scores at or above this (as every SeqGuard threshold)
 * @param expectedShare  share of the estimation rows flagged
 * @param shareLow       5th percentile of that share over bootstrap resamples (threshold re-estimated on each)
 * @param shareHigh      95th percentile
 * @param description    how the threshold was set, in plain words
 */
public record ScoreFence(double threshold, double expectedShare, double shareLow, double shareHigh, String description) {
    public static final double K = 2.5;
    public static final double MIN_SHARE = 0.005;
    public static final double MAX_SHARE = 0.25;
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final int RESAMPLES = 200;

    /** The fence of {@code scores} (training scores of the chosen model); {@code seed} drives the bootstrap. */
    public static ScoreFence of(double[] scores, long seed) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("cannot set a threshold on zero scores");
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        Fence main = fence(sorted);
        double[] shares = new double[RESAMPLES];
        Random rnd = new Random(seed);
        double[] sample = new double[scores.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = scores[rnd.nextInt(scores.length)];
            }
            Arrays.sort(sample);
            shares[b] = shareFlagged(sorted, fence(sample).value);
        }
        Arrays.sort(shares);
        double share = shareFlagged(sorted, main.value);
        return new ScoreFence(main.value, share, shares[(int) (0.05 * (RESAMPLES - 1))],
                shares[(int) Math.ceil(0.95 * (RESAMPLES - 1))], main.why);
    }

    private record Fence(double value, String why) {
    }

    private static Fence fence(double[] sorted) {
        int n = sorted.length;
        double median = FeatureScaler.quantile(sorted, 0.5);
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(dev);
        double value = median + K * MAD_TO_SIGMA * FeatureScaler.quantile(dev, 0.5);
        String why = String.format(Locale.ROOT, "robust fence on the training scores: median %.4g + %.1f x 1.4826 x MAD = %.4g",
                median, K, value);
        double share = shareFlagged(sorted, value);
        if (share < MIN_SHARE) {
            value = FeatureScaler.quantile(sorted, 1 - MIN_SHARE);
            why += String.format(Locale.ROOT, ", which flags under %.1f%% of the rows; raised to flag the top %.1f%% (%.4g)",
                    100 * MIN_SHARE, 100 * MIN_SHARE, value);
        } else if (share > MAX_SHARE) {
            value = FeatureScaler.quantile(sorted, 1 - MAX_SHARE);
            why += String.format(Locale.ROOT, ", which flags over %.0f%% of the rows; lowered to flag the top %.0f%% (%.4g)",
                    100 * MAX_SHARE, 100 * MAX_SHARE, value);
        }
        return new Fence(value, why);
    }

    /** Share of {@code scores} at or above {@code t}. */
    static double shareFlagged(double[] scores, double t) {
        return Arrays.stream(scores).filter(v -> v >= t).count() / (double) scores.length;
    }
}

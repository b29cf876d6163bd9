package dev.seqguard.eval.select.table;

import dev.seqguard.detect.api.FeatureScaler;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A label-free operating point from score distributions alone: {@link #byVote}, the consensus members' majority
 * vote (the default of label-free table selection), or {@link #of}, one detector's scores: the robust fence {@code median + k · MAD}
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

    /**
     * The operating point of a consensus vote: each voter (a consensus member's training scores, one per detector
     * family) flags the rows at or above its own robust fence (above its median when its MAD is 0); the rows a
     * majority of voters flag are the expected anomalies {@code k}, and {@code selected} flags its top {@code k}. A
     * heavy-tailed normal row is extreme for one family, not for most; and a fence on a rank-average's own scores,
     * which are nearly uniform, would lie above its maximum and flag almost nobody. {@code k} is kept within
     * {@link #MIN_SHARE}..{@link #MAX_SHARE} of the rows; the range is the rows every voter flags to the rows any
     * voter flags.
     *
     * @param selected the chosen model's training scores
     * @param voters   at least 2 score arrays over the same rows
     * @param names    the voters' names, for the description
     */
    public static ScoreFence byVote(double[] selected, List<double[]> voters, List<String> names) {
        int n = selected.length;
        if (voters.size() < 2 || n == 0) {
            throw new IllegalArgumentException("a vote needs at least 2 voters and 1 row, got " + voters.size()
                    + " and " + n);
        }
        int[] votes = new int[n];
        for (double[] v : voters) {
            if (v.length != n) {
                throw new IllegalArgumentException("every voter must score the same " + n + " rows, got " + v.length);
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            double median = FeatureScaler.quantile(sorted, 0.5);
            double mad = mad(sorted, median);
            double fence = median + K * MAD_TO_SIGMA * mad;
            for (int i = 0; i < n; i++) {
                if (mad > 0 ? v[i] >= fence : v[i] > median) {
                    votes[i]++;
                }
            }
        }
        int majority = 0;
        int all = 0;
        int any = 0;
        for (int c : votes) {
            majority += 2 * c > voters.size() ? 1 : 0;
            all += c == voters.size() ? 1 : 0;
            any += c > 0 ? 1 : 0;
        }
        int low = (int) Math.ceil(MIN_SHARE * n);
        int high = Math.max(low, (int) Math.floor(MAX_SHARE * n));
        int k = Math.max(low, Math.min(high, majority));
        String why = String.format(Locale.ROOT, "majority vote of %s, each flagging the training rows above its robust"
                + " fence (median + %.1f x 1.4826 x MAD): %d of %d rows", String.join(", ", names), K, majority, n);
        if (k != majority) {
            why += String.format(Locale.ROOT, ", %s to %d to stay within %.1f%%..%.0f%% of the rows",
                    k > majority ? "raised" : "lowered", k, 100 * MIN_SHARE, 100 * MAX_SHARE);
        }
        double[] desc = selected.clone();
        Arrays.sort(desc);
        double threshold = desc[n - k];
        why += String.format(Locale.ROOT, "; the pick flags its top %d (score >= %.4g)", k, threshold);
        return new ScoreFence(threshold, shareFlagged(selected, threshold), Math.min(k, Math.max(all, low)) / (double) n,
                Math.max(k, Math.min(any, high)) / (double) n, why);
    }

    private static double mad(double[] sorted, double median) {
        double[] dev = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            dev[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(dev);
        return FeatureScaler.quantile(dev, 0.5);
    }

    /** Share of {@code scores} at or above {@code t}. */
    static double shareFlagged(double[] scores, double t) {
        return Arrays.stream(scores).filter(v -> v >= t).count() / (double) scores.length;
    }
}

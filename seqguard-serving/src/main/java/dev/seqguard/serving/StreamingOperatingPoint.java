package dev.seqguard.serving;

import java.util.Arrays;
import java.util.Objects;

/**
 * When the streaming path flags: the batch threshold is fitted on whole histories, but a live user is scored after
 * every event, on a history that is still growing. A young history's score is compared with the prefixes of the same
 * length instead: {@link #normalise} maps a score to its rank (0..1) among the validation prefix scores of that
 * history-length bucket (the null distribution, estimated on all of {@code select}'s users, nearly all of them normal),
 * and an event is flagged when that rank is at least {@link #tau}.
 *
 * <p>The rule ("first crossing"): a user becomes flagged at the first event whose prefix rank reaches {@code tau};
 * every later event whose prefix rank reaches it is flagged too (an event flag means "the history up to this event
 * crosses the streaming operating point"). The rule depends only on the score and the history length, so a user's
 * state after a restore (a restart, a rescale, a model swap) gives the same flags as an uninterrupted run: replay,
 * serve and stream stay equal. {@code tau} is set so that the share of validation users whose highest prefix rank
 * reaches it equals the share of users the batch threshold flags on whole histories.
 *
 * @param rule               {@value #FIRST_CROSSING}
 * @param bucketStarts       first history length (events) of each bucket, increasing; the first is the warm-up length
 * @param nullQuantiles      per bucket, {@link #GRID} + 1 increasing quantiles of the validation prefix scores
 * @param tau                flag when the prefix rank is at least this (above 1: never)
 * @param validationUsers    users the calibration ran on
 * @param validationPrefixes scored prefixes (events after warm-up) the quantiles were estimated from
 * @param targetShare        the share of users the batch threshold flags, which {@code tau} reproduces on them
 */
public record StreamingOperatingPoint(String rule, int[] bucketStarts, double[][] nullQuantiles, double tau,
                                      int validationUsers, long validationPrefixes, double targetShare) {
    public static final String FIRST_CROSSING = "first-crossing";
    /** Quantile steps per bucket. */
    public static final int GRID = 1000;

    public StreamingOperatingPoint {
        Objects.requireNonNull(rule, "rule");
        if (!FIRST_CROSSING.equals(rule)) {
            throw new IllegalArgumentException("unknown streaming rule '" + rule + "' (this SeqGuard knows " + FIRST_CROSSING + ")");
        }
        bucketStarts = bucketStarts.clone();
        if (bucketStarts.length == 0 || bucketStarts.length != nullQuantiles.length) {
            throw new IllegalArgumentException("bucketStarts (" + bucketStarts.length + ") and nullQuantiles ("
                    + nullQuantiles.length + ") must be non-empty and of equal length");
        }
        double[][] q = new double[nullQuantiles.length][];
        for (int b = 0; b < q.length; b++) {
            if (b > 0 && bucketStarts[b] <= bucketStarts[b - 1]) {
                throw new IllegalArgumentException("bucketStarts must increase, got " + Arrays.toString(bucketStarts));
            }
            q[b] = nullQuantiles[b].clone();
            if (q[b].length < 2) {
                throw new IllegalArgumentException("bucket " + b + " needs at least 2 quantiles, got " + q[b].length);
            }
        }
        nullQuantiles = q;
        if (Double.isNaN(tau)) {
            throw new IllegalArgumentException("tau must be a number");
        }
    }

    /** The bucket of a history of {@code length} events (lengths below the first start count as the first bucket). */
    public int bucket(int length) {
        int b = 0;
        while (b + 1 < bucketStarts.length && bucketStarts[b + 1] <= length) {
            b++;
        }
        return b;
    }

    /**
     * The rank of {@code score} among validation prefix scores of histories as long as this one: 0 below all of them,
     * 1 at or above the highest, linear between quantiles.
     */
    public double normalise(double score, int length) {
        double[] g = nullQuantiles[bucket(length)];
        if (Double.isNaN(score)) {
            return Double.NaN;
        }
        if (score < g[0]) {
            return 0;
        }
        int last = g.length - 1;
        if (score >= g[last]) {
            return 1;
        }
        // the last grid point <= score (ties: the highest, so a run of equal quantiles ranks at its top)
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (g[mid] <= score) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = g[lo + 1] - g[lo];
        double within = span > 0 ? (score - g[lo]) / span : 0;
        return (lo + within) / last;
    }

    /** Whether an event whose history of {@code length} events scores {@code score} is flagged. */
    public boolean flags(double score, int length) {
        return !Double.isNaN(score) && normalise(score, length) >= tau;
    }

    @Override
    public int[] bucketStarts() {
        return bucketStarts.clone();
    }

    @Override
    public double[][] nullQuantiles() {
        double[][] q = new double[nullQuantiles.length][];
        for (int b = 0; b < q.length; b++) {
            q[b] = nullQuantiles[b].clone();
        }
        return q;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamingOperatingPoint p && rule.equals(p.rule) && Arrays.equals(bucketStarts, p.bucketStarts)
                && Arrays.deepEquals(nullQuantiles, p.nullQuantiles) && Double.compare(tau, p.tau) == 0
                && validationUsers == p.validationUsers && validationPrefixes == p.validationPrefixes
                && Double.compare(targetShare, p.targetShare) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, Arrays.hashCode(bucketStarts), Arrays.deepHashCode(nullQuantiles), tau);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s (tau %.4f over %d length buckets, %d validation users)",
                rule, tau, bucketStarts.length, validationUsers);
    }
}

package dev.seqguard.serving;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * When the streaming path flags. The batch threshold is fitted on whole histories, but a live user is scored after
 * every event, on a history that is still growing, and young histories of normal users often score high for a few
 * events before they settle. So each history length has its own threshold: a history of {@code n} events falls in
 * the length bucket {@link #bucket}{@code (n)} and an event is flagged when its prefix score reaches that bucket's
 * {@link #thresholds threshold}. Every threshold is at least the batch threshold, so a long history flags as batch
 * does; shorter ones need more.
 *
 * <p>Rule ({@value #LENGTH_THRESHOLDS}): an event is flagged when {@code score >= thresholds[bucket(length)]}; a user
 * is flagged from their first flagged event on. It reads only the score and the history length (the events kept for
 * the user, this one included), so a user's state rebuilt after a restore, a rescale or a model swap flags exactly as
 * an uninterrupted run: replay, serve and stream stay equal. {@link StreamingCalibration} sets the thresholds.
 *
 * @param rule                  {@value #LENGTH_THRESHOLDS}
 * @param bucketStarts          first history length (events) of each bucket, increasing; the first is the warm-up:
 *                              histories shorter than it are not scored
 * @param thresholds            per bucket, the score an event needs to be flagged (each at least the batch threshold)
 * @param alpha                 the share of the batch's unflagged users allowed to cross in each bucket, as calibrated
 * @param validationUsers       users the calibration ran on
 * @param batchFlaggedUsers     of them, flagged by the batch threshold on their whole history
 * @param streamingFlaggedUsers of them, flagged by these thresholds at some event
 * @param agreementF1           F1 of the streaming user flags against the batch user flags on the validation users
 */
public record StreamingOperatingPoint(String rule, int[] bucketStarts, double[] thresholds, double alpha,
                                      int validationUsers, int batchFlaggedUsers, int streamingFlaggedUsers,
                                      double agreementF1) {
    public static final String LENGTH_THRESHOLDS = "length-thresholds";

    public StreamingOperatingPoint {
        Objects.requireNonNull(rule, "rule");
        if (!LENGTH_THRESHOLDS.equals(rule)) {
            throw new IllegalArgumentException("unknown streaming rule '" + rule + "' (this SeqGuard knows "
                    + LENGTH_THRESHOLDS + ")");
        }
        bucketStarts = bucketStarts.clone();
        thresholds = thresholds.clone();
        if (bucketStarts.length == 0 || bucketStarts.length != thresholds.length) {
            throw new IllegalArgumentException("bucketStarts (" + bucketStarts.length + ") and thresholds ("
                    + thresholds.length + ") must be non-empty and of equal length");
        }
        if (bucketStarts[0] < 1) {
            throw new IllegalArgumentException("the first bucket must start at 1 event or more, got " + bucketStarts[0]);
        }
        for (int b = 0; b < bucketStarts.length; b++) {
            if (b > 0 && bucketStarts[b] <= bucketStarts[b - 1]) {
                throw new IllegalArgumentException("bucketStarts must increase, got " + Arrays.toString(bucketStarts));
            }
            if (Double.isNaN(thresholds[b])) {
                throw new IllegalArgumentException("threshold of bucket " + b + " is not a number");
            }
        }
    }

    /** Events a history needs before it is scored. */
    public int warmUp() {
        return bucketStarts[0];
    }

    /** The bucket of a history of {@code length} events (lengths below the first start count as the first bucket). */
    public int bucket(int length) {
        int b = 0;
        while (b + 1 < bucketStarts.length && bucketStarts[b + 1] <= length) {
            b++;
        }
        return b;
    }

    /** Whether an event whose history of {@code length} events scores {@code score} is flagged. */
    public boolean flags(double score, int length) {
        return !Double.isNaN(score) && score >= thresholds[bucket(length)];
    }

    @Override
    public int[] bucketStarts() {
        return bucketStarts.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamingOperatingPoint p && rule.equals(p.rule) && Arrays.equals(bucketStarts, p.bucketStarts)
                && Arrays.equals(thresholds, p.thresholds) && Double.compare(alpha, p.alpha) == 0
                && validationUsers == p.validationUsers && batchFlaggedUsers == p.batchFlaggedUsers
                && streamingFlaggedUsers == p.streamingFlaggedUsers && Double.compare(agreementF1, p.agreementF1) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, Arrays.hashCode(bucketStarts), Arrays.hashCode(thresholds), alpha);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s over %d length buckets (alpha %.3f): %d of %d validation users flagged,"
                        + " batch %d, agreement F1 %.3f", rule, bucketStarts.length, alpha, streamingFlaggedUsers,
                validationUsers, batchFlaggedUsers, agreementF1);
    }
}

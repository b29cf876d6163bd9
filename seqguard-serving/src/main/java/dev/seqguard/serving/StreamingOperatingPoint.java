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
 * @param idleGapMillis         event time without an event after which a user's history is judged whole; 0: never
 * @param idleAlpha             the share of the batch's unflagged users allowed to cross at idle decisions, as calibrated
 * @param idleThresholds        per bucket, the score a history needs at an idle decision; {@code null} without one
 */
public record StreamingOperatingPoint(String rule, int[] bucketStarts, double[] thresholds, double alpha,
                                      int validationUsers, int batchFlaggedUsers, int streamingFlaggedUsers,
                                      double agreementF1, long idleGapMillis, double idleAlpha,
                                      double[] idleThresholds) {
    public static final String LENGTH_THRESHOLDS = "length-thresholds";

    /** An operating point without the idle decision. */
    public StreamingOperatingPoint(String rule, int[] bucketStarts, double[] thresholds, double alpha,
                                   int validationUsers, int batchFlaggedUsers, int streamingFlaggedUsers,
                                   double agreementF1) {
        this(rule, bucketStarts, thresholds, alpha, validationUsers, batchFlaggedUsers, streamingFlaggedUsers,
                agreementF1, 0, 0, null);
    }

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
        if (idleGapMillis < 0) {
            throw new IllegalArgumentException("idleGapMillis must be 0 (no idle decision) or more, got " + idleGapMillis);
        }
        if (idleGapMillis > 0) {
            if (idleThresholds == null || idleThresholds.length != bucketStarts.length) {
                throw new IllegalArgumentException("an idle decision needs one idle threshold per bucket ("
                        + bucketStarts.length + "), got " + (idleThresholds == null ? "none" : idleThresholds.length));
            }
            idleThresholds = idleThresholds.clone();
            for (double t : idleThresholds) {
                if (Double.isNaN(t)) {
                    throw new IllegalArgumentException("an idle threshold is not a number");
                }
            }
        } else {
            idleThresholds = null;
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

    /** Whether users are judged whole when they go idle. */
    public boolean decidesIdle() {
        return idleGapMillis > 0;
    }

    /**
     * The event time at which a user whose last event was at {@code lastTimeMillis} is idle: a gap longer than
     * {@code idleGapMillis}, as a longer gap starts a new session.
     */
    public long idleAt(long lastTimeMillis) {
        long at = lastTimeMillis + idleGapMillis + 1;
        return at < lastTimeMillis ? Long.MAX_VALUE : at;
    }

    /** Whether a history of {@code length} events scoring {@code score} is flagged when its user goes idle. */
    public boolean flagsIdle(double score, int length) {
        return decidesIdle() && !Double.isNaN(score) && score >= idleThresholds[bucket(length)];
    }

    @Override
    public double[] idleThresholds() {
        return idleThresholds == null ? null : idleThresholds.clone();
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
                && streamingFlaggedUsers == p.streamingFlaggedUsers && Double.compare(agreementF1, p.agreementF1) == 0
                && idleGapMillis == p.idleGapMillis && Double.compare(idleAlpha, p.idleAlpha) == 0 && Arrays.equals(idleThresholds, p.idleThresholds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, Arrays.hashCode(bucketStarts), Arrays.hashCode(thresholds), alpha);
    }

    @Override
    public String toString() {
        String idle = decidesIdle() ? String.format(Locale.ROOT, ", whole history judged after %s idle (alpha %.3f)",
                human(idleGapMillis), idleAlpha) : "";
        return String.format(Locale.ROOT, "%s over %d length buckets (alpha %.3f)%s: %d of %d validation users flagged,"
                        + " batch %d, agreement F1 %.3f", rule, bucketStarts.length, alpha, idle, streamingFlaggedUsers,
                validationUsers, batchFlaggedUsers, agreementF1);
    }

    private static String human(long millis) {
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis / 1000.0 + " s";
    }
}

package dev.seqguard.serving;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a model's {@link StreamingOperatingPoint} the way the streaming path will see the users: every event of
 * the validation histories is scored through {@link ScoringEngine} (the same incremental features, group statistics
 * and detector as replay, serve and stream), the prefix scores are grouped by history-length bucket into null
 * distributions, and {@code tau} is set on the users' highest prefix ranks so that as many users cross it as the batch
 * threshold flags on whole histories.
 */
public final class StreamingCalibration {
    /** Candidate bucket starts (history lengths, roughly doubling); sparse buckets merge into the one before. */
    static final int[] CANDIDATE_STARTS = {ServingModel.MIN_EVENTS, 4, 6, 10, 18, 34, 66, 130, 258, 514, 1026, 2050};
    /** Prefix scores a bucket needs to stand on its own. */
    static final int MIN_PREFIXES_PER_BUCKET = 500;

    private StreamingCalibration() {
    }

    /**
     * @param model       the model to calibrate (its own operating point, if any, is ignored)
     * @param events      validation histories, normally the events {@code select} fitted on
     * @param targetShare share of users the batch threshold flags, in [0, 1]
     * @param users       users the batch threshold was applied to (the share's denominator)
     * @throws IllegalArgumentException when no user has a history past warm-up
     */
    public static StreamingOperatingPoint calibrate(ServingModel model, List<BehaviorEvent> events, double targetShare,
                                                    int users) {
        if (!(targetShare >= 0 && targetShare <= 1)) {
            throw new IllegalArgumentException("targetShare must be in [0, 1], got " + targetShare);
        }
        ServingModel plain = model.withoutOperatingPoint();
        List<BehaviorEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        ScoringEngine engine = new ScoringEngine(plain, Math.max(1, ordered.size()), 1);
        Map<String, Integer> userIndex = new HashMap<>();
        Map<String, Integer> lengths = new HashMap<>();
        int n = 0;
        double[] scores = new double[ordered.size()];
        int[] lengthOf = new int[ordered.size()];
        int[] userOf = new int[ordered.size()];
        for (BehaviorEvent e : ordered) {
            ScoredEvent s = engine.score(e);
            int length = lengths.merge(e.userId(), 1, Integer::sum);
            if (s.warmingUp() || Double.isNaN(s.score())) {
                continue;
            }
            scores[n] = s.score();
            lengthOf[n] = length;
            userOf[n] = userIndex.computeIfAbsent(e.userId(), k -> userIndex.size());
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("no validation user has more than " + (ServingModel.MIN_EVENTS - 1)
                    + " events: the streaming operating point cannot be calibrated");
        }
        return fit(Arrays.copyOf(scores, n), Arrays.copyOf(lengthOf, n), Arrays.copyOf(userOf, n), userIndex.size(),
                targetShare, Math.max(users, userIndex.size()));
    }

    /**
     * The operating point from prefix scores: {@code scores[i]} of a history of {@code lengths[i]} events of user
     * {@code userOf[i]} (0..scoredUsers-1).
     */
    static StreamingOperatingPoint fit(double[] scores, int[] lengths, int[] userOf, int scoredUsers, double targetShare,
                                       int users) {
        int[] starts = buckets(lengths);
        double[][] quantiles = new double[starts.length][];
        List<List<Double>> perBucket = new ArrayList<>();
        for (int b = 0; b < starts.length; b++) {
            perBucket.add(new ArrayList<>());
        }
        StreamingOperatingPoint probe = new StreamingOperatingPoint(StreamingOperatingPoint.FIRST_CROSSING, starts,
                dummy(starts.length), 2, 0, 0, 0);
        for (int i = 0; i < scores.length; i++) {
            perBucket.get(probe.bucket(lengths[i])).add(scores[i]);
        }
        for (int b = 0; b < starts.length; b++) {
            double[] sorted = perBucket.get(b).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            quantiles[b] = grid(sorted);
        }
        StreamingOperatingPoint ranks = new StreamingOperatingPoint(StreamingOperatingPoint.FIRST_CROSSING, starts,
                quantiles, 2, scoredUsers, scores.length, targetShare);
        double[] best = new double[scoredUsers];
        for (int i = 0; i < scores.length; i++) {
            best[userOf[i]] = Math.max(best[userOf[i]], ranks.normalise(scores[i], lengths[i]));
        }
        Arrays.sort(best);
        int k = (int) Math.round(targetShare * users);
        double tau;
        if (k <= 0) {
            tau = 2; // nobody crosses
        } else if (k >= best.length) {
            tau = best[0];
        } else {
            double in = best[best.length - k];
            double out = best[best.length - k - 1];
            tau = in > out ? (in + out) / 2 : in;
        }
        return new StreamingOperatingPoint(StreamingOperatingPoint.FIRST_CROSSING, starts, quantiles, tau, scoredUsers,
                scores.length, targetShare);
    }

    /** Candidate starts up to the longest history, each holding at least {@link #MIN_PREFIXES_PER_BUCKET} prefixes. */
    static int[] buckets(int[] lengths) {
        long[] counts = new long[CANDIDATE_STARTS.length];
        for (int len : lengths) {
            int b = 0;
            while (b + 1 < CANDIDATE_STARTS.length && CANDIDATE_STARTS[b + 1] <= len) {
                b++;
            }
            counts[b]++;
        }
        List<Integer> starts = new ArrayList<>();
        long open = 0;
        for (int b = 0; b < CANDIDATE_STARTS.length; b++) {
            if (starts.isEmpty()) {
                starts.add(CANDIDATE_STARTS[b]);
                open = counts[b];
            } else if (open >= MIN_PREFIXES_PER_BUCKET && remaining(counts, b) >= MIN_PREFIXES_PER_BUCKET) {
                starts.add(CANDIDATE_STARTS[b]);
                open = counts[b];
            } else {
                open += counts[b];
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long remaining(long[] counts, int from) {
        long n = 0;
        for (int b = from; b < counts.length; b++) {
            n += counts[b];
        }
        return n;
    }

    /** {@link StreamingOperatingPoint#GRID} + 1 quantiles of sorted values (type-7 interpolation). */
    static double[] grid(double[] sorted) {
        double[] g = new double[StreamingOperatingPoint.GRID + 1];
        if (sorted.length == 0) {
            Arrays.fill(g, Double.MAX_VALUE);
            return g;
        }
        for (int j = 0; j < g.length; j++) {
            double pos = (double) j / StreamingOperatingPoint.GRID * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            g[j] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
        return g;
    }

    private static double[][] dummy(int buckets) {
        double[][] q = new double[buckets][];
        for (int b = 0; b < buckets; b++) {
            q[b] = new double[] {0, 1};
        }
        return q;
    }
}

package dev.seqguard.serving;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a model's {@link StreamingOperatingPoint} from the users it was selected on, seen the way the streaming
 * path sees them: every event of their histories is scored through {@link ScoringEngine} (the same incremental
 * features, group statistics and detector as replay, serve and stream), from the first event on.
 *
 * <p>The target is the batch decision, not labels: a user's last prefix is their whole history, so its score is the
 * batch score and {@code score >= threshold} says whether batch flags them. Among the users batch does not flag, the
 * highest prefix score of each user within each history-length bucket is their worst moment at that length; a
 * bucket's threshold is the level that at most a share {@code alpha} of them reach (never below the batch
 * threshold). One {@code alpha} for every bucket, so every length gets the same false-alarm share; it is the value of
 * {@link #ALPHAS} whose streaming user flags agree best (F1) with the batch user flags. No label is read, so a model
 * selected without labels is calibrated the same way.
 *
 * <p>Idle decisions: a user is also judged whole whenever they go idle ({@link StreamingOperatingPoint#idleAt}),
 * after every prefix followed by a longer gap and after their last event (which is the batch decision itself). Each
 * bucket gets an idle threshold the same way, from the users' highest scores at idle points, with a share of its own;
 * the idle gap (the session gap or one of {@link #IDLE_GAPS_MILLIS}), the two shares, and whether to decide at idle
 * points at all are chosen together by the same agreement with batch.
 */
public final class StreamingCalibration {
    /** Candidate bucket starts (history lengths, roughly doubling); sparse buckets merge into the one before. */
    static final int[] CANDIDATE_STARTS = {1, 2, 3, 4, 6, 10, 18, 34, 66, 130, 258, 514, 1026, 2050, 4098};
    /** Users a bucket needs (with a prefix of that length) to stand on its own. */
    static final int MIN_USERS_PER_BUCKET = 30;
    /** The false-alarm shares per bucket tried, in increasing order (ties keep the stricter). */
    static final double[] ALPHAS = {0, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2};
    /** Idle gaps tried beside the session gap (longer ones only): 2 h, 8 h, a day. */
    static final long[] IDLE_GAPS_MILLIS = {2 * 3_600_000L, 8 * 3_600_000L, 24 * 3_600_000L};

    private StreamingCalibration() {
    }

    /**
     * @param model  the model to calibrate (its own operating point, if any, is ignored)
     * @param events validation histories, normally the events {@code select} fitted on
     * @throws IllegalArgumentException when there are no events
     */
    public static StreamingOperatingPoint calibrate(ServingModel model, List<BehaviorEvent> events) {
        return calibrate(model, events, 0);
    }

    /**
     * @param sessionGapMillis the shortest idle gap tried ({@link #IDLE_GAPS_MILLIS} longer ones too); 0 for no idle
     *                         decision
     */
    public static StreamingOperatingPoint calibrate(ServingModel model, List<BehaviorEvent> events, long sessionGapMillis) {
        return fit(PrefixScores.of(model, events), model.threshold(), idleGaps(sessionGapMillis));
    }

    /** The session gap, then the longer of {@link #IDLE_GAPS_MILLIS}; none for 0. */
    static long[] idleGaps(long sessionGapMillis) {
        if (sessionGapMillis <= 0) {
            return new long[0];
        }
        return java.util.stream.LongStream.concat(java.util.stream.LongStream.of(sessionGapMillis),
                Arrays.stream(IDLE_GAPS_MILLIS).filter(g -> g > sessionGapMillis)).toArray();
    }

    /**
     * Every prefix score of every user's history, from the first event, as the streaming path computes it, and the
     * times of the events ({@code timesByUser[u][n - 1]}: when user u's n-th event happened), which say where the user
     * went idle.
     */
    record PrefixScores(double[][] byUser, long[][] timesByUser) {
        /** Scores without times: every user is idle only after their last event. */
        PrefixScores(double[][] byUser) {
            this(byUser, evenlySpaced(byUser));
        }

        private static long[][] evenlySpaced(double[][] byUser) {
            long[][] out = new long[byUser.length][];
            for (int u = 0; u < byUser.length; u++) {
                out[u] = new long[byUser[u].length]; // all at one time: no gap before the end
            }
            return out;
        }

        /** Whether user u goes idle after their n-th event for a gap of {@code gapMillis}: a longer gap, or the end. */
        boolean idleAfter(int u, int n, long gapMillis) {
            long[] t = timesByUser[u];
            return n == t.length || t[n] - t[n - 1] > gapMillis;
        }

        static PrefixScores of(ServingModel model, List<BehaviorEvent> events) {
            List<BehaviorEvent> ordered = new ArrayList<>(events);
            ordered.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
            ServingModel probe = model.withOperatingPoint(scoreFromFirstEvent());
            ScoringEngine engine = new ScoringEngine(probe, Math.max(1, ordered.size()), 1);
            Map<String, List<Double>> scores = new HashMap<>();
            Map<String, List<Long>> times = new HashMap<>();
            List<String> order = new ArrayList<>();
            for (BehaviorEvent e : ordered) {
                ScoredEvent s = engine.score(e);
                List<Double> user = scores.get(e.userId());
                if (user == null) {
                    user = new ArrayList<>();
                    scores.put(e.userId(), user);
                    times.put(e.userId(), new ArrayList<>());
                    order.add(e.userId());
                }
                // an online model (random cut forest) still warms up: its prefix then scores below everything
                user.add(s.warmingUp() || Double.isNaN(s.score()) ? Double.NEGATIVE_INFINITY : s.score());
                times.get(e.userId()).add(e.timeMillis());
            }
            double[][] out = new double[order.size()][];
            long[][] t = new long[order.size()][];
            for (int u = 0; u < out.length; u++) {
                out[u] = scores.get(order.get(u)).stream().mapToDouble(Double::doubleValue).toArray();
                t[u] = times.get(order.get(u)).stream().mapToLong(Long::longValue).toArray();
            }
            return new PrefixScores(out, t);
        }
    }

    /** Scores every event (warm-up 1) and flags none: what calibration reads scores through. */
    private static StreamingOperatingPoint scoreFromFirstEvent() {
        return new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS, new int[] {1},
                new double[] {Double.POSITIVE_INFINITY}, 0, 0, 0, 0, 0);
    }

    /** The operating point for prefix scores ({@code byUser[u][n - 1]}: user u's history of n events), no idle decision. */
    static StreamingOperatingPoint fit(PrefixScores prefixes, double batchThreshold) {
        return fit(prefixes, batchThreshold, new long[0]);
    }

    /**
     * The operating point for prefix scores: per length bucket a threshold at events and, for each idle gap tried, one
     * at idle decisions, each the level at most a share {@code alpha} of the batch's unflagged users reach there (one
     * share for events, one for idle decisions); the combination whose user flags agree best with batch's wins, ties
     * keeping the stricter shares and the shorter gap (flags come sooner), and no idle decision before any.
     */
    static StreamingOperatingPoint fit(PrefixScores prefixes, double batchThreshold, long[] idleGaps) {
        double[][] users = prefixes.byUser();
        if (users.length == 0) {
            throw new IllegalArgumentException("no validation history: the streaming operating point cannot be calibrated");
        }
        int[] starts = buckets(users);
        StreamingOperatingPoint layout = withThresholds(starts, new double[starts.length], 0, 0, 0, 0, 0);
        boolean[] batch = new boolean[users.length];
        int batchFlagged = 0;
        for (int u = 0; u < users.length; u++) {
            batch[u] = users[u][users[u].length - 1] >= batchThreshold;
            batchFlagged += batch[u] ? 1 : 0;
        }
        double[][] eventMax = bucketMax(prefixes, layout, -1);
        double[][] eventWorst = unflaggedSorted(eventMax, batch, starts.length);
        double[][] eventThresholds = new double[ALPHAS.length][];
        for (int a = 0; a < ALPHAS.length; a++) {
            eventThresholds[a] = thresholds(eventWorst, ALPHAS[a], batchThreshold);
        }
        Candidate best = null;
        for (long gap : java.util.stream.LongStream.concat(java.util.stream.LongStream.of(0), Arrays.stream(idleGaps))
                .toArray()) {
            double[][] idleMax = gap == 0 ? null : bucketMax(prefixes, layout, gap);
            double[][] idleWorst = gap == 0 ? null : unflaggedSorted(idleMax, batch, starts.length);
            for (int a = 0; a < ALPHAS.length; a++) {
                double alpha = ALPHAS[a];
                double[] t = eventThresholds[a];
                for (double idleAlpha : gap == 0 ? new double[] {Double.NaN} : ALPHAS) {
                    double[] it = gap == 0 ? null : thresholds(idleWorst, idleAlpha, batchThreshold);
                    int flagged = 0;
                    int agree = 0;
                    for (int u = 0; u < users.length; u++) {
                        if (crosses(eventMax[u], t) || (it != null && crosses(idleMax[u], it))) {
                            flagged++;
                            agree += batch[u] ? 1 : 0;
                        }
                    }
                    double f1 = flagged + batchFlagged == 0 ? 1 : 2.0 * agree / (flagged + batchFlagged);
                    if (best == null || f1 > best.f1()) {
                        best = new Candidate(t, alpha, gap, idleAlpha, it, flagged, f1);
                    }
                }
            }
        }
        return new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS, starts, best.thresholds(),
                best.alpha(), users.length, batchFlagged, best.flagged(), best.f1(), best.gap(),
                best.gap() == 0 ? 0 : best.idleAlpha(), best.gap() == 0 ? null : best.idleThresholds());
    }

    private record Candidate(double[] thresholds, double alpha, long gap, double idleAlpha, double[] idleThresholds,
                             int flagged, double f1) {
    }

    /**
     * Per user and bucket, the highest score at an event ({@code gap < 0}) or at an idle decision for that gap;
     * {@link Double#NaN} where the user has none in the bucket.
     */
    private static double[][] bucketMax(PrefixScores prefixes, StreamingOperatingPoint layout, long gap) {
        double[][] users = prefixes.byUser();
        int buckets = layout.bucketStarts().length;
        double[][] out = new double[users.length][buckets];
        for (int u = 0; u < users.length; u++) {
            Arrays.fill(out[u], Double.NaN);
            for (int n = 1; n <= users[u].length; n++) {
                if (gap >= 0 && !prefixes.idleAfter(u, n, gap)) {
                    continue;
                }
                int b = layout.bucket(n);
                double v = users[u][n - 1];
                out[u][b] = Double.isNaN(out[u][b]) ? v : Math.max(out[u][b], v);
            }
        }
        return out;
    }

    /** Per bucket, the sorted highest scores of the users batch leaves unflagged (those with a score there). */
    private static double[][] unflaggedSorted(double[][] max, boolean[] batch, int buckets) {
        double[][] out = new double[buckets][];
        for (int b = 0; b < buckets; b++) {
            double[] values = new double[max.length];
            int n = 0;
            for (int u = 0; u < max.length; u++) {
                if (!batch[u] && !Double.isNaN(max[u][b])) {
                    values[n++] = max[u][b];
                }
            }
            out[b] = Arrays.copyOf(values, n);
            Arrays.sort(out[b]);
        }
        return out;
    }

    /** Per bucket, the level at most {@code alpha} of the batch's unflagged users reach, floored at the batch threshold. */
    private static double[] thresholds(double[][] unflaggedSorted, double alpha, double batchThreshold) {
        double[] t = new double[unflaggedSorted.length];
        for (int b = 0; b < t.length; b++) {
            t[b] = Math.max(batchThreshold, reachedBy(unflaggedSorted[b], alpha));
        }
        return t;
    }

    private static boolean crosses(double[] max, double[] thresholds) {
        for (int b = 0; b < max.length; b++) {
            if (!Double.isNaN(max[b]) && max[b] >= thresholds[b]) {
                return true;
            }
        }
        return false;
    }

    private static StreamingOperatingPoint withThresholds(int[] starts, double[] t, double alpha, int users, int batch,
                                                          int flagged, double f1) {
        return new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS, starts, t, alpha, users, batch,
                flagged, f1);
    }

    /**
     * The lowest level that at most {@code floor(alpha * n)} of the sorted values reach ({@code >=}): just above the
     * value ranked that many from the top. With no values, minus infinity (the batch threshold then applies).
     */
    static double reachedBy(double[] sorted, double alpha) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        int allowed = (int) Math.floor(alpha * n);
        if (allowed >= n) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.nextUp(sorted[n - allowed - 1]);
    }

    /** Candidate starts reached by at least {@link #MIN_USERS_PER_BUCKET} histories (the first always). */
    static int[] buckets(double[][] users) {
        List<Integer> starts = new ArrayList<>();
        starts.add(CANDIDATE_STARTS[0]);
        for (int b = 1; b < CANDIDATE_STARTS.length; b++) {
            int reaching = 0;
            for (double[] s : users) {
                reaching += s.length >= CANDIDATE_STARTS[b] ? 1 : 0;
            }
            if (reaching >= MIN_USERS_PER_BUCKET) {
                starts.add(CANDIDATE_STARTS[b]);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}

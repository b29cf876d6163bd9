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
 */
public final class StreamingCalibration {
    /** Candidate bucket starts (history lengths, roughly doubling); sparse buckets merge into the one before. */
    static final int[] CANDIDATE_STARTS = {1, 2, 3, 4, 6, 10, 18, 34, 66, 130, 258, 514, 1026, 2050, 4098};
    /** Users a bucket needs (with a prefix of that length) to stand on its own. */
    static final int MIN_USERS_PER_BUCKET = 30;
    /** The false-alarm shares per bucket tried, in increasing order (ties keep the stricter). */
    static final double[] ALPHAS = {0, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2};

    private StreamingCalibration() {
    }

    /**
     * @param model  the model to calibrate (its own operating point, if any, is ignored)
     * @param events validation histories, normally the events {@code select} fitted on
     * @throws IllegalArgumentException when there are no events
     */
    public static StreamingOperatingPoint calibrate(ServingModel model, List<BehaviorEvent> events) {
        return fit(PrefixScores.of(model, events), model.threshold());
    }

    /** Every prefix score of every user's history, from the first event, as the streaming path computes it. */
    record PrefixScores(double[][] byUser) {
        static PrefixScores of(ServingModel model, List<BehaviorEvent> events) {
            List<BehaviorEvent> ordered = new ArrayList<>(events);
            ordered.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
            ServingModel probe = model.withOperatingPoint(scoreFromFirstEvent());
            ScoringEngine engine = new ScoringEngine(probe, Math.max(1, ordered.size()), 1);
            Map<String, List<Double>> scores = new HashMap<>();
            List<String> order = new ArrayList<>();
            for (BehaviorEvent e : ordered) {
                ScoredEvent s = engine.score(e);
                List<Double> user = scores.get(e.userId());
                if (user == null) {
                    user = new ArrayList<>();
                    scores.put(e.userId(), user);
                    order.add(e.userId());
                }
                // an online model (random cut forest) still warms up: its prefix then scores below everything
                user.add(s.warmingUp() || Double.isNaN(s.score()) ? Double.NEGATIVE_INFINITY : s.score());
            }
            double[][] out = new double[order.size()][];
            for (int u = 0; u < out.length; u++) {
                out[u] = scores.get(order.get(u)).stream().mapToDouble(Double::doubleValue).toArray();
            }
            return new PrefixScores(out);
        }
    }

    /** Scores every event (warm-up 1) and flags none: what calibration reads scores through. */
    private static StreamingOperatingPoint scoreFromFirstEvent() {
        return new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS, new int[] {1},
                new double[] {Double.POSITIVE_INFINITY}, 0, 0, 0, 0, 0);
    }

    /** The operating point for prefix scores ({@code byUser[u][n - 1]}: user u's history of n events). */
    static StreamingOperatingPoint fit(PrefixScores prefixes, double batchThreshold) {
        double[][] users = prefixes.byUser();
        if (users.length == 0) {
            throw new IllegalArgumentException("no validation history: the streaming operating point cannot be calibrated");
        }
        int[] starts = buckets(users);
        boolean[] batch = new boolean[users.length];
        int batchFlagged = 0;
        List<List<Double>> worst = new ArrayList<>();
        for (int b = 0; b < starts.length; b++) {
            worst.add(new ArrayList<>());
        }
        StreamingOperatingPoint layout = withThresholds(starts, new double[starts.length], 0, 0, 0, 0, 0);
        for (int u = 0; u < users.length; u++) {
            double[] s = users[u];
            batch[u] = s[s.length - 1] >= batchThreshold;
            if (batch[u]) {
                batchFlagged++;
                continue;
            }
            double[] max = new double[starts.length];
            Arrays.fill(max, Double.NaN);
            for (int n = 1; n <= s.length; n++) {
                int b = layout.bucket(n);
                max[b] = Double.isNaN(max[b]) ? s[n - 1] : Math.max(max[b], s[n - 1]);
            }
            for (int b = 0; b < starts.length; b++) {
                if (!Double.isNaN(max[b])) {
                    worst.get(b).add(max[b]);
                }
            }
        }
        double[][] sortedWorst = new double[starts.length][];
        for (int b = 0; b < starts.length; b++) {
            sortedWorst[b] = worst.get(b).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        StreamingOperatingPoint best = null;
        for (double alpha : ALPHAS) {
            double[] t = new double[starts.length];
            for (int b = 0; b < starts.length; b++) {
                t[b] = Math.max(batchThreshold, reachedBy(sortedWorst[b], alpha));
            }
            StreamingOperatingPoint p = withThresholds(starts, t, alpha, users.length, batchFlagged, 0, 0);
            int flagged = 0;
            int agree = 0;
            for (int u = 0; u < users.length; u++) {
                if (flagsSomewhere(p, users[u])) {
                    flagged++;
                    agree += batch[u] ? 1 : 0;
                }
            }
            double f1 = flagged + batchFlagged == 0 ? 1 : 2.0 * agree / (flagged + batchFlagged);
            if (best == null || f1 > best.agreementF1()) {
                best = withThresholds(starts, t, alpha, users.length, batchFlagged, flagged, f1);
            }
        }
        return best;
    }

    private static StreamingOperatingPoint withThresholds(int[] starts, double[] t, double alpha, int users, int batch,
                                                          int flagged, double f1) {
        return new StreamingOperatingPoint(StreamingOperatingPoint.LENGTH_THRESHOLDS, starts, t, alpha, users, batch,
                flagged, f1);
    }

    private static boolean flagsSomewhere(StreamingOperatingPoint p, double[] scores) {
        for (int n = 1; n <= scores.length; n++) {
            if (p.flags(scores[n - 1], n)) {
                return true;
            }
        }
        return false;
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

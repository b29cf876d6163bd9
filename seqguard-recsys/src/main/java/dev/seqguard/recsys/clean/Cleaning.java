package dev.seqguard.recsys.clean;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.util.Sorted;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The cleaning strategies: how detection results change the recommender's training data. Each returns a
 * {@link TrainingSet} over the same input events.
 * <ul>
 *   <li>{@code drop-users}: every event of a flagged user (score at or above the model's threshold) is dropped;</li>
 *   <li>{@code drop-events}: the E highest-scoring events are dropped, E = the number of events {@code drop-users}
 *       drops, so both spend the same budget of removed data (ties broken by input order);</li>
 *   <li>{@code down-weight}: each event weighs {@code 1 - p^k}, p the mid-rank percentile of its user's score
 *       among all users ({@code (below + equal / 2) / n}), k chosen so that a user exactly at the threshold's
 *       percentile weighs 1/2; users far below keep nearly full weight, the top users nearly none;</li>
 *   <li>{@code oracle}: every event of an injected (label 1) user is dropped — what a perfect detector would do.</li>
 * </ul>
 */
public final class Cleaning {
    public static final String RAW = "raw";
    public static final String ORACLE = "oracle";
    public static final String DROP_USERS = "drop-users";
    public static final String DROP_EVENTS = "drop-events";
    public static final String DOWN_WEIGHT = "down-weight";
    /** The detector-driven strategies, in display order. */
    public static final List<String> STRATEGIES = List.of(DROP_USERS, DROP_EVENTS, DOWN_WEIGHT);

    private Cleaning() {
    }

    public static TrainingSet raw(List<BehaviorEvent> events) {
        double[] w = new double[events.size()];
        Arrays.fill(w, 1);
        return new TrainingSet(RAW, "every event", w);
    }

    public static TrainingSet oracle(List<BehaviorEvent> events, Set<String> anomalous) {
        return new TrainingSet(ORACLE, "drops every event of the " + anomalous.size() + " labelled anomalous users",
                dropUsersWeights(events, anomalous));
    }

    public static TrainingSet dropUsers(List<BehaviorEvent> events, DetectionScores d) {
        Set<String> flagged = Set.copyOf(d.flaggedUsers());
        return new TrainingSet(DROP_USERS, String.format(Locale.ROOT,
                "drops every event of the %d users scoring >= %.4g (%s)", flagged.size(), d.threshold(), d.detector()),
                dropUsersWeights(events, flagged));
    }

    public static TrainingSet dropEvents(List<BehaviorEvent> events, DetectionScores d) {
        boolean[] top = topEvents(events, d);
        double[] w = new double[events.size()];
        int dropped = 0;
        for (int e = 0; e < w.length; e++) {
            w[e] = top[e] ? 0 : 1;
            dropped += top[e] ? 1 : 0;
        }
        return new TrainingSet(DROP_EVENTS, String.format(Locale.ROOT,
                "drops the %d highest-scoring events (%s), as many as drop-users drops", dropped, d.eventScorer()), w);
    }

    /** The events {@code drop-events} drops: the E highest event scores, E = events of flagged users. */
    public static boolean[] topEvents(List<BehaviorEvent> events, DetectionScores d) {
        if (d.eventScores().length != events.size()) {
            throw new IllegalArgumentException(d.eventScores().length + " event scores for " + events.size() + " events");
        }
        Set<String> flagged = Set.copyOf(d.flaggedUsers());
        int budget = (int) events.stream().filter(e -> flagged.contains(e.userId())).count();
        double[] s = d.eventScores();
        int[] order = IntStream.range(0, s.length).boxed()
                .sorted(Comparator.comparingDouble((Integer e) -> -s[e]).thenComparingInt(e -> e))
                .mapToInt(Integer::intValue).toArray();
        boolean[] top = new boolean[s.length];
        for (int k = 0; k < budget; k++) {
            top[order[k]] = true;
        }
        return top;
    }

    public static TrainingSet downWeight(List<BehaviorEvent> events, DetectionScores d) {
        Map<String, Double> userWeights = userWeights(d.userScores(), d.threshold());
        double[] w = new double[events.size()];
        for (int e = 0; e < w.length; e++) {
            w[e] = userWeights.getOrDefault(events.get(e).userId(), 1.0);
        }
        return new TrainingSet(DOWN_WEIGHT, String.format(Locale.ROOT,
                "weighs each user's events 1 - p^k (p = score percentile; k = %.3g puts weight 1/2 at the threshold)",
                exponent(d.userScores(), d.threshold())), w);
    }

    /** Per user the down-weighting factor {@code 1 - p^k}; see the class comment. */
    public static Map<String, Double> userWeights(Map<String, Double> scores, double threshold) {
        double[] sorted = scores.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double k = exponent(scores, threshold);
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        scores.forEach((u, s) -> out.put(u, 1 - Math.pow(midRank(sorted, s), k)));
        return out;
    }

    /** k with {@code 1 - p_t^k = 1/2}, p_t the mid-rank percentile of the threshold, kept inside (0, 1). */
    static double exponent(Map<String, Double> scores, double threshold) {
        double[] sorted = scores.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return 1;
        }
        double below = Sorted.lowerBound(sorted, threshold);
        double p = Math.min(Math.max(below / n, 0.5 / n), 1 - 0.5 / n);
        return Math.log(0.5) / Math.log(p);
    }

    /** (users below + users equal / 2) / n. */
    static double midRank(double[] sorted, double s) {
        return Sorted.midRank(sorted, s);
    }

    private static double[] dropUsersWeights(List<BehaviorEvent> events, Set<String> users) {
        double[] w = new double[events.size()];
        for (int e = 0; e < w.length; e++) {
            w[e] = users.contains(events.get(e).userId()) ? 0 : 1;
        }
        return w;
    }
}

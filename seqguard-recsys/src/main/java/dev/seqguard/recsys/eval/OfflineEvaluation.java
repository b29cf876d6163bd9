package dev.seqguard.recsys.eval;

import dev.seqguard.recsys.model.FittedRecommender;
import dev.seqguard.recsys.model.UserHistory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Scores a fitted recommender against a leave-last-out split: see {@link RecMetrics} for every definition. */
public final class OfflineEvaluation {
    /** Depth of the list asked for: the target rank is looked for in the top 100. */
    static final int DEPTH = RecMetrics.MISSING_RANK - 1;

    private OfflineEvaluation() {
    }

    /**
     * @param targets       items an attack promotes (may be empty: the attack metrics are then NaN)
     * @param catalogueSize distinct items of the whole input, at least 1
     */
    public static RecMetrics evaluate(FittedRecommender recommender, LeaveLastOut split, Set<String> targets,
                                      int catalogueSize) {
        if (catalogueSize < 1) {
            throw new IllegalArgumentException("catalogueSize must be >= 1, got " + catalogueSize);
        }
        int n = split.users();
        if (n == 0) {
            throw new IllegalArgumentException("no user to evaluate: every evaluated user has fewer than two distinct items");
        }
        double[] ndcg = new double[n];
        double[] exposed = new double[n];
        double hits10 = 0;
        double hits20 = 0;
        double rankSum = 0;
        Set<String> covered = new HashSet<>();
        int u = 0;
        for (Map.Entry<String, UserHistory> e : split.histories().entrySet()) {
            List<String> top = recommender.recommend(e.getValue(), DEPTH);
            String held = split.heldOut().get(e.getKey());
            int rank = top.indexOf(held) + 1;
            if (rank >= 1 && rank <= 10) {
                hits10++;
                ndcg[u] = 1 / log2(rank + 1);
            }
            if (rank >= 1 && rank <= 20) {
                hits20++;
            }
            covered.addAll(top.subList(0, Math.min(10, top.size())));
            int best = RecMetrics.MISSING_RANK;
            for (int r = 0; r < top.size(); r++) {
                if (targets.contains(top.get(r))) {
                    best = r + 1;
                    break;
                }
            }
            exposed[u] = best <= 10 ? 1 : 0;
            rankSum += best;
            u++;
        }
        boolean attack = !targets.isEmpty();
        return new RecMetrics(hits10 / n, mean(ndcg), hits20 / n, (double) covered.size() / catalogueSize,
                attack ? mean(exposed) : Double.NaN, attack ? rankSum / n : Double.NaN, ndcg, exposed);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

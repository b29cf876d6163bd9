package dev.seqguard.recsys.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Offline quality and attack success of one recommender on one training set, over the evaluated (real) users, with
 * the per-user values behind the means (for paired bootstrap intervals).
 *
 * @param hr10           share of users whose held-out item is in their top 10
 * @param ndcg10         mean of {@code 1 / log2(rank + 1)} for a held-out item at rank ≤ 10, else 0 (one relevant
 *                       item, so the ideal DCG is 1)
 * @param recall20       share of held-out items in the top 20 (one held-out item per user: recall = hit rate)
 * @param coverage       distinct items in any evaluated user's top 10, over the catalogue (distinct items of the
 *                       whole input, the same for every training set so that runs compare)
 * @param targetExposure share of users whose top 10 holds a target item; NaN without targets
 * @param targetMeanRank mean over users of the best rank of a target in their top 100, a user with none there
 *                       counting {@value #MISSING_RANK}; NaN without targets
 * @param ndcgPerUser    per evaluated user, NDCG@10
 * @param exposedPerUser per evaluated user, 1 when a target is in the top 10 (all 0 without targets)
 */
public record RecMetrics(double hr10, double ndcg10, double recall20, double coverage, double targetExposure,
                         double targetMeanRank, double[] ndcgPerUser, double[] exposedPerUser) {
    public static final int MISSING_RANK = 101;
    /** The keys of each block of {@code recommend.json}, in order. */
    public static final String[] KEYS = {"hr@10", "ndcg@10", "recall@20", "coverage", "target_exposure",
            "target_mean_rank"};

    public RecMetrics {
        ndcgPerUser = ndcgPerUser.clone();
        exposedPerUser = exposedPerUser.clone();
    }

    /** The six metrics under their {@code recommend.json} keys; undefined ones (NaN) as null. */
    public Map<String, Double> asMap() {
        double[] v = {hr10, ndcg10, recall20, coverage, targetExposure, targetMeanRank};
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.length; i++) {
            out.put(KEYS[i], Double.isNaN(v[i]) ? null : v[i]);
        }
        return out;
    }
}

package dev.seqguard.recsys.model;

import java.util.Map;

/**
 * Item-to-item collaborative filtering (Sarwar et al., "Item-based collaborative filtering recommendation
 * algorithms", WWW 2001; Linden et al., "Amazon.com recommendations: item-to-item collaborative filtering", IEEE
 * Internet Computing 2003). Items are vectors of behaviour-weighted user interactions; the similarity of two items is
 * their cosine. A user's score for an untouched item j is {@code sum over touched items i of h(i) * cos(i, j)}, with
 * {@code h(i)} the user's own weight on i; every co-occurring item is a neighbour (no top-k truncation: the sample
 * is small and truncation would hide exactly the co-visitation that click farming fakes).
 */
public final class ItemKnnRecommender implements Recommender {
    public static final String NAME = "item-knn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedRecommender fit(Interactions m) {
        return (history, n) -> {
            double[] scores = new double[m.items()];
            int[] candidates = new int[m.items()];
            int count = 0;
            for (Map.Entry<String, Double> h : history.items().entrySet()) {
                Integer i = m.index(h.getKey()).orElse(null);
                if (i == null || m.norm(i) == 0) {
                    continue;
                }
                int[] users = m.itemUsers(i);
                double[] wi = m.itemUserWeights(i);
                double scale = h.getValue() / m.norm(i);
                for (int k = 0; k < users.length; k++) {
                    int[] items = m.userItems(users[k]);
                    double[] wj = m.userWeights(users[k]);
                    for (int l = 0; l < items.length; l++) {
                        int j = items[l];
                        if (j == i) {
                            continue;
                        }
                        if (scores[j] == 0) {
                            candidates[count++] = j;
                        }
                        scores[j] += scale * wi[k] * wj[l] / m.norm(j);
                    }
                }
            }
            return TopN.select(m, scores, candidates, count, history, n);
        };
    }

    @Override
    public String toString() {
        return NAME;
    }
}

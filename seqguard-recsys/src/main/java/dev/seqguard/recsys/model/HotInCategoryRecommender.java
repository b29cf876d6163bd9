package dev.seqguard.recsys.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * "Hot in your categories", the list Taobao-style shops show: the most-interacted items (total behaviour weight over
 * all users) of the user's favourite categories. The favourite categories are the user's {@code categories} with
 * the largest own behaviour weight; an item's score is the user's weight on its category times the item's
 * popularity, so the hottest item of the favourite category leads. Click farming attacks exactly this list: a few
 * dozen fake interactions lift a mid-popularity item to the top of its category.
 */
public final class HotInCategoryRecommender implements Recommender {
    public static final String NAME = "hot-in-category";
    private final int categories;

    /** @param categories how many favourite categories to draw from, at least 1 */
    public HotInCategoryRecommender(int categories) {
        if (categories < 1) {
            throw new IllegalArgumentException("categories must be >= 1, got " + categories);
        }
        this.categories = categories;
    }

    /** The user's three favourite categories. */
    public HotInCategoryRecommender() {
        this(3);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FittedRecommender fit(Interactions m) {
        return (history, n) -> {
            List<Map.Entry<String, Double>> favourite = new ArrayList<>(history.categories().entrySet());
            favourite.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            double[] scores = new double[m.items()];
            int[] candidates = new int[m.items()];
            int count = 0;
            for (Map.Entry<String, Double> c : favourite.subList(0, Math.min(categories, favourite.size()))) {
                for (int i : m.categoryItems(c.getKey())) {
                    scores[i] = c.getValue() * m.popularity(i);
                    candidates[count++] = i;
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

package dev.seqguard.recsys.model;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recommender knows about the user it serves: the behaviour-weighted interaction per item and per category.
 * Recommendations never include an item in {@link #items()} (the user has already touched it).
 */
public record UserHistory(Map<String, Double> items, Map<String, Double> categories) {
    public UserHistory {
        items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
        categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    /** The history of one user's events (searches and item-less events add nothing). */
    public static UserHistory of(List<BehaviorEvent> events, BehaviorWeights behaviour) {
        Map<String, Double> items = new LinkedHashMap<>();
        Map<String, Double> cats = new LinkedHashMap<>();
        for (BehaviorEvent e : events) {
            double w = behaviour.of(e.action());
            if (w <= 0 || e.itemId().isEmpty()) {
                continue;
            }
            items.merge(e.itemId(), w, Double::sum);
            cats.merge(e.categoryId(), w, Double::sum);
        }
        return new UserHistory(items, cats);
    }
}

package dev.seqguard.recsys.model;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user–item interaction matrix a recommender is fitted on: per (user, item) the sum over the user's events on
 * the item of behaviour weight × event weight, so a cleaning strategy that down-weights an event (weight in [0, 1])
 * or drops it (weight 0) changes the matrix directly. Items and users with no positive weight are absent. Immutable.
 */
public final class Interactions {
    private final String[] itemIds;
    private final String[] itemCategories;
    private final Map<String, Integer> itemIndex;
    private final int[][] userItems;
    private final double[][] userWeights;
    private final int[][] itemUsers;
    private final double[][] itemUserWeights;
    private final double[] itemNorms;
    private final double[] popularity;
    private final Integer[] byPopularity;
    private final Map<String, int[]> categoryItemsByPopularity;

    private Interactions(List<BehaviorEvent> events, double[] eventWeights, BehaviorWeights behaviour) {
        if (eventWeights != null && eventWeights.length != events.size()) {
            throw new IllegalArgumentException(eventWeights.length + " event weights for " + events.size() + " events");
        }
        Map<String, Integer> items = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<String> cats = new ArrayList<>();
        Map<String, Map<Integer, Double>> byUser = new LinkedHashMap<>();
        for (int e = 0; e < events.size(); e++) {
            BehaviorEvent ev = events.get(e);
            double ew = eventWeights == null ? 1 : eventWeights[e];
            if (!(ew >= 0) || Double.isInfinite(ew)) {
                throw new IllegalArgumentException("event weight " + e + " must be finite and >= 0, got " + ew);
            }
            double w = behaviour.of(ev.action()) * ew;
            if (w <= 0 || ev.itemId().isEmpty()) {
                continue;
            }
            Integer item = items.get(ev.itemId());
            if (item == null) {
                item = ids.size();
                items.put(ev.itemId(), item);
                ids.add(ev.itemId());
                cats.add(ev.categoryId());
            }
            byUser.computeIfAbsent(ev.userId(), u -> new LinkedHashMap<>()).merge(item, w, Double::sum);
        }
        itemIds = ids.toArray(String[]::new);
        itemCategories = cats.toArray(String[]::new);
        itemIndex = Map.copyOf(items);
        int nItems = itemIds.length;
        userItems = new int[byUser.size()][];
        userWeights = new double[byUser.size()][];
        int[] itemDegree = new int[nItems];
        int u = 0;
        for (Map<Integer, Double> row : byUser.values()) {
            userItems[u] = row.keySet().stream().mapToInt(Integer::intValue).toArray();
            userWeights[u] = row.values().stream().mapToDouble(Double::doubleValue).toArray();
            for (int i : userItems[u]) {
                itemDegree[i]++;
            }
            u++;
        }
        itemUsers = new int[nItems][];
        itemUserWeights = new double[nItems][];
        for (int i = 0; i < nItems; i++) {
            itemUsers[i] = new int[itemDegree[i]];
            itemUserWeights[i] = new double[itemDegree[i]];
        }
        int[] fill = new int[nItems];
        itemNorms = new double[nItems];
        popularity = new double[nItems];
        for (u = 0; u < userItems.length; u++) {
            for (int k = 0; k < userItems[u].length; k++) {
                int i = userItems[u][k];
                double w = userWeights[u][k];
                itemUsers[i][fill[i]] = u;
                itemUserWeights[i][fill[i]++] = w;
                itemNorms[i] += w * w;
                popularity[i] += w;
            }
        }
        for (int i = 0; i < nItems; i++) {
            itemNorms[i] = Math.sqrt(itemNorms[i]);
        }
        byPopularity = new Integer[nItems];
        for (int i = 0; i < nItems; i++) {
            byPopularity[i] = i;
        }
        Arrays.sort(byPopularity, this::compareByPopularity);
        Map<String, List<Integer>> perCategory = new HashMap<>();
        for (int i : byPopularity) {
            perCategory.computeIfAbsent(itemCategories[i], c -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> cat = new HashMap<>();
        perCategory.forEach((c, list) -> cat.put(c, list.stream().mapToInt(Integer::intValue).toArray()));
        categoryItemsByPopularity = Map.copyOf(cat);
    }

    /**
     * @param events       the training events
     * @param eventWeights per event a weight in [0, ∞) multiplying its behaviour weight, or {@code null} for all 1
     */
    public static Interactions of(List<BehaviorEvent> events, double[] eventWeights, BehaviorWeights behaviour) {
        return new Interactions(events, eventWeights, behaviour);
    }

    public static Interactions of(List<BehaviorEvent> events) {
        return new Interactions(events, null, BehaviorWeights.defaults());
    }

    /** Higher popularity first; ties by item id so every ranking is deterministic. */
    int compareByPopularity(int a, int b) {
        int c = Double.compare(popularity[b], popularity[a]);
        return c != 0 ? c : itemIds[a].compareTo(itemIds[b]);
    }

    public int items() {
        return itemIds.length;
    }

    public int users() {
        return userItems.length;
    }

    public String itemId(int item) {
        return itemIds[item];
    }

    public String category(int item) {
        return itemCategories[item];
    }

    public Optional<Integer> index(String itemId) {
        return Optional.ofNullable(itemIndex.get(itemId));
    }

    /** Sum of the item's interaction weights over all users. */
    public double popularity(int item) {
        return popularity[item];
    }

    /** Euclidean norm of the item's user-weight column (for cosine similarity). */
    public double norm(int item) {
        return itemNorms[item];
    }

    /** Users of {@code item}: indices and weights (parallel arrays, not to be modified). */
    int[] itemUsers(int item) {
        return itemUsers[item];
    }

    double[] itemUserWeights(int item) {
        return itemUserWeights[item];
    }

    int[] userItems(int user) {
        return userItems[user];
    }

    double[] userWeights(int user) {
        return userWeights[user];
    }

    /** Every item, most popular first. */
    Integer[] byPopularity() {
        return byPopularity;
    }

    /** The items of a category, most popular first (empty for an unknown category). */
    int[] categoryItems(String category) {
        return categoryItemsByPopularity.getOrDefault(category, new int[0]);
    }
}

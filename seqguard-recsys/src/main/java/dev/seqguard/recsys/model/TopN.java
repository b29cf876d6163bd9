package dev.seqguard.recsys.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns sparse item scores into a top-N list: highest score first, ties by higher popularity then item id; items the
 * user touched are skipped; when fewer than N items have a positive score the list is filled with the most popular
 * untouched items (the usual fallback, so that every recommender always fills its N slots).
 */
final class TopN {
    private TopN() {
    }

    /**
     * @param scores     per item index a score (only entries at {@code candidates} are read)
     * @param candidates item indices with a positive score, each at most once
     */
    static List<String> select(Interactions m, double[] scores, int[] candidates, int count, UserHistory history,
                               int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = candidates[k];
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : m.compareByPopularity(a, b);
        });
        List<String> out = new ArrayList<>(n);
        boolean[] taken = new boolean[m.items()];
        for (int i : order) {
            if (out.size() == n) {
                return out;
            }
            if (!history.items().containsKey(m.itemId(i))) {
                out.add(m.itemId(i));
                taken[i] = true;
            }
        }
        for (int i : m.byPopularity()) {
            if (out.size() == n) {
                break;
            }
            if (!taken[i] && !history.items().containsKey(m.itemId(i))) {
                out.add(m.itemId(i));
            }
        }
        return out;
    }
}

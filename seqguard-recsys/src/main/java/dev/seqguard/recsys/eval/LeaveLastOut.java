package dev.seqguard.recsys.eval;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.recsys.model.BehaviorWeights;
import dev.seqguard.recsys.model.UserHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leave-last-out split for offline evaluation. For each evaluated user the held-out item is the item of the user's
 * last purchase; failing that, of the last add-to-cart; failing that, of the last event. A purchase (or a cart) is
 * what a shop's recommender is judged on, and on Taobao nine events in ten are page views that often re-visit items
 * seen earlier, so the last view alone is a noisy target. <b>Every</b> event of the user on the held-out item is
 * removed from training (otherwise the item would be excluded from the user's recommendations as already touched).
 * Users with fewer than two distinct items are not evaluated (nothing would be left to recommend from).
 *
 * @param train     per input event, whether it stays in the training data
 * @param heldOut   evaluated user to held-out item, in input order of first appearance
 * @param histories evaluated user to the history the recommender is queried with (their remaining events)
 */
public record LeaveLastOut(boolean[] train, Map<String, String> heldOut, Map<String, UserHistory> histories) {
    public LeaveLastOut {
        train = train.clone();
        heldOut = Collections.unmodifiableMap(new LinkedHashMap<>(heldOut));
        histories = Collections.unmodifiableMap(new LinkedHashMap<>(histories));
    }

    /**
     * @param events    every input event
     * @param evaluated the users to hold an item out for (the real users); others keep all their events
     */
    public static LeaveLastOut split(List<BehaviorEvent> events, Set<String> evaluated, BehaviorWeights behaviour) {
        Map<String, List<Integer>> byUser = new LinkedHashMap<>();
        for (int e = 0; e < events.size(); e++) {
            BehaviorEvent ev = events.get(e);
            if (evaluated.contains(ev.userId()) && !ev.itemId().isEmpty() && behaviour.of(ev.action()) > 0) {
                byUser.computeIfAbsent(ev.userId(), u -> new ArrayList<>()).add(e);
            }
        }
        boolean[] train = new boolean[events.size()];
        java.util.Arrays.fill(train, true);
        Map<String, String> heldOut = new LinkedHashMap<>();
        Map<String, UserHistory> histories = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> u : byUser.entrySet()) {
            List<Integer> idx = new ArrayList<>(u.getValue());
            // stable: equal times keep input order, so "last" is the later line
            idx.sort(Comparator.comparingLong(e -> events.get(e).timeMillis()));
            if (idx.stream().map(e -> events.get(e).itemId()).distinct().count() < 2) {
                continue;
            }
            String item = lastItem(events, idx, Action.BUY);
            if (item == null) {
                item = lastItem(events, idx, Action.CART);
            }
            if (item == null) {
                item = events.get(idx.get(idx.size() - 1)).itemId();
            }
            List<BehaviorEvent> rest = new ArrayList<>();
            for (int e : idx) {
                if (events.get(e).itemId().equals(item)) {
                    train[e] = false;
                } else {
                    rest.add(events.get(e));
                }
            }
            heldOut.put(u.getKey(), item);
            histories.put(u.getKey(), UserHistory.of(rest, behaviour));
        }
        return new LeaveLastOut(train, heldOut, histories);
    }

    private static String lastItem(List<BehaviorEvent> events, List<Integer> idx, Action action) {
        for (int k = idx.size() - 1; k >= 0; k--) {
            if (events.get(idx.get(k)).action() == action) {
                return events.get(idx.get(k)).itemId();
            }
        }
        return null;
    }

    /** The training events, given per-event weights of the full input (null = all 1): weights of held-out events are 0. */
    public double[] trainingWeights(double[] weights) {
        double[] out = new double[train.length];
        for (int e = 0; e < out.length; e++) {
            out[e] = train[e] ? (weights == null ? 1 : weights[e]) : 0;
        }
        return out;
    }

    public int users() {
        return heldOut.size();
    }
}

package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the injector needs to know about the real traffic so that injected events use real users, items, categories,
 * times and id shapes. Built once per injection; every collection keeps input order so that choices are reproducible.
 */
final class TrafficProfile {
    /** Quantile of event times taken as the start (and 1 - it as the end) of the traffic's time window. */
    private static final double WINDOW_TAIL = 0.001;

    /** Orders user ids numerically when both are numeric, otherwise as text. */
    static final Comparator<String> USER_ORDER = (a, b) -> {
        boolean numericA = isNumericId(a);
        boolean numericB = isNumericId(b);
        if (numericA && numericB) {
            int byLength = Integer.compare(stripZeros(a).length(), stripZeros(b).length());
            return byLength != 0 ? byLength : stripZeros(a).compareTo(stripZeros(b));
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    };

    final Map<String, List<BehaviorEvent>> eventsByUser;
    final Map<String, String> categoryOfItem;
    final Map<String, List<String>> itemsOfCategory;
    final Map<String, Integer> itemCount;
    /** Real events that touch an item; a uniform pick is a popularity-weighted pick of an item. */
    final List<BehaviorEvent> itemEvents;
    /** Items neither unseen-like (one event) nor bestsellers: what farming and ad fraud promote. */
    final List<String> lowToMidItems;
    final long windowStart;
    final long windowEnd;
    final boolean numericUserIds;
    final long minNumericId;
    final long maxNumericId;
    final boolean wholeSeconds;
    final boolean hasClicks;

    TrafficProfile(List<BehaviorEvent> events) {
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("no real events to inject anomalies into");
        }
        Map<String, List<BehaviorEvent>> byUser = new LinkedHashMap<>();
        categoryOfItem = new HashMap<>();
        itemsOfCategory = new LinkedHashMap<>();
        itemCount = new LinkedHashMap<>();
        itemEvents = new ArrayList<>();
        long[] times = new long[events.size()];
        boolean allSeconds = true;
        boolean clicks = false;
        boolean numeric = true;
        long minId = Long.MAX_VALUE;
        long maxId = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            BehaviorEvent event = events.get(i);
            if (event == null) {
                throw new IllegalArgumentException("real event " + i + " is null");
            }
            List<BehaviorEvent> history = byUser.get(event.userId());
            if (history == null) {
                history = new ArrayList<>();
                byUser.put(event.userId(), history);
                if (numeric && isNumericId(event.userId()) && stripZeros(event.userId()).length() <= 17) {
                    long id = Long.parseLong(event.userId());
                    minId = Math.min(minId, id);
                    maxId = Math.max(maxId, id);
                } else {
                    numeric = false;
                }
            }
            history.add(event);
            times[i] = event.timeMillis();
            allSeconds &= event.timeMillis() % 1000 == 0;
            clicks |= event.action() == Action.CLICK;
            if (!event.itemId().isEmpty()) {
                itemEvents.add(event);
                itemCount.merge(event.itemId(), 1, Integer::sum);
                if (categoryOfItem.putIfAbsent(event.itemId(), event.categoryId()) == null) {
                    itemsOfCategory.computeIfAbsent(event.categoryId(), c -> new ArrayList<>()).add(event.itemId());
                }
            }
        }
        if (itemEvents.isEmpty()) {
            throw new IllegalArgumentException("the real events name no items; injection needs real items to use");
        }
        for (List<BehaviorEvent> history : byUser.values()) {
            history.sort(Comparator.comparingLong(BehaviorEvent::timeMillis));
        }
        eventsByUser = byUser;
        Arrays.sort(times);
        windowStart = times[(int) Math.floor(WINDOW_TAIL * (times.length - 1))];
        windowEnd = times[(int) Math.ceil((1 - WINDOW_TAIL) * (times.length - 1))];
        numericUserIds = numeric;
        minNumericId = numeric ? minId : 0;
        maxNumericId = numeric ? maxId : 0;
        wholeSeconds = allSeconds;
        hasClicks = clicks;
        lowToMidItems = lowToMidPopularity(itemCount);
    }

    int realUserCount() {
        return eventsByUser.size();
    }

    /** Real users in {@link #USER_ORDER}. */
    List<String> sortedUsers() {
        List<String> users = new ArrayList<>(eventsByUser.keySet());
        users.sort(USER_ORDER);
        return users;
    }

    long windowLength() {
        return windowEnd - windowStart;
    }

    /** Items touched at least twice and no more than the 98th percentile of item counts (at least two). */
    private static List<String> lowToMidPopularity(Map<String, Integer> counts) {
        int[] sorted = counts.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int high = Math.max(2, sorted[(int) Math.floor(0.98 * (sorted.length - 1))]);
        List<String> items = new ArrayList<>();
        counts.forEach((item, count) -> {
            if (count >= 2 && count <= high) {
                items.add(item);
            }
        });
        return items.isEmpty() ? new ArrayList<>(counts.keySet()) : items;
    }

    static boolean isNumericId(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}

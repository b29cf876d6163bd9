package dev.seqguard.eval.bank;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.EventExtras;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the bank's generators need to know about a real log so that planted events use its real items, categories,
 * actions, time window and id shapes. Collections keep input order, so choices are reproducible from a seed.
 */
final class BankTraffic {
    private static final double WINDOW_TAIL = 0.001;

    final Set<String> users;
    final Map<String, String> categoryOfItem = new HashMap<>();
    final Map<String, List<String>> itemsOfCategory = new LinkedHashMap<>();
    final Map<String, Integer> itemCount = new LinkedHashMap<>();
    final Map<String, Long> itemFirstSeen = new HashMap<>();
    /** Real events on an item: a uniform pick is a popularity-weighted pick of an item. */
    final List<BehaviorEvent> itemEvents = new ArrayList<>();
    final Set<Action> actions = EnumSet.noneOf(Action.class);
    final long windowStart;
    final long windowEnd;
    final boolean wholeSeconds;
    final boolean sessionIds;
    private final boolean numericIds;
    private final boolean ipIds;
    private final long minId;
    private final long maxId;
    private final Set<String> taken;

    BankTraffic(List<BehaviorEvent> events, Set<String> alsoTaken) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no real events to plant anomalies into");
        }
        users = new java.util.LinkedHashSet<>();
        long[] times = new long[events.size()];
        boolean seconds = true;
        boolean sessions = false;
        boolean numeric = true;
        boolean ips = true;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            BehaviorEvent e = events.get(i);
            times[i] = e.timeMillis();
            seconds &= e.timeMillis() % 1000 == 0;
            sessions |= e.extras().sessionId() != null;
            actions.add(e.action());
            if (users.add(e.userId())) {
                if (numeric && e.userId().matches("\\d{1,17}")) {
                    long id = Long.parseLong(e.userId());
                    lo = Math.min(lo, id);
                    hi = Math.max(hi, id);
                } else {
                    numeric = false;
                }
                ips &= e.userId().matches("\\d{1,3}(\\.\\d{1,3}){3}");
            }
            if (!e.itemId().isEmpty()) {
                itemEvents.add(e);
                itemCount.merge(e.itemId(), 1, Integer::sum);
                itemFirstSeen.merge(e.itemId(), e.timeMillis(), Math::min);
                if (categoryOfItem.putIfAbsent(e.itemId(), e.categoryId()) == null) {
                    itemsOfCategory.computeIfAbsent(e.categoryId(), c -> new ArrayList<>()).add(e.itemId());
                }
            }
        }
        if (itemEvents.isEmpty()) {
            throw new IllegalArgumentException("the real events name no items");
        }
        Arrays.sort(times);
        windowStart = times[(int) Math.floor(WINDOW_TAIL * (times.length - 1))];
        windowEnd = times[(int) Math.ceil((1 - WINDOW_TAIL) * (times.length - 1))];
        wholeSeconds = seconds;
        sessionIds = sessions;
        numericIds = numeric;
        ipIds = ips;
        minId = numeric ? lo : 0;
        maxId = numeric ? hi : 0;
        taken = new HashSet<>(users);
        taken.addAll(alsoTaken);
    }

    long windowLength() {
        return windowEnd - windowStart;
    }

    /** The action of a plain look at an item in this log: a click where it has clicks, else a page view. */
    Action browseAction() {
        return actions.contains(Action.CLICK) || !actions.contains(Action.VIEW) ? Action.CLICK : Action.VIEW;
    }

    /** A fresh account id shaped like the real ones (a number inside their range, or an IPv4 address). */
    String newAccountId(SplittableRandom random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String id;
            if (ipIds) {
                id = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                        + (1 + random.nextInt(254));
            } else if (numericIds && maxId > minId + 1000) {
                id = Long.toString(random.nextLong(minId, maxId + 1));
            } else {
                id = Long.toString(random.nextLong(1_000_000_000L, 10_000_000_000L));
            }
            if (taken.add(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free account id after 1000 tries");
    }

    /** A planted event on a real item with its real category, inside the window, shaped like the log's times. */
    BehaviorEvent event(String user, String item, Action action, long timeMillis) {
        long t = Math.max(windowStart, Math.min(windowEnd, timeMillis));
        if (wholeSeconds) {
            t = Math.floorDiv(t, 1000L) * 1000L;
        }
        EventExtras extras = sessionIds ? new EventExtras(user, null, Double.NaN, -1, null) : EventExtras.NONE;
        return new BehaviorEvent(user, item, categoryOfItem.get(item), action, t, extras);
    }

    String popularItem(SplittableRandom random) {
        return itemEvents.get(random.nextInt(itemEvents.size())).itemId();
    }

    /** A popularity-weighted category (busy listings first). */
    String popularCategory(SplittableRandom random) {
        return categoryOfItem.get(popularItem(random));
    }

    /** {@code count} distinct items touched 2..(98th percentile) times, in random order (fewer if there are fewer). */
    List<String> lowToMidItems(SplittableRandom random, int count) {
        int[] sorted = itemCount.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int high = Math.max(2, sorted[(int) Math.floor(0.98 * (sorted.length - 1))]);
        List<String> pool = new ArrayList<>();
        itemCount.forEach((item, n) -> {
            if (n >= 2 && n <= high) {
                pool.add(item);
            }
        });
        return sample(random, pool.isEmpty() ? new ArrayList<>(itemCount.keySet()) : pool, count);
    }

    /**
     * {@code count} items new to the catalogue: first seen in the last 40% of the window and touched at most three
     * times; the latest-appearing items when there are too few such.
     */
    List<String> newItems(SplittableRandom random, int count) {
        long late = windowStart + Math.round(0.6 * windowLength());
        List<String> pool = new ArrayList<>();
        itemFirstSeen.forEach((item, first) -> {
            if (first >= late && itemCount.get(item) <= 3) {
                pool.add(item);
            }
        });
        if (pool.size() < count) {
            List<String> byFirst = new ArrayList<>(itemFirstSeen.keySet());
            byFirst.sort((a, b) -> Long.compare(itemFirstSeen.get(b), itemFirstSeen.get(a)));
            for (String item : byFirst) {
                if (pool.size() >= Math.max(count, 20)) {
                    break;
                }
                if (!pool.contains(item)) {
                    pool.add(item);
                }
            }
        }
        pool.sort(String::compareTo);
        return sample(random, pool, count);
    }

    static <T> List<T> sample(SplittableRandom random, List<T> from, int count) {
        List<T> copy = new ArrayList<>(from);
        int size = Math.min(count, copy.size());
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(copy.size() - i);
            T swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return new ArrayList<>(copy.subList(0, size));
    }

    /** A log-normal gap with the given mean and coefficient of variation, at least one second. */
    static long gapMillis(SplittableRandom random, double meanSeconds, double cv) {
        double sigma2 = Math.log1p(cv * cv);
        double mu = Math.log(meanSeconds) - sigma2 / 2;
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        return Math.max(1000L, Math.round(Math.exp(mu + Math.sqrt(sigma2) * z) * 1000));
    }

    /** A start such that {@code duration} fits in the window (the window start if it does not). */
    long placeStart(SplittableRandom random, long duration) {
        long room = windowLength() - duration;
        return room <= 0 ? windowStart : windowStart + random.nextLong(room + 1);
    }
}

package dev.seqguard.core.io;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * What a data set looks like: sizes, time span, behaviour mix and how many events users have. Built by an
 * {@link Accumulator} fed the accepted events; memory grows with the number of users (one counter each), not with
 * the number of events. Items and categories are counted exactly up to 65,536 distinct values and by HyperLogLog
 * beyond (about 0.8% error), as {@link #itemsExact()} / {@link #categoriesExact()} say. Empty item and category ids
 * (searches, layouts without categories) are not counted as values.
 *
 * @param rows            events seen
 * @param users           distinct users (exact)
 * @param items           distinct non-empty item ids
 * @param itemsExact      whether {@code items} is exact
 * @param categories      distinct non-empty category ids
 * @param categoriesExact whether {@code categories} is exact
 * @param firstMillis     earliest event time, empty when there are no rows
 * @param lastMillis      latest event time, empty when there are no rows
 * @param actionCounts    events per action, every action present (0 when unseen)
 * @param eventsPerUser   distribution of events per user
 */
public record DatasetProfile(long rows, long users, long items, boolean itemsExact, long categories,
                             boolean categoriesExact, OptionalLong firstMillis, OptionalLong lastMillis,
                             Map<Action, Long> actionCounts, EventsPerUser eventsPerUser) {

    public DatasetProfile {
        Objects.requireNonNull(firstMillis, "firstMillis");
        Objects.requireNonNull(lastMillis, "lastMillis");
        Objects.requireNonNull(eventsPerUser, "eventsPerUser");
        EnumMap<Action, Long> counts = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            counts.put(a, actionCounts.getOrDefault(a, 0L));
        }
        actionCounts = Collections.unmodifiableMap(counts);
    }

    /**
     * Nearest-rank quantiles of the number of events per user (the smallest count with at least that share of users
     * at or below it); all 0 when there are no users.
     */
    public record EventsPerUser(long p50, long p90, long p99, long max, double mean) {
    }

    /** A profile of {@code events}. */
    public static DatasetProfile of(Iterable<BehaviorEvent> events) {
        Accumulator acc = new Accumulator();
        events.forEach(acc);
        return acc.result();
    }

    /** Share of events with that action, 0 when there are no rows. */
    public double share(Action action) {
        return rows == 0 ? 0.0 : actionCounts.get(action) / (double) rows;
    }

    /** A JSON-friendly view: snake_case keys, ISO times, action codes. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("users", users);
        m.put("items", items);
        m.put("items_exact", itemsExact);
        m.put("categories", categories);
        m.put("categories_exact", categoriesExact);
        m.put("first_time", firstMillis.isPresent() ? Instant.ofEpochMilli(firstMillis.getAsLong()).toString() : null);
        m.put("last_time", lastMillis.isPresent() ? Instant.ofEpochMilli(lastMillis.getAsLong()).toString() : null);
        Map<String, Object> mix = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("count", actionCounts.get(a));
            entry.put("share", share(a));
            mix.put(a.code(), entry);
        }
        m.put("behavior_mix", mix);
        Map<String, Object> perUser = new LinkedHashMap<>();
        perUser.put("p50", eventsPerUser.p50());
        perUser.put("p90", eventsPerUser.p90());
        perUser.put("p99", eventsPerUser.p99());
        perUser.put("max", eventsPerUser.max());
        perUser.put("mean", eventsPerUser.mean());
        m.put("events_per_user", perUser);
        return m;
    }

    /** Consumes accepted events (e.g. as the consumer of {@link EventReader#read}); not thread-safe. */
    public static final class Accumulator implements Consumer<BehaviorEvent> {
        private final Map<String, long[]> perUser = new HashMap<>();
        private final DistinctCounter items = new DistinctCounter();
        private final DistinctCounter categories = new DistinctCounter();
        private final long[] actions = new long[Action.count()];
        private long rows;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;

        @Override
        public void accept(BehaviorEvent e) {
            rows++;
            perUser.computeIfAbsent(e.userId(), k -> new long[1])[0]++;
            if (!e.itemId().isEmpty()) {
                items.add(e.itemId());
            }
            if (!e.categoryId().isEmpty()) {
                categories.add(e.categoryId());
            }
            actions[e.action().ordinal()]++;
            first = Math.min(first, e.timeMillis());
            last = Math.max(last, e.timeMillis());
        }

        /** The profile of everything accepted so far. */
        public DatasetProfile result() {
            long[] counts = new long[perUser.size()];
            int i = 0;
            for (long[] c : perUser.values()) {
                counts[i++] = c[0];
            }
            java.util.Arrays.sort(counts);
            EventsPerUser q = counts.length == 0 ? new EventsPerUser(0, 0, 0, 0, 0.0)
                    : new EventsPerUser(rank(counts, 0.50), rank(counts, 0.90), rank(counts, 0.99),
                    counts[counts.length - 1], rows / (double) counts.length);
            EnumMap<Action, Long> mix = new EnumMap<>(Action.class);
            for (Action a : Action.values()) {
                mix.put(a, actions[a.ordinal()]);
            }
            return new DatasetProfile(rows, perUser.size(), items.count(), items.isExact(), categories.count(),
                    categories.isExact(), rows == 0 ? OptionalLong.empty() : OptionalLong.of(first),
                    rows == 0 ? OptionalLong.empty() : OptionalLong.of(last), mix, q);
        }

        private static long rank(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, index)];
        }
    }
}

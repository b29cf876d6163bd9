package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Shared state and helpers of one injection run: the real-traffic profile, fresh account ids, the real users already
 * altered, the target items, and the construction of injected events that look like the real ones.
 */
final class InjectionContext {
    private static final int ID_TRIES = 64;
    private static final int PICK_TRIES = 400;

    final TrafficProfile profile;
    private final SplittableRandom idRandom;
    private final Set<String> takenIds;
    private final Set<String> alteredUsers = new HashSet<>();
    private final Set<TargetItem> targets = new LinkedHashSet<>();
    private long nextFallbackId;

    InjectionContext(TrafficProfile profile, SplittableRandom idRandom) {
        this.profile = profile;
        this.idRandom = idRandom;
        this.takenIds = new HashSet<>(profile.eventsByUser.keySet());
        this.nextFallbackId = profile.numericUserIds ? profile.maxNumericId + 1 : 1_000_000_000L;
    }

    /**
     * A fresh account id that no real or injected user has. For numeric ids it is drawn from the unused numbers
     * inside the real id range, so that an id's size does not give an injected account away; above the range only
     * when the range is crowded.
     */
    String newAccountId() {
        if (profile.numericUserIds) {
            for (int attempt = 0; attempt < ID_TRIES && profile.maxNumericId > profile.minNumericId; attempt++) {
                String id = Long.toString(idRandom.nextLong(profile.minNumericId, profile.maxNumericId + 1));
                if (takenIds.add(id)) {
                    return id;
                }
            }
        } else {
            for (int attempt = 0; attempt < ID_TRIES; attempt++) {
                String id = Long.toString(idRandom.nextLong(1_000_000_000L, 10_000_000_000L));
                if (takenIds.add(id)) {
                    return id;
                }
            }
        }
        while (!takenIds.add(Long.toString(nextFallbackId))) {
            nextFallbackId++;
        }
        return Long.toString(nextFallbackId++);
    }

    /** Marks a real user as altered; false if another anomaly already took them. */
    boolean claimRealUser(String userId) {
        return alteredUsers.add(userId);
    }

    /**
     * Alters {@code users} real users, each with at least {@code minHistory} events, tried in random order. A user is
     * skipped when {@code alter} finds nothing to change (returns null) or another anomaly already claimed them; the
     * user is altered before being claimed, so the random draws do not depend on earlier anomalies' claims.
     *
     * @param shortage the error message given how many users were found, when fewer than {@code users} were
     * @throws IllegalArgumentException with that message when too few real users qualify
     */
    List<InjectedUser> alterRealUsers(SplittableRandom random, int users, int minHistory,
                                      Function<String, InjectedUser> alter, IntFunction<String> shortage) {
        List<String> candidates = new ArrayList<>();
        for (String user : profile.eventsByUser.keySet()) {
            if (profile.eventsByUser.get(user).size() >= minHistory) {
                candidates.add(user);
            }
        }
        List<InjectedUser> out = new ArrayList<>();
        for (String user : distinctSample(random, candidates, candidates.size())) {
            if (out.size() == users) {
                break;
            }
            InjectedUser altered = alter.apply(user);
            if (altered != null && claimRealUser(user)) {
                out.add(altered);
            }
        }
        if (out.size() < users) {
            throw new IllegalArgumentException(shortage.apply(out.size()));
        }
        return out;
    }

    void addTarget(String itemId, AnomalyType type) {
        targets.add(new TargetItem(itemId, type));
    }

    List<TargetItem> targets() {
        return List.copyOf(targets);
    }

    /** The action a click on an item is recorded as: CLICK where the data has clicks, otherwise a page view. */
    Action clickAction() {
        return profile.hasClicks ? Action.CLICK : Action.VIEW;
    }

    /**
     * An injected event on a real item, with the item's real category, at a time kept inside the traffic window and
     * rounded to whole seconds when the real data has only whole seconds.
     */
    BehaviorEvent event(String userId, String itemId, Action action, long timeMillis) {
        long time = Math.max(profile.windowStart, Math.min(profile.windowEnd, timeMillis));
        if (profile.wholeSeconds) {
            time = Math.floorDiv(time, 1000L) * 1000L;
        }
        return new BehaviorEvent(userId, itemId, profile.categoryOfItem.get(itemId), action, time);
    }

    /**
     * Gives {@code steps} times from {@code start} on, separated by gaps of the given mean and coefficient of
     * variation, and appends the events to {@code out}. Returns the time of the last step.
     */
    long pace(String userId, List<Step> steps, long start, double meanGapSeconds, double gapCv, SplittableRandom random,
              List<BehaviorEvent> out) {
        long time = start;
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                time += gapMillis(random, meanGapSeconds, gapCv);
            }
            out.add(event(userId, steps.get(i).itemId(), steps.get(i).action(), time));
        }
        return time;
    }

    /** A real item drawn in proportion to its traffic, i.e. usually a popular one. */
    String popularItem(SplittableRandom random) {
        return profile.itemEvents.get(random.nextInt(profile.itemEvents.size())).itemId();
    }

    /** A popularity-weighted real item whose category passes {@code categoryOk}, or null if none turns up. */
    String popularItemWhere(SplittableRandom random, Predicate<String> categoryOk) {
        for (int attempt = 0; attempt < PICK_TRIES; attempt++) {
            BehaviorEvent event = profile.itemEvents.get(random.nextInt(profile.itemEvents.size()));
            if (categoryOk.test(event.categoryId())) {
                return event.itemId();
            }
        }
        return null;
    }

    /** {@code count} distinct real items of low-to-mid popularity (fewer if the data has fewer). */
    List<String> lowToMidItems(SplittableRandom random, int count) {
        return distinctSample(random, profile.lowToMidItems, count);
    }

    /** Up to {@code count} distinct elements of {@code pool}, in random order. */
    static <T> List<T> distinctSample(SplittableRandom random, List<T> pool, int count) {
        int size = Math.min(count, pool.size());
        List<T> copy = new ArrayList<>(pool);
        for (int i = 0; i < size; i++) {
            int j = random.nextInt(i, copy.size());
            T swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return new ArrayList<>(copy.subList(0, size));
    }

    /** A start time such that an activity of {@code durationMillis} fits inside the traffic window. */
    long placeStart(SplittableRandom random, long durationMillis) {
        long room = profile.windowLength() - durationMillis;
        return room <= 0 ? profile.windowStart : profile.windowStart + random.nextLong(room + 1);
    }

    /**
     * A gap between two events with the given mean and coefficient of variation, log-normally distributed (as
     * inter-event times of people are, to first order), never below one second.
     */
    static long gapMillis(SplittableRandom random, double meanSeconds, double cv) {
        double sigma2 = Math.log1p(cv * cv);
        double mu = Math.log(meanSeconds) - sigma2 / 2;
        double seconds = Math.exp(mu + Math.sqrt(sigma2) * gaussian(random));
        return Math.max(1000L, Math.round(seconds * 1000));
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Splits {@code users} accounts into coordinated groups whose sizes are drawn from {@code sizes}; a last group
     * smaller than {@code sizes.min()} is spread over the earlier groups instead of standing alone.
     */
    static List<Integer> groupSizes(SplittableRandom random, int users, IntRange sizes) {
        List<Integer> groups = new ArrayList<>();
        int remaining = users;
        while (remaining > 0) {
            int size = Math.min(sizes.draw(random), remaining);
            groups.add(size);
            remaining -= size;
        }
        int last = groups.size() - 1;
        if (last > 0 && groups.get(last) < sizes.min()) {
            int spare = groups.remove(last);
            for (int i = 0; spare > 0; i = (i + 1) % groups.size(), spare--) {
                groups.set(i, groups.get(i) + 1);
            }
        }
        return groups;
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }
}

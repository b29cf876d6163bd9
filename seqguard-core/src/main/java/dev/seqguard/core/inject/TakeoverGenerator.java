package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Account takeover: see {@link TakeoverParams}. The burst goes into the latest quiet stretch of the owner's history
 * that follows at least {@code minHistory} real events and is long enough, so that a normal history precedes it and
 * the owner is not active at the same time.
 */
final class TakeoverGenerator implements AnomalyGenerator {
    /** Quiet time kept between the owner's events and the intruder's. */
    private static final long MARGIN = 30 * 60_000L;
    private final TakeoverParams params;

    TakeoverGenerator(TakeoverParams params) {
        this.params = params;
    }

    @Override
    public List<InjectedUser> generate(InjectionContext context, SplittableRandom random, int users) {
        return context.alterRealUsers(random, users, params.minHistory(), user -> takeOver(context, random, user),
                found -> "takeover needs " + users + " real users with at least "
                        + params.minHistory() + " events and a quiet stretch after them, but only " + found
                        + " qualify; lower the rate or takeover.minHistory");
    }

    private InjectedUser takeOver(InjectionContext context, SplittableRandom random, String user) {
        List<BehaviorEvent> history = context.profile.eventsByUser.get(user);
        Set<String> ownCategories = new HashSet<>();
        history.forEach(event -> ownCategories.add(event.categoryId()));
        List<String> newCategories = new ArrayList<>();
        int wanted = params.categories().draw(random);
        for (int attempt = 0; attempt < 4 * wanted && newCategories.size() < wanted; attempt++) {
            String item = context.popularItemWhere(random,
                    category -> !ownCategories.contains(category) && !newCategories.contains(category));
            if (item != null) {
                newCategories.add(context.profile.categoryOfItem.get(item));
            }
        }
        if (newCategories.isEmpty()) {
            return null;
        }
        List<Step> steps = shopping(context, random, newCategories);
        double meanGap = params.gapSeconds().draw(random);
        double gapCv = params.gapCv().draw(random);
        List<Long> offsets = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < steps.size(); i++) {
            offset += i == 0 ? 0 : InjectionContext.gapMillis(random, meanGap, gapCv);
            offsets.add(offset);
        }
        Long start = quietStart(context, random, history, offset);
        if (start == null) {
            return null;
        }
        List<BehaviorEvent> events = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            events.add(context.event(user, steps.get(i).itemId(), steps.get(i).action(), start + offsets.get(i)));
        }
        return new InjectedUser(user, AnomalyType.TAKEOVER, events);
    }

    /** Views category after category, carts of some viewed items, then buys, carted items first. */
    private List<Step> shopping(InjectionContext context, SplittableRandom random, List<String> categories) {
        int views = params.views().draw(random);
        int carts = params.carts().draw(random);
        int buys = params.buys().draw(random);
        List<String> pool = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        int looked = Math.max(views, buys);
        for (int v = 0; v < looked; v++) {
            String category = categories.get((int) ((long) v * categories.size() / looked));
            List<String> listing = context.profile.itemsOfCategory.get(category);
            String item = listing.get(random.nextInt(listing.size()));
            pool.add(item);
            if (v < views) {
                steps.add(new Step(item, Action.VIEW));
            }
        }
        List<String> carted = InjectionContext.distinctSample(random, pool, carts);
        carted.forEach(item -> steps.add(new Step(item, Action.CART)));
        List<String> bought = new ArrayList<>(carted.subList(0, Math.min(buys, carted.size())));
        while (bought.size() < buys) {
            bought.add(pool.get(random.nextInt(pool.size())));
        }
        bought.forEach(item -> steps.add(new Step(item, Action.BUY)));
        return steps;
    }

    /**
     * A start time in the latest gap of the owner's history, after {@code minHistory} events and inside the traffic
     * window, that holds the burst with {@link #MARGIN} on both sides; null if there is none.
     */
    private Long quietStart(InjectionContext context, SplittableRandom random, List<BehaviorEvent> history,
                            long duration) {
        TrafficProfile profile = context.profile;
        for (int i = history.size() - 1; i >= params.minHistory() - 1; i--) {
            long from = Math.max(history.get(i).timeMillis(), profile.windowStart) + MARGIN;
            long to = (i + 1 < history.size() ? Math.min(history.get(i + 1).timeMillis(), profile.windowEnd)
                    : profile.windowEnd) - MARGIN - duration;
            if (to >= from) {
                return from + random.nextLong(to - from + 1);
            }
        }
        return null;
    }
}

package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Promotion abuse: see {@link PromoParams}. Sales start on the hour, so the sale moment is a whole hour; the
 * accounts' carts and favourites pile up before it and their buys all land within minutes after it.
 */
final class PromoGenerator implements AnomalyGenerator {
    private static final long HOUR = 3_600_000L;
    private final PromoParams params;

    PromoGenerator(PromoParams params) {
        this.params = params;
    }

    @Override
    public List<InjectedUser> generate(InjectionContext context, SplittableRandom random, int users) {
        List<InjectedUser> out = new ArrayList<>();
        for (int groupSize : InjectionContext.groupSizes(random, users, params.accounts())) {
            List<String> discounted = saleItems(context, random, params.targets().draw(random));
            discounted.forEach(item -> context.addTarget(item, AnomalyType.PROMO));
            long storm = Math.round(params.stormMinutes().draw(random) * 60_000);
            long lead = HOUR;
            long after = Math.round(params.buyWindowSeconds().max() * 1000);
            double squeeze = (double) context.profile.windowLength() / (storm + lead + after);
            if (squeeze < 1) {
                // A window of a few hours: shorten the run-up so that the whole sale fits inside it.
                storm = Math.round(storm * squeeze * 0.9);
                lead = Math.round(lead * squeeze * 0.9);
            }
            long moment = saleMoment(context, random, storm + lead, after);
            for (int a = 0; a < groupSize; a++) {
                out.add(account(context, random, discounted, moment, storm, lead));
            }
        }
        return out;
    }

    private InjectedUser account(InjectionContext context, SplittableRandom random, List<String> discounted,
                                 long moment, long storm, long lead) {
        String userId = context.newAccountId();
        List<BehaviorEvent> events = new ArrayList<>();
        long stormStart = moment - Math.round(storm * (0.6 + 0.4 * random.nextDouble()));
        int browse = params.browse().draw(random);
        long browseTime = stormStart - lead + random.nextLong(lead / 2 + 1);
        for (int b = 0; b < browse; b++) {
            events.add(context.event(userId, context.popularItem(random), Action.VIEW, browseTime));
            browseTime += InjectionContext.gapMillis(random, 40, 1.0);
        }
        int stormEvents = params.stormEvents().draw(random);
        for (long time : sortedUniform(random, stormEvents, stormStart, moment - 1000)) {
            Action action = InjectionContext.chance(random, 0.65) ? Action.CART : Action.FAV;
            events.add(context.event(userId, discounted.get(random.nextInt(discounted.size())), action, time));
        }
        int buys = params.buys().draw(random);
        long buyWindow = Math.round(params.buyWindowSeconds().draw(random) * 1000);
        List<Long> buyTimes = sortedUniform(random, buys, moment, moment + buyWindow);
        for (int b = 0; b < buys; b++) {
            // Cycle through the discounted items so that each account sweeps the sale, repeating once all are bought.
            String item = discounted.get((b + random.nextInt(discounted.size())) % discounted.size());
            events.add(context.event(userId, item, Action.BUY, buyTimes.get(b)));
        }
        return new InjectedUser(userId, AnomalyType.PROMO, events);
    }

    /** Real items of low-to-mid popularity, mostly from one category: one shop's sale. */
    private static List<String> saleItems(InjectionContext context, SplittableRandom random, int count) {
        List<String> pool = context.profile.lowToMidItems;
        String anchor = pool.get(random.nextInt(pool.size()));
        String category = context.profile.categoryOfItem.get(anchor);
        List<String> sameCategory = new ArrayList<>();
        for (String item : context.profile.itemsOfCategory.get(category)) {
            if (!item.equals(anchor)) {
                sameCategory.add(item);
            }
        }
        List<String> items = new ArrayList<>(List.of(anchor));
        items.addAll(InjectionContext.distinctSample(random, sameCategory, count - 1));
        while (items.size() < count && items.size() < pool.size()) {
            String extra = pool.get(random.nextInt(pool.size()));
            if (!items.contains(extra)) {
                items.add(extra);
            }
        }
        return items;
    }

    /**
     * A whole hour with {@code before} and {@code after} room inside the window, or any instant with that room when
     * no whole hour has it.
     */
    private static long saleMoment(InjectionContext context, SplittableRandom random, long before, long after) {
        long first = Math.floorDiv(context.profile.windowStart + before + HOUR - 1, HOUR);
        long last = Math.floorDiv(context.profile.windowEnd - after, HOUR);
        if (last < first) {
            return context.placeStart(random, before + after) + before;
        }
        return (first + random.nextLong(last - first + 1)) * HOUR;
    }

    private static List<Long> sortedUniform(SplittableRandom random, int count, long from, long to) {
        List<Long> times = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            times.add(to <= from ? from : from + random.nextLong(to - from + 1));
        }
        times.sort(null);
        return times;
    }
}

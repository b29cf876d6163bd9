package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Crawler accounts: see {@link CrawlerParams}. A crawler walks category listings, so its views come category by
 * category, nearly all on distinct items, popular or not, at a scheduler's pace. Cf. Doran and Gokhale, "Web robot
 * detection techniques: overview and limitations", Data Mining and Knowledge Discovery 22 (2011).
 */
final class CrawlerGenerator implements AnomalyGenerator {
    private static final long HOUR = 3_600_000L;
    private final CrawlerParams params;

    CrawlerGenerator(CrawlerParams params) {
        this.params = params;
    }

    @Override
    public List<InjectedUser> generate(InjectionContext context, SplittableRandom random, int users) {
        List<String> categories = new ArrayList<>(context.profile.itemsOfCategory.keySet());
        List<InjectedUser> out = new ArrayList<>();
        for (int a = 0; a < users; a++) {
            out.add(account(context, random, categories));
        }
        return out;
    }

    private InjectedUser account(InjectionContext context, SplittableRandom random, List<String> categories) {
        String userId = context.newAccountId();
        List<String> items = crawlOrder(context, random, categories, params.views().draw(random),
                params.categories().draw(random));
        double meanGap = params.gapSeconds().draw(random);
        double gapCv = params.gapCv().draw(random);
        int runs = Math.min(params.runs().draw(random), items.size());
        long[] pauses = new long[runs];
        long pauseTotal = 0;
        for (int r = 1; r < runs; r++) {
            pauses[r] = Math.round(params.pauseHours().draw(random) * HOUR);
            pauseTotal += pauses[r];
        }
        // Upper bound of the crawl's length, so that the whole crawl fits in the traffic window.
        long duration = Math.round(items.size() * meanGap * (1 + 4 * gapCv) * 1000) + pauseTotal;
        long time = context.placeStart(random, duration);
        List<BehaviorEvent> events = new ArrayList<>();
        int next = 0;
        for (int r = 0; r < runs; r++) {
            int runEnd = (int) ((long) items.size() * (r + 1) / runs);
            List<Step> steps = new ArrayList<>();
            for (; next < runEnd; next++) {
                steps.add(new Step(items.get(next), Action.VIEW));
                if (InjectionContext.chance(random, params.cartProbability())) {
                    steps.add(new Step(items.get(next), Action.CART));
                }
            }
            time = context.pace(userId, steps, time + pauses[r], meanGap, gapCv, random, events)
                    + InjectionContext.gapMillis(random, meanGap, gapCv);
        }
        return new InjectedUser(userId, AnomalyType.CRAWLER, events);
    }

    /**
     * Distinct real items in crawl order: categories in random order favouring large ones (bigger listings are what
     * scrapers go for), up to {@code views / categories} items of each, until {@code views} items are listed or the
     * catalogue runs out.
     */
    private static List<String> crawlOrder(InjectionContext context, SplittableRandom random, List<String> categories,
                                           int views, int categoryCount) {
        int perCategory = Math.max(1, (views + categoryCount - 1) / categoryCount);
        List<String> items = new ArrayList<>(views);
        List<String> order = sizeWeightedOrder(context, random, categories);
        for (int c = 0; c < order.size() && items.size() < views; c++) {
            List<String> listing = context.profile.itemsOfCategory.get(order.get(c));
            int take = Math.min(perCategory, views - items.size());
            items.addAll(InjectionContext.distinctSample(random, listing, take));
        }
        return items;
    }

    /** Weighted random permutation (Efraimidis and Spirakis, 2006): key u^(1/w), largest keys first. */
    private static List<String> sizeWeightedOrder(InjectionContext context, SplittableRandom random,
                                                  List<String> categories) {
        double[] keys = new double[categories.size()];
        Integer[] index = new Integer[categories.size()];
        for (int c = 0; c < keys.length; c++) {
            double weight = context.profile.itemsOfCategory.get(categories.get(c)).size();
            keys[c] = Math.log(1.0 - random.nextDouble()) / weight;
            index[c] = c;
        }
        Arrays.sort(index, (a, b) -> Double.compare(keys[b], keys[a]));
        List<String> order = new ArrayList<>(keys.length);
        for (Integer c : index) {
            order.add(categories.get(c));
        }
        return order;
    }
}

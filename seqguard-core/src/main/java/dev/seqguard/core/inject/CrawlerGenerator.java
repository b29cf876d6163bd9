package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        List<InjectedUser> out = new ArrayList<>();
        for (int a = 0; a < users; a++) {
            out.add(account(context, random));
        }
        return out;
    }

    private InjectedUser account(InjectionContext context, SplittableRandom random) {
        String userId = context.newAccountId();
        List<String> items = crawlOrder(context, random, params.views().draw(random),
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
        // Generous bound of one request's share of the crawl, so that the whole crawl fits in the traffic window.
        double perView = meanGap * (1 + 4 * gapCv) * 1000;
        long window = context.profile.windowLength();
        if (pauseTotal + items.size() * perView > window) {
            // A short window (a cut of a few hours): one continuous run, as many views as fit.
            runs = 1;
            pauseTotal = 0;
            pauses = new long[1];
            items = items.subList(0, (int) Math.max(2, Math.min(items.size(), window / perView)));
        }
        long duration = Math.round(items.size() * perView) + pauseTotal;
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
     * Distinct real items in crawl order: one category after another, each drawn in proportion to its traffic
     * (scrapers go for the busy listings), up to {@code views / categories} items of each, until {@code views} items
     * are listed or no new category turns up.
     */
    private static List<String> crawlOrder(InjectionContext context, SplittableRandom random, int views,
                                           int categoryCount) {
        int perCategory = Math.max(1, (views + categoryCount - 1) / categoryCount);
        List<String> items = new ArrayList<>(views);
        Set<String> crawled = new HashSet<>();
        int categories = context.profile.itemsOfCategory.size();
        while (items.size() < views && crawled.size() < categories) {
            String item = context.popularItemWhere(random, category -> !crawled.contains(category));
            if (item == null) {
                break;
            }
            String category = context.profile.categoryOfItem.get(item);
            crawled.add(category);
            int take = Math.min(perCategory, views - items.size());
            items.addAll(InjectionContext.distinctSample(random, context.profile.itemsOfCategory.get(category), take));
        }
        return items;
    }
}

package dev.seqguard.eval.bank;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Price-scraping sessions: see {@link ScraperParams}. Each session walks the items of one or two busy categories
 * (the prices a competitor watches), one item after another at a script's regular dwell, and never carts or buys.
 */
final class ScraperGenerator {
    private static final long HOUR = 3_600_000L;
    private static final int EXTRA_CATEGORIES = 6;
    private final ScraperParams params;

    ScraperGenerator(ScraperParams params) {
        this.params = params;
    }

    List<PlantedUser> generate(BankTraffic traffic, SplittableRandom random, int users) {
        List<PlantedUser> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            out.add(account(traffic, random));
        }
        return out;
    }

    private PlantedUser account(BankTraffic traffic, SplittableRandom random) {
        String user = traffic.newAccountId(random);
        double dwell = params.dwellSeconds().draw(random);
        double cv = params.dwellCv().draw(random);
        int sessions = params.sessions().draw(random);
        Set<String> seen = new HashSet<>();
        List<List<String>> plans = new ArrayList<>();
        long total = 0;
        for (int s = 0; s < sessions; s++) {
            List<String> items = sessionItems(traffic, random, params.itemsPerSession().draw(random), seen);
            if (items.size() >= 2) {
                plans.add(items);
                total += Math.round(items.size() * dwell * 1.5 * 1000);
            }
        }
        if (plans.isEmpty()) {
            plans.add(sessionItems(traffic, random, 3, new HashSet<>()));
        }
        long[] pauses = new long[plans.size()];
        long pauseTotal = 0;
        for (int s = 1; s < plans.size(); s++) {
            pauses[s] = Math.round(params.pauseHours().draw(random) * HOUR);
            pauseTotal += pauses[s];
        }
        if (total + pauseTotal > traffic.windowLength()) {
            plans = plans.subList(0, 1);
            pauses = new long[1];
            pauseTotal = 0;
            total = Math.round(plans.get(0).size() * dwell * 1.5 * 1000);
        }
        long time = traffic.placeStart(random, total + pauseTotal);
        List<BehaviorEvent> events = new ArrayList<>();
        for (int s = 0; s < plans.size(); s++) {
            time += pauses[s];
            for (String item : plans.get(s)) {
                events.add(traffic.event(user, item, traffic.browseAction(), time));
                time += BankTraffic.gapMillis(random, dwell, cv);
            }
        }
        return new PlantedUser(user, BankKind.SCRAPER, events);
    }

    /** Distinct unseen items of one or two popularity-weighted categories, more categories only if they run out. */
    private List<String> sessionItems(BankTraffic traffic, SplittableRandom random, int count, Set<String> seen) {
        int categories = params.categoriesPerSession().draw(random);
        List<String> items = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int c = 0; c < categories + EXTRA_CATEGORIES && items.size() < count; c++) {
            if (c >= categories && items.size() >= count / 2) {
                break;
            }
            String category = traffic.popularCategory(random);
            if (!used.add(category)) {
                continue;
            }
            List<String> pool = new ArrayList<>(traffic.itemsOfCategory.get(category));
            pool.removeIf(seen::contains);
            for (String item : BankTraffic.sample(random, pool, count - items.size())) {
                items.add(item);
                seen.add(item);
            }
        }
        return items;
    }
}

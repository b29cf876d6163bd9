package dev.seqguard.core.inject;

/**
 * A scraping bot behind a fresh account: it walks category listings and opens item after item at a rate-limited,
 * almost constant pace, in one or a few runs separated by pauses, and practically never carts or buys. Each account
 * draws its own volume, breadth, pace and jitter.
 *
 * @param views           item views per account
 * @param categories      categories an account sweeps, busy ones more likely (more when those run out of items)
 * @param runs            crawl runs per account
 * @param pauseHours      pause between two runs
 * @param gapSeconds      an account's mean gap between requests
 * @param gapCv           coefficient of variation of those gaps (scheduler jitter)
 * @param cartProbability chance that a view is followed by a cart (a scraper hitting the cart endpoint)
 */
public record CrawlerParams(IntRange views, IntRange categories, IntRange runs, DoubleRange pauseHours,
                            DoubleRange gapSeconds, DoubleRange gapCv, double cartProbability) {

    public CrawlerParams {
        views.requireAtLeast("crawler.views", 2);
        categories.requireAtLeast("crawler.categories", 1);
        runs.requireAtLeast("crawler.runs", 1);
        pauseHours.requireWithin("crawler.pauseHours", 0, 24 * 30);
        gapSeconds.requirePositive("crawler.gapSeconds");
        gapCv.requireWithin("crawler.gapCv", 0, 5);
        ParamReader.requireProbability("crawler.cartProbability", cartProbability);
    }

    public static CrawlerParams defaults() {
        return new CrawlerParams(new IntRange(300, 1500), new IntRange(20, 80), new IntRange(1, 3),
                new DoubleRange(2, 12), new DoubleRange(4, 15), new DoubleRange(0.02, 0.12), 0.002);
    }

    static CrawlerParams read(ParamReader in, CrawlerParams base) {
        return new CrawlerParams(in.intRange("views", base.views), in.intRange("categories", base.categories),
                in.intRange("runs", base.runs), in.doubleRange("pauseHours", base.pauseHours),
                in.doubleRange("gapSeconds", base.gapSeconds), in.doubleRange("gapCv", base.gapCv),
                in.probability("cartProbability", base.cartProbability));
    }
}

package dev.seqguard.eval.bank;

import dev.seqguard.core.inject.DoubleRange;
import dev.seqguard.core.inject.IntRange;
import java.util.SplittableRandom;

/**
 * Price-scraping sessions that look like browsing ({@link BankKind#SCRAPER}).
 *
 * @param sessions             scraping sessions per account
 * @param itemsPerSession      distinct items a session opens
 * @param categoriesPerSession categories a session keeps to (more only when they run out of items)
 * @param dwellSeconds         an account's mean dwell per item
 * @param dwellCv              coefficient of variation of the dwell (a script: small)
 * @param pauseHours           pause between two sessions
 */
public record ScraperParams(IntRange sessions, IntRange itemsPerSession, IntRange categoriesPerSession,
                            DoubleRange dwellSeconds, DoubleRange dwellCv, DoubleRange pauseHours) {
    public ScraperParams {
        if (sessions.min() < 1 || itemsPerSession.min() < 3 || categoriesPerSession.min() < 1) {
            throw new IllegalArgumentException("scraper: sessions >= 1, itemsPerSession >= 3, categoriesPerSession >= 1");
        }
        if (dwellSeconds.min() <= 0 || dwellCv.min() < 0 || pauseHours.min() < 0) {
            throw new IllegalArgumentException("scraper: dwellSeconds > 0, dwellCv >= 0, pauseHours >= 0");
        }
    }

    public static ScraperParams defaults() {
        return new ScraperParams(new IntRange(1, 3), new IntRange(30, 90), new IntRange(1, 2), new DoubleRange(5, 15),
                new DoubleRange(0.05, 0.25), new DoubleRange(1, 12));
    }

    static ScraperParams draw(SplittableRandom r) {
        int items = 15 + r.nextInt(100);
        double dwell = 3 + 20 * r.nextDouble();
        double cv = 0.03 + 0.35 * r.nextDouble();
        return new ScraperParams(new IntRange(1, 1 + r.nextInt(3)), new IntRange(items, items + items / 2),
                new IntRange(1, 1 + r.nextInt(2)), new DoubleRange(dwell, dwell * 1.4), new DoubleRange(cv, cv * 1.3),
                new DoubleRange(0.5, 12));
    }
}

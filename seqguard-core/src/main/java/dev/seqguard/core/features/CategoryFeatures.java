package dev.seqguard.core.features;

import static dev.seqguard.core.features.SequenceFeature.*;

import dev.seqguard.core.model.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The category part of a {@link FeatureAccumulator}: category entropy and concentration, and drift — categories new
 * late in the history, the shift between its halves, sessions that buy in categories new to the user (account
 * takeover, account resale), and sessions whose categories appear in no other session of the user.
 */
final class CategoryFeatures {
    /** Inactivity that starts a new session for the novelty signals. */
    static final long NOVELTY_SESSION_GAP = 30 * 60_000L;
    /** Shorter sessions are not scored for isolation: one stray click is not someone else. */
    static final int ISOLATED_SESSION_MIN_EVENTS = 3;

    private final double lateFraction;
    private final Map<String, CategoryState> categories = new HashMap<>();
    private final List<CategoryState> categoriesByFirst = new ArrayList<>();
    private CategoryState[] eventCategories = new CategoryState[16];
    private int n;
    private int firstHalf;
    private double categoryCLogC;
    private int maxCategoryCount;

    private long sessionStart = Long.MIN_VALUE;
    private int sessionIndex = -1;
    private int sessionEvents;
    private int sessionNovel;
    private int sessionNovelBuys;
    private double bestNovelSession;
    private int mostNovelBuys;
    /** Per session: events, events in categories seen in no other session, buys. */
    private int[] sessionSize = new int[4];
    private int[] sessionExclusive = new int[4];
    private int[] sessionBuys = new int[4];

    CategoryFeatures(double lateFraction) {
        this.lateFraction = lateFraction;
    }

    /**
     * Folds in an event.
     *
     * @param gap the time since the previous event, or -1 for the first one
     */
    void add(String id, Action action, long t, long gap) {
        if (n == eventCategories.length) {
            eventCategories = Arrays.copyOf(eventCategories, n * 2);
        }
        if (n == 0 || gap > NOVELTY_SESSION_GAP) {
            bestNovelSession = Math.max(bestNovelSession, novelSessionScore());
            mostNovelBuys = Math.max(mostNovelBuys, sessionNovelBuys);
            sessionStart = t;
            sessionIndex++;
            sessionEvents = 0;
            sessionNovel = 0;
            sessionNovelBuys = 0;
            if (sessionIndex == sessionSize.length) {
                sessionSize = Arrays.copyOf(sessionSize, sessionIndex * 2);
                sessionExclusive = Arrays.copyOf(sessionExclusive, sessionIndex * 2);
                sessionBuys = Arrays.copyOf(sessionBuys, sessionIndex * 2);
            }
        }
        CategoryState category = addCategory(id, t);
        eventCategories[n] = category;
        isolate(category, action);
        sessionEvents++;
        if (sessionIndex > 0 && eventCategories[n].firstTime >= sessionStart) {
            sessionNovel++;
            if (action == Action.BUY) {
                sessionNovelBuys++;
            }
        }
        n++;
        // the first half of the events is floor(n/2) long: move its newest member across
        while (firstHalf < n / 2) {
            eventCategories[firstHalf++].firstHalf++;
        }
    }

    /** Keeps each session's count of events in categories that no other session touches. */
    private void isolate(CategoryState c, Action action) {
        sessionSize[sessionIndex]++;
        sessionBuys[sessionIndex] += action == Action.BUY ? 1 : 0;
        if (c.otherSession) {
            return;
        }
        if (c.firstSession == sessionIndex) {
            c.inFirstSession++;
            sessionExclusive[sessionIndex]++;
        } else {
            c.otherSession = true;
            sessionExclusive[c.firstSession] -= c.inFirstSession;
        }
    }

    /** See {@link SequenceFeature#ISOLATED_SESSION_SCORE}. */
    private double isolatedSessionScore() {
        double best = 0;
        for (int i = 1; i <= sessionIndex; i++) {
            int size = sessionSize[i];
            if (size >= ISOLATED_SESSION_MIN_EVENTS) {
                best = Math.max(best, (double) sessionExclusive[i] / size * Math.log1p(size)
                        * (1 + Math.min(sessionBuys[i], 3)));
            }
        }
        return best;
    }

    private double novelSessionScore() {
        return sessionEvents == 0 ? 0 : (double) sessionNovel / sessionEvents * Math.min(sessionNovelBuys, 3);
    }

    private CategoryState addCategory(String id, long t) {
        CategoryState s = categories.get(id);
        if (s == null) {
            s = new CategoryState(id, t, sessionIndex);
            categories.put(id, s);
            categoriesByFirst.add(s);
        }
        int c = s.count++;
        categoryCLogC += FeatureMath.xlogx(c + 1) - FeatureMath.xlogx(c);
        maxCategoryCount = Math.max(maxCategoryCount, c + 1);
        return s;
    }

    /** The instance of category id {@code id} held here, or {@code null} when it has not been folded in. */
    String canonicalId(String id) {
        CategoryState s = categories.get(id);
        return s == null ? null : s.id;
    }

    /** Distinct categories so far. */
    int distinct() {
        return categoriesByFirst.size();
    }

    /** The id of the {@code i}-th distinct category, in order of first appearance. */
    String id(int i) {
        return categoriesByFirst.get(i).id;
    }

    /** Writes the category entropy and concentration features into {@code v}. */
    void writeDiversity(double[] v) {
        double categoryEntropy = Math.max(0, Math.log(n) - categoryCLogC / n);
        v[CATEGORY_ENTROPY.ordinal()] = categoryEntropy;
        int k = categories.size();
        v[CATEGORY_ENTROPY_NORM.ordinal()] = k > 1 ? Math.min(1, categoryEntropy / Math.log(k)) : 0;
        v[TOP_CATEGORY_SHARE.ordinal()] = (double) maxCategoryCount / n;
    }

    /** Writes the drift features into {@code v}; {@code timing} holds the same events' times. */
    void writeDrift(double[] v, TimingFeatures timing) {
        long first = timing.first();
        long span = timing.last() - first;
        if (span > 0) {
            double split = first + (1 - lateFraction) * span;
            int late = timing.atOrAfter(split);
            int before = n - late;
            int novel = 0;
            for (int i = categoriesByFirst.size() - 1; i >= 0 && categoriesByFirst.get(i).firstTime >= split; i--) {
                novel += categoriesByFirst.get(i).count;
            }
            v[LATE_NOVEL_CATEGORY_SHARE.ordinal()] = (double) novel / late;
            v[LATE_RATE_RATIO.ordinal()] = ((late + lateFraction) / lateFraction)
                    / ((before + 1 - lateFraction) / (1 - lateFraction));
        } else {
            v[LATE_RATE_RATIO.ordinal()] = 1;
        }
        v[CATEGORY_SHIFT_JS.ordinal()] = n >= 2 ? halvesDivergence() : 0;
        v[NOVEL_SESSION_BUY_SCORE.ordinal()] = Math.max(bestNovelSession, novelSessionScore());
        v[NOVEL_SESSION_BUYS.ordinal()] = Math.max(mostNovelBuys, sessionNovelBuys);
        v[ISOLATED_SESSION_SCORE.ordinal()] = isolatedSessionScore();
    }

    /** Jensen-Shannon divergence in bits between the category distributions of the two halves. */
    private double halvesDivergence() {
        double a = firstHalf;
        double b = n - firstHalf;
        double js = 0;
        for (CategoryState s : categoriesByFirst) {
            double p = s.firstHalf / a;
            double q = (s.count - s.firstHalf) / b;
            double m = (p + q) / 2;
            if (p > 0) {
                js += p * Math.log(p / m);
            }
            if (q > 0) {
                js += q * Math.log(q / m);
            }
        }
        return Math.min(1, Math.max(0, js / (2 * Math.log(2))));
    }

    private static final class CategoryState {
        final String id;
        final long firstTime;
        final int firstSession;
        int count;
        int firstHalf;
        int inFirstSession;
        boolean otherSession;

        CategoryState(String id, long firstTime, int firstSession) {
            this.id = id;
            this.firstTime = firstTime;
            this.firstSession = firstSession;
        }
    }
}

package dev.seqguard.core.features;

import static dev.seqguard.core.features.SequenceFeature.*;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.seq.GapBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link SequenceFeature} vector of one sequence, maintained event by event. Feed a user's (or session's) events
 * in time order with {@link #update}; {@link #features} returns the vector of everything seen so far, equal to what
 * {@link SequenceFeatureExtractor} computes for the same events (the batch extractor uses this class).
 *
 * <p>Cost: {@code update} is O(1) amortised (a few hash lookups and array appends; the burst windows are two
 * pointers into the time array). {@code features} costs O(new gaps &middot; log) to merge gaps into sorted order,
 * O(distinct categories) for the category divergence, and, for group signals, O(users on the items touched since the
 * previous call) plus O(co-visiting users). State grows linearly with the events (times, gaps, one category reference
 * per event); cut long histories into sessions or windows if that matters.
 *
 * <p>Not thread-safe. One instance per sequence; all events must belong to one user.
 */
public final class FeatureAccumulator {
    private static final int VIEW_OR_INTEREST_MASK = bit(Action.VIEW) | bit(Action.CLICK) | bit(Action.FAV) | bit(Action.CART);
    private static final double LN_GAP_BUCKETS = Math.log(GapBucket.count() - 1);
    private static final long MS_PER_HOUR = 3_600_000L;
    private static final Action[] ACTIONS = {Action.VIEW, Action.CLICK, Action.FAV, Action.CART, Action.BUY, Action.SEARCH};
    private static final SequenceFeature[] ACTION_COUNTS = {N_PV, N_CLICK, N_FAV, N_CART, N_BUY, N_SEARCH};
    private static final SequenceFeature[] ACTION_SHARES =
            {PV_SHARE, CLICK_SHARE, FAV_SHARE, CART_SHARE, BUY_SHARE, SEARCH_SHARE};

    private final long offsetMillis;
    private final double lateFraction;

    private String userId;
    private int n;
    private final int[] actionCounts = new int[Action.count()];
    private long[] times = new long[16];

    // gaps: Welford moments in seconds, raw millis for the median (sorted lazily), bucket counts
    private long[] gaps = new long[16];
    private int sortedGaps;
    private double gapMean;
    private double gapM2;
    private long minGap = Long.MAX_VALUE;
    private final int[] gapBuckets = new int[GapBucket.count()];
    private int subsecondGaps;

    // bursts: start index of the events within the last 60 s / 10 min
    private int start60s;
    private int start10min;
    private int max60s;
    private int max10min;

    private long lastHour = Long.MIN_VALUE;
    private long lastDay = Long.MIN_VALUE;
    private int activeHours;
    private int activeDays;
    private int hourOfDayMask;
    private int nightEvents;

    private double dwellSum;
    private int dwellKnown;
    private int shortDwell;

    private final Map<String, ItemState> items = new HashMap<>();
    private final List<String> realItems = new ArrayList<>();
    private final List<String> boughtItems = new ArrayList<>();
    private double itemCLogC;
    private int maxItemCount;
    private int repeatedItems;
    private int repeatedItemActions;
    private int buysWithoutTouch;
    private int rebought;

    private final Map<String, CategoryState> categories = new HashMap<>();
    private final List<CategoryState> categoriesByFirst = new ArrayList<>();
    private CategoryState[] eventCategories = new CategoryState[16];
    private int firstHalf;
    private double categoryCLogC;
    private int maxCategoryCount;

    // group signals folded against one context; reset if a different context is passed
    private FeatureContext folded;
    private int self = -1;
    private int foldedItems;
    private int foldedBuys;
    private int foldedCategories;
    private double sumLogPopularity;
    private double minLogPopularity;
    private int rareItems;
    private double sumLogCategoryPopularity;
    private IntIntCounter overlap;
    private int coVisitors3;
    private int sharedBuys;

    // sessions (30 min inactivity) that buy in categories new to the user: account takeover, account resale
    private static final long NOVELTY_SESSION_GAP = 30 * 60_000L;
    private long sessionStart = Long.MIN_VALUE;
    private int sessionIndex = -1;
    private int sessionEvents;
    private int sessionNovel;
    private int sessionNovelBuys;
    private double bestNovelSession;
    private int mostNovelBuys;

    public FeatureAccumulator(FeatureOptions options) {
        Objects.requireNonNull(options, "options");
        this.offsetMillis = options.utcOffsetMinutes() * 60_000L;
        this.lateFraction = options.lateFraction();
    }

    public FeatureAccumulator() {
        this(FeatureOptions.defaults());
    }

    /** Events folded in so far. */
    public int size() {
        return n;
    }

    /**
     * Folds one event in.
     *
     * @throws IllegalArgumentException if the event is older than the previous one or belongs to another user
     */
    public void update(BehaviorEvent e) {
        Objects.requireNonNull(e, "event");
        long t = e.timeMillis();
        if (n == 0) {
            userId = e.userId();
        } else {
            if (!userId.equals(e.userId())) {
                throw new IllegalArgumentException("event of user " + e.userId() + " fed to the accumulator of user " + userId);
            }
            long previous = times[n - 1];
            if (t < previous) {
                throw new IllegalArgumentException("event at " + t + " ms is older than the previous event at " + previous
                        + " ms (user " + userId + "); feed events in time order");
            }
            addGap(t - previous);
        }
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            eventCategories = Arrays.copyOf(eventCategories, n * 2);
        }
        times[n] = t;
        actionCounts[e.action().ordinal()]++;
        addClock(t);
        addDwell(e.extras().dwellMs());
        addItem(e);
        if (n == 0 || t - times[n - 1] > NOVELTY_SESSION_GAP) {
            bestNovelSession = Math.max(bestNovelSession, novelSessionScore());
            mostNovelBuys = Math.max(mostNovelBuys, sessionNovelBuys);
            sessionStart = t;
            sessionIndex++;
            sessionEvents = 0;
            sessionNovel = 0;
            sessionNovelBuys = 0;
        }
        eventCategories[n] = addCategory(e.categoryId(), t);
        sessionEvents++;
        if (sessionIndex > 0 && eventCategories[n].firstTime >= sessionStart) {
            sessionNovel++;
            if (e.action() == dev.seqguard.core.model.Action.BUY) {
                sessionNovelBuys++;
            }
        }
        n++;
        // the first half of the events is floor(n/2) long: move its newest member across
        while (firstHalf < n / 2) {
            eventCategories[firstHalf++].firstHalf++;
        }
        start60s = advance(start60s, t - 60_000L);
        start10min = advance(start10min, t - 600_000L);
        max60s = Math.max(max60s, n - start60s);
        max10min = Math.max(max10min, n - start10min);
    }

    private double novelSessionScore() {
        return sessionEvents == 0 ? 0 : (double) sessionNovel / sessionEvents * Math.min(sessionNovelBuys, 3);
    }

    /** Records the gap before event {@code n}; called before {@code n} counts that event, so {@code n - 1} gaps exist. */
    private void addGap(long gap) {
        int count = n - 1;
        if (count == gaps.length) {
            gaps = Arrays.copyOf(gaps, count * 2);
        }
        gaps[count] = gap;
        double s = gap / 1000.0;
        double delta = s - gapMean;
        gapMean += delta / (count + 1);
        gapM2 += delta * (s - gapMean);
        minGap = Math.min(minGap, gap);
        gapBuckets[GapBucket.of(gap).ordinal()]++;
        if (gap < 1000L) {
            subsecondGaps++;
        }
    }

    private int advance(int start, long after) {
        while (times[start] <= after) {
            start++;
        }
        return start;
    }

    private void addClock(long t) {
        long hour = Math.floorDiv(t + offsetMillis, MS_PER_HOUR);
        if (hour != lastHour) {
            lastHour = hour;
            activeHours++;
            long day = Math.floorDiv(hour, 24L);
            if (day != lastDay) {
                lastDay = day;
                activeDays++;
            }
        }
        int hourOfDay = (int) Math.floorMod(hour, 24L);
        hourOfDayMask |= 1 << hourOfDay;
        if (hourOfDay < 6) {
            nightEvents++;
        }
    }

    private void addDwell(long dwellMs) {
        if (dwellMs >= 0) {
            dwellKnown++;
            dwellSum += dwellMs / 1000.0;
            if (dwellMs < 1000L) {
                shortDwell++;
            }
        }
    }

    private void addItem(BehaviorEvent e) {
        String id = e.itemId();
        ItemState s = items.get(id);
        if (s == null) {
            s = new ItemState(id);
            items.put(id, s);
            if (!id.isEmpty()) {
                realItems.add(id);
            }
        }
        int c = s.count++;
        itemCLogC += xlogx(c + 1) - xlogx(c);
        maxItemCount = Math.max(maxItemCount, c + 1);
        if (c == 1) {
            repeatedItems++;
        }
        int actionBit = bit(e.action());
        if ((s.actionMask & actionBit) != 0) {
            repeatedItemActions++;
        }
        if (e.action() == Action.BUY) {
            if ((s.actionMask & VIEW_OR_INTEREST_MASK) == 0) {
                buysWithoutTouch++;
            }
            if (s.buys == 0 && !id.isEmpty()) {
                boughtItems.add(id);
            } else if (s.buys == 1) {
                rebought++;
            }
            s.buys++;
        }
        s.actionMask |= actionBit;
    }

    private CategoryState addCategory(String id, long t) {
        CategoryState s = categories.get(id);
        if (s == null) {
            s = new CategoryState(id, t);
            categories.put(id, s);
            categoriesByFirst.add(s);
        }
        int c = s.count++;
        categoryCLogC += xlogx(c + 1) - xlogx(c);
        maxCategoryCount = Math.max(maxCategoryCount, c + 1);
        return s;
    }

    /**
     * An event equal to {@code e} (already folded in) whose user, item and category ids are the instances this
     * accumulator holds: a caller that keeps the user's history then keeps one copy of each id rather than one per
     * event (a parsed or deserialised event brings its own strings), which most of a long history's memory, and of a
     * collector's copying, would otherwise be. Returns {@code e} itself when it already uses those instances.
     *
     * @throws IllegalArgumentException if {@code e}'s user, item or category has not been folded in
     */
    public BehaviorEvent canonical(BehaviorEvent e) {
        ItemState item = items.get(e.itemId());
        CategoryState category = categories.get(e.categoryId());
        if (n == 0 || !userId.equals(e.userId()) || item == null || category == null) {
            throw new IllegalArgumentException("event of user " + e.userId() + " on item " + e.itemId()
                    + " has not been folded into this accumulator");
        }
        if (e.userId() == userId && e.itemId() == item.id && e.categoryId() == category.id) {
            return e;
        }
        return new BehaviorEvent(userId, item.id, category.id, e.action(), e.timeMillis(), e.extras());
    }

    /**
     * The feature vector of the events so far, in {@link SequenceFeature} order.
     *
     * @throws IllegalStateException if no event has been added
     */
    public double[] features(FeatureContext context) {
        Objects.requireNonNull(context, "context");
        if (n == 0) {
            throw new IllegalStateException("no events: a feature vector needs at least one event");
        }
        double[] v = new double[SequenceFeature.count()];
        volume(v);
        conversion(v);
        time(v);
        diversity(v);
        group(v, context);
        drift(v);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalStateException("feature " + SequenceFeature.values()[i].featureName() + " of user "
                        + userId + " is " + v[i]);
            }
        }
        return v;
    }

    private void volume(double[] v) {
        v[N_EVENTS.ordinal()] = n;
        v[LOG_EVENTS.ordinal()] = Math.log1p(n);
        for (int i = 0; i < ACTIONS.length; i++) {
            int c = actionCounts[ACTIONS[i].ordinal()];
            v[ACTION_COUNTS[i].ordinal()] = c;
            v[ACTION_SHARES[i].ordinal()] = (double) c / n;
        }
    }

    private void conversion(double[] v) {
        int views = count(Action.VIEW) + count(Action.CLICK);
        int carts = count(Action.CART);
        int buys = count(Action.BUY);
        v[CART_PER_VIEW.ordinal()] = carts / (views + 1.0);
        v[BUY_PER_VIEW.ordinal()] = buys / (views + 1.0);
        v[BUY_PER_CART.ordinal()] = buys / (carts + 1.0);
        v[BUY_WITHOUT_PRIOR_TOUCH_SHARE.ordinal()] = share(buysWithoutTouch, buys);
    }

    private void time(double[] v) {
        int g = n - 1;
        v[ACTIVE_SPAN_HOURS.ordinal()] = (times[n - 1] - times[0]) / (double) MS_PER_HOUR;
        if (g > 0) {
            sortGaps();
            double median = (g % 2 == 1 ? gaps[g / 2] : (gaps[g / 2 - 1] + gaps[g / 2]) / 2.0);
            v[GAP_MEAN_S.ordinal()] = gapMean;
            v[GAP_MEDIAN_S.ordinal()] = median / 1000.0;
            v[GAP_CV.ordinal()] = gapMean > 0 ? Math.sqrt(Math.max(0, gapM2) / g) / gapMean : 0;
            v[GAP_MIN_S.ordinal()] = minGap / 1000.0;
            v[GAP_BUCKET_ENTROPY.ordinal()] = entropy(gapBuckets, g) / LN_GAP_BUCKETS;
            int within = firstAbove(1.1 * median, g) - firstAtLeast(0.9 * median, g);
            v[GAP_REGULARITY.ordinal()] = (double) within / g;
            v[SUBSECOND_GAP_SHARE.ordinal()] = (double) subsecondGaps / g;
        }
        v[MAX_EVENTS_60S.ordinal()] = max60s;
        v[MAX_EVENTS_10MIN.ordinal()] = max10min;
        v[EVENTS_PER_ACTIVE_HOUR.ordinal()] = (double) n / activeHours;
        v[ACTIVE_HOURS.ordinal()] = activeHours;
        v[DISTINCT_HOURS_OF_DAY.ordinal()] = Integer.bitCount(hourOfDayMask);
        v[NIGHT_SHARE.ordinal()] = (double) nightEvents / n;
        v[ACTIVE_DAYS.ordinal()] = activeDays;
        v[DWELL_MEAN_S.ordinal()] = dwellKnown == 0 ? 0 : dwellSum / dwellKnown;
        v[SHORT_DWELL_SHARE.ordinal()] = share(shortDwell, dwellKnown);
    }

    private void diversity(double[] v) {
        v[ITEM_ENTROPY.ordinal()] = Math.max(0, Math.log(n) - itemCLogC / n);
        double categoryEntropy = Math.max(0, Math.log(n) - categoryCLogC / n);
        v[CATEGORY_ENTROPY.ordinal()] = categoryEntropy;
        int k = categories.size();
        v[CATEGORY_ENTROPY_NORM.ordinal()] = k > 1 ? Math.min(1, categoryEntropy / Math.log(k)) : 0;
        v[TOP_ITEM_SHARE.ordinal()] = (double) maxItemCount / n;
        v[TOP_CATEGORY_SHARE.ordinal()] = (double) maxCategoryCount / n;
        v[DISTINCT_ITEM_RATIO.ordinal()] = (double) items.size() / n;
        v[REPEAT_ITEM_SHARE.ordinal()] = (double) repeatedItems / items.size();
        v[REPEAT_ITEM_ACTION_SHARE.ordinal()] = (double) repeatedItemActions / n;
        v[REPEAT_BUY_ITEM_SHARE.ordinal()] = share(rebought, boughtItems.size());
    }

    private void group(double[] v, FeatureContext ctx) {
        if (ctx != folded) {
            folded = ctx;
            self = ctx.userIndex(userId);
            foldedItems = 0;
            foldedBuys = 0;
            foldedCategories = 0;
            sumLogPopularity = 0;
            minLogPopularity = Double.MAX_VALUE;
            rareItems = 0;
            sumLogCategoryPopularity = 0;
            overlap = new IntIntCounter();
            coVisitors3 = 0;
            sharedBuys = 0;
        }
        for (; foldedItems < realItems.size(); foldedItems++) {
            foldItem(ctx, ctx.itemIndex(realItems.get(foldedItems)));
        }
        for (; foldedBuys < boughtItems.size(); foldedBuys++) {
            int item = ctx.itemIndex(boughtItems.get(foldedBuys));
            int otherBuyers = item < 0 ? 0 : ctx.itemBuyers(item) - (ctx.bought(self, item) ? 1 : 0);
            if (otherBuyers >= 3) {
                sharedBuys++;
            }
        }
        for (; foldedCategories < categoriesByFirst.size(); foldedCategories++) {
            sumLogCategoryPopularity += Math.log1p(ctx.categoryEvents(categoriesByFirst.get(foldedCategories).id));
        }
        int a = realItems.size();
        if (a > 0) {
            v[MEAN_LOG_ITEM_POPULARITY.ordinal()] = sumLogPopularity / a;
            v[MIN_LOG_ITEM_POPULARITY.ordinal()] = minLogPopularity;
            v[RARE_ITEM_SHARE.ordinal()] = (double) rareItems / a;
        }
        v[MEAN_LOG_CATEGORY_POPULARITY.ordinal()] = sumLogCategoryPopularity / categoriesByFirst.size();
        v[MAX_COVISIT_JACCARD.ordinal()] = maxJaccard(ctx, a);
        v[COVISIT_USERS_3PLUS.ordinal()] = coVisitors3;
        v[SHARED_BUY_ITEM_SHARE.ordinal()] = share(sharedBuys, boughtItems.size());
    }

    private void foldItem(FeatureContext ctx, int item) {
        int others = 0;
        if (item >= 0) {
            others = ctx.itemUsers(item) - (ctx.touched(self, item) ? 1 : 0);
            int[] users = ctx.itemUserList(item);
            if (users != null) {
                for (int u : users) {
                    if (u != self && overlap.increment(u) == 3) {
                        coVisitors3++;
                    }
                }
            }
        }
        double logPopularity = Math.log1p(others);
        sumLogPopularity += logPopularity;
        minLogPopularity = Math.min(minLogPopularity, logPopularity);
        if (others <= 2) {
            rareItems++;
        }
    }

    private double maxJaccard(FeatureContext ctx, int a) {
        double best = 0;
        int[] keys = overlap.keySlots();
        int[] counts = overlap.countSlots();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] >= 0) {
                int shared = counts[i];
                double jaccard = shared / (double) (a + ctx.userItemCount(keys[i]) - shared);
                best = Math.max(best, jaccard);
            }
        }
        return best;
    }

    private void drift(double[] v) {
        long first = times[0];
        long span = times[n - 1] - first;
        if (span > 0) {
            double split = first + (1 - lateFraction) * span;
            int late = n - firstAtLeast(times, n, split);
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

    /** Merges the gaps added since the last call into the sorted prefix. */
    private void sortGaps() {
        int g = n - 1;
        if (sortedGaps == g) {
            return;
        }
        Arrays.sort(gaps, sortedGaps, g);
        if (sortedGaps > 0 && gaps[sortedGaps - 1] > gaps[sortedGaps]) {
            long[] head = Arrays.copyOf(gaps, sortedGaps);
            int i = 0;
            int j = sortedGaps;
            int k = 0;
            while (i < head.length && j < g) {
                gaps[k++] = head[i] <= gaps[j] ? head[i++] : gaps[j++];
            }
            while (i < head.length) {
                gaps[k++] = head[i++];
            }
        }
        sortedGaps = g;
    }

    private int firstAtLeast(double x, int g) {
        return firstAtLeast(gaps, g, x);
    }

    private int firstAbove(double x, int g) {
        int lo = 0;
        int hi = g;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (gaps[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first of the sorted {@code values[0..length)} that is {@code >= x}. */
    private static int firstAtLeast(long[] values, int length, double x) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int count(Action a) {
        return actionCounts[a.ordinal()];
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static double entropy(int[] counts, int total) {
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static double xlogx(int c) {
        return c <= 1 ? 0 : c * Math.log(c);
    }

    private static int bit(Action a) {
        return 1 << a.ordinal();
    }

    private static final class ItemState {
        final String id;
        int count;
        int actionMask;
        int buys;

        ItemState(String id) {
            this.id = id;
        }
    }

    private static final class CategoryState {
        final String id;
        final long firstTime;
        int count;
        int firstHalf;

        CategoryState(String id, long firstTime) {
            this.id = id;
            this.firstTime = firstTime;
        }
    }
}

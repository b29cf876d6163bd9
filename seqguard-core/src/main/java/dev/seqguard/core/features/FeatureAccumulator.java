package dev.seqguard.core.features;

import static dev.seqguard.core.features.SequenceFeature.*;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.Objects;

/**
 * The {@link SequenceFeature} vector of one sequence, maintained event by event. Feed a user's (or session's) events
 * in time order with {@link #update}; {@link #features} returns the vector of everything seen so far, equal to what
 * {@link SequenceFeatureExtractor} computes for the same events (the batch extractor uses this class).
 *
 * <p>This class holds the volume and conversion counts and hands each event to the feature groups:
 * {@link TimingFeatures} (gaps, bursts, active hours, dwell), {@link ItemFeatures} and {@link CategoryFeatures}
 * (entropy, concentration, repeats, drift) and {@link GroupFeatures} (popularity and co-visitation against a
 * {@link FeatureContext}).
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
    private static final Action[] ACTIONS = {Action.VIEW, Action.CLICK, Action.FAV, Action.CART, Action.BUY, Action.SEARCH};
    private static final SequenceFeature[] ACTION_COUNTS = {N_PV, N_CLICK, N_FAV, N_CART, N_BUY, N_SEARCH};
    private static final SequenceFeature[] ACTION_SHARES =
            {PV_SHARE, CLICK_SHARE, FAV_SHARE, CART_SHARE, BUY_SHARE, SEARCH_SHARE};

    private String userId;
    private int n;
    private final int[] actionCounts = new int[Action.count()];
    private final TimingFeatures timing;
    private final ItemFeatures items = new ItemFeatures();
    private final CategoryFeatures categories;
    private final GroupFeatures group = new GroupFeatures();

    public FeatureAccumulator(FeatureOptions options) {
        Objects.requireNonNull(options, "options");
        this.timing = new TimingFeatures(options.utcOffsetMinutes() * 60_000L);
        this.categories = new CategoryFeatures(options.lateFraction());
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
        long gap = -1;
        if (n == 0) {
            userId = e.userId();
        } else {
            if (!userId.equals(e.userId())) {
                throw new IllegalArgumentException("event of user " + e.userId() + " fed to the accumulator of user " + userId);
            }
            long previous = timing.last();
            if (t < previous) {
                throw new IllegalArgumentException("event at " + t + " ms is older than the previous event at " + previous
                        + " ms (user " + userId + "); feed events in time order");
            }
            gap = t - previous;
        }
        actionCounts[e.action().ordinal()]++;
        timing.add(t, e.extras().dwellMs());
        items.add(e);
        categories.add(e.categoryId(), e.action(), t, gap);
        n++;
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
        String item = items.canonicalId(e.itemId());
        String category = categories.canonicalId(e.categoryId());
        if (n == 0 || !userId.equals(e.userId()) || item == null || category == null) {
            throw new IllegalArgumentException("event of user " + e.userId() + " on item " + e.itemId()
                    + " has not been folded into this accumulator");
        }
        if (e.userId() == userId && e.itemId() == item && e.categoryId() == category) {
            return e;
        }
        return new BehaviorEvent(userId, item, category, e.action(), e.timeMillis(), e.extras());
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
        timing.write(v);
        items.write(v, n);
        categories.writeDiversity(v);
        group.write(v, context, userId, items, categories);
        categories.writeDrift(v, timing);
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
        v[BUY_WITHOUT_PRIOR_TOUCH_SHARE.ordinal()] = FeatureMath.share(items.buysWithoutTouch(), buys);
    }

    private int count(Action a) {
        return actionCounts[a.ordinal()];
    }
}

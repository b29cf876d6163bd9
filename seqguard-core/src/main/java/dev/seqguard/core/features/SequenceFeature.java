package dev.seqguard.core.features;

import java.util.List;
import java.util.stream.Stream;

/**
 * The named per-sequence features, in column order. Names are stable: they are column names, appear in explanations
 * and in saved models. "Views" means page views plus clicks. Values are always finite; where a statistic has no
 * data (no gaps in a one-event sequence, no buys) it is 0 unless stated otherwise.
 */
public enum SequenceFeature {
    // volume
    N_EVENTS(Group.VOLUME, "number of events"),
    LOG_EVENTS(Group.VOLUME, "ln(1 + number of events)"),
    N_PV(Group.VOLUME, "page views"),
    N_CLICK(Group.VOLUME, "clicks"),
    N_FAV(Group.VOLUME, "favourites"),
    N_CART(Group.VOLUME, "add-to-carts"),
    N_BUY(Group.VOLUME, "purchases"),
    N_SEARCH(Group.VOLUME, "searches"),
    PV_SHARE(Group.VOLUME, "share of events that are page views"),
    CLICK_SHARE(Group.VOLUME, "share of events that are clicks"),
    FAV_SHARE(Group.VOLUME, "share of events that are favourites"),
    CART_SHARE(Group.VOLUME, "share of events that are add-to-carts"),
    BUY_SHARE(Group.VOLUME, "share of events that are purchases"),
    SEARCH_SHARE(Group.VOLUME, "share of events that are searches"),
    // conversion, smoothed as x / (y + 1)
    CART_PER_VIEW(Group.CONVERSION, "add-to-carts / (views + 1)"),
    BUY_PER_VIEW(Group.CONVERSION, "purchases / (views + 1)"),
    BUY_PER_CART(Group.CONVERSION, "purchases / (add-to-carts + 1)"),
    BUY_WITHOUT_PRIOR_TOUCH_SHARE(Group.CONVERSION, "share of purchases of an item not viewed, clicked, faved or carted before"),
    // time
    ACTIVE_SPAN_HOURS(Group.TIME, "hours from first to last event"),
    GAP_MEAN_S(Group.TIME, "mean seconds between consecutive events"),
    GAP_MEDIAN_S(Group.TIME, "median seconds between consecutive events"),
    GAP_CV(Group.TIME, "coefficient of variation of the gaps (std / mean); low = machine-regular"),
    GAP_MIN_S(Group.TIME, "shortest gap in seconds"),
    GAP_BUCKET_ENTROPY(Group.TIME, "entropy of log-scale gap buckets, normalised to [0, 1]"),
    GAP_REGULARITY(Group.TIME, "share of gaps within 10% of the median gap"),
    SUBSECOND_GAP_SHARE(Group.TIME, "share of gaps shorter than one second"),
    MAX_EVENTS_60S(Group.TIME, "most events in any 60-second window"),
    MAX_EVENTS_10MIN(Group.TIME, "most events in any 10-minute window"),
    EVENTS_PER_ACTIVE_HOUR(Group.TIME, "events per distinct clock hour with activity"),
    ACTIVE_HOURS(Group.TIME, "distinct clock hours (date and hour) with activity"),
    DISTINCT_HOURS_OF_DAY(Group.TIME, "distinct hours of the day (0-23) with activity"),
    NIGHT_SHARE(Group.TIME, "share of events between 00:00 and 06:00 local time"),
    ACTIVE_DAYS(Group.TIME, "distinct local days with activity"),
    DWELL_MEAN_S(Group.TIME, "mean dwell time in seconds, over events that report one"),
    SHORT_DWELL_SHARE(Group.TIME, "share of reported dwell times under one second"),
    // diversity
    ITEM_ENTROPY(Group.DIVERSITY, "entropy of the item distribution (nats)"),
    CATEGORY_ENTROPY(Group.DIVERSITY, "entropy of the category distribution (nats)"),
    CATEGORY_ENTROPY_NORM(Group.DIVERSITY, "category entropy / ln(distinct categories); 0 for one category"),
    TOP_ITEM_SHARE(Group.DIVERSITY, "share of events on the most frequent item"),
    TOP_CATEGORY_SHARE(Group.DIVERSITY, "share of events in the most frequent category"),
    DISTINCT_ITEM_RATIO(Group.DIVERSITY, "distinct items / events"),
    REPEAT_ITEM_SHARE(Group.DIVERSITY, "share of distinct items touched more than once"),
    REPEAT_ITEM_ACTION_SHARE(Group.DIVERSITY, "share of events repeating an earlier (item, behaviour) pair"),
    REPEAT_BUY_ITEM_SHARE(Group.DIVERSITY, "share of bought items bought more than once"),
    // group signals, from the batch-wide FeatureContext: how popular what the user touches is, then coordination
    MEAN_LOG_ITEM_POPULARITY(Group.GROUP, "mean ln(1 + other users who touched the item) over distinct items"),
    MIN_LOG_ITEM_POPULARITY(Group.GROUP, "min ln(1 + other users who touched the item) over distinct items"),
    RARE_ITEM_SHARE(Group.GROUP, "share of distinct items touched by at most 2 other users"),
    MEAN_LOG_CATEGORY_POPULARITY(Group.GROUP, "mean ln(1 + batch events in the category, own included) over distinct categories"),
    MAX_COVISIT_JACCARD(Group.COORDINATION, "highest Jaccard similarity of the item set with any other user's"),
    COVISIT_USERS_3PLUS(Group.COORDINATION, "other users sharing at least 3 items"),
    SHARED_BUY_ITEM_SHARE(Group.COORDINATION, "share of bought items that at least 3 other users bought"),
    LOCKSTEP_SURPRISE(Group.COORDINATION, "most surprising crowd on one item: -ln P(at least that many other users' first"
            + " touches within 10 min, 1 h or 6 h of the user's, were the item's users spread evenly over the batch's"
            + " span), at least 2 others, capped at 50"),
    // drift: the late part of the time span against what came before
    LATE_NOVEL_CATEGORY_SHARE(Group.DRIFT, "share of late events in categories never seen before the late part"),
    CATEGORY_SHIFT_JS(Group.DRIFT, "Jensen-Shannon divergence (bits) of categories, first half vs second half of the events"),
    LATE_RATE_RATIO(Group.DRIFT, "event rate in the late part / rate before (smoothed; 1 = steady)"),
    NOVEL_SESSION_BUY_SCORE(Group.DRIFT, "max over later sessions (30 min gap): share of the session's events in categories"
            + " the user never touched before x buys in them (capped at 3); a history that suddenly buys elsewhere"),
    NOVEL_SESSION_BUYS(Group.DRIFT, "most buys in categories new to the user within one later session (30 min gap)"),
    ISOLATED_SESSION_SCORE(Group.DRIFT, "max over later sessions (30 min gap, at least 3 events): share of the session's"
            + " events in categories the user touches in no other session x ln(1 + its events) x (1 + its buys, capped"
            + " at 3); someone else using the account");

    /**
     * What kind of signal a feature is. {@code GROUP} (popularity) and {@code COORDINATION} (co-visitation,
     * lockstep) read the batch-wide {@link FeatureContext}.
     */
    public enum Group {
        VOLUME, CONVERSION, TIME, DIVERSITY, GROUP, COORDINATION, DRIFT;

        /** Whether features of this kind read the batch-wide group statistics. */
        public boolean readsGroupStatistics() {
            return this == GROUP || this == COORDINATION;
        }
    }

    private static final SequenceFeature[] VALUES = values();
    // List.of, not Stream.toList: List.copyOf (every FeatureMatrix) returns it as is instead of copying it per row
    private static final List<String> NAMES = List.of(Stream.of(VALUES).map(SequenceFeature::featureName).toArray(String[]::new));

    private final Group group;
    private final String description;
    private final String featureName;

    SequenceFeature(Group group, String description) {
        this.group = group;
        this.description = description;
        this.featureName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The snake_case column name, e.g. {@code gap_cv}. */
    public String featureName() {
        return featureName;
    }

    public String description() {
        return description;
    }

    public Group group() {
        return group;
    }

    /** All column names, in column order. */
    public static List<String> names() {
        return NAMES;
    }

    public static int count() {
        return VALUES.length;
    }

    /** The feature with this column name. */
    public static SequenceFeature byName(String featureName) {
        for (SequenceFeature f : VALUES) {
            if (f.featureName.equals(featureName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown sequence feature '" + featureName + "'");
    }
}

package dev.seqguard.core.features;

import static dev.seqguard.core.features.SequenceFeature.*;

/**
 * The group part of a {@link FeatureAccumulator}: how popular the items and categories touched are, and co-visitation
 * with other users, folded against one {@link FeatureContext}. Items and categories touched since the previous call
 * are folded in incrementally; a different context starts over.
 */
final class GroupFeatures {
    /** Windows around a first touch in which a crowd of other first touches is looked for: minutes, an hour, hours. */
    private static final long[] LOCKSTEP_WINDOWS_MILLIS = {10 * 60_000L, 60 * 60_000L, 6 * 60 * 60_000L};
    /** Fewer co-touching users than this are not a crowd (two people browsing the same page is common). */
    private static final int LOCKSTEP_MIN_OTHERS = 2;
    /** Beyond this many nats the crowd is certain; the cap keeps one feature from swamping distance-based detectors. */
    private static final double LOCKSTEP_CAP = 50;
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
    private double lockstep;

    /** Writes the group features of user {@code userId}'s items and categories into {@code v}. */
    void write(double[] v, FeatureContext ctx, String userId, ItemFeatures items, CategoryFeatures categories) {
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
            lockstep = 0;
        }
        for (; foldedItems < items.realItems.size(); foldedItems++) {
            foldItem(ctx, ctx.itemIndex(items.realItems.get(foldedItems)), items.firstTouch(foldedItems));
        }
        for (; foldedBuys < items.boughtItems.size(); foldedBuys++) {
            int item = ctx.itemIndex(items.boughtItems.get(foldedBuys));
            int otherBuyers = item < 0 ? 0 : ctx.itemBuyers(item) - (ctx.bought(self, item) ? 1 : 0);
            if (otherBuyers >= 3) {
                sharedBuys++;
            }
        }
        for (; foldedCategories < categories.distinct(); foldedCategories++) {
            sumLogCategoryPopularity += Math.log1p(ctx.categoryEvents(categories.id(foldedCategories)));
        }
        int a = items.realItems.size();
        if (a > 0) {
            v[MEAN_LOG_ITEM_POPULARITY.ordinal()] = sumLogPopularity / a;
            v[MIN_LOG_ITEM_POPULARITY.ordinal()] = minLogPopularity;
            v[RARE_ITEM_SHARE.ordinal()] = (double) rareItems / a;
        }
        v[MEAN_LOG_CATEGORY_POPULARITY.ordinal()] = sumLogCategoryPopularity / categories.distinct();
        v[MAX_COVISIT_JACCARD.ordinal()] = maxJaccard(ctx, a);
        v[COVISIT_USERS_3PLUS.ordinal()] = coVisitors3;
        v[SHARED_BUY_ITEM_SHARE.ordinal()] = FeatureMath.share(sharedBuys, items.boughtItems.size());
        v[LOCKSTEP_SURPRISE.ordinal()] = lockstep;
    }

    private void foldItem(FeatureContext ctx, int item, long firstTouch) {
        int others = 0;
        if (item >= 0) {
            long own = ctx.firstTouch(self, item);
            others = ctx.itemUsers(item) - (own != FeatureContext.NOT_TOUCHED ? 1 : 0);
            lockstep = Math.max(lockstep, lockstepSurprise(ctx, item, others, own, firstTouch));
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

    /**
     * How unlikely the crowd of other users who first touched the item around this user's first touch is, were the
     * item's users spread evenly over the context's time span: {@code -ln P(Poisson >= crowd)}, the largest over the
     * windows. Many accounts converging on one item within minutes or hours (click farms, ad-click bursts, rings,
     * promotion storms) is the lockstep signal of CopyCatch (Beutel et al. 2013), scored per item.
     */
    private static double lockstepSurprise(FeatureContext ctx, int item, int others, long ownInContext,
                                           long firstTouch) {
        long span = ctx.spanMillis();
        if (span <= 0) {
            return 0;
        }
        double best = 0;
        for (long window : LOCKSTEP_WINDOWS_MILLIS) {
            int crowd = ctx.othersWithin(item, ownInContext, firstTouch, window);
            if (crowd < LOCKSTEP_MIN_OTHERS) {
                continue;
            }
            double expected = others * Math.min(1.0, 2.0 * window / span);
            best = Math.max(best, FeatureMath.poissonTailSurprise(crowd, expected));
        }
        return Math.min(LOCKSTEP_CAP, best);
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
}

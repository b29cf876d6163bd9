package dev.seqguard.core.features;

import static dev.seqguard.core.features.SequenceFeature.*;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The item part of a {@link FeatureAccumulator}: per item its count, the actions seen and the buys, for item
 * entropy and concentration, repeats, re-buys and buys without a prior view.
 */
final class ItemFeatures {
    private static final int VIEW_OR_INTEREST_MASK = FeatureMath.bit(Action.VIEW) | FeatureMath.bit(Action.CLICK)
            | FeatureMath.bit(Action.FAV) | FeatureMath.bit(Action.CART);

    private final Map<String, ItemState> items = new HashMap<>();
    /** Distinct non-empty item ids, first touch first. */
    final List<String> realItems = new ArrayList<>();
    /** When each of {@link #realItems} was first touched, in the same order. */
    private long[] firstTouchTimes = new long[8];
    /** Distinct non-empty item ids bought, first buy first. */
    final List<String> boughtItems = new ArrayList<>();
    private double itemCLogC;
    private int maxItemCount;
    private int repeatedItems;
    private int repeatedItemActions;
    private int buysWithoutTouch;
    private int rebought;

    void add(BehaviorEvent e) {
        String id = e.itemId();
        ItemState s = items.get(id);
        if (s == null) {
            s = new ItemState(id);
            items.put(id, s);
            if (!id.isEmpty()) {
                if (realItems.size() == firstTouchTimes.length) {
                    firstTouchTimes = java.util.Arrays.copyOf(firstTouchTimes, firstTouchTimes.length * 2);
                }
                firstTouchTimes[realItems.size()] = e.timeMillis();
                realItems.add(id);
            }
        }
        int c = s.count++;
        itemCLogC += FeatureMath.xlogx(c + 1) - FeatureMath.xlogx(c);
        maxItemCount = Math.max(maxItemCount, c + 1);
        if (c == 1) {
            repeatedItems++;
        }
        int actionBit = FeatureMath.bit(e.action());
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

    /** The instance of item id {@code id} held here, or {@code null} when it has not been folded in. */
    String canonicalId(String id) {
        ItemState s = items.get(id);
        return s == null ? null : s.id;
    }

    /** When the {@code k}-th of {@link #realItems} was first touched. */
    long firstTouch(int k) {
        return firstTouchTimes[k];
    }

    int buysWithoutTouch() {
        return buysWithoutTouch;
    }

    /** Writes the item features of {@code n} events into {@code v}. */
    void write(double[] v, int n) {
        v[ITEM_ENTROPY.ordinal()] = Math.max(0, Math.log(n) - itemCLogC / n);
        v[TOP_ITEM_SHARE.ordinal()] = (double) maxItemCount / n;
        v[DISTINCT_ITEM_RATIO.ordinal()] = (double) items.size() / n;
        v[REPEAT_ITEM_SHARE.ordinal()] = (double) repeatedItems / items.size();
        v[REPEAT_ITEM_ACTION_SHARE.ordinal()] = (double) repeatedItemActions / n;
        v[REPEAT_BUY_ITEM_SHARE.ordinal()] = FeatureMath.share(rebought, boughtItems.size());
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
}

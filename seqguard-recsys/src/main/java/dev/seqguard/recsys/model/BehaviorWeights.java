package dev.seqguard.recsys.model;

import dev.seqguard.core.model.Action;

/**
 * How much one event of each behaviour says about a user's interest in an item. A purchase is the strongest signal
 * and a page view the weakest (Taobao's own ordering, pv &lt; fav &lt; cart &lt; buy); a search names no item and
 * weighs nothing.
 */
public record BehaviorWeights(double view, double click, double fav, double cart, double buy) {
    public BehaviorWeights {
        check("view", view);
        check("click", click);
        check("fav", fav);
        check("cart", cart);
        check("buy", buy);
    }

    /** pv 1, click 1, fav 2, cart 3, buy 4. */
    public static BehaviorWeights defaults() {
        return new BehaviorWeights(1, 1, 2, 3, 4);
    }

    public double of(Action action) {
        return switch (action) {
            case VIEW -> view;
            case CLICK -> click;
            case FAV -> fav;
            case CART -> cart;
            case BUY -> buy;
            case SEARCH -> 0;
        };
    }

    private static void check(String name, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("behaviour weight " + name + " must be finite and >= 0, got " + w);
        }
    }
}

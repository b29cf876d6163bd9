package dev.seqguard.core.inject;

/**
 * Account takeover: after an existing user's normal history, whoever took the account over shops quickly in
 * categories the owner never touched (resellable goods paid with the owner's saved payment), while the owner is idle.
 *
 * @param minHistory  real events the owner must have before the takeover, so that a normal history exists
 * @param categories  never-seen categories the intruder shops in
 * @param views       views in those categories
 * @param carts       carts in those categories
 * @param buys        buys in those categories
 * @param gapSeconds  mean gap between the intruder's events
 * @param gapCv       coefficient of variation of those gaps
 */
public record TakeoverParams(int minHistory, IntRange categories, IntRange views, IntRange carts, IntRange buys,
                             DoubleRange gapSeconds, DoubleRange gapCv) {

    public TakeoverParams {
        if (minHistory < 1) {
            throw new IllegalArgumentException("takeover.minHistory must be at least 1, got " + minHistory);
        }
        categories.requireAtLeast("takeover.categories", 1);
        views.requireAtLeast("takeover.views", 0);
        carts.requireAtLeast("takeover.carts", 0);
        buys.requireAtLeast("takeover.buys", 1);
        gapSeconds.requirePositive("takeover.gapSeconds");
        gapCv.requireWithin("takeover.gapCv", 0, 5);
    }

    public static TakeoverParams defaults() {
        return new TakeoverParams(20, new IntRange(1, 3), new IntRange(4, 15), new IntRange(1, 4), new IntRange(2, 5),
                new DoubleRange(8, 30), new DoubleRange(0.4, 0.9));
    }

    static TakeoverParams read(ParamReader in, TakeoverParams base) {
        return new TakeoverParams(in.integer("minHistory", base.minHistory), in.intRange("categories", base.categories),
                in.intRange("views", base.views), in.intRange("carts", base.carts), in.intRange("buys", base.buys),
                in.doubleRange("gapSeconds", base.gapSeconds), in.doubleRange("gapCv", base.gapCv));
    }
}

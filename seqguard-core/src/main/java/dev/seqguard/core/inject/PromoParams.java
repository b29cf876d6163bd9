package dev.seqguard.core.inject;

/**
 * Promotion abuse: a handful of fresh accounts (one person's sock puppets, or a reseller's scripts) storm carts and
 * favourites on the discounted items in the hour before a sale starts, then all check out within minutes of the
 * sale moment, several times each. Each sale draws its moment, items and storm length; each account its volumes.
 *
 * @param accounts         accounts per sale moment
 * @param targets          discounted items per sale (real items, mostly from one category, like one shop's sale)
 * @param stormMinutes     how long before the sale moment the cart/fav storm starts
 * @param stormEvents      carts and favourites per account during the storm
 * @param buys             buys per account after the sale moment
 * @param buyWindowSeconds how soon after the sale moment an account's buys are all done
 * @param browse           ordinary-looking views of real popular items per account before the storm
 */
public record PromoParams(IntRange accounts, IntRange targets, DoubleRange stormMinutes, IntRange stormEvents,
                          IntRange buys, DoubleRange buyWindowSeconds, IntRange browse) {

    public PromoParams {
        accounts.requireAtLeast("promo.accounts", 1);
        targets.requireAtLeast("promo.targets", 1);
        stormMinutes.requirePositive("promo.stormMinutes");
        stormEvents.requireAtLeast("promo.stormEvents", 1);
        buys.requireAtLeast("promo.buys", 1);
        buyWindowSeconds.requirePositive("promo.buyWindowSeconds");
        browse.requireAtLeast("promo.browse", 0);
    }

    public static PromoParams defaults() {
        return new PromoParams(new IntRange(3, 8), new IntRange(3, 8), new DoubleRange(15, 60), new IntRange(8, 25),
                new IntRange(3, 10), new DoubleRange(30, 300), new IntRange(0, 5));
    }

    static PromoParams read(ParamReader in, PromoParams base) {
        return new PromoParams(in.intRange("accounts", base.accounts), in.intRange("targets", base.targets),
                in.doubleRange("stormMinutes", base.stormMinutes), in.intRange("stormEvents", base.stormEvents),
                in.intRange("buys", base.buys), in.doubleRange("buyWindowSeconds", base.buyWindowSeconds),
                in.intRange("browse", base.browse));
    }
}

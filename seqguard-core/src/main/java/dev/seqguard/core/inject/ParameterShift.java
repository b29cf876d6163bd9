package dev.seqguard.core.inject;

import java.util.SplittableRandom;

/**
 * Draws injection parameters <em>outside</em> a base configuration's ranges, so that validation injections are unlike
 * the injections a classifier trained on: every range moves, as a whole, either below the base range
 * ({@code [min / f, min]}) or above it ({@code [max, max · f]}), with its own side and its own factor
 * {@code f}, log-uniform in {@code [minFactor, maxFactor]}. The shifted range touches the base range at one end at most,
 * so training and validation draw from disjoint parameter ranges (up to that one value). Probabilities move the same
 * way on the odds scale. A range that cannot move to the side drawn (a count already at its lowest allowed value)
 * moves to the other side.
 *
 * <p>Used by label-free selection: a detector is validated on farms of other sizes, bots of other paces, bursts of
 * other lengths than the ones it may have been taught with, so it is graded on how it generalises rather than on
 * the injector's signature.
 *
 * @param minFactor smallest widening factor, &gt; 1
 * @param maxFactor largest widening factor, &ge; minFactor
 */
public record ParameterShift(double minFactor, double maxFactor) {

    public ParameterShift {
        if (!(minFactor > 1) || !(maxFactor >= minFactor) || !Double.isFinite(maxFactor)) {
            throw new IllegalArgumentException("parameter shift factors must satisfy 1 < min <= max (finite), got "
                    + minFactor + ".." + maxFactor);
        }
    }

    /** Factors 1.5 to 3: a farm of 4 to 10 accounts becomes one of 1 to 4 or of 10 to 30. */
    public static ParameterShift wide() {
        return new ParameterShift(1.5, 3.0);
    }

    /** A copy of {@code base} with every type's parameter ranges shifted (seed, rate and types unchanged). */
    public InjectionConfig apply(InjectionConfig base, SplittableRandom random) {
        Draw d = new Draw(random);
        FarmingParams f = base.farming();
        FarmingParams farming = new FarmingParams(d.ints(f.accounts(), 1, 200), d.ints(f.targets(), 1, 50),
                d.doubles(f.campaignHours(), 0.5, 24 * 8), d.ints(f.rounds(), 2, 60), d.probability(f.joinProbability()),
                d.ints(f.camouflage(), 0, 60), d.doubles(f.gapSeconds(), 1, 3600), d.doubles(f.gapCv(), 0.01, 5),
                d.doubles(f.coordinationMinutes(), 0.5, 24 * 60), d.probability(f.favProbability()),
                d.probability(f.cartProbability()), d.probability(f.buyProbability()));
        CrawlerParams c = base.crawler();
        CrawlerParams crawler = new CrawlerParams(d.ints(c.views(), 20, 20_000), d.ints(c.categories(), 1, 500),
                d.ints(c.runs(), 1, 30), d.doubles(c.pauseHours(), 0.1, 24 * 30), d.doubles(c.gapSeconds(), 0.5, 600),
                d.doubles(c.gapCv(), 0.005, 5), d.probability(c.cartProbability()));
        AdFraudParams a = base.adfraud();
        AdFraudParams adfraud = new AdFraudParams(d.ints(a.accounts(), 1, 200), d.ints(a.targets(), 1, 20),
                d.doubles(a.burstMinutes(), 0.5, 24 * 60), d.ints(a.eventsPerAccount(), 1, 100),
                d.probability(a.decoyProbability()));
        TakeoverParams t = base.takeover();
        TakeoverParams takeover = new TakeoverParams(t.minHistory(), d.ints(t.categories(), 1, 30),
                d.ints(t.views(), 0, 300), d.ints(t.carts(), 0, 60), d.ints(t.buys(), 1, 60),
                d.doubles(t.gapSeconds(), 1, 3600), d.doubles(t.gapCv(), 0.05, 5));
        PromoParams p = base.promo();
        PromoParams promo = new PromoParams(d.ints(p.accounts(), 1, 100), d.ints(p.targets(), 1, 60),
                d.doubles(p.stormMinutes(), 1, 24 * 60), d.ints(p.stormEvents(), 1, 300), d.ints(p.buys(), 1, 100),
                d.doubles(p.buyWindowSeconds(), 5, 24 * 3600), d.ints(p.browse(), 0, 100));
        MisclickParams m = base.misclick();
        MisclickParams misclick = new MisclickParams(d.ints(m.events(), 1, 20), d.probability(m.cartProbability()),
                d.ints(m.dwellSeconds(), 1, 60), d.scalar(m.maxGapMinutes(), 1, 24 * 60), m.minHistory());
        return new InjectionConfig(base.seed(), base.rate(), base.types(), farming, crawler, adfraud, takeover, promo,
                misclick);
    }

    /** One configuration's draws; each parameter draws its own side and factor. */
    private final class Draw {
        private final SplittableRandom random;

        Draw(SplittableRandom random) {
            this.random = random;
        }

        private double factor() {
            double lo = Math.log(minFactor);
            double hi = Math.log(maxFactor);
            return Math.exp(lo + (hi - lo) * random.nextDouble());
        }

        /** As {@link #doubles}, rounded outwards to whole numbers. */
        IntRange ints(IntRange base, int lowest, int highest) {
            DoubleRange d = doubles(new DoubleRange(base.min(), base.max()), lowest, highest);
            if (d.min() >= base.max() && d.max() > base.max()) {
                return new IntRange(base.max(), Math.min(highest, Math.max(base.max() + 1, (int) Math.ceil(d.max()))));
            }
            if (d.max() <= base.min() && d.min() < base.min()) {
                return new IntRange(Math.max(lowest, (int) Math.floor(d.min())), base.min());
            }
            return base;
        }

        DoubleRange doubles(DoubleRange base, double lowest, double highest) {
            double f = factor();
            boolean up = random.nextBoolean();
            double belowMin = Math.max(lowest, base.min() / f);
            double aboveMax = Math.min(highest, base.max() * f);
            boolean canGoDown = belowMin < base.min();
            boolean canGoUp = aboveMax > base.max();
            if (up && canGoUp || !canGoDown) {
                return canGoUp ? new DoubleRange(base.max(), aboveMax) : base;
            }
            return new DoubleRange(belowMin, base.min());
        }

        /** Multiplies or divides a single value by the factor, within [lowest, highest]. */
        double scalar(double v, double lowest, double highest) {
            double f = factor();
            return Math.min(highest, Math.max(lowest, random.nextBoolean() ? v * f : v / f));
        }

        /** Moves a probability by the factor on the odds scale, up or down; 0 and 1 stay. */
        double probability(double p) {
            if (p <= 0 || p >= 1) {
                return p;
            }
            double f = factor();
            double odds = p / (1 - p) * (random.nextBoolean() ? f : 1 / f);
            return odds / (1 + odds);
        }
    }
}

package dev.seqguard.eval.bank;

import dev.seqguard.core.inject.DoubleRange;
import dev.seqguard.core.inject.IntRange;
import java.util.SplittableRandom;

/**
 * Slow-drip bots ({@link BankKind#SLOW_DRIP}): campaigns of a few bots sharing target items, each bot visiting on a
 * regular schedule across days. On a log shorter than the span, the schedule is compressed into 90% of its window.
 *
 * @param bots          bots per campaign
 * @param targets       promoted items per campaign (real items of low-to-mid popularity)
 * @param spanDays      how long a bot keeps visiting
 * @param visits        visits per bot over that span
 * @param periodCv      jitter of the visit schedule, as a fraction of the period (machine-regular: small)
 * @param viewsPerVisit target views per visit
 * @param gapSeconds    mean gap between the views of one visit
 * @param decoyProbability chance that a visit also views one popular item
 */
public record SlowDripParams(IntRange bots, IntRange targets, DoubleRange spanDays, IntRange visits,
                             DoubleRange periodCv, IntRange viewsPerVisit, DoubleRange gapSeconds,
                             double decoyProbability) {
    public SlowDripParams {
        if (bots.min() < 1 || targets.min() < 1 || visits.min() < 3 || viewsPerVisit.min() < 1) {
            throw new IllegalArgumentException("slowdrip: bots, targets, viewsPerVisit >= 1 and visits >= 3, got "
                    + bots + ", " + targets + ", " + viewsPerVisit + ", " + visits);
        }
        if (spanDays.min() <= 0 || gapSeconds.min() <= 0 || periodCv.min() < 0 || periodCv.max() > 0.5) {
            throw new IllegalArgumentException("slowdrip: spanDays and gapSeconds positive, periodCv in [0, 0.5]");
        }
        if (!(decoyProbability >= 0 && decoyProbability <= 1)) {
            throw new IllegalArgumentException("slowdrip.decoyProbability must be in [0, 1], got " + decoyProbability);
        }
    }

    public static SlowDripParams defaults() {
        return new SlowDripParams(new IntRange(2, 5), new IntRange(1, 3), new DoubleRange(2, 5), new IntRange(8, 16),
                new DoubleRange(0.02, 0.1), new IntRange(1, 3), new DoubleRange(5, 20), 0.3);
    }

    /** One scenario's variant: narrow ranges drawn from wide ones, so scenarios differ in pace and volume. */
    static SlowDripParams draw(SplittableRandom r) {
        int bots = 1 + r.nextInt(5);
        double span = 1.5 + 4.5 * r.nextDouble();
        int visits = 5 + r.nextInt(20);
        double cv = 0.01 + 0.2 * r.nextDouble();
        int views = 1 + r.nextInt(3);
        return new SlowDripParams(new IntRange(bots, bots + 2), new IntRange(1, 1 + r.nextInt(3)),
                new DoubleRange(span, span * 1.3), new IntRange(visits, visits + 4), new DoubleRange(cv, cv * 1.5),
                new IntRange(views, views + 1), new DoubleRange(3, 30), r.nextDouble() * 0.6);
    }
}

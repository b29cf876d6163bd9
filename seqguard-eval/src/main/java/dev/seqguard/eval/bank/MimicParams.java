package dev.seqguard.eval.bank;

import dev.seqguard.core.inject.DoubleRange;
import dev.seqguard.core.inject.IntRange;
import java.util.SplittableRandom;

/**
 * Mimicry bots ({@link BankKind#MIMIC}): new accounts that replay a real shopper's rhythm and action mix and steer a
 * share of their touches to promoted items.
 *
 * @param targets     promoted items per campaign (real items of low-to-mid popularity), shared by its bots
 * @param bots        bots per campaign
 * @param steerShare  share of a bot's events moved onto the targets
 * @param timeStretch factor applied to the copied gaps
 * @param minHistory  events a real user must have to be copied (the longest user when none has that many)
 */
public record MimicParams(IntRange targets, IntRange bots, DoubleRange steerShare, DoubleRange timeStretch,
                          int minHistory) {
    public MimicParams {
        if (targets.min() < 1 || bots.min() < 1 || minHistory < 2) {
            throw new IllegalArgumentException("mimic: targets, bots >= 1 and minHistory >= 2");
        }
        if (steerShare.min() < 0 || steerShare.max() > 1 || timeStretch.min() <= 0) {
            throw new IllegalArgumentException("mimic: steerShare in [0, 1], timeStretch > 0");
        }
    }

    public static MimicParams defaults() {
        return new MimicParams(new IntRange(1, 2), new IntRange(2, 5), new DoubleRange(0.3, 0.6),
                new DoubleRange(0.8, 1.25), 8);
    }

    static MimicParams draw(SplittableRandom r) {
        double steer = 0.15 + 0.5 * r.nextDouble();
        return new MimicParams(new IntRange(1, 1 + r.nextInt(3)), new IntRange(1, 2 + r.nextInt(5)),
                new DoubleRange(steer, steer + 0.15), new DoubleRange(0.7, 1.4), 5 + r.nextInt(10));
    }
}

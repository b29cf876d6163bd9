package dev.seqguard.eval.bank;

import dev.seqguard.core.inject.DoubleRange;
import dev.seqguard.core.inject.IntRange;
import java.util.SplittableRandom;

/**
 * Coordinated favourite/cart rings ({@link BankKind#RING}) on items new to the catalogue.
 *
 * @param ringSize            accounts per ring
 * @param newItems            new items a ring pushes
 * @param coordinationMinutes how far apart the ring's accounts act
 * @param camouflage          views of popular items per account around the ring's actions
 * @param gapSeconds          an account's mean gap between events
 * @param gapCv               coefficient of variation of those gaps
 * @param repeatClicks        extra clicks per target where the log has no favourite or cart action
 */
public record RingParams(IntRange ringSize, IntRange newItems, DoubleRange coordinationMinutes, IntRange camouflage,
                         DoubleRange gapSeconds, DoubleRange gapCv, IntRange repeatClicks) {
    public RingParams {
        if (ringSize.min() < 2 || newItems.min() < 1 || camouflage.min() < 0 || repeatClicks.min() < 0) {
            throw new IllegalArgumentException("ring: ringSize >= 2, newItems >= 1, camouflage, repeatClicks >= 0");
        }
        if (coordinationMinutes.min() < 0 || gapSeconds.min() <= 0 || gapCv.min() < 0) {
            throw new IllegalArgumentException("ring: coordinationMinutes >= 0, gapSeconds > 0, gapCv >= 0");
        }
    }

    public static RingParams defaults() {
        return new RingParams(new IntRange(3, 8), new IntRange(1, 3), new DoubleRange(10, 90), new IntRange(0, 6),
                new DoubleRange(8, 40), new DoubleRange(0.3, 0.9), new IntRange(1, 3));
    }

    static RingParams draw(SplittableRandom r) {
        int size = 2 + r.nextInt(9);
        double coordination = 5 + 175 * r.nextDouble();
        int camouflage = r.nextInt(12);
        return new RingParams(new IntRange(size, size + 3), new IntRange(1, 1 + r.nextInt(4)),
                new DoubleRange(coordination * 0.5, coordination), new IntRange(camouflage / 2, camouflage),
                new DoubleRange(5, 60), new DoubleRange(0.2, 1.2), new IntRange(1, 2 + r.nextInt(3)));
    }
}

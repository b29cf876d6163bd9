package dev.seqguard.eval.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScoreBreakTest {

    /** 90 rows evenly over [0, 1), then {@code top} rows starting at {@code start}, {@code step} apart. */
    private static double[] bulkThen(int top, double start, double step) {
        double[] s = new double[90 + top];
        for (int i = 0; i < 90; i++) {
            s[i] = i / 90.0;
        }
        for (int i = 0; i < top; i++) {
            s[90 + i] = start + i * step;
        }
        return s;
    }

    @Test
    void findsTheGroupAboveADominantDrop() {
        assertThat(ScoreBreak.find(bulkThen(8, 30, 0.5), 1, 25)).hasValue(8);
    }

    @Test
    void aSmoothTailHasNoBreak() {
        double[] s = new double[200];
        for (int i = 0; i < 200; i++) {
            s[i] = Math.exp(i / 40.0);
        }
        assertThat(ScoreBreak.find(s, 2, 50)).isEmpty();
    }

    @Test
    void twoDropsOfSimilarSizeAreNotABreak() {
        // bulk median ~0.55, 1.4826 MAD ~0.37: 5 rows at z ~ 88 and 5 at z ~ 9 -> log-drops of about 2.2
        // and 1.5, neither twice the other, so neither wins
        double[] s = bulkThen(10, 0, 0);
        for (int i = 0; i < 5; i++) {
            s[90 + i] = 4.0;
            s[95 + i] = 33.0;
        }
        assertThat(ScoreBreak.find(s, 1, 25)).isEmpty();
        // the same upper group, the lower one removed into the bulk: now one drop dominates
        for (int i = 0; i < 5; i++) {
            s[90 + i] = 0.9;
        }
        assertThat(ScoreBreak.find(s, 1, 25)).hasValue(5);
    }

    @Test
    void theBreakMustLeaveBetweenMinAndMaxRowsAboveIt() {
        double[] s = bulkThen(8, 30, 0.5);
        assertThat(ScoreBreak.find(s, 10, 25)).isNotEqualTo(OptionalInt.of(8));
        assertThat(ScoreBreak.find(s, 1, 5)).isNotEqualTo(OptionalInt.of(8));
    }

    @Test
    void tiedBulkOrTooSmallARangeGivesNoBreak() {
        double[] tied = new double[100];
        tied[99] = 5;
        assertThat(ScoreBreak.find(tied, 1, 25)).isEmpty();
        assertThat(ScoreBreak.find(bulkThen(8, 30, 0.5), 3, 3)).isEmpty();
    }

    @Test
    void isScaleAndShiftFree() {
        double[] s = bulkThen(8, 30, 0.5);
        double[] t = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            t[i] = 1000 + 0.001 * s[i];
        }
        assertThat(ScoreBreak.find(t, 1, 25)).isEqualTo(ScoreBreak.find(s, 1, 25));
    }
}

package dev.seqguard.eval.select.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreFenceTest {

    @Test
    void flagsPlantedHighScoresAndReportsARangeAroundTheExpectedShare() {
        Random rnd = new Random(1);
        double[] s = new double[1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = i < 30 ? 8 + rnd.nextDouble() : rnd.nextGaussian();
        }
        ScoreFence f = ScoreFence.of(s, 1);
        long plantedFlagged = Arrays.stream(s, 0, 30).filter(v -> v >= f.threshold()).count();
        assertThat(plantedFlagged).isEqualTo(30);
        assertThat(f.expectedShare()).isBetween(0.03, 0.05);
        assertThat(f.shareLow()).isLessThanOrEqualTo(f.expectedShare());
        assertThat(f.shareHigh()).isGreaterThanOrEqualTo(f.expectedShare());
        assertThat(f.description()).contains("median", "MAD");
        assertThat(ScoreFence.of(s, 1)).isEqualTo(f);
    }

    @Test
    void neverFlagsAlmostNobody() {
        // uniform scores have no tail: median + 2.5 robust sigmas lies above the maximum
        Random rnd = new Random(2);
        double[] s = new double[2000];
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextDouble();
        }
        ScoreFence f = ScoreFence.of(s, 2);
        assertThat(f.expectedShare()).isBetween(ScoreFence.MIN_SHARE, 2 * ScoreFence.MIN_SHARE);
        assertThat(f.description()).contains("raised");
    }

    @Test
    void neverFlagsMoreThanAQuarterWhenMostScoresTie() {
        // MAD 0: the fence sits on the tied median and would flag every row
        double[] s = new double[1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = i < 600 ? 0 : i;
        }
        ScoreFence f = ScoreFence.of(s, 3);
        assertThat(f.expectedShare()).isLessThanOrEqualTo(ScoreFence.MAX_SHARE + 1e-9);
        assertThat(f.description()).contains("lowered");
    }

    @Test
    void rejectsNoScores() {
        assertThatThrownBy(() -> ScoreFence.of(new double[0], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero scores");
    }
}

package dev.seqguard.eval.select.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    void aMajorityOfVotersSetsHowManyThePickFlags() {
        // 1000 rows, 40 planted at the top of every voter; rows 40..59 are extreme for one voter only (a heavy-tailed
        // normal row), which a majority does not follow
        Random rnd = new Random(4);
        int n = 1000;
        List<double[]> voters = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = i < 40 ? 10 + rnd.nextDouble() : i < 60 && (i % 3) == m ? 20 : rnd.nextGaussian();
            }
            voters.add(v);
        }
        double[] pick = new double[n];
        for (int i = 0; i < n; i++) {
            pick[i] = n - i; // the pick ranks rows in their index order
        }
        ScoreFence f = ScoreFence.byVote(pick, voters, List.of("a", "b", "c"));
        assertThat(f.expectedShare()).isCloseTo(0.04, within(0.002));
        assertThat(f.threshold()).isEqualTo(n - 39);
        assertThat(f.shareLow()).isLessThanOrEqualTo(f.expectedShare());
        assertThat(f.shareHigh()).isGreaterThanOrEqualTo(0.06);
        assertThat(f.description()).contains("majority vote of a, b, c", "top 40");
    }

    @Test
    void aVoteNeverFlagsAlmostNobody() {
        Random rnd = new Random(5);
        List<double[]> voters = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            voters.add(rnd.doubles(2000).toArray());
        }
        ScoreFence f = ScoreFence.byVote(voters.get(0), voters, List.of("a", "b"));
        assertThat(f.expectedShare()).isBetween(ScoreFence.MIN_SHARE, 2 * ScoreFence.MIN_SHARE);
        assertThat(f.description()).contains("raised");
        assertThatThrownBy(() -> ScoreFence.byVote(voters.get(0), List.of(voters.get(0)), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 voters");
    }

    @Test
    void rejectsNoScores() {
        assertThatThrownBy(() -> ScoreFence.of(new double[0], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero scores");
    }
}

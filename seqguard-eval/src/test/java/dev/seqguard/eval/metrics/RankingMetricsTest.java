package dev.seqguard.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static final int[] Y = {0, 0, 1, 1};
    private static final double[] S = {0.1, 0.4, 0.35, 0.8};

    @Test
    void matchesScikitLearnOnItsDocumentationExample() {
        // sklearn: roc_auc_score(y, s) = 0.75, average_precision_score(y, s) = 0.8333...
        assertThat(RocAuc.of(Y, S)).isCloseTo(0.75, within(1e-12));
        assertThat(AveragePrecision.of(Y, S)).isCloseTo(5.0 / 6.0, within(1e-12));
    }

    @Test
    void averagesTiesAsHalfWins() {
        int[] y = {1, 0, 1, 0, 0};
        double[] s = {0.9, 0.9, 0.5, 0.3, 0.5};
        // pairs: pos 0.9 vs negs {0.9, 0.3, 0.5} -> 0.5 + 1 + 1; pos 0.5 vs negs -> 0 + 1 + 0.5; total 4 of 6
        assertThat(RocAuc.of(y, s)).isCloseTo(4.0 / 6.0, within(1e-12));
        // blocks 0.9 {1,0}: R 0.5 P 0.5; 0.5 {1,0}: R 1 P 0.5 -> AP = 0.5*0.5 + 0.5*0.5
        assertThat(AveragePrecision.of(y, s)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void givesChanceLevelWhenAllScoresTie() {
        int[] y = {0, 1, 0, 1};
        double[] s = {2, 2, 2, 2};
        assertThat(RocAuc.of(y, s)).isEqualTo(0.5);
        assertThat(AveragePrecision.of(y, s)).isEqualTo(0.5);
    }

    @Test
    void isPerfectForSeparatedScoresAndZeroForReversedOnes() {
        int[] y = {0, 0, 0, 1, 1};
        double[] s = {1, 2, 3, 4, 5};
        assertThat(RocAuc.of(y, s)).isEqualTo(1.0);
        assertThat(AveragePrecision.of(y, s)).isEqualTo(1.0);
        double[] reversed = Arrays.stream(s).map(v -> -v).toArray();
        assertThat(RocAuc.of(y, reversed)).isEqualTo(0.0);
        // the anomalies come last: P at their blocks is 1/4 and 2/5
        assertThat(AveragePrecision.of(y, reversed)).isCloseTo(0.5 * 0.25 + 0.5 * 0.4, within(1e-12));
    }

    @Test
    void isNanWhenAClassIsMissing() {
        assertThat(RocAuc.of(new int[]{0, 0}, new double[]{1, 2})).isNaN();
        assertThat(RocAuc.of(new int[]{1, 1}, new double[]{1, 2})).isNaN();
        assertThat(AveragePrecision.of(new int[]{0, 0}, new double[]{1, 2})).isNaN();
        assertThat(AveragePrecision.of(new int[]{1, 1}, new double[]{1, 2})).isEqualTo(1.0);
        assertThat(PrecisionAtK.of(new int[]{0, 0}, new double[]{1, 2})).isNaN();
        assertThat(RecallAtK.of(new int[]{0, 0}, new double[]{1, 2}, 1)).isNaN();
        assertThat(RocAuc.of(new int[0], new double[0])).isNaN();
    }

    @Test
    void agreesWithPairwiseCountingAndTheCheckersFormulasOnRandomTiedData() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 5 + random.nextInt(60);
            int[] y = new int[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = random.nextDouble() < 0.3 ? 1 : 0;
                s[i] = random.nextInt(8) / 4.0 + y[i] * random.nextInt(3) / 4.0; // many ties
            }
            y[0] = 1;
            y[1] = 0;
            assertThat(RocAuc.of(y, s)).isCloseTo(pairwiseAuc(y, s), within(1e-12));
            assertThat(RocAuc.of(y, s)).isCloseTo(midrankAuc(y, s), within(1e-12));
            assertThat(AveragePrecision.of(y, s)).isCloseTo(checkerAp(y, s), within(1e-12));
        }
    }

    @Test
    void countsTopKWithTiesBrokenByInputOrder() {
        assertThat(PrecisionAtK.of(Y, S, 2)).isEqualTo(0.5);
        assertThat(RecallAtK.of(Y, S, 2)).isEqualTo(0.5);
        assertThat(PrecisionAtK.of(Y, S)).isEqualTo(0.5);
        assertThat(RecallAtK.of(Y, S, 3)).isEqualTo(1.0);
        assertThat(PrecisionAtK.of(Y, S, 3)).isCloseTo(2.0 / 3.0, within(1e-12));
        int[] y = {0, 1, 0};
        double[] s = {0.5, 0.5, 0.1};
        assertThat(PrecisionAtK.of(y, s, 1)).isEqualTo(0.0);
        assertThat(PrecisionAtK.of(new int[]{1, 0, 0}, s, 1)).isEqualTo(1.0);
    }

    @Test
    void rejectsBadInputNamingTheIndex() {
        assertThatThrownBy(() -> RocAuc.of(new int[]{0, 2}, new double[]{1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label at index 1 is 2");
        assertThatThrownBy(() -> AveragePrecision.of(new int[]{0, 1}, new double[]{1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score at index 1 is NaN");
        assertThatThrownBy(() -> RocAuc.of(new int[]{0, 1, 1}, new double[]{1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 labels but 2 scores");
        assertThatThrownBy(() -> PrecisionAtK.of(Y, S, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be in 1..4, got 5");
        assertThatThrownBy(() -> RecallAtK.of(Y, S, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void treatsNegativeZeroAsTheSameScoreAsZero() {
        int[] y = {1, 0};
        assertThat(RocAuc.of(y, new double[]{-0.0, 0.0})).isEqualTo(0.5);
        assertThat(RankedScores.of(y, new double[]{-0.0, 0.0}).blocks()).hasSize(1);
    }

    private static double pairwiseAuc(int[] y, double[] s) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    /** The independent checker's midrank Mann-Whitney formula, transcribed. */
    private static double midrankAuc(int[] y, double[] s) {
        Integer[] idx = order(s, Comparator.comparingDouble(i -> s[i]));
        double[] ranks = new double[y.length];
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && s[idx[j + 1]] == s[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                ranks[k] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        double n1 = Arrays.stream(y).sum();
        double n0 = y.length - n1;
        double sum = 0;
        for (int k = 0; k < idx.length; k++) {
            sum += y[idx[k]] == 1 ? ranks[k] : 0;
        }
        return (sum - n1 * (n1 + 1) / 2) / (n1 * n0);
    }

    /** The independent checker's average precision, transcribed. */
    private static double checkerAp(int[] y, double[] s) {
        Integer[] idx = order(s, Comparator.comparingDouble(i -> -s[i]));
        double n1 = Arrays.stream(y).sum();
        double ap = 0;
        double tp = 0;
        double fp = 0;
        double prev = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && s[idx[j + 1]] == s[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                tp += y[idx[k]];
                fp += 1 - y[idx[k]];
            }
            double rec = tp / n1;
            ap += (rec - prev) * tp / (tp + fp);
            prev = rec;
            i = j + 1;
        }
        return ap;
    }

    private static Integer[] order(double[] s, Comparator<Integer> by) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, by);
        return idx;
    }
}

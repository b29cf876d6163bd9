package dev.seqguard.eval.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {
    private static final double[] ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    @Test
    void contaminationFlagsExactlyTheRequestedShare() {
        Threshold t = ThresholdRule.contamination(0.1).compute(ONE_TO_HUNDRED);
        assertThat(t.value()).isEqualTo(91.0);
        assertThat(t.flagged()).isEqualTo(10);
        assertThat(t.detail()).contains("10th highest of 100 scores");
        assertThat(ThresholdRule.contamination(0.001).compute(ONE_TO_HUNDRED).flagged()).isEqualTo(1);
        assertThat(ThresholdRule.contamination(0.001).compute(ONE_TO_HUNDRED).detail()).startsWith("the highest");
        assertThat(ThresholdRule.contamination(0.05).describe()).isEqualTo("flag the top 5% of scores");
    }

    @Test
    void contaminationFlagsAWholeTieAtTheBoundary() {
        double[] s = {1, 2, 3, 3, 3, 4};
        assertThat(ThresholdRule.contamination(0.34).compute(s).flagged()).isEqualTo(4); // k = 2 lands in the tie
    }

    @Test
    void fixedUsesTheGivenValue() {
        Threshold t = ThresholdRule.fixed(50.5).compute(ONE_TO_HUNDRED);
        assertThat(t.value()).isEqualTo(50.5);
        assertThat(t.flagged()).isEqualTo(50);
    }

    @Test
    void f1OptimalPicksTheGapOfASeparableSet() {
        double[] s = {0.1, 0.2, 0.3, 0.4, 0.8, 0.85, 0.9};
        int[] y = {0, 0, 0, 0, 1, 1, 1};
        Threshold t = ThresholdRule.f1Optimal().compute(s, y);
        assertThat(t.value()).isCloseTo(0.6, within(1e-12));
        assertThat(t.flagged()).isEqualTo(3);
        assertThat(t.detail()).contains("best F1 1 ");
    }

    @Test
    void f1OptimalTradesPrecisionAgainstRecall() {
        // flagging down to 0.7 catches 2 of 3 with no false alarm (F1 0.8); down to 0.5 catches all three with
        // two false alarms (F1 0.75): 0.8 wins, placed between 0.7 and 0.6
        double[] s = {0.9, 0.7, 0.6, 0.55, 0.5, 0.1};
        int[] y = {1, 1, 0, 0, 1, 0};
        Threshold t = ThresholdRule.f1Optimal().compute(s, y);
        assertThat(t.value()).isCloseTo(0.65, within(1e-12));
        assertThat(t.flagged()).isEqualTo(2);
    }

    @Test
    void labelledRulesIgnoreUnknownLabelsButCountAllScoresAsFlagged() {
        double[] s = {0.1, 0.2, 0.95, 0.8, 0.9};
        int[] y = {0, 0, -1, 1, 1};
        Threshold t = ThresholdRule.f1Optimal().compute(s, y);
        assertThat(t.value()).isCloseTo(0.5, within(1e-12));
        assertThat(t.flagged()).isEqualTo(3);
        assertThat(t.total()).isEqualTo(5);
    }

    @Test
    void costOptimalFollowsTheCosts() {
        double[] s = {0.9, 0.7, 0.6, 0.55, 0.5, 0.1};
        int[] y = {1, 1, 0, 0, 1, 0};
        // misses cost 10: catch all three anomalies (2 false alarms, cost 2)
        Threshold cheapAlarms = ThresholdRule.costOptimal(1, 10).compute(s, y);
        assertThat(cheapAlarms.value()).isCloseTo(0.3, within(1e-12));
        assertThat(cheapAlarms.detail()).contains("lowest cost 2 (2 false alarms x 1 + 0 misses x 10)");
        // false alarms cost 10: stop above the first normal score (1 miss, cost 1)
        Threshold cheapMisses = ThresholdRule.costOptimal(10, 1).compute(s, y);
        assertThat(cheapMisses.value()).isCloseTo(0.65, within(1e-12));
        // false alarms cost 100 and misses 1, with a normal on top: flag nothing
        Threshold nothing = ThresholdRule.costOptimal(100, 1).compute(new double[]{0.9, 0.5}, new int[]{0, 1});
        assertThat(nothing.flagged()).isZero();
        assertThat(nothing.value()).isGreaterThan(0.9);
    }

    @Test
    void labelledRulesRequireLabels() {
        assertThat(ThresholdRule.f1Optimal().needsLabels()).isTrue();
        assertThat(ThresholdRule.adaptive().needsLabels()).isFalse();
        assertThatThrownBy(() -> ThresholdRule.f1Optimal().compute(ONE_TO_HUNDRED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'f1' needs labelled validation scores, but no labels were given");
        assertThatThrownBy(() -> ThresholdRule.f1Optimal().compute(new double[]{1, 2}, new int[]{0, 0}))
                .hasMessageContaining("needs at least one anomalous validation label");
        assertThatThrownBy(() -> ThresholdRule.costOptimal(1, 1).compute(new double[]{1, 2}, new int[]{-1, -1}))
                .hasMessageContaining("every label is unknown");
        assertThatThrownBy(() -> ThresholdRule.contamination(0.1).compute(new double[0]))
                .hasMessageContaining("no scores");
        assertThatThrownBy(() -> ThresholdRule.contamination(0.1).compute(new double[]{1, Double.NaN}))
                .hasMessageContaining("score at index 1 is NaN");
    }

    @Test
    void adaptiveLandsNearTheTrueQuantileOfAnExponentialSample() {
        SplittableRandom r = new SplittableRandom(3);
        double[] s = new double[20_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = -Math.log(1 - r.nextDouble());
        }
        for (double risk : new double[]{0.01, 0.001}) {
            Threshold t = ThresholdRule.adaptive(risk).compute(s);
            double truth = -Math.log(risk);
            assertThat(t.value()).as("risk %s", risk).isCloseTo(truth, within(0.05 * truth));
            assertThat(t.detail()).contains("tail fit over the 90% quantile");
            assertThat((double) t.flagged()).isCloseTo(risk * s.length, within(risk * s.length * 0.35 + 3));
        }
    }

    @Test
    void adaptiveFlagsAPlantedOutlierClusterInNormalScores() {
        SplittableRandom r = new SplittableRandom(9);
        double[] s = new double[1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = i < 990 ? Math.abs(gaussian(r)) : 8 + r.nextDouble();
        }
        Threshold t = ThresholdRule.adaptive(0.005).compute(s);
        assertThat(t.value()).isBetween(2.5, 8.0);
        assertThat(t.flagged()).isBetween(10, 20);
    }

    @Test
    void adaptiveFallsBackToAMadFenceWhenTheTailIsTied() {
        double[] s = new double[200];
        for (int i = 0; i < s.length; i++) {
            s[i] = i % 10; // the 20 scores above the 90% quantile (8.1) all equal 9: no tail shape to fit
        }
        Threshold t = ThresholdRule.adaptive().compute(s);
        // median 4.5, MAD 2.5 -> 4.5 + 3 * 1.4826 * 2.5
        assertThat(t.value()).isCloseTo(4.5 + 3 * 1.4826 * 2.5, within(1e-9));
        assertThat(t.detail()).contains("tail not fittable").contains("MAD");
        double[] mostlyZero = new double[100];
        mostlyZero[99] = 5;
        Threshold z = ThresholdRule.adaptive().compute(mostlyZero);
        assertThat(z.flagged()).isEqualTo(1);
        assertThat(z.detail()).contains("MAD is 0");
    }

    @Test
    void gpdFitRecoversKnownShapeAndScale() {
        SplittableRandom r = new SplittableRandom(5);
        for (double shape : new double[]{-0.2, 0.0, 0.25}) {
            double[] y = new double[5000];
            for (int i = 0; i < y.length; i++) {
                double u = r.nextDouble();
                y[i] = Math.abs(shape) < 1e-12 ? -2 * Math.log(1 - u) : 2 / shape * (Math.pow(1 - u, -shape) - 1);
            }
            PeaksOverThreshold.Gpd g = PeaksOverThreshold.fitPwm(y).orElseThrow();
            assertThat(g.shape()).as("shape %s", shape).isCloseTo(shape, within(0.07));
            assertThat(g.scale()).as("scale for shape %s", shape).isCloseTo(2.0, within(0.15));
        }
        assertThat(PeaksOverThreshold.fitPwm(new double[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1})).isEmpty();
        assertThat(PeaksOverThreshold.fitPwm(new double[]{1, 2, 3})).isEmpty();
        // nine excesses piled at the maximum: a spike, PWM shape about -5.8, is no tail
        assertThat(PeaksOverThreshold.fitPwm(new double[]{0.01, 1, 1, 1, 1, 1, 1, 1, 1, 1})).isEmpty();
    }

    @Test
    void anExponentialTailHasTheExactExponentialQuantile() {
        PeaksOverThreshold.TailModel m = new PeaksOverThreshold.TailModel(2.0, 1000, 100,
                new PeaksOverThreshold.Gpd(0, 1));
        // P(X > z) = 0.1 * exp(-(z - 2)) = 0.001 -> z = 2 + ln 100
        assertThat(m.scoreAtRisk(0.001)).isCloseTo(2 + Math.log(100), within(1e-12));
        assertThatThrownBy(() -> m.scoreAtRisk(0.5)).hasMessageContaining("risk must be in (0, 0.1)");
    }

    @Test
    void describesEachRuleInOneLine() {
        for (String spec : new String[]{"contamination:0.05", "fixed:0.7", "adaptive", "f1", "cost:1:10"}) {
            String d = ThresholdRule.parse(spec).describe();
            assertThat(d).isNotBlank().doesNotContain("\n");
        }
        assertThat(ThresholdRule.costOptimal(1, 10).describe()).contains("false alarm 1, miss 10");
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

}

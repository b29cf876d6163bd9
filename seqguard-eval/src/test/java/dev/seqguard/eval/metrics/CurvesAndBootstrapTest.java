package dev.seqguard.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CurvesAndBootstrapTest {
    private static final int[] Y = {0, 0, 1, 1};
    private static final double[] S = {0.1, 0.4, 0.35, 0.8};

    @Test
    void drawsTheRocCurveThroughEveryScoreBlock() {
        assertThat(RocCurve.of(Y, S)).containsExactly(
                new CurvePoint(0, 0, Double.POSITIVE_INFINITY),
                new CurvePoint(0, 0.5, 0.8),
                new CurvePoint(0.5, 0.5, 0.4),
                new CurvePoint(0.5, 1, 0.35),
                new CurvePoint(1, 1, 0.1));
    }

    @Test
    void drawsThePrCurveWhoseStepAreaIsAveragePrecision() {
        List<CurvePoint> pr = PrCurve.of(Y, S);
        assertThat(pr).containsExactly(
                new CurvePoint(0.5, 1, 0.8),
                new CurvePoint(0.5, 0.5, 0.4),
                new CurvePoint(1, 2.0 / 3.0, 0.35),
                new CurvePoint(1, 0.5, 0.1));
        double area = 0;
        double prev = 0;
        for (CurvePoint p : pr) {
            area += (p.x() - prev) * p.y();
            prev = p.x();
        }
        assertThat(area).isCloseTo(AveragePrecision.of(Y, S), within(1e-12));
    }

    @Test
    void trapezoidAreaUnderTheRocCurveIsRocAuc() {
        Data d = data(500, 11);
        List<CurvePoint> roc = RocCurve.of(d.labels, d.scores);
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            area += (roc.get(i).x() - roc.get(i - 1).x()) * (roc.get(i).y() + roc.get(i - 1).y()) / 2;
        }
        assertThat(area).isCloseTo(RocAuc.of(d.labels, d.scores), within(1e-12));
    }

    @Test
    void downsamplesKeepingBothEnds() {
        Data d = data(2000, 3);
        List<CurvePoint> full = RocCurve.of(d.labels, d.scores);
        List<CurvePoint> small = RocCurve.of(d.labels, d.scores, Curves.REPORT_POINTS);
        assertThat(full.size()).isGreaterThan(Curves.REPORT_POINTS);
        assertThat(small).hasSize(Curves.REPORT_POINTS);
        assertThat(small.get(0)).isEqualTo(full.get(0));
        assertThat(small.get(small.size() - 1)).isEqualTo(full.get(full.size() - 1));
        assertThat(PrCurve.of(Y, S, 200)).hasSize(4);
        assertThat(RocCurve.of(new int[]{1, 1}, new double[]{1, 2})).isEmpty();
        assertThatThrownBy(() -> Curves.downsample(full, 1)).hasMessageContaining("maxPoints must be >= 2, got 1");
    }

    @Test
    void bootstrapIntervalIsSeededAndBracketsTheEstimate() {
        Data d = data(400, 5);
        Interval a = Bootstrap.interval(d.labels, d.scores, Metric.ROC_AUC, 300, 0.95, 42);
        Interval b = Bootstrap.interval(d.labels, d.scores, Metric.ROC_AUC, 300, 0.95, 42);
        assertThat(a).isEqualTo(b);
        assertThat(a.estimate()).isEqualTo(RocAuc.of(d.labels, d.scores));
        assertThat(a.lower()).isLessThan(a.estimate());
        assertThat(a.upper()).isGreaterThan(a.estimate());
        assertThat(a.resamples()).isEqualTo(300);
        // roughly the normal-theory width for n=400 with ~20% anomalies: a few hundredths, not tenths
        assertThat(a.width()).isBetween(0.02, 0.15);
        Data bigger = data(4000, 5);
        Interval c = Bootstrap.interval(bigger.labels, bigger.scores, Metric.ROC_AUC, 300, 0.95, 42);
        assertThat(c.width()).isLessThan(a.width());
    }

    @Test
    void bootstrapOfAnUndefinedMetricIsNanAndBadSettingsAreRejected() {
        Interval i = Bootstrap.interval(new int[]{0, 0, 0}, new double[]{1, 2, 3}, Metric.ROC_AUC, 20, 0.9, 1);
        assertThat(i.estimate()).isNaN();
        assertThat(i.lower()).isNaN();
        assertThat(i.resamples()).isZero();
        assertThatThrownBy(() -> Bootstrap.interval(Y, S, Metric.ROC_AUC, 5, 0.9, 1))
                .hasMessageContaining("resamples must be >= 10, got 5");
        assertThatThrownBy(() -> Bootstrap.interval(Y, S, Metric.ROC_AUC, 100, 1.0, 1))
                .hasMessageContaining("level must be in (0, 1), got 1.0");
    }

    private record Data(int[] labels, double[] scores) {
    }

    /** Anomalies score one standard deviation higher on average: ROC-AUC near 0.76. */
    private static Data data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.2 ? 1 : 0;
            s[i] = gaussian(r) + y[i];
        }
        return new Data(y, s);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}

package dev.seqguard.eval.select.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.eval.select.table.SyntheticAnomalies.Kind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyntheticAnomaliesTest {

    /** 400 rows of a 3-d correlated Gaussian: column 1 ≈ column 0, column 2 independent. */
    static double[][] correlated(long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[400][];
        for (int i = 0; i < rows.length; i++) {
            double a = rnd.nextGaussian();
            rows[i] = new double[] {a, a + 0.05 * rnd.nextGaussian(), 10 + 2 * rnd.nextGaussian()};
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sameSeedGivesSameAnomaliesOfTheTablesWidth(Kind kind) {
        SyntheticAnomalies g = new SyntheticAnomalies(correlated(1));
        double[][] a = g.generate(kind, 25, 7);
        assertThat(a).hasNumberOfRows(25);
        assertThat(a[0]).hasSize(3);
        assertThat(g.generate(kind, 25, 7)).isDeepEqualTo(a);
        assertThat(g.generate(kind, 25, 8)).isNotEqualTo(a);
        assertThat(Arrays.stream(a).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void globalAnomaliesFillTheWidenedBoundingBox() {
        double[][] rows = correlated(2);
        double[][] a = new SyntheticAnomalies(rows).generate(Kind.GLOBAL, 500, 3);
        for (int j = 0; j < 3; j++) {
            int col = j;
            double min = Arrays.stream(rows).mapToDouble(r -> r[col]).min().orElseThrow();
            double max = Arrays.stream(rows).mapToDouble(r -> r[col]).max().orElseThrow();
            double pad = 0.1 * (max - min);
            assertThat(Arrays.stream(a).mapToDouble(r -> r[col])).allMatch(v -> v >= min - pad && v <= max + pad);
            // some land outside the data's own range: that is what makes them global
            assertThat(Arrays.stream(a).mapToDouble(r -> r[col]).anyMatch(v -> v < min || v > max)).isTrue();
        }
    }

    @Test
    void dependencyAnomaliesKeepEachColumnsValuesButBreakTheirCorrelation() {
        double[][] rows = correlated(3);
        double[][] a = new SyntheticAnomalies(rows).generate(Kind.DEPENDENCY, 300, 4);
        for (int j = 0; j < 3; j++) {
            int col = j;
            Set<Double> seen = new HashSet<>();
            Arrays.stream(rows).forEach(r -> seen.add(r[col]));
            assertThat(Arrays.stream(a).mapToDouble(r -> r[col]).boxed()).allMatch(seen::contains);
        }
        assertThat(correlation(rows, 0, 1)).isGreaterThan(0.99);
        assertThat(Math.abs(correlation(a, 0, 1))).isLessThan(0.2);
    }

    @Test
    void clusteredAnomaliesAreTightAndAwayFromTheData() {
        double[][] rows = correlated(4);
        double[][] a = new SyntheticAnomalies(rows).generate(Kind.CLUSTERED, 50, 5);
        double[] centre = new double[3];
        for (double[] r : a) {
            for (int j = 0; j < 3; j++) {
                centre[j] += r[j] / a.length;
            }
        }
        double spreadInCluster = Arrays.stream(a).mapToDouble(r -> distance(r, centre)).max().orElseThrow();
        double nearestRealRow = Arrays.stream(rows).mapToDouble(r -> distance(r, centre)).min().orElseThrow();
        assertThat(spreadInCluster).isLessThan(nearestRealRow);
    }

    @Test
    void localAnomaliesMoveRealRowsByAboutOneSpread() {
        double[][] rows = correlated(5);
        double[][] a = new SyntheticAnomalies(rows).generate(Kind.LOCAL, 200, 6);
        double meanShift = Arrays.stream(a).mapToDouble(x -> Arrays.stream(rows).mapToDouble(r -> distance(r, x))
                .min().orElseThrow()).average().orElseThrow();
        // displaced, yet still near the data (column spreads are about 1, 1 and 2)
        assertThat(meanShift).isBetween(0.05, 3.0);
    }

    @Test
    void rejectsTooFewRowsAndNonPositiveCounts() {
        assertThatThrownBy(() -> new SyntheticAnomalies(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 rows");
        SyntheticAnomalies g = new SyntheticAnomalies(correlated(6));
        assertThatThrownBy(() -> g.generate(Kind.LOCAL, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be at least 1");
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }

    private static double correlation(double[][] rows, int x, int y) {
        double mx = Arrays.stream(rows).mapToDouble(r -> r[x]).average().orElseThrow();
        double my = Arrays.stream(rows).mapToDouble(r -> r[y]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] r : rows) {
            sxy += (r[x] - mx) * (r[y] - my);
            sxx += (r[x] - mx) * (r[x] - mx);
            syy += (r[y] - my) * (r[y] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}

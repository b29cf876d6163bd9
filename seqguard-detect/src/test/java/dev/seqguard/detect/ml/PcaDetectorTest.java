package dev.seqguard.detect.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.detect.api.DetectionData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PcaDetectorTest {

    private final PcaDetector detector = new PcaDetector();

    private static DetectionData rows(double[][] v) {
        return DetectionData.of(TestTables.matrix(List.of("x", "y"), v));
    }

    @Test
    void jacobiFindsTheEigenpairsOfASymmetricMatrix() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertThat(e.values()).containsExactly(new double[] {3, 1}, within(1e-12));
        assertThat(Math.abs(e.vectors()[0][0])).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(e.vectors()[0][0] * e.vectors()[0][1]).isCloseTo(0.5, within(1e-12));
        assertThat(e.vectors()[1][0] * e.vectors()[1][1]).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void scoreIsTheMahalanobisDistanceUnderTheShrunkCorrelationMatrix() {
        // every principal component kept: Σ y_k² / λ_k = zᵀ R*⁻¹ z with R* = (1 - rho) R + rho I the shrunk 2x2
        // correlation matrix [[1, b], [b, 1]], b = (1 - rho) r, whose inverse is [[1, -b], [-b, 1]] / (1 - b²)
        double[][] v = {{1, 1.2}, {-1, -0.8}, {2, 2.1}, {-2, -2.3}, {0.3, -0.2}, {-0.3, 0.1}, {0.5, 0.9}};
        PcaDetector.Fitted f = detector.fit(rows(v), detector.config(Map.of(), 1));
        double mx = Arrays.stream(v).mapToDouble(r -> r[0]).average().orElseThrow();
        double my = Arrays.stream(v).mapToDouble(r -> r[1]).average().orElseThrow();
        double sx = Math.sqrt(Arrays.stream(v).mapToDouble(r -> (r[0] - mx) * (r[0] - mx)).sum() / (v.length - 1));
        double sy = Math.sqrt(Arrays.stream(v).mapToDouble(r -> (r[1] - my) * (r[1] - my)).sum() / (v.length - 1));
        double r = Arrays.stream(v).mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum() / (v.length - 1) / (sx * sy);
        double rho = PcaDetector.shrinkage(v, new double[] {mx, my}, new double[] {sx, sy}, new double[][] {{1, r}, {r, 1}});
        assertThat(rho).isBetween(0.0, 1.0);
        double b = (1 - rho) * r;
        double[][] queries = {{1, -1}, {1, 1}, {3, 0}};
        double[] s = f.score(rows(queries));
        for (int i = 0; i < queries.length; i++) {
            double zx = (queries[i][0] - mx) / sx;
            double zy = (queries[i][1] - my) / sy;
            double expected = (zx * zx - 2 * b * zx * zy + zy * zy) / (1 - b * b);
            assertThat(s[i]).as("query %d", i).isCloseTo(expected, within(1e-9 * expected));
        }
        // a broken correlation (1, -1) scores far above a typical point (1, 1) at the same distance from the centre
        assertThat(s[0]).isGreaterThan(5 * s[1]);
        assertThat(f.explain(rows(queries), 0).score()).isEqualTo(s[0]);
    }

    @Test
    void shrinksLittleWithManyRowsPerFeatureAndMuchWithFew() {
        java.util.Random rnd = new java.util.Random(3);
        double[][] many = new double[4000][];
        for (int i = 0; i < many.length; i++) {
            double a = rnd.nextGaussian();
            many[i] = new double[] {a, a + 0.3 * rnd.nextGaussian()};
        }
        double[][] few = new double[12][10];
        for (double[] row : few) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        assertThat(rhoOf(many)).isLessThan(0.01);
        assertThat(rhoOf(few)).isGreaterThan(0.3);
    }

    private double rhoOf(double[][] v) {
        PcaDetector.Fitted f = detector.fit(DetectionData.of(TestTables.matrix(
                java.util.stream.IntStream.range(0, v[0].length).mapToObj(j -> "f" + j).toList(), v)), detector.config(Map.of(), 1));
        double[][] cov = new double[v[0].length][v[0].length];
        for (double[] row : v) {
            for (int a = 0; a < cov.length; a++) {
                for (int b = 0; b < cov.length; b++) {
                    cov[a][b] += (row[a] - f.mean()[a]) / f.sd()[a] * (row[b] - f.mean()[b]) / f.sd()[b] / (v.length - 1);
                }
            }
        }
        return PcaDetector.shrinkage(v, f.mean(), f.sd(), cov);
    }

    @Test
    void staysFiniteOnADirectionConstantInTraining() {
        double[][] v = {{1, 1}, {2, 2}, {3, 3}, {4, 4}};
        PcaDetector.Fitted f = detector.fit(rows(v), detector.config(Map.of(), 1));
        double[] s = f.score(rows(new double[][] {{2, 2}, {2, 3}}));
        assertThat(f.eigenvalues()[1]).isPositive();
        assertThat(s[1]).isFinite().isGreaterThan(s[0]);
    }

    @Test
    void ranksPlantedOutliersOfAnOddsTableAsPyodsPcaDoes() {
        // PyOD's published PCA ROC-AUC (docs/tables/roc.csv, 60/40 split): musk 0.99996, satimage-2 0.978
        for (String t : List.of("musk", "satimage-2")) {
            DetectionData data = TestTables.odds(t);
            double[] s = detector.fit(data.withoutLabels(), detector.config(Map.of(), 1)).score(data);
            assertThat(RankStats.rocAuc(s, data.labels())).as(t).isGreaterThan(0.95);
        }
    }
}

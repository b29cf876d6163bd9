package dev.seqguard.detect.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviationDetectorsTest {

    /** One feature 1, 2, 3, 4, 10 and a constant one. */
    private static final double[][] FIVE = {{1, 7}, {2, 7}, {3, 7}, {4, 7}, {10, 7}};

    private static FittedDetector fit(String name, DetectionData data, Map<String, String> params) {
        return DetectorRegistry.fit(name, data, params, 42L);
    }

    @Test
    void zScoreMatchesHandComputedValues() {
        // mean 4, sample sd sqrt(50 / 4); the constant column has sd 1 and deviation 0.
        double[] s = fit("zscore", SequenceFixtures.table(FIVE), Map.of("aggregate", "max")).score(SequenceFixtures.table(FIVE));
        double sd = Math.sqrt(12.5);
        assertThat(s).containsExactly(new double[] {3 / sd, 2 / sd, 1 / sd, 0, 6 / sd}, within(1e-12));
    }

    @Test
    void robustZMatchesHandComputedValues() {
        // median 3, absolute deviations 2 1 0 1 7 -> MAD 1, spread 1.4826.
        double[] s = fit("robust-z", SequenceFixtures.table(FIVE), Map.of("aggregate", "max")).score(SequenceFixtures.table(FIVE));
        assertThat(s).containsExactly(new double[] {2 / 1.4826, 1 / 1.4826, 0, 1 / 1.4826, 7 / 1.4826}, within(1e-12));
    }

    @Test
    void iqrMatchesHandComputedTukeyFences() {
        // Q1 2, Q3 4, IQR 2: fences [-1, 7]; only 10 lies outside, (10 - 7) / 2 IQRs.
        double[] s = fit("iqr", SequenceFixtures.table(FIVE), Map.of("aggregate", "max")).score(SequenceFixtures.table(FIVE));
        assertThat(s).containsExactly(new double[] {0, 0, 0, 0, 1.5}, within(1e-12));
        double[] outer = fit("iqr", SequenceFixtures.table(FIVE), Map.of("aggregate", "max", "k", "3"))
                .score(SequenceFixtures.table(FIVE));
        // Outer fences [2 - 6, 4 + 6] = [-4, 10]: 10 sits on the fence, not beyond it.
        assertThat(outer).containsOnly(0.0);
    }

    @Test
    void aggregatesCombineDeviationsAsDocumented() {
        double[] d = {3, 0, 4, 1};
        assertThat(Aggregate.MAX.apply(d)).isEqualTo(4);
        assertThat(Aggregate.MEAN_TOP3.apply(d)).isCloseTo(8 / 3.0, within(1e-12));
        assertThat(Aggregate.SUM_SQUARES.apply(d)).isEqualTo(26);
        assertThat(Aggregate.MEAN.apply(d)).isEqualTo(2);
        assertThat(Aggregate.MEAN_TOP3.apply(new double[] {5})).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zscore", "robust-z", "iqr"})
    void clipsADegenerateFeatureAtTheCap(String name) {
        FittedDetector f = fit(name, SequenceFixtures.table(FIVE), Map.of("aggregate", "max", "cap", "10"));
        double[] s = f.score(SequenceFixtures.table(new double[][] {{1e9, 7}, {3, 7e9}}));
        assertThat(s).containsExactly(10, 10);
    }

    static Stream<String> names() {
        return Stream.of("zscore", "robust-z", "iqr");
    }

    /** 300 Gaussian rows in 5 features, then 6 outliers each far out in one feature. */
    private static double[][] planted(long seed) {
        Random rng = new Random(seed);
        double[][] rows = new double[306][5];
        for (double[] r : rows) {
            for (int j = 0; j < 5; j++) {
                r[j] = rng.nextGaussian();
            }
        }
        for (int k = 0; k < 6; k++) {
            rows[300 + k][k % 5] += 7 + k;
        }
        return rows;
    }

    @ParameterizedTest
    @MethodSource("names")
    void ranksPlantedOutliersAboveEveryInlier(String name) {
        DetectionData data = SequenceFixtures.table(planted(7));
        double[] s = fit(name, data, Map.of()).score(data);
        double maxInlier = Arrays.stream(s, 0, 300).max().orElseThrow();
        double minOutlier = Arrays.stream(s, 300, 306).min().orElseThrow();
        assertThat(minOutlier).isGreaterThan(maxInlier);
    }

    @ParameterizedTest
    @MethodSource("names")
    void explainsWithThePlantedFeatureFirst(String name) {
        DetectionData data = SequenceFixtures.table(planted(7));
        FittedDetector f = fit(name, data, Map.of());
        Explanation e = f.explain(data, 302);
        assertThat(e.score()).isEqualTo(f.score(data)[302]);
        assertThat(e.contributions().get(0).name()).isEqualTo("f2");
        assertThat(e.contributions().get(0).value()).isEqualTo(data.features().row(302)[2]);
        assertThat(e.contributions()).isSortedAccordingTo((a, b) -> Double.compare(b.weight(), a.weight()));
    }

    @ParameterizedTest
    @MethodSource("names")
    void savedAndLoadedModelScoresExactlyTheSame(String name) throws Exception {
        DetectionData data = SequenceFixtures.table(planted(3));
        FittedDetector f = fit(name, data, Map.of("aggregate", "sum_squares", "cap", "6"));
        String json = ModelIO.mapper().writeValueAsString(ModelIO.toJson(f));
        FittedDetector back = DetectorRegistry.load(ModelIO.mapper().readTree(json));
        assertThat(back.getClass()).isEqualTo(f.getClass());
        assertThat(back.score(data)).containsExactly(f.score(data));
        assertThat(back.provenance()).isEqualTo(f.provenance());
    }

    @ParameterizedTest
    @MethodSource("names")
    void scoresABatchAsItScoresEachRowAlone(String name) {
        DetectionData data = SequenceFixtures.table(planted(5));
        FittedDetector f = fit(name, data, Map.of());
        double[] batch = f.score(data);
        for (int i : new int[] {0, 17, 150, 301, 305}) {
            assertThat(f.score(data.select(new int[] {i}))[0]).isEqualTo(batch[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void fitsDeterministically(String name) {
        DetectionData data = SequenceFixtures.table(planted(9));
        assertThat(fit(name, data, Map.of()).score(data)).containsExactly(fit(name, data, Map.of()).score(data));
    }

    @ParameterizedTest
    @MethodSource("names")
    void staysFiniteOnConstantAndDuplicateColumns(String name) {
        double[][] rows = IntStream.range(0, 20).mapToObj(i -> new double[] {5, i % 2, 5}).toArray(double[][]::new);
        DetectionData data = SequenceFixtures.table(rows);
        double[] s = fit(name, data, Map.of()).score(SequenceFixtures.table(new double[][] {{5, 0, 5}, {6, 3, -2}}));
        assertThat(Arrays.stream(s).allMatch(Double::isFinite)).isTrue();
        assertThat(s[1]).isGreaterThan(s[0]);
    }

    static Stream<Arguments> invalidParams() {
        return Stream.of(
                Arguments.of("zscore", "cap", "0"),
                Arguments.of("zscore", "cap", "NaN"),
                Arguments.of("robust-z", "aggregate", "median"),
                Arguments.of("iqr", "k", "-1"),
                Arguments.of("iqr", "cap", "-3"),
                Arguments.of("iqr", "nonsense", "1"));
    }

    @ParameterizedTest
    @MethodSource("invalidParams")
    void rejectsInvalidParametersNamingThem(String name, String param, String value) {
        assertThatThrownBy(() -> DetectorRegistry.get(name).config(Map.of(param, value), 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(param);
    }

    @ParameterizedTest
    @MethodSource("names")
    void rejectsRowsOfAnotherWidthAndTooFewRows(String name) {
        FittedDetector f = fit(name, SequenceFixtures.table(FIVE), Map.of());
        assertThatThrownBy(() -> f.score(SequenceFixtures.table(new double[][] {{1, 2, 3}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fitted on 2 features");
        assertThatThrownBy(() -> fit(name, SequenceFixtures.table(new double[][] {{1, 2}}), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 rows");
    }
}

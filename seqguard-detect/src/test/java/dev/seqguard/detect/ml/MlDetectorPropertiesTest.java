package dev.seqguard.detect.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.stat.EcodDetector;
import dev.seqguard.detect.stat.HbosDetector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties every detector of this package must have. */
class MlDetectorPropertiesTest {

    private static final DetectionData PLANTED = TestTables.gaussianWithOutliers(400, 10, 4, 7);

    static Stream<String> detectors() {
        return Stream.of(IsolationForestDetector.NAME, KnnDetector.NAME, LofDetector.NAME, PcaDetector.NAME,
                HbosDetector.NAME, EcodDetector.NAME);
    }

    private static FittedDetector fit(String name, DetectionData data, long seed) {
        return DetectorRegistry.fit(name, data, Map.of(), seed);
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void ranksPlantedOutliersAboveInliers(String name) {
        double[] scores = fit(name, PLANTED.withoutLabels(), 1).score(PLANTED);
        assertThat(RankStats.rocAuc(scores, PLANTED.labels())).isGreaterThan(0.97);
        assertThat(Arrays.stream(scores).allMatch(Double::isFinite)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void scoresRowAloneAsInBatch(String name) {
        FittedDetector fitted = fit(name, PLANTED, 3);
        double[] batch = fitted.score(PLANTED);
        int[] some = {0, 17, 401, 409, 250};
        for (int row : some) {
            double alone = fitted.score(PLANTED.select(new int[] {row}))[0];
            assertThat(alone).as("row %d", row).isEqualTo(batch[row]);
        }
        double[] reversed = fitted.score(PLANTED.select(IntStream.range(0, PLANTED.size()).map(i -> PLANTED.size() - 1 - i).toArray()));
        for (int i = 0; i < batch.length; i++) {
            assertThat(reversed[batch.length - 1 - i]).isEqualTo(batch[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void keepsScoresExactlyThroughSaveAndLoad(String name) throws IOException {
        FittedDetector fitted = fit(name, PLANTED, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.write(fitted, out);
        FittedDetector restored = DetectorRegistry.load(ModelIO.mapper().readTree(new ByteArrayInputStream(out.toByteArray())));
        assertThat(restored.getClass()).isEqualTo(fitted.getClass());
        assertThat(restored.provenance()).isEqualTo(fitted.provenance());
        assertThat(restored.score(PLANTED)).containsExactly(fitted.score(PLANTED));
        assertThat(restored.explain(PLANTED, 405)).isEqualTo(fitted.explain(PLANTED, 405));
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void givesSameScoresForSameSeed(String name) {
        assertThat(fit(name, PLANTED, 11).score(PLANTED)).containsExactly(fit(name, PLANTED, 11).score(PLANTED));
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void rejectsRowsOfAnotherWidth(String name) {
        FittedDetector fitted = fit(name, PLANTED, 1);
        DetectionData narrow = DetectionData.of(TestTables.matrix(List.of("a", "b"), new double[][] {{1, 2}}));
        assertThatThrownBy(() -> fitted.score(narrow)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fitted on 4 features but got 2");
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void rejectsNonFiniteTrainingValueNamingFeatureAndRow(String name) {
        double[][] v = Arrays.stream(PLANTED.features().values()).map(double[]::clone).toArray(double[][]::new);
        v[3][2] = Double.NaN;
        DetectionData bad = DetectionData.of(TestTables.matrix(PLANTED.features().names(), v));
        assertThatThrownBy(() -> fit(name, bad, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("f2").hasMessageContaining("row 3").hasMessageContaining("NaN");
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void explainsOutlierByTheFeatureItDeviatesIn(String name) {
        double[][] v = Arrays.stream(TestTables.gaussianWithOutliers(300, 0, 5, 13).features().values())
                .map(double[]::clone).toArray(double[][]::new);
        double[] odd = v[0].clone();
        odd[3] = 12;
        v[0] = odd;
        DetectionData data = DetectionData.of(TestTables.matrix(List.of("f0", "f1", "f2", "f3", "f4"), v));
        FittedDetector fitted = fit(name, data, 2);
        Explanation why = fitted.explain(data, 0);
        assertThat(why.score()).isEqualTo(fitted.score(data)[0]);
        assertThat(why.contributions()).isNotEmpty();
        assertThat(why.contributions().get(0).name()).isEqualTo("f3");
        assertThat(why.contributions().get(0).value()).isEqualTo(odd[3]);
        for (int i = 1; i < why.contributions().size(); i++) {
            assertThat(why.contributions().get(i).weight()).isLessThanOrEqualTo(why.contributions().get(i - 1).weight());
        }
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void staysFiniteOnDuplicateRows(String name) {
        double[][] v = new double[60][];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 45 ? new double[] {1, 1} : new double[] {1 + (i - 44) * 0.5, 2};
        }
        DetectionData data = DetectionData.of(TestTables.matrix(List.of("a", "b"), v));
        double[] scores = fit(name, data, 4).score(data);
        assertThat(Arrays.stream(scores).allMatch(Double::isFinite)).isTrue();
        assertThat(scores[59]).isGreaterThan(scores[0]);
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of("iforest", "trees", "0"),
                Arguments.of("iforest", "trees", "20000"),
                Arguments.of("iforest", "subsample", "1"),
                Arguments.of("iforest", "maxDepth", "-1"),
                Arguments.of("knn", "k", "0"),
                Arguments.of("knn", "maxReference", "10"),
                Arguments.of("knn", "statistic", "median"),
                Arguments.of("lof", "k", "-3"),
                Arguments.of("lof", "maxReference", "20"),
                Arguments.of("pca", "eigenFloor", "0"),
                Arguments.of("hbos", "bins", "1"),
                Arguments.of("hbos", "alpha", "0"),
                Arguments.of("ecod", "maxReference", "1"));
    }

    @ParameterizedTest
    @MethodSource("invalidParameters")
    void rejectsInvalidParameterNamingIt(String detector, String parameter, String value) {
        Detector<?> d = DetectorRegistry.get(detector);
        assertThatThrownBy(() -> d.config(Map.of(parameter, value), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + parameter + "'").hasMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"knn", "lof"})
    void needsMoreRowsThanNeighbours(String name) {
        DetectionData tiny = TestTables.rows(PLANTED, 0, 5);
        assertThatThrownBy(() -> fit(name, tiny, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least").hasMessageContaining("got 5");
    }
}

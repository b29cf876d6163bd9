package dev.seqguard.detect.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FeatureScaler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KnnDetectorTest {

    private final KnnDetector detector = new KnnDetector();

    private static DetectionData table(String name) {
        return name.equals("synthetic") ? TestTables.gaussianWithOutliers(600, 20, 6, 21) : TestTables.odds(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"glass", "vertebral", "synthetic"})
    void meanDistanceAgreesWithElkiKnnWeightOnSameScaledData(String name) {
        DetectionData data = table(name);
        double[] ours = detector.fit(data, detector.config(Map.of("k", "10"), 1)).score(data);
        double[][] scaled = FeatureScaler.robust(data.features().values()).apply(data.features());
        double[] elki = ElkiReference.neighbourDistanceSum(scaled, 10);
        assertThat(RankStats.spearman(ours, elki)).isGreaterThan(0.999);
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i] * 10).isCloseTo(elki[i], within(1e-9 * (1 + elki[i])));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"glass", "vertebral", "synthetic"})
    void kthDistanceEqualsElkiKnnOutlier(String name) {
        DetectionData data = table(name);
        double[] ours = detector.fit(data, detector.config(Map.of("k", "7", "statistic", "kth"), 1)).score(data);
        double[] elki = ElkiReference.kthNeighbourDistance(
                FeatureScaler.robust(data.features().values()).apply(data.features()), 7);
        assertThat(RankStats.spearman(ours, elki)).isGreaterThan(0.999);
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).isCloseTo(elki[i], within(1e-9 * (1 + elki[i])));
        }
    }

    @Test
    void scoresHandComputedMeanDistanceOnALine() {
        // one column 0,1,2,3,10: robust centre 2, MAD 1 -> spread 1.4826
        double[][] v = {{0}, {1}, {2}, {3}, {10}};
        DetectionData data = DetectionData.of(TestTables.matrix(List.of("x"), v));
        double[] s = detector.fit(data, detector.config(Map.of("k", "2"), 1)).score(data);
        double unit = 1 / 1.4826;
        // row 4 (x=10): k+1 = 3 nearest are itself (0), 3 (7), 2 (8); mean of the two after itself = 7.5
        assertThat(s[4]).isCloseTo(7.5 * unit, within(1e-12));
        // row 0 (x=0): itself, 1 (1), 2 (2) -> 1.5
        assertThat(s[0]).isCloseTo(1.5 * unit, within(1e-12));
        // a new query at 11 is scored by the same rule: nearest 10 (1) dropped, then 3 (8), 2 (9) -> 8.5
        assertThat(FeatureScaler.robust(v).spread()[0]).isCloseTo(1.4826, within(1e-12));
        double q = detector.fit(data, detector.config(Map.of("k", "2"), 1))
                .score(DetectionData.of(TestTables.matrix(List.of("x"), new double[][] {{11}})))[0];
        assertThat(q).isCloseTo(8.5 * unit, within(1e-12));
    }

    @Test
    void capsReferenceSetAtMaxReference() {
        DetectionData data = TestTables.gaussianWithOutliers(500, 5, 3, 2);
        KnnDetector.FittedKnn fitted = detector.fit(data, detector.config(Map.of("maxReference", "100"), 9));
        assertThat(fitted.reference().size()).isEqualTo(100);
        assertThat(RankStats.rocAuc(fitted.score(data), data.labels())).isGreaterThan(0.95);
    }
}

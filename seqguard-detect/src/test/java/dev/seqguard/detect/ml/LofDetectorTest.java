package dev.seqguard.detect.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.FeatureScaler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LofDetectorTest {

    private final LofDetector detector = new LofDetector();

    @ParameterizedTest
    @ValueSource(strings = {"glass", "vertebral", "breastw", "synthetic"})
    void agreesWithElkiLofOnSameScaledData(String name) {
        DetectionData data = name.equals("synthetic") ? TestTables.gaussianWithOutliers(600, 20, 6, 21)
                : TestTables.odds(name);
        double[] ours = detector.fit(data, detector.config(Map.of(), 1)).score(data);
        double[] elki = ElkiReference.lof(FeatureScaler.robust(data.features().values()).apply(data.features()), 20);
        int compared = 0;
        for (int i = 0; i < ours.length; i++) {
            if (Double.isFinite(elki[i])) {
                assertThat(ours[i]).as("row %d", i).isCloseTo(elki[i], within(1e-9 * elki[i]));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(ours.length * 9 / 10);
        assertThat(RankStats.spearman(ours, elki)).isGreaterThan(0.99);
    }

    @Test
    void remembersTrainingScoresExactlyAsSearchedAgain() {
        DetectionData data = TestTables.odds("breastw");
        LofDetector.FittedLof fitted = detector.fit(data, detector.config(Map.of("k", "10"), 1));
        double[] scores = fitted.score(data);
        for (int i = 0; i < scores.length; i += 7) {
            // explain searches the neighbourhood afresh; score looks the training row up
            assertThat(fitted.explain(data, i).score()).as("row %d", i).isEqualTo(scores[i]);
        }
    }

    @Test
    void scoresAboutOneInsideAUniformGrid() {
        double[][] v = new double[100][];
        for (int i = 0; i < 100; i++) {
            v[i] = new double[] {i % 10, i / 10};
        }
        DetectionData data = DetectionData.of(TestTables.matrix(List.of("a", "b"), v));
        double[] s = detector.fit(data, detector.config(Map.of("k", "4"), 1)).score(data);
        // interior points of a regular grid have the same density as their neighbours
        assertThat(s[55]).isCloseTo(1.0, within(1e-9));
        assertThat(s[44]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void scoresNewFarRowHigh() {
        DetectionData data = TestTables.gaussianWithOutliers(300, 0, 3, 5);
        LofDetector.FittedLof fitted = detector.fit(data, detector.config(Map.of(), 1));
        double[][] query = {{0, 0, 0}, {30, 0, 0}};
        double[] s = fitted.score(DetectionData.of(TestTables.matrix(List.of("f0", "f1", "f2"), query)));
        assertThat(s[0]).isLessThan(1.5);
        assertThat(s[1]).isGreaterThan(5);
    }
}

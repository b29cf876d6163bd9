package dev.seqguard.detect.ml;

import static dev.seqguard.detect.ml.MlDetectorFixtures.labelled;
import static dev.seqguard.detect.ml.MlDetectorFixtures.rocAuc;
import static dev.seqguard.detect.ml.MlDetectorFixtures.roundTrip;
import static dev.seqguard.detect.ml.MlDetectorFixtures.scoreOneByOne;
import static dev.seqguard.detect.ml.MlDetectorFixtures.separable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ml.RandomForestDetector.Config;
import dev.seqguard.detect.ml.RandomForestDetector.FittedRandomForest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomForestDetectorTest {
    private final RandomForestDetector detector = new RandomForestDetector();

    private Config config(Map<String, String> params) {
        return detector.config(params, 42);
    }

    @Test
    void separatesHeldOutAnomaliesWithHighAuc() {
        DetectionData train = separable(500, 6, 0.08, 21);
        DetectionData test = separable(400, 6, 0.08, 22);
        FittedDetector fitted = detector.fit(train, config(Map.of("trees", "40")));
        assertThat(rocAuc(fitted.score(test), test.labels())).isGreaterThan(0.95);
    }

    @Test
    void oneTreeOnSeparableLineIsAStumpAtTheGap() {
        DetectionData data = labelled(new double[][] {{1}, {2}, {3}, {4}, {10}, {11}, {12}}, new int[] {0, 0, 0, 0, 1, 1, 1});
        FittedRandomForest fitted = detector.fit(data, config(Map.of("trees", "1", "maxDepth", "1")));
        var trees = fitted.ensemble();
        int root = trees.roots()[0];
        assertThat(trees.feature()[root]).isZero();
        assertThat(trees.threshold()[root]).isBetween(4.0, 10.0);
        assertThat(fitted.score(data)).containsExactly(0, 0, 0, 0, 1, 1, 1);
    }

    @Test
    void scoresAreMeanLeafAnomalyFractions() {
        DetectionData data = separable(200, 4, 0.2, 23);
        FittedRandomForest fitted = detector.fit(data, config(Map.of("trees", "7")));
        double[] scores = fitted.score(data);
        for (int i = 0; i < 20; i++) {
            double[] x = data.features().row(i);
            double mean = 0;
            for (int t = 0; t < 7; t++) {
                mean += fitted.ensemble().value()[fitted.ensemble().leaf(t, x)] / 7;
            }
            assertThat(scores[i]).isCloseTo(mean, within(1e-12)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void explanationAddsUpToTheScoreAndNamesTheInformativeFeature() {
        DetectionData data = separable(300, 6, 0.1, 24);
        FittedRandomForest fitted = detector.fit(data, config(Map.of("trees", "30")));
        int positive = GradientBoostingDetectorTest.firstPositive(data);
        Explanation e = fitted.explain(data, positive);
        double bias = 0;
        for (int r : fitted.ensemble().roots()) {
            bias += fitted.ensemble().value()[r] / 30;
        }
        double sum = e.contributions().stream().mapToDouble(Explanation.Contribution::weight).sum();
        assertThat(bias + sum).isCloseTo(e.score(), within(1e-9));
        assertThat(e.score()).isEqualTo(fitted.score(data)[positive]);
        assertThat(e.contributions().get(0).name()).isIn("f0", "f1");
    }

    @Test
    void savedModelScoresExactlyAsBeforeAndBatchEqualsSingle() throws Exception {
        DetectionData data = separable(300, 4, 0.1, 25);
        FittedDetector fitted = detector.fit(data, config(Map.of("trees", "15")));
        double[] scores = fitted.score(data);
        assertThat(roundTrip(fitted).score(data)).containsExactly(scores);
        assertThat(scoreOneByOne(fitted, data)).containsExactly(scores);
    }

    @Test
    void sameSeedSameScoresOtherSeedOtherForest() {
        DetectionData data = separable(300, 5, 0.1, 26);
        Map<String, String> params = Map.of("trees", "10");
        double[] a = detector.fit(data, detector.config(params, 1)).score(data);
        double[] b = detector.fit(data, detector.config(params, 1)).score(data);
        double[] c = detector.fit(data, detector.config(params, 2)).score(data);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void rejectsDataWithoutEnoughLabels() {
        DetectionData data = separable(100, 3, 0.1, 27);
        assertThatThrownBy(() -> detector.fit(data.withoutLabels(), config(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random-forest is supervised").hasMessageContaining("got 0 and 0");
    }

    @Test
    void rejectsLabelsOtherThanZeroOneOrUnknown() {
        DetectionData data = separable(50, 3, 0.3, 28);
        int[] labels = data.labels().clone();
        labels[4] = 2;
        assertThatThrownBy(() -> detector.fit(data.withLabels(labels), config(Map.of("trees", "2"))))
                .hasMessageContaining("label of row r4 is 2");
    }

    @Test
    void rejectsInvalidParametersNamingThem() {
        assertThatThrownBy(() -> config(Map.of("trees", "-5"))).hasMessageContaining("trees").hasMessageContaining("-5");
        assertThatThrownBy(() -> config(Map.of("featuresPerSplit", "-1"))).hasMessageContaining("featuresPerSplit");
        assertThatThrownBy(() -> config(Map.of("maxDepth", "0"))).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> config(Map.of("balanced", "maybe"))).hasMessageContaining("balanced");
    }
}

package dev.seqguard.detect.ml;

import static dev.seqguard.detect.ml.MlDetectorFixtures.labelled;
import static dev.seqguard.detect.ml.MlDetectorFixtures.rocAuc;
import static dev.seqguard.detect.ml.MlDetectorFixtures.roundTrip;
import static dev.seqguard.detect.ml.MlDetectorFixtures.scoreOneByOne;
import static dev.seqguard.detect.ml.MlDetectorFixtures.separable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ml.GradientBoostingDetector.Config;
import dev.seqguard.detect.ml.GradientBoostingDetector.FittedGbdt;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientBoostingDetectorTest {
    private final GradientBoostingDetector detector = new GradientBoostingDetector();

    private Config config(Map<String, String> params) {
        return detector.config(params, 42);
    }

    @Test
    void singleStumpSplitsBetweenClassesWithNewtonLeafValues() {
        DetectionData data = labelled(new double[][] {{1}, {2}, {3}, {4}, {10}, {11}, {12}}, new int[] {0, 0, 0, 0, 1, 1, 1});
        FittedGbdt fitted = detector.fit(data, config(Map.of("trees", "1", "maxDepth", "1", "subsample", "1",
                "minSamplesLeaf", "1")));
        var trees = fitted.ensemble();
        int root = trees.roots()[0];
        assertThat(trees.threshold()[root]).isEqualTo(7.0);
        // balanced weights: F0 = 0, p = 1/2, so each pure leaf's Newton step is ±(1/2)/(1/4) = ±2, shrunk by 0.1
        assertThat(fitted.bias()).isCloseTo(0, within(1e-15));
        assertThat(trees.value()[trees.left()[root]]).isCloseTo(-0.2, within(1e-12));
        assertThat(trees.value()[trees.right()[root]]).isCloseTo(0.2, within(1e-12));
        assertThat(fitted.score(data)[0]).isCloseTo(1 / (1 + Math.exp(0.2)), within(1e-12));
    }

    @Test
    void trainingLossDecreasesEveryRound() {
        DetectionData data = separable(400, 4, 0.1, 1);
        FittedGbdt fitted = detector.fit(data, config(Map.of("trees", "30", "subsample", "1")));
        double[] loss = fitted.trainingLoss();
        assertThat(loss).hasSize(31);
        for (int m = 1; m < loss.length; m++) {
            assertThat(loss[m]).as("loss after round %d", m).isLessThan(loss[m - 1]);
        }
        assertThat(loss[30]).isLessThan(0.5 * loss[0]);
    }

    @Test
    void ranksHeldOutAnomaliesAbove() {
        DetectionData train = separable(500, 5, 0.08, 2);
        DetectionData test = separable(400, 5, 0.08, 3);
        FittedDetector fitted = detector.fit(train, config(Map.of("trees", "40")));
        assertThat(rocAuc(fitted.score(test), test.labels())).isGreaterThan(0.95);
    }

    @Test
    void ignoresRowsWithUnknownLabels() {
        DetectionData data = separable(200, 3, 0.2, 4);
        double[][] more = Arrays.copyOf(data.features().values(), 230);
        int[] labels = Arrays.copyOf(data.labels(), 230);
        for (int i = 200; i < 230; i++) {
            more[i] = new double[] {1e6 * i, -1e6, 5e5};
            labels[i] = DetectionData.UNKNOWN;
        }
        Config config = config(Map.of("trees", "10"));
        FittedGbdt without = detector.fit(data, config);
        FittedGbdt with = detector.fit(labelled(more, labels), config);
        assertThat(with.ensemble().threshold()).containsExactly(without.ensemble().threshold());
        assertThat(with.ensemble().value()).containsExactly(without.ensemble().value());
    }

    @Test
    void explanationAddsUpToTheLogOddsAndNamesTheInformativeFeature() {
        DetectionData data = separable(400, 4, 0.1, 5);
        FittedGbdt fitted = detector.fit(data, config(Map.of("trees", "30")));
        int positive = firstPositive(data);
        Explanation e = fitted.explain(data, positive);
        double[] x = data.features().row(positive);
        double sum = e.contributions().stream().mapToDouble(Explanation.Contribution::weight).sum();
        double rootValues = Arrays.stream(fitted.ensemble().roots()).mapToDouble(r -> fitted.ensemble().value()[r]).sum();
        assertThat(fitted.bias() + rootValues + sum).isCloseTo(fitted.margin(x), within(1e-9));
        assertThat(e.score()).isEqualTo(fitted.score(data)[positive]);
        assertThat(e.contributions().get(0).name()).isIn("f0", "f1");
    }

    @Test
    void savedModelScoresExactlyAsBeforeAndBatchEqualsSingle() throws Exception {
        DetectionData data = separable(300, 4, 0.1, 6);
        FittedDetector fitted = detector.fit(data, config(Map.of("trees", "15")));
        double[] scores = fitted.score(data);
        assertThat(roundTrip(fitted).score(data)).containsExactly(scores);
        assertThat(scoreOneByOne(fitted, data)).containsExactly(scores);
        assertThat(Arrays.stream(scores).boxed().toList()).allMatch(s -> s > 0 && s < 1);
    }

    @Test
    void sameSeedSameScoresOtherSeedOtherModel() {
        DetectionData data = separable(300, 4, 0.1, 7);
        Map<String, String> params = Map.of("trees", "10");
        double[] a = detector.fit(data, detector.config(params, 1)).score(data);
        double[] b = detector.fit(data, detector.config(params, 1)).score(data);
        double[] c = detector.fit(data, detector.config(params, 2)).score(data);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void rejectsDataWithoutEnoughLabels() {
        DetectionData data = separable(100, 3, 0.1, 8);
        assertThatThrownBy(() -> detector.fit(data.withoutLabels(), config(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gbdt is supervised").hasMessageContaining("got 0 and 0");
        int[] onePositive = new int[100];
        onePositive[3] = 1;
        assertThatThrownBy(() -> detector.fit(data.withLabels(onePositive), config(Map.of())))
                .hasMessageContaining("got 1 and 99");
    }

    @Test
    void rejectsInvalidParametersNamingThem() {
        assertThatThrownBy(() -> config(Map.of("learningRate", "0"))).hasMessageContaining("learningRate")
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> config(Map.of("subsample", "1.5"))).hasMessageContaining("subsample");
        assertThatThrownBy(() -> config(Map.of("trees", "0"))).hasMessageContaining("trees");
        assertThatThrownBy(() -> config(Map.of("maxDepth", "0"))).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> config(Map.of("minSamplesLeaf", "0"))).hasMessageContaining("minSamplesLeaf");
        assertThatThrownBy(() -> config(Map.of("maxBins", "1"))).hasMessageContaining("maxBins");
        assertThatThrownBy(() -> config(Map.of("depth", "3"))).hasMessageContaining("unknown parameter 'depth'");
    }

    @Test
    void rejectsRowsOfAnotherWidth() {
        FittedDetector fitted = detector.fit(separable(100, 3, 0.2, 9), config(Map.of("trees", "3")));
        assertThatThrownBy(() -> fitted.score(separable(10, 4, 0.2, 9))).hasMessageContaining("fitted on 3 features");
    }

    @Test
    void isRegisteredAsSupervised() {
        assertThat(DetectorRegistry.get("gbdt").info().family().name()).isEqualTo("SUPERVISED");
    }

    static int firstPositive(DetectionData data) {
        for (int i = 0; i < data.size(); i++) {
            if (data.labels()[i] == 1) {
                return i;
            }
        }
        throw new AssertionError("no positive row");
    }
}

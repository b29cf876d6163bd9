package dev.seqguard.detect.ml;

import static dev.seqguard.detect.ml.MlDetectorFixtures.data;
import static dev.seqguard.detect.ml.MlDetectorFixtures.gaussianWithOutliers;
import static dev.seqguard.detect.ml.MlDetectorFixtures.gaussianWithScatteredOutliers;
import static dev.seqguard.detect.ml.MlDetectorFixtures.head;
import static dev.seqguard.detect.ml.MlDetectorFixtures.roundTrip;
import static dev.seqguard.detect.ml.MlDetectorFixtures.scoreOneByOne;
import static dev.seqguard.detect.ml.MlDetectorFixtures.topK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.ml.OneClassSvmDetector.Config;
import dev.seqguard.detect.ml.OneClassSvmDetector.FittedOcsvm;
import dev.seqguard.detect.ml.svm.OneClassSvmTrainer;
import dev.seqguard.detect.ml.svm.RbfDecision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import libsvm.svm;
import libsvm.svm_model;
import org.junit.jupiter.api.Test;

class OneClassSvmDetectorTest {
    private final OneClassSvmDetector detector = new OneClassSvmDetector();

    private Config config(Map<String, String> params) {
        return detector.config(params, 42);
    }

    @Test
    void ownDecisionFunctionEqualsLibsvm() {
        double[][] train = gaussianWithOutliers(150, 5, 3, 1, 1);
        svm_model model = OneClassSvmTrainer.train(train, 0.1, 0.4, 1e-3);
        RbfDecision decision = RbfDecision.of(model, 3);
        assertThat(decision.supportVectors().length).isEqualTo(model.l);
        Random random = new Random(2);
        for (int k = 0; k < 200; k++) {
            double[] x = {3 * random.nextGaussian(), 3 * random.nextGaussian(), random.nextGaussian()};
            double[] libsvm = new double[1];
            svm.svm_predict_values(model, OneClassSvmTrainer.nodes(x), libsvm);
            assertThat(decision.value(x)).isCloseTo(libsvm[0], within(1e-9));
        }
    }

    @Test
    void plantedOutliersRankAboveInliers() {
        DetectionData data = data(gaussianWithScatteredOutliers(200, 6, 4, 3));
        double[] scores = detector.fit(data, config(Map.of())).score(data);
        assertThat(topK(scores, 6)).containsExactlyInAnyOrder(200, 201, 202, 203, 204, 205);
        assertThat(scores[200]).isPositive();
    }

    @Test
    void novelClusterRanksAboveTheTrainingDistribution() {
        DetectionData all = data(gaussianWithOutliers(200, 6, 4, 2, 3));
        FittedDetector fitted = detector.fit(head(all, 200), config(Map.of()));
        assertThat(topK(fitted.score(all), 6)).containsExactlyInAnyOrder(200, 201, 202, 203, 204, 205);
    }

    @Test
    void explanationPutsTheShiftedFeatureFirst() {
        DetectionData data = data(gaussianWithOutliers(200, 3, 4, 2, 4));
        FittedDetector fitted = detector.fit(data, config(Map.of()));
        Explanation e = fitted.explain(data, 201);
        assertThat(e.score()).isEqualTo(fitted.score(data)[201]);
        assertThat(e.contributions()).hasSize(4);
        assertThat(e.contributions().get(0).name()).isEqualTo("f2");
        assertThat(e.contributions().get(0).value()).isEqualTo(data.features().row(201)[2]);
        assertThat(e.contributions().get(0).weight()).isPositive();
    }

    @Test
    void savedModelScoresExactlyAsBeforeAndBatchEqualsSingle() throws Exception {
        DetectionData data = data(gaussianWithOutliers(150, 5, 3, 0, 5));
        FittedDetector fitted = detector.fit(data, config(Map.of("nu", "0.2")));
        double[] scores = fitted.score(data);
        assertThat(roundTrip(fitted).score(data)).containsExactly(scores);
        assertThat(scoreOneByOne(fitted, data)).containsExactly(scores);
    }

    @Test
    void trainsOnASeededSampleOfAtMostMaxTrainRows() {
        DetectionData data = data(gaussianWithOutliers(400, 0, 3, 0, 6));
        Map<String, String> params = Map.of("maxTrainRows", "60", "nu", "0.5");
        FittedOcsvm a = detector.fit(data, detector.config(params, 1));
        FittedOcsvm b = detector.fit(data, detector.config(params, 1));
        FittedOcsvm c = detector.fit(data, detector.config(params, 2));
        assertThat(a.decision().supportVectors().length).isBetween(30, 60);
        assertThat(a.score(data)).containsExactly(b.score(data));
        assertThat(a.score(data)).isNotEqualTo(c.score(data));
    }

    @Test
    void defaultGammaIsOneOverFeatureCountTimesScaledVariance() {
        // hand-computed: values 0, 2, 0, 2 have variance 1, so gamma = 1 / (2 * 1); a constant table falls back to 1/d
        assertThat(OneClassSvmDetector.scaleGamma(new double[][] {{0, 2}, {0, 2}}, 2)).isEqualTo(0.5);
        assertThat(OneClassSvmDetector.scaleGamma(new double[][] {{1, 1}, {1, 1}}, 2)).isEqualTo(0.5);
        assertThat(OneClassSvmDetector.scaleGamma(new double[][] {{0, 4}, {0, 4}}, 2)).isEqualTo(1.0 / 8);
    }

    @Test
    void explicitGammaIsUsedAsGiven() {
        FittedOcsvm fitted = detector.fit(data(gaussianWithOutliers(80, 0, 5, 0, 7)), config(Map.of("gamma", "0.2")));
        assertThat(fitted.decision().gamma()).isEqualTo(0.2);
    }

    @Test
    void trainingPrintsNothing() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            detector.fit(data(gaussianWithOutliers(100, 2, 3, 0, 8)), config(Map.of()));
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void rejectsInvalidParametersNamingThem() {
        assertThatThrownBy(() -> config(Map.of("nu", "0"))).hasMessageContaining("nu").hasMessageContaining("0.0");
        assertThatThrownBy(() -> config(Map.of("nu", "1.5"))).hasMessageContaining("nu");
        assertThatThrownBy(() -> config(Map.of("gamma", "-1"))).hasMessageContaining("gamma");
        assertThatThrownBy(() -> config(Map.of("gamma", "NaN"))).hasMessageContaining("gamma");
        assertThatThrownBy(() -> config(Map.of("maxTrainRows", "1"))).hasMessageContaining("maxTrainRows");
        assertThatThrownBy(() -> config(Map.of("tolerance", "0"))).hasMessageContaining("tolerance");
    }

    @Test
    void rejectsNonFiniteRowsNamingTheFeature() {
        double[][] rows = gaussianWithOutliers(20, 0, 2, 0, 9);
        rows[3][1] = Double.NaN;
        assertThatThrownBy(() -> detector.fit(data(rows), config(Map.of()))).hasMessageContaining("'f1'")
                .hasMessageContaining("r3");
    }
}

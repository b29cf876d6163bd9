package dev.seqguard.detect.ml;

import static dev.seqguard.detect.ml.MlDetectorFixtures.data;
import static dev.seqguard.detect.ml.MlDetectorFixtures.gaussianWithOutliers;
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
import dev.seqguard.detect.api.OnlineUpdate;
import dev.seqguard.detect.api.StreamingDetector.StreamScore;
import dev.seqguard.detect.ml.RandomCutForestDetector.Config;
import dev.seqguard.detect.ml.RandomCutForestDetector.FittedRcf;
import dev.seqguard.detect.ml.rcf.RcfVectorStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomCutForestDetectorTest {
    private static final Map<String, String> SMALL = Map.of("trees", "20", "sampleSize", "64");
    private final RandomCutForestDetector detector = new RandomCutForestDetector();

    private Config config(Map<String, String> params) {
        return detector.config(params, 42);
    }

    @Test
    void plantedOutliersRankAboveInliers() {
        DetectionData data = data(gaussianWithOutliers(300, 5, 3, 1, 1));
        double[] scores = detector.fit(data, config(SMALL)).score(data);
        assertThat(topK(scores, 5)).containsExactlyInAnyOrder(300, 301, 302, 303, 304);
    }

    @Test
    void savedModelScoresExactlyAsBeforeAndBatchEqualsSingle() throws Exception {
        DetectionData data = data(gaussianWithOutliers(200, 4, 3, 0, 2));
        FittedRcf fitted = detector.fit(data, config(SMALL));
        double[] scores = fitted.score(data);
        assertThat(roundTrip(fitted).score(data)).containsExactly(scores);
        assertThat(scoreOneByOne(fitted, head(data, 30))).containsExactly(Arrays.copyOf(scores, 30));
        assertThat(fitted.score(data)).as("scoring does not update the forest").containsExactly(scores);
    }

    @Test
    void sameSeedSameScoresOtherSeedOtherForest() {
        DetectionData data = data(gaussianWithOutliers(200, 2, 3, 0, 3));
        double[] a = detector.fit(data, detector.config(SMALL, 1)).score(data);
        double[] b = detector.fit(data, detector.config(SMALL, 1)).score(data);
        double[] c = detector.fit(data, detector.config(SMALL, 2)).score(data);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void explanationAttributesTheScoreToTheShiftedFeature() {
        DetectionData data = data(gaussianWithOutliers(300, 2, 4, 3, 4));
        FittedRcf fitted = detector.fit(data, config(SMALL));
        Explanation e = fitted.explain(data, 301);
        assertThat(e.score()).isEqualTo(fitted.score(data)[301]);
        assertThat(e.contributions().get(0).name()).isEqualTo("f3");
        double total = e.contributions().stream().mapToDouble(Explanation.Contribution::weight).sum();
        assertThat(total).isCloseTo(e.score(), within(1e-6 * e.score()));
    }

    @Test
    void streamScoresThenLearnsLikeTheBatchForest() {
        DetectionData data = data(gaussianWithOutliers(200, 0, 3, 0, 5));
        FittedRcf fitted = detector.fit(data, config(SMALL));
        double[] novel = {0, 9, 0};
        double batch = fitted.score(data(new double[][] {novel}))[0];
        RcfVectorStream stream = fitted.streaming();
        assertThat(stream.warmedUp()).isTrue();
        assertThat(stream.pointsSeen()).isEqualTo(200);
        assertThat(stream.score(novel)).isEqualTo(batch);
        assertThat(stream.pointsSeen()).as("score alone does not learn").isEqualTo(200);
        StreamScore first = stream.processVector(novel);
        assertThat(stream.pointsSeen()).isEqualTo(201);
        assertThat(first.warmedUp()).isTrue();
        assertThat(first.score()).isEqualTo(batch);
        for (int i = 0; i < 30; i++) {
            stream.processVector(novel);
        }
        assertThat(stream.processVector(novel).score()).as("a repeated point stops being novel")
                .isLessThan(first.score() / 2);
        assertThat(fitted.score(data(new double[][] {novel}))[0]).as("streams leave the fitted forest alone")
                .isEqualTo(batch);
    }

    @Test
    void independentStreamsFromOneFitAgreeExactly() throws Exception {
        DetectionData data = data(gaussianWithOutliers(150, 0, 2, 0, 6));
        FittedRcf fitted = detector.fit(data, config(SMALL));
        RcfVectorStream a = fitted.streaming();
        RcfVectorStream b = ((FittedRcf) roundTrip(fitted)).streaming();
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            double[] x = {random.nextGaussian(), 3 * random.nextGaussian()};
            assertThat(a.processVector(x)).isEqualTo(b.processVector(x));
        }
    }

    @Test
    void offersItsStreamsThroughTheOnlineUpdateViewWhichOtherDetectorsLack() throws Exception {
        DetectionData data = data(gaussianWithOutliers(150, 0, 2, 0, 6));
        FittedDetector fitted = roundTrip(detector.fit(data, config(SMALL)));
        OnlineUpdate.VectorStream viaView = fitted.online().orElseThrow().newStream();
        RcfVectorStream direct = ((FittedRcf) fitted).streaming();
        Random random = new Random(9);
        for (int i = 0; i < 50; i++) {
            double[] x = {random.nextGaussian(), 3 * random.nextGaussian()};
            assertThat(viaView.processVector(x)).isEqualTo(direct.processVector(x));
        }
        assertThat(new KnnDetector().fit(data, new KnnDetector().config(Map.of(), 1)).online()).isEmpty();
    }

    @Test
    void streamReportsWarmUpUntilSampleSizePointsSeen() {
        DetectionData data = data(gaussianWithOutliers(20, 0, 2, 0, 8));
        RcfVectorStream stream = detector.fit(data, config(SMALL)).streaming();
        assertThat(stream.warmUpPoints()).isEqualTo(64);
        Random random = new Random(9);
        for (int seen = 20; seen < 64; seen++) {
            assertThat(stream.processVector(new double[] {random.nextGaussian(), random.nextGaussian()}))
                    .isEqualTo(StreamScore.warmingUp());
        }
        assertThat(stream.warmedUp()).isTrue();
        StreamScore s = stream.processVector(new double[] {0.1, 0.2});
        assertThat(s.warmedUp()).isTrue();
        assertThat(s.score()).isFinite().isPositive();
    }

    @Test
    void streamRejectsBadVectors() {
        RcfVectorStream stream = detector.fit(data(gaussianWithOutliers(30, 0, 2, 0, 10)), config(SMALL)).streaming();
        assertThatThrownBy(() -> stream.processVector(new double[] {1})).hasMessageContaining("expects 2 features");
        assertThatThrownBy(() -> stream.processVector(new double[] {1, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("'f1'");
    }

    @Test
    void rejectsInvalidParametersAndTooFewRows() {
        assertThatThrownBy(() -> config(Map.of("trees", "0"))).hasMessageContaining("trees").hasMessageContaining("0");
        assertThatThrownBy(() -> config(Map.of("sampleSize", "2"))).hasMessageContaining("sampleSize");
        assertThatThrownBy(() -> detector.fit(data(gaussianWithOutliers(5, 0, 2, 0, 11)), config(SMALL)))
                .hasMessageContaining("rcf needs at least 10 rows");
    }
}

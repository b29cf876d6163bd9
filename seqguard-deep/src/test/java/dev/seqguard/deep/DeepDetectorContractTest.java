package dev.seqguard.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.core.features.FeatureContext;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.core.features.SequenceFeatureExtractor;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * seqguard-detect's detector contract (its {@code DetectorContractTest}), for the detectors this module adds to the
 * registry: the same kind of data (browsing users, then planted crawlers and bulk buyers) and the same expectations.
 */
class DeepDetectorContractTest {
    private static final int NORMAL = 80;
    private static final int PLANTED = 8;
    private static final DetectionData DATA = planted();
    private static final Map<String, FittedDetector> FITTED = new ConcurrentHashMap<>();

    static Stream<Detector<?>> detectors() {
        return DetectorRegistry.all().stream().filter(d -> d.info().family() == Family.DEEP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void scoresPlantedOutliersAboveInliers(Detector<?> detector) {
        double[] s = fitted(detector).score(DATA.withoutLabels());
        assertThat(Arrays.stream(s).allMatch(Double::isFinite)).isTrue();
        assertThat(rocAuc(s)).as("ROC-AUC of %s on planted outliers", detector.name()).isGreaterThanOrEqualTo(0.9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void batchScoresEqualSingleRowScores(Detector<?> detector) {
        FittedDetector f = fitted(detector);
        double[] batch = f.score(DATA.withoutLabels());
        for (int i : new int[] {0, 3, NORMAL, NORMAL + PLANTED - 1}) {
            double single = f.score(DATA.select(new int[] {i}).withoutLabels())[0];
            assertThat(single).as("row %d", i).isCloseTo(batch[i], Offset.offset(1e-9));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void saveAndLoadKeepsScores(Detector<?> detector) throws IOException {
        FittedDetector f = fitted(detector);
        JsonNode json = ModelIO.mapper().readTree(ModelIO.mapper().writeValueAsString(ModelIO.toJson(f)));
        FittedDetector loaded = DetectorRegistry.load(json);
        assertThat(loaded.name()).isEqualTo(detector.name());
        assertThat(loaded.provenance().seed()).isEqualTo(7);
        double[] before = f.score(DATA.withoutLabels());
        double[] after = loaded.score(DATA.withoutLabels());
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).as("row %d", i).isCloseTo(before[i], Offset.offset(1e-10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void sameSeedGivesSameScores(Detector<?> detector) {
        assertThat(fit(detector, 7).score(DATA.withoutLabels())).containsExactly(fitted(detector).score(DATA.withoutLabels()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void explainsWithNamedReasons(Detector<?> detector) {
        var e = fitted(detector).explain(DATA.withoutLabels(), NORMAL);
        assertThat(e.contributions()).isNotEmpty();
        assertThat(e.contributions().get(0).name()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void rejectsNonFiniteFeaturesNamingTheFeature(Detector<?> detector) {
        if (detector.info().has(Capability.NEEDS_SEQUENCES)) {
            return; // sequence detectors read events, not feature rows
        }
        double[][] v = Arrays.stream(DATA.features().values()).map(double[]::clone).toArray(double[][]::new);
        v[5][2] = Double.NaN;
        DetectionData bad = new DetectionData(new FeatureMatrix(DATA.features().names(), DATA.features().rowIds(), v),
                DATA.sequences(), DATA.labels());
        assertThatThrownBy(() -> DetectorRegistry.fit(detector, bad, Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DATA.features().names().get(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void rejectsUnknownParameterNamingIt(Detector<?> detector) {
        assertThatThrownBy(() -> detector.config(Map.of("no_such_param", "1"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_param");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void rejectsScoringDataOfAnotherWidth(Detector<?> detector) {
        if (detector.info().has(Capability.NEEDS_SEQUENCES)) {
            return; // sequence detectors read events, not feature rows
        }
        List<String> names = DATA.features().names().subList(0, 3);
        double[][] v = Arrays.stream(DATA.features().values()).map(r -> Arrays.copyOf(r, 3)).toArray(double[][]::new);
        DetectionData narrow = new DetectionData(new FeatureMatrix(names, DATA.features().rowIds(), v), DATA.sequences(), null);
        assertThatThrownBy(() -> fitted(detector).score(narrow)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The seed-7 default fit, once per detector: training is the slow part of this contract. */
    private static FittedDetector fitted(Detector<?> detector) {
        return FITTED.computeIfAbsent(detector.name(), n -> fit(detector, 7));
    }

    private static FittedDetector fit(Detector<?> detector, long seed) {
        return DetectorRegistry.fit(detector, DATA, Map.of(), seed);
    }

    private static double rocAuc(double[] s) {
        double wins = 0;
        for (int p = NORMAL; p < NORMAL + PLANTED; p++) {
            for (int n = 0; n < NORMAL; n++) {
                wins += s[p] > s[n] ? 1 : s[p] == s[n] ? 0.5 : 0;
            }
        }
        return wins / (NORMAL * (double) PLANTED);
    }

    /**
     * Browsing users with human gaps, then planted crawlers (regular 2 s views of many items) and bulk buyers (one
     * item bought over and over); planted rows labelled 1, every other normal row 0, the rest unknown.
     */
    static DetectionData planted() {
        Random rnd = new Random(3);
        long t0 = 1_511_568_000_000L;
        List<Sequence> seqs = new ArrayList<>();
        for (int u = 0; u < NORMAL + PLANTED; u++) {
            String id = (u < NORMAL ? "u" : "x") + u;
            List<BehaviorEvent> ev = new ArrayList<>();
            long t = t0 + rnd.nextInt(86_400) * 1000L;
            int p = u - NORMAL;
            int n = u < NORMAL ? 15 + rnd.nextInt(25) : p % 2 == 0 ? 150 : 30;
            for (int i = 0; i < n; i++) {
                if (u < NORMAL) {
                    t += (long) (1000 * (5 + 600 * -Math.log(1 - rnd.nextDouble())));
                    double a = rnd.nextDouble();
                    Action act = a < 0.85 ? Action.VIEW : a < 0.93 ? Action.CART : a < 0.97 ? Action.FAV : Action.BUY;
                    int item = rnd.nextInt(400);
                    ev.add(new BehaviorEvent(id, "i" + item, "c" + item % 20, act, t));
                } else if (p % 2 == 0) {
                    ev.add(new BehaviorEvent(id, "i" + (1000 + i), "c" + i % 50, Action.VIEW, t + 2000L * i));
                } else {
                    ev.add(new BehaviorEvent(id, "i7", "c7", i % 3 == 0 ? Action.VIEW : Action.BUY, t + 9000L * i));
                }
            }
            seqs.add(new Sequence(id, id, ev));
        }
        FeatureMatrix m = new SequenceFeatureExtractor().extract(seqs, FeatureContext.ofSequences(seqs));
        int[] labels = new int[seqs.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i >= NORMAL ? 1 : i % 2 == 0 ? DetectionData.UNKNOWN : 0;
        }
        return new DetectionData(m, seqs, labels);
    }
}

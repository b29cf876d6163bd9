package dev.seqguard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import dev.seqguard.detect.ml.RankStats;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every detector: planted outliers above inliers, batch = single row, save/load keeps scores, same
 * seed same scores, named reasons and named errors. Subclasses say which detectors it covers ({@code
 * DetectorContractTest} here; modules that plug detectors into the registry extend it through this module's test jar).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DetectorContract {
    private static final int NORMAL = 80;
    private static final int PLANTED = 8;
    private static final DetectionData DATA = PlantedData.create(NORMAL, PLANTED);
    private final Map<String, FittedDetector> fitted = new ConcurrentHashMap<>();

    /** The detectors this contract runs on. */
    protected abstract Stream<Detector<?>> detectors();

    /** The least ROC-AUC a detector must reach on the planted outliers. */
    protected double plantedRocAucFloor(Detector<?> detector) {
        return 0.9;
    }

    /**
     * 0 (the default): a second fit with the same seed scores bit for bit alike. Above 0, for modules whose training
     * arithmetic is not reproducible run to run (native float32 training, see docs/deep-detectors.md): the second fit
     * must rank the rows alike instead — Spearman correlation at least {@code 1 - tolerance} — and find the planted
     * outliers as well as the first.
     */
    protected double sameSeedRankTolerance() {
        return 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void scoresPlantedOutliersAboveInliers(Detector<?> detector) {
        double[] s = fitted(detector).score(DATA.withoutLabels());
        assertThat(Arrays.stream(s).allMatch(Double::isFinite)).isTrue();
        assertThat(s).hasSize(DATA.size());
        assertThat(rocAuc(s)).as("ROC-AUC of %s on planted outliers", detector.name())
                .isGreaterThanOrEqualTo(plantedRocAucFloor(detector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void batchScoresEqualSingleRowScores(Detector<?> detector) {
        FittedDetector f = fitted(detector);
        double[] batch = f.score(DATA.withoutLabels());
        for (int i : new int[] {0, 3, NORMAL, NORMAL + PLANTED - 1}) {
            double single = f.score(DATA.select(new int[] {i}).withoutLabels())[0];
            assertThat(single).as("row %d", i).isCloseTo(batch[i], org.assertj.core.data.Offset.offset(1e-9));
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
            assertThat(after[i]).as("row %d", i).isCloseTo(before[i], org.assertj.core.data.Offset.offset(1e-10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void sameSeedGivesSameScores(Detector<?> detector) {
        double[] again = fit(detector, 7).score(DATA.withoutLabels());
        double[] first = fitted(detector).score(DATA.withoutLabels());
        if (sameSeedRankTolerance() == 0) {
            assertThat(again).containsExactly(first);
            return;
        }
        assertThat(RankStats.spearman(first, again)).as("rank correlation of two same-seed fits")
                .isGreaterThanOrEqualTo(1 - sameSeedRankTolerance());
        assertThat(rocAuc(again)).as("ROC-AUC of a second same-seed fit of %s", detector.name())
                .isGreaterThanOrEqualTo(plantedRocAucFloor(detector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void explainsWithNamedReasons(Detector<?> detector) {
        FittedDetector f = fitted(detector);
        var e = f.explain(DATA.withoutLabels(), NORMAL);
        assertThat(e.contributions()).isNotEmpty();
        assertThat(e.contributions().get(0).name()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void rejectsNonFiniteFeaturesNamingTheFeature(Detector<?> detector) {
        double[][] v = Arrays.stream(DATA.features().values()).map(double[]::clone).toArray(double[][]::new);
        v[5][2] = Double.NaN;
        DetectionData bad = new DetectionData(new FeatureMatrix(DATA.features().names(), DATA.features().rowIds(), v),
                DATA.sequences(), DATA.labels());
        if (detector.info().has(Capability.NEEDS_SEQUENCES)) {
            return; // sequence detectors read events, not feature rows
        }
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
        FittedDetector f = fitted(detector);
        List<String> names = DATA.features().names().subList(0, 3);
        double[][] v = Arrays.stream(DATA.features().values()).map(r -> Arrays.copyOf(r, 3)).toArray(double[][]::new);
        DetectionData narrow = new DetectionData(new FeatureMatrix(names, DATA.features().rowIds(), v), DATA.sequences(), null);
        assertThatThrownBy(() -> f.score(narrow)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The seed-7 default fit, once per detector: fitting is the slow part of this contract. */
    private FittedDetector fitted(Detector<?> detector) {
        return fitted.computeIfAbsent(detector.name(), n -> fit(detector, 7));
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
}

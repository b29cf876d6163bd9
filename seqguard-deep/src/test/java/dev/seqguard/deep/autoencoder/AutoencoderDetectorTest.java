package dev.seqguard.deep.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.seqguard.deep.BlockWeights;
import dev.seqguard.deep.DjlRuntime;
import dev.seqguard.deep.TrainingProgress;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoencoderDetectorTest {
    private static final int NORMAL = 300;
    private static final int PLANTED = 6;
    private static final DetectionData DATA = ManifoldData.create(NORMAL, PLANTED, 4, 5);
    private static final AutoencoderDetector DETECTOR = new AutoencoderDetector();
    /** The default fit, shared: training is the slow part of these tests. */
    private static FittedAutoencoder defaultFit;

    private static synchronized FittedAutoencoder defaultFit() {
        if (defaultFit == null) {
            defaultFit = fit(Map.of(), 1);
        }
        return defaultFit;
    }

    private static FittedAutoencoder fit(Map<String, String> params, long seed) {
        return DETECTOR.fit(DATA, DETECTOR.config(params, seed));
    }

    @Test
    void rowsOffTheManifoldScoreHighestAndAreExplainedByThePlantedFeature() {
        FittedAutoencoder f = defaultFit();
        double[] s = f.score(DATA);
        int[] top = IntStream.range(0, s.length).boxed().sorted((i, j) -> Double.compare(s[j], s[i]))
                .limit(PLANTED).mapToInt(Integer::intValue).toArray();
        assertThat(Arrays.stream(top).min().orElseThrow()).as("lowest-ranked of the top %d", PLANTED).isGreaterThanOrEqualTo(NORMAL);
        for (int i = NORMAL; i < NORMAL + PLANTED; i++) {
            Explanation e = f.explain(DATA, i);
            assertThat(e.contributions().get(0).name()).as("row %d", i).isEqualTo(ManifoldData.PLANTED_FEATURE);
            assertThat(e.contributions().get(0).value()).isEqualTo(DATA.features().row(i)[5]);
            assertThat(e.score()).isEqualTo(s[i]);
        }
    }

    @Test
    void explanationWeightsAreTheSquaredErrorsThatAverageToTheScore() {
        FittedAutoencoder f = defaultFit();
        Explanation e = f.explain(DATA, 3);
        double mean = e.contributions().stream().mapToDouble(Explanation.Contribution::weight).sum() / ManifoldData.FEATURES;
        assertThat(mean).isCloseTo(f.score(DATA)[3], Offset.offset(1e-12));
        assertThat(e.contributions()).isSortedAccordingTo((a, b) -> Double.compare(b.weight(), a.weight()));
    }

    @Test
    void savedModelLoadsEqualAndScoresIdentically() throws Exception {
        FittedAutoencoder f = defaultFit();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelIO.write(f, out);
        FittedDetector loaded = ModelIO.read(new ByteArrayInputStream(out.toByteArray()),
                n -> n.equals(AutoencoderDetector.NAME) ? FittedAutoencoder.class : null);
        assertThat(loaded).isEqualTo(f).hasSameHashCodeAs(f);
        assertThat(loaded.score(DATA)).containsExactly(f.score(DATA));
    }

    @Test
    void registryFindsTheAutoencoderAsAPlugIn() {
        assertThat(DetectorRegistry.get(AutoencoderDetector.NAME)).isInstanceOf(AutoencoderDetector.class);
    }

    @Test
    void sameSeedGivesTheSameModelAndAnotherSeedAnother() {
        Map<String, String> quick = Map.of("epochs", "5");
        FittedAutoencoder a = fit(quick, 3);
        FittedAutoencoder b = fit(quick, 3);
        assertThat(b.weights()).isEqualTo(a.weights());
        assertThat(b.training()).isEqualTo(a.training());
        assertThat(b.score(DATA)).containsExactly(a.score(DATA));
        assertThat(fit(quick, 4).weights()).isNotEqualTo(a.weights());
    }

    @Test
    void plainJavaScoringMatchesTheTrainedBlock() {
        FittedAutoencoder f = fit(Map.of("hidden", "16,8", "epochs", "5"), 1);
        DenseNetwork network = DenseNetwork.decode(f.architecture(), f.weights());
        try (NDManager m = NDManager.newBaseManager(DjlRuntime.engine().defaultDevice(), "PyTorch")) {
            AutoencoderBlock block = new AutoencoderBlock(f.architecture());
            block.initialize(m, DataType.FLOAT32, new Shape(1, ManifoldData.FEATURES));
            BlockWeights.load(block, m, f.weights());
            double[] x = f.input().apply(DATA.features().row(NORMAL));
            float[] xf = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                xf[j] = (float) x[j];
            }
            NDList out = block.forward(new ParameterStore(m, false),
                    new NDList(m.create(xf, new Shape(1, x.length))), false);
            float[] expected = out.get(0).toFloatArray();
            double[] actual = network.reconstruct(x);
            for (int j = 0; j < expected.length; j++) {
                assertThat(actual[j]).as("feature %d", j).isCloseTo(expected[j], Offset.offset(1e-4));
            }
            assertThat(out.get(1).getShape()).isEqualTo(new Shape(1, f.architecture().latent()));
        }
    }

    @Test
    void earlyStoppingKeepsTheEpochWithTheLowestValidationLoss() {
        List<double[]> epochs = new ArrayList<>();
        FittedAutoencoder f = TrainingProgress.with((d, e, max, train, validation) -> epochs.add(new double[] {e, max, validation}),
                () -> fit(Map.of("epochs", "400", "patience", "3", "learningRate", "0.01"), 1));
        TrainingSummary t = f.training();
        assertThat(t.epochs()).isLessThan(400).isEqualTo(t.bestEpoch() + 3).isEqualTo(epochs.size());
        assertThat(epochs).allSatisfy(e -> assertThat(e[1]).isEqualTo(400));
        assertThat(epochs.stream().mapToDouble(e -> e[0]).toArray())
                .containsExactly(IntStream.rangeClosed(1, t.epochs()).asDoubleStream().toArray());
        double lowest = epochs.stream().mapToDouble(e -> e[2]).min().orElseThrow();
        assertThat(t.validationLoss()).isEqualTo(lowest).isEqualTo(epochs.get(t.bestEpoch() - 1)[2]);
    }

    @Test
    void codeIsNarrowerThanHalfTheInput() {
        FittedAutoencoder f = fit(Map.of("latent", "50", "hidden", "12", "epochs", "1"), 1);
        assertThat(f.architecture()).isEqualTo(new Architecture(ManifoldData.FEATURES, List.of(12), 4));
        assertThat(f.architecture().layerOutputs()).containsExactly(12, 4, 12, ManifoldData.FEATURES);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "hidden;'';parameter 'hidden' must be 1..8 comma-separated layer widths",
            "hidden;32,x;got '32,x'",
            "hidden;0;parameter 'hidden'",
            "latent;0;parameter 'latent' must be in 1..1024, got 0",
            "lambda;-0.1;parameter 'lambda' must be in [0, 10], got -0.1",
            "trim;0.5;parameter 'trim' must be in [0, 0.5), got 0.5",
            "dropout;0.95;parameter 'dropout' must be in [0, 0.9], got 0.95",
            "weightDecay;1;parameter 'weightDecay' must be in [0, 1), got 1.0",
            "epochs;0;parameter 'epochs' must be in 1..10000, got 0",
            "batch;0;parameter 'batch' must be in 1..65536, got 0",
            "learningRate;0;parameter 'learningRate' must be in (0, 1], got 0.0",
            "patience;0;parameter 'patience' must be in 1..10000, got 0",
            "validation;0.6;parameter 'validation' must be in (0, 0.5], got 0.6",
            "maxRows;5;parameter 'maxRows' must be at least 10, got 5",
            "dropout;high;parameter 'dropout' must be a double, got 'high'",
            "squash;maybe;parameter 'squash' must be true or false, got 'maybe'"})
    void rejectsInvalidParametersNamingThem(String name, String value, String message) {
        assertThatThrownBy(() -> DETECTOR.config(Map.of(name, value), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void rejectsTooFewRowsAndBadRowIndex() {
        DetectionData tiny = DATA.select(IntStream.range(0, 9).toArray());
        assertThatThrownBy(() -> DETECTOR.fit(tiny, DETECTOR.config(Map.of(), 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10 rows");
        FittedAutoencoder f = fit(Map.of("epochs", "1"), 1);
        assertThatThrownBy(() -> f.explain(DATA, DATA.size())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row " + DATA.size());
    }

    @Test
    void trainsOnAtMostMaxRowsYetScoresEveryRow() {
        FittedAutoencoder f = fit(Map.of("maxRows", "50", "epochs", "2"), 1);
        assertThat(f.score(DATA)).hasSize(DATA.size());
        assertThat(Arrays.stream(f.score(DATA)).allMatch(Double::isFinite)).isTrue();
        assertThat(f.provenance().data()).startsWith(DATA.size() + " rows");
    }

    @Test
    void rejectsWeightsThatDoNotFitTheArchitecture() {
        FittedAutoencoder f = fit(Map.of("epochs", "1"), 1);
        FittedAutoencoder wrong = new FittedAutoencoder(f.provenance(), f.config(), f.input(),
                new Architecture(ManifoldData.FEATURES, List.of(7), 4), f.weights(), f.training());
        assertThatThrownBy(() -> wrong.score(DATA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not fit");
    }

    @Test
    void reconstructionLossIsMeanSquaredErrorPlusLambdaTimesCodeNorm() {
        try (NDManager m = NDManager.newBaseManager(DjlRuntime.engine().defaultDevice(), "PyTorch")) {
            NDList x = new NDList(m.create(new float[] {1, 2, 0, 0}, new Shape(2, 2)));
            NDList predicted = new NDList(m.create(new float[] {0, 2, 0, 2}, new Shape(2, 2)),
                    m.create(new float[] {3, 4, 0, 0}, new Shape(2, 2)));
            // MSE = (1 + 0 + 0 + 4) / 4 = 1.25; mean ||z||^2 = (25 + 0) / 2 = 12.5
            assertThat(new ReconstructionLoss(0.1, 0).evaluate(x, predicted).getFloat()).isCloseTo(2.5f, Offset.offset(1e-6f));
            assertThat(new ReconstructionLoss(0, 0).evaluate(x, predicted).getFloat()).isCloseTo(1.25f, Offset.offset(1e-6f));
        }
    }

    @Test
    void trimmedLossLeavesOutTheRowsWithTheLargestLoss() {
        try (NDManager m = NDManager.newBaseManager(DjlRuntime.engine().defaultDevice(), "PyTorch")) {
            NDList x = new NDList(m.create(new float[] {3, 3, 0, 0, 2, 2, 1, 1}, new Shape(4, 2)));
            NDList predicted = new NDList(m.zeros(new Shape(4, 2)), m.zeros(new Shape(4, 1)));
            // per-row losses 9, 0, 4, 1: trimming a quarter drops the 9
            assertThat(new ReconstructionLoss(0, 0.25).evaluate(x, predicted).getFloat()).isCloseTo(5f / 3, Offset.offset(1e-6f));
            assertThat(new ReconstructionLoss(0, 0).evaluate(x, predicted).getFloat()).isCloseTo(3.5f, Offset.offset(1e-6f));
        }
    }

    @Test
    void squashKeepsOrderAndCompressesTails() {
        InputTransform t = InputTransform.fit(new double[][] {{0}, {1}, {2}, {3}, {4}}, true);
        assertThat(t.apply(new double[] {2})[0]).isEqualTo(0.0);
        // robust spread of 0..4 is 1.4826 (MAD 1): 1e6 scales to ~6.7e5, asinh of that is ~14.1
        assertThat(t.apply(new double[] {1e6})[0]).isCloseTo(14.1, Offset.offset(0.05));
        assertThat(Arrays.stream(t.apply(new double[][] {{1}, {3}, {100}})).mapToDouble(r -> r[0]).toArray()).isSorted();
        assertThat(InputTransform.fit(new double[][] {{0}, {1}, {2}, {3}, {4}}, false).apply(new double[] {1e6})[0])
                .isCloseTo((1e6 - 2) / 1.4826, Offset.offset(1e-3));
    }
}

package dev.seqguard.detect.stat;

import static dev.seqguard.core.model.Action.BUY;
import static dev.seqguard.core.model.Action.CART;
import static dev.seqguard.core.model.Action.SEARCH;
import static dev.seqguard.core.model.Action.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.GapBucket;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmmDetectorTest {

    /** The 2-state, 3-symbol toy model whose forward probabilities are computed by hand below. */
    private static final DiscreteHmm TOY = new DiscreteHmm(
            new double[] {0.6, 0.4},
            new double[][] {{0.7, 0.3}, {0.4, 0.6}},
            new double[][] {{0.5, 0.4, 0.1}, {0.1, 0.3, 0.6}});

    @Test
    void forwardPassMatchesHandComputedProbabilities() {
        // alpha1 = (0.6*0.5, 0.4*0.1) = (0.30, 0.04); P(x1) = 0.34
        // alpha2 = ((0.30*0.7 + 0.04*0.4)*0.4, (0.30*0.3 + 0.04*0.6)*0.3) = (0.0904, 0.0342); P(x1,x2) = 0.1246
        // alpha3 = ((0.0904*0.7 + 0.0342*0.4)*0.1, (0.0904*0.3 + 0.0342*0.6)*0.6) = (0.007696, 0.028584); P = 0.03628
        double[] logC = TOY.conditionalLogProbabilities(new int[] {0, 1, 2});
        assertThat(Math.exp(logC[0])).isCloseTo(0.34, within(1e-12));
        assertThat(Math.exp(logC[1])).isCloseTo(0.1246 / 0.34, within(1e-12));
        assertThat(Math.exp(logC[2])).isCloseTo(0.03628 / 0.1246, within(1e-12));
        assertThat(TOY.logLikelihood(new int[] {0, 1, 2})).isCloseTo(Math.log(0.03628), within(1e-12));
    }

    @Test
    void forwardPassStaysFiniteOnAThousandEvents() {
        int[] obs = new Random(1).ints(1000, 0, 3).toArray();
        double ll = TOY.logLikelihood(obs);
        assertThat(ll).isFinite().isLessThan(-500);
    }

    @Test
    void baumWelchRaisesTheLikelihoodOfTheTrainingData() {
        Random rng = new Random(3);
        List<int[]> seqs = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            int[] obs = new int[30];
            int state = rng.nextDouble() < 0.6 ? 0 : 1;
            for (int t = 0; t < obs.length; t++) {
                obs[t] = sample(TOY.emission()[state], rng);
                state = sample(TOY.transition()[state], rng);
            }
            seqs.add(obs);
        }
        BaumWelch.Result one = BaumWelch.train(seqs, 2, 3, 0.01, 1, 0, 5L);
        BaumWelch.Result many = BaumWelch.train(seqs, 2, 3, 0.01, 100, 1e-9, 5L);
        assertThat(many.logLikelihoodPerEvent()).isGreaterThan(one.logLikelihoodPerEvent());
        assertThat(many.iterations()).isGreaterThan(1);
        // The generating model is a reasonable bound: EM on its own samples gets close to (or beyond) it.
        double truth = seqs.stream().mapToDouble(TOY::logLikelihood).sum() / (40 * 30);
        assertThat(many.logLikelihoodPerEvent()).isGreaterThan(truth - 0.02);
    }

    private static int sample(double[] p, Random rng) {
        double u = rng.nextDouble();
        for (int k = 0; k < p.length; k++) {
            u -= p[k];
            if (u < 0) {
                return k;
            }
        }
        return p.length - 1;
    }

    /** The grammar: view, view a few seconds later, cart within a minute, buy within ten minutes; next visit hours later. */
    private static Sequence shopper(String id, int visits, Random rng) {
        SequenceFixtures.Builder b = SequenceFixtures.user(id);
        for (int v = 0; v < visits; v++) {
            String item = "i" + rng.nextInt(50);
            b.then(VIEW, item, "c1", v == 0 ? 0 : 7200 + rng.nextInt(7200))
                    .then(VIEW, item, "c1", 2 + rng.nextInt(7))
                    .then(CART, item, "c1", 15 + rng.nextInt(40))
                    .then(BUY, item, "c1", 120 + rng.nextInt(400));
        }
        return b.build();
    }

    private static List<Sequence> shoppers(int n, long seed) {
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(shopper("u" + i, 2 + rng.nextInt(4), rng));
        }
        return out;
    }

    /** Buys every half second, then searches: out of the grammar in action order and in timing. */
    private static Sequence bot(String id) {
        SequenceFixtures.Builder b = SequenceFixtures.user(id);
        for (int i = 0; i < 12; i++) {
            b.then(i % 3 == 2 ? SEARCH : BUY, "x" + i, "c9", 0.5);
        }
        return b.build();
    }

    private static FittedDetector fit(DetectionData data, Map<String, String> params, long seed) {
        return DetectorRegistry.fit("hmm", data, params, seed);
    }

    @Test
    void scoresAnOutOfGrammarSequenceAboveEveryGrammaticalOne() {
        DetectionData train = SequenceFixtures.data(shoppers(60, 1));
        FittedDetector f = fit(train, Map.of(), 11L);
        List<Sequence> test = new ArrayList<>(shoppers(20, 2));
        test.add(bot("bot"));
        double[] s = f.score(SequenceFixtures.data(test));
        assertThat(s[20]).isGreaterThan(Arrays.stream(s, 0, 20).max().orElseThrow() + 1.0);
        assertThat(Arrays.stream(s).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void givesUnseenSymbolsAFiniteSurprise() {
        DetectionData train = SequenceFixtures.data(shoppers(30, 1));
        FittedDetector f = fit(train, Map.of(), 11L);
        double[][] ev = f.scoreEvents(SequenceFixtures.data(List.of(bot("bot")))).orElseThrow();
        assertThat(ev[0]).hasSize(12);
        assertThat(Arrays.stream(ev[0]).allMatch(d -> Double.isFinite(d) && d > 0)).isTrue();
    }

    @Test
    void sequenceScoreIsTheMeanOrTopKMeanEventSurpriseOnRequest() {
        DetectionData train = SequenceFixtures.data(shoppers(30, 1));
        DetectionData test = SequenceFixtures.data(shoppers(5, 4));
        FittedDetector mean = fit(train, Map.of("sequenceScore", "mean"), 11L);
        FittedDetector top2 = fit(train, Map.of("sequenceScore", "top-k-mean", "topK", "2"), 11L);
        double[][] ev = mean.scoreEvents(test).orElseThrow();
        for (int r = 0; r < test.size(); r++) {
            double[] sorted = ev[r].clone();
            Arrays.sort(sorted);
            assertThat(mean.score(test)[r]).isCloseTo(Arrays.stream(ev[r]).average().orElseThrow(), within(1e-12));
            assertThat(top2.score(test)[r]).isCloseTo((sorted[sorted.length - 1] + sorted[sorted.length - 2]) / 2,
                    within(1e-12));
        }
    }

    @Test
    void typicalityScoreIsTheDistanceOfTheMeanSurpriseFromTheTrainingMean() {
        // every training sequence is shorter than the window, so the training windows are the sequences
        DetectionData train = SequenceFixtures.data(shoppers(30, 1));
        HmmDetector.FittedHmm f = (HmmDetector.FittedHmm) fit(train, Map.of(), 11L);
        assertThat(f.config().sequenceScore()).isEqualTo(HmmDetector.SequenceScore.TYPICALITY);
        double[][] ev = f.scoreEvents(train).orElseThrow();
        double typical = Arrays.stream(ev).mapToDouble(e -> Arrays.stream(e).average().orElseThrow()).average().orElseThrow();
        assertThat(f.typicalSurprise()).isCloseTo(typical, within(1e-9));
        double[] s = f.score(train);
        for (int r = 0; r < s.length; r++) {
            assertThat(s[r]).isCloseTo(Math.abs(Arrays.stream(ev[r]).average().orElseThrow() - typical), within(1e-9));
        }
    }

    @Test
    void explainsWithTheMostSurprisingEventsDescribed() {
        DetectionData train = SequenceFixtures.data(shoppers(60, 1));
        FittedDetector f = fit(train, Map.of(), 11L);
        DetectionData test = SequenceFixtures.data(List.of(bot("bot")));
        Explanation e = f.explain(test, 0);
        assertThat(e.score()).isEqualTo(f.score(test)[0]);
        assertThat(e.contributions()).hasSize(5);
        assertThat(e.contributions()).isSortedAccordingTo((a, b) -> Double.compare(b.weight(), a.weight()));
        assertThat(e.contributions().get(0).name()).matches("(buy|search) item x\\d+ \\(cat c9\\) @ 2017-11-25T.*");
        double maxEvent = Arrays.stream(f.scoreEvents(test).orElseThrow()[0]).max().orElseThrow();
        assertThat(e.contributions().get(0).value()).isEqualTo(maxEvent);
    }

    @Test
    void savedAndLoadedModelScoresExactlyTheSame() throws Exception {
        DetectionData train = SequenceFixtures.data(shoppers(30, 1));
        FittedDetector f = fit(train, Map.of("states", "3"), 11L);
        String json = ModelIO.mapper().writeValueAsString(ModelIO.toJson(f));
        FittedDetector back = DetectorRegistry.load(ModelIO.mapper().readTree(json));
        assertThat(back).isInstanceOf(HmmDetector.FittedHmm.class);
        DetectionData test = SequenceFixtures.data(List.of(bot("b"), shopper("s", 3, new Random(8))));
        assertThat(back.score(test)).containsExactly(f.score(test));
        assertThat(back.scoreEvents(test).orElseThrow()[1]).containsExactly(f.scoreEvents(test).orElseThrow()[1]);
    }

    @Test
    void scoresABatchAsItScoresEachSequenceAlone() {
        FittedDetector f = fit(SequenceFixtures.data(shoppers(30, 1)), Map.of(), 11L);
        List<Sequence> test = new ArrayList<>(shoppers(6, 5));
        test.add(bot("b"));
        DetectionData data = SequenceFixtures.data(test);
        double[] batch = f.score(data);
        for (int i = 0; i < batch.length; i++) {
            assertThat(f.score(data.select(new int[] {i}))[0]).isEqualTo(batch[i]);
        }
    }

    @Test
    void isDeterministicForASeedAndStartsElsewhereForAnother() {
        DetectionData train = SequenceFixtures.data(shoppers(30, 1));
        HmmDetector.FittedHmm a = (HmmDetector.FittedHmm) fit(train, Map.of("maxIterations", "3"), 11L);
        HmmDetector.FittedHmm b = (HmmDetector.FittedHmm) fit(train, Map.of("maxIterations", "3"), 11L);
        HmmDetector.FittedHmm c = (HmmDetector.FittedHmm) fit(train, Map.of("maxIterations", "3"), 12L);
        assertThat(a.model().emission()).isDeepEqualTo(b.model().emission());
        assertThat(a.score(train)).containsExactly(b.score(train));
        assertThat(c.model().transition()[0]).isNotEqualTo(a.model().transition()[0]);
    }

    @Test
    void trainsOnASeededSampleCutIntoWindows() {
        List<Sequence> seqs = shoppers(10, 1);
        HmmDetector.Config config = new HmmDetector().config(Map.of("maxTrainSequences", "4", "window", "5"), 3L);
        List<int[]> windows = HmmDetector.trainingWindows(seqs, config);
        assertThat(windows).allMatch(w -> w.length >= 1 && w.length <= 5);
        int events = windows.stream().mapToInt(w -> w.length).sum();
        assertThat(events).isLessThan(seqs.stream().mapToInt(Sequence::length).sum());
        assertThat(HmmDetector.trainingWindows(seqs, config)).usingRecursiveComparison()
                .isEqualTo(windows);
    }

    @Test
    void encodesActionAndLogScaleGapBucket() {
        assertThat(GapBucket.of(0)).isEqualTo(GapBucket.UNDER_1S);
        assertThat(GapBucket.of(9_999)).isEqualTo(GapBucket.UNDER_10S);
        assertThat(GapBucket.of(60_000)).isEqualTo(GapBucket.UNDER_10MIN);
        assertThat(GapBucket.of(86_400_000L)).isEqualTo(GapBucket.DAY_OR_MORE);
        Sequence s = SequenceFixtures.user("u").then(VIEW, "a", "c", 0).then(BUY, "a", "c", 30).build();
        assertThat(GapSymbols.symbols(s)).containsExactly(VIEW.ordinal() * 8, BUY.ordinal() * 8 + GapBucket.UNDER_1MIN.ordinal());
        assertThat(GapSymbols.symbolCount()).isEqualTo(48);
    }

    @ParameterizedTest
    @CsvSource({"states,0", "maxIterations,0", "tolerance,-1", "smoothing,0", "maxTrainSequences,0", "window,1",
            "topK,0", "sequenceScore,median"})
    void rejectsInvalidParametersNamingThem(String param, String value) {
        assertThatThrownBy(() -> new HmmDetector().config(Map.of(param, value), 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(param);
    }

    @Test
    void refusesTableDataWithoutSequences() {
        assertThatThrownBy(() -> fit(SequenceFixtures.table(new double[][] {{1}, {2}}), Map.of(), 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequences");
    }
}

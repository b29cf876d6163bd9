package dev.seqguard.deep.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.detect.DetectorRegistry;
import dev.seqguard.detect.api.Capability;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.detect.api.Detector;
import dev.seqguard.detect.api.Explanation;
import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformerMlmDetectorTest {
    /** A tiny model that learns the grammar in about a second. */
    static final Map<String, String> TINY = Map.of("width", "16", "layers", "1", "heads", "2", "window", "16",
            "overlap", "4", "epochs", "30", "batchSize", "16", "learningRate", "0.01", "dropout", "0.0", "patience", "30");
    /** The grammar's users all look alike, so the sequence score to test is the odd events' (not typicality). */
    private static final Map<String, String> TINY_TOP_K = with(TINY, "sequenceScore", "TOP_K_MEAN");
    private static final int PLANTED_AT = 10;

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static DetectionData data;
    private static FittedDetector fitted;

    @BeforeAll
    static void fit() {
        List<Sequence> train = GrammarData.users(40);
        data = GrammarData.data(train, null);
        fitted = DetectorRegistry.fit(TransformerMlmDetector.NAME, data, TINY_TOP_K, 7);
    }

    @Test
    void registryFindsItAsADeepEventScorer() {
        Detector<?> d = DetectorRegistry.get(TransformerMlmDetector.NAME);
        assertThat(d.info().family()).isEqualTo(Family.DEEP);
        assertThat(d.info().capabilities()).contains(Capability.NEEDS_SEQUENCES, Capability.EVENT_SCORES);
    }

    @Test
    void flagsTheOutOfGrammarEventAndExplainsIt() {
        List<Sequence> test = List.of(GrammarData.sequence("ok", GrammarData.user("ok", 1, 30)),
                GrammarData.planted("bad", 1, 30, PLANTED_AT, Action.BUY));
        DetectionData d = GrammarData.data(test, null);
        double[][] events = fitted.scoreEvents(d).orElseThrow();
        double[] ok = events[0];
        double[] bad = events[1];
        double maxGrammatical = Arrays.stream(ok).max().orElseThrow();
        assertThat(bad[PLANTED_AT]).as("surprise of the planted event").isGreaterThan(maxGrammatical)
                .isGreaterThan(ok[PLANTED_AT] + 3.0);
        assertThat(median(ok)).as("median grammatical surprise").isLessThan(1.0);
        for (int i = 0; i < bad.length; i++) {
            if (i != PLANTED_AT) {
                assertThat(bad[i]).as("event %d", i).isLessThan(bad[PLANTED_AT]);
            }
        }
        double[] scores = fitted.score(d);
        assertThat(scores[1]).isGreaterThan(scores[0]);
        Explanation e = fitted.explain(d, 1);
        assertThat(e.contributions().get(0).name()).startsWith("#" + PLANTED_AT + " buy").contains("(cat c3)")
                .contains("expected cart|c:c1|");
        assertThat(e.contributions().get(0).weight()).isCloseTo(bad[PLANTED_AT], offset(1e-9));
        assertThat(e.score()).isCloseTo(scores[1], offset(1e-9));
    }

    @Test
    void savedAndLoadedModelScoresTheSame() throws Exception {
        JsonNode json = ModelIO.mapper().readTree(ModelIO.mapper().writeValueAsString(ModelIO.toJson(fitted)));
        FittedDetector loaded = DetectorRegistry.load(json);
        assertThat(loaded).isInstanceOf(TransformerMlmDetector.FittedTransformerMlm.class);
        double[][] before = fitted.scoreEvents(data).orElseThrow();
        double[][] after = loaded.scoreEvents(data).orElseThrow();
        for (int r = 0; r < before.length; r++) {
            assertThat(after[r]).as("row %d", r).containsExactly(before[r]);
        }
        assertThat(((TransformerMlmDetector.FittedTransformerMlm) loaded).training())
                .isEqualTo(((TransformerMlmDetector.FittedTransformerMlm) fitted).training());
    }

    @Test
    void rowScoresDoNotDependOnTheOtherRows() {
        double[] batch = fitted.score(data);
        for (int i : new int[] {0, 7, data.size() - 1}) {
            double single = fitted.score(data.select(new int[] {i}))[0];
            assertThat(single).as("row %d", i).isCloseTo(batch[i], offset(1e-9));
        }
        int[] reversed = new int[data.size()];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = reversed.length - 1 - i;
        }
        double[] backwards = fitted.score(data.select(reversed));
        for (int i = 0; i < reversed.length; i++) {
            assertThat(backwards[i]).isCloseTo(batch[reversed[i]], offset(1e-9));
        }
    }

    @Test
    void sameSeedGivesTheSameModel() {
        FittedDetector again = DetectorRegistry.fit(TransformerMlmDetector.NAME, data, TINY_TOP_K, 7);
        assertThat(again.score(data)).containsExactly(fitted.score(data));
    }

    @Test
    void scoresVeryShortAndLongSequencesAndUnseenCategories() {
        List<BehaviorEvent> one = GrammarData.user("one", 2, 1);
        List<BehaviorEvent> unseen = new ArrayList<>(GrammarData.user("new", 3, 5));
        unseen.replaceAll(e -> new BehaviorEvent(e.userId(), e.itemId(), "never-seen", e.action(), e.timeMillis()));
        List<Sequence> odd = List.of(GrammarData.sequence("one", one),
                GrammarData.sequence("two", GrammarData.user("two", 2, 2)),
                GrammarData.sequence("long", GrammarData.user("long", 4, 100)),
                GrammarData.sequence("new", unseen));
        DetectionData d = GrammarData.data(odd, null);
        double[][] events = fitted.scoreEvents(d).orElseThrow();
        assertThat(events[0]).hasSize(1);
        assertThat(events[1]).hasSize(2);
        assertThat(events[2]).hasSize(100);
        for (double[] row : events) {
            assertThat(Arrays.stream(row).allMatch(Double::isFinite)).isTrue();
        }
        // the long history is cut into windows, each event scored once, with context on both sides
        assertThat(median(events[2])).isLessThan(1.0);
        assertThat(Arrays.stream(fitted.score(d)).allMatch(Double::isFinite)).isTrue();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void rejectsBadParametersNamingThem() {
        Detector<?> d = DetectorRegistry.get(TransformerMlmDetector.NAME);
        assertThatThrownBy(() -> d.config(Map.of("width", "30", "heads", "4"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'width'").hasMessageContaining("30");
        assertThatThrownBy(() -> d.config(Map.of("overlap", "40"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'overlap'");
        assertThatThrownBy(() -> d.config(Map.of("maskRate", "0.9"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'maskRate'").hasMessageContaining("0.9");
        assertThatThrownBy(() -> d.config(Map.of("dropout", "1"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dropout'");
        assertThatThrownBy(() -> d.config(Map.of("objective", "sideways"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("objective");
        assertThatThrownBy(() -> d.config(Map.of("topK", "0"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'topK'");
    }

    @Test
    void refusesFeatureRowsWithoutSequences() {
        DetectionData rowsOnly = DetectionData.of(data.features());
        assertThatThrownBy(() -> fitted.score(rowsOnly)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequences");
    }
}

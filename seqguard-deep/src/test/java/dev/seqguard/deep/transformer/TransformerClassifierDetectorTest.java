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
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.detect.api.ModelIO;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformerClassifierDetectorTest {
    private static final int NORMAL = 40;
    private static final int PLANTED = 12;
    private static DetectionData data;
    private static FittedDetector fitted;

    /** Buyers who skip the cart: view -> buy -> view -> buy ..., otherwise like everyone else. */
    private static Sequence skipsTheCart(String id, int category, int events) {
        List<BehaviorEvent> ev = new ArrayList<>(GrammarData.user(id, category, events));
        ev.replaceAll(e -> e.action() == Action.CART
                ? new BehaviorEvent(e.userId(), e.itemId(), e.categoryId(), Action.BUY, e.timeMillis()) : e);
        return GrammarData.sequence(id, ev);
    }

    @BeforeAll
    static void fit() {
        List<Sequence> seqs = new ArrayList<>(GrammarData.users(NORMAL));
        for (int u = 0; u < PLANTED; u++) {
            seqs.add(skipsTheCart("x" + u, u % 5, 24 + u));
        }
        int[] labels = new int[seqs.size()];
        // half of each class is labelled; the other half is scored unseen
        for (int i = 0; i < labels.length; i++) {
            boolean planted = i >= NORMAL;
            labels[i] = i % 2 == 0 ? (planted ? 1 : 0) : DetectionData.UNKNOWN;
        }
        data = GrammarData.data(seqs, labels);
        Map<String, String> params = new HashMap<>(TransformerMlmDetectorTest.TINY);
        params.put("epochs", "8");
        params.put("fineTuneEpochs", "15");
        params.put("fineTuneLearningRate", "0.01");
        fitted = DetectorRegistry.fit(TransformerClassifierDetector.NAME, data, params, 5);
    }

    @Test
    void isListedAsNeedingLabelsAndSequences() {
        assertThat(DetectorRegistry.get(TransformerClassifierDetector.NAME).info().capabilities())
                .contains(Capability.NEEDS_LABELS, Capability.NEEDS_SEQUENCES);
    }

    @Test
    void separatesThePlantedClassOnUnlabelledRows() {
        double[] p = fitted.score(data.withoutLabels());
        double worstPlanted = 1;
        double bestNormal = 0;
        for (int i = 1; i < p.length; i += 2) {
            assertThat(p[i]).isBetween(0.0, 1.0);
            if (i >= NORMAL) {
                worstPlanted = Math.min(worstPlanted, p[i]);
            } else {
                bestNormal = Math.max(bestNormal, p[i]);
            }
        }
        assertThat(worstPlanted).as("least anomalous unseen planted user").isGreaterThan(bestNormal);
        assertThat(worstPlanted).isGreaterThan(0.5);
        assertThat(bestNormal).isLessThan(0.5);
    }

    @Test
    void savedAndLoadedModelScoresTheSameAndBatchEqualsSingle() throws Exception {
        JsonNode json = ModelIO.mapper().readTree(ModelIO.mapper().writeValueAsString(ModelIO.toJson(fitted)));
        FittedDetector loaded = DetectorRegistry.load(json);
        double[] before = fitted.score(data);
        assertThat(loaded.score(data)).containsExactly(before);
        for (int i : new int[] {0, NORMAL + 1}) {
            assertThat(fitted.score(data.select(new int[] {i}))[0]).isCloseTo(before[i], offset(1e-9));
        }
        assertThat(fitted.explain(data, NORMAL + 1).contributions()).isNotEmpty();
    }

    @Test
    void refusesToFitWithoutLabelsOfBothClasses() {
        int[] onlyNormal = new int[data.size()];
        DetectionData unlabelled = data.withLabels(onlyNormal);
        assertThatThrownBy(() -> DetectorRegistry.fit(TransformerClassifierDetector.NAME, unlabelled,
                TransformerMlmDetectorTest.TINY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelled");
    }

    @Test
    void rejectsBadFineTuningParameters() {
        var d = DetectorRegistry.get(TransformerClassifierDetector.NAME);
        assertThatThrownBy(() -> d.config(Map.of("fineTuneEpochs", "0"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fineTuneEpochs'");
        assertThatThrownBy(() -> d.config(Map.of("fineTuneLearningRate", "-1"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fineTuneLearningRate'");
    }
}

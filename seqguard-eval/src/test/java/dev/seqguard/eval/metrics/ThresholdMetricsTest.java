package dev.seqguard.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdMetricsTest {
    private static final int[] Y = {0, 0, 1, 1};
    private static final double[] S = {0.1, 0.4, 0.35, 0.8};

    @Test
    void flagsScoresAtOrAboveTheThreshold() {
        Confusion c = Confusion.at(Y, S, 0.35);
        assertThat(c).isEqualTo(new Confusion(2, 1, 1, 0));
        assertThat(c.precision()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(c.recall()).isEqualTo(1.0);
        assertThat(c.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(F1.at(Y, S, 0.8)).isCloseTo(2.0 / 3.0, within(1e-12)); // P 1, R 0.5
        assertThat(c.cost(1, 10)).isEqualTo(1.0);
    }

    @Test
    void leavesUndefinedRatiosNanButScoresMissedAnomaliesAsZeroF1() {
        Confusion none = Confusion.at(Y, S, 5);
        assertThat(none.precision()).isNaN();
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
        Confusion noAnomalies = Confusion.at(new int[]{0, 0}, new double[]{1, 2}, 5);
        assertThat(noAnomalies.recall()).isNaN();
        assertThat(noAnomalies.f1()).isNaN();
        assertThatThrownBy(() -> Confusion.at(Y, S, Double.NaN)).hasMessageContaining("threshold is NaN");
    }

    @Test
    void splitsRecallByAnomalyTypeAtThresholdAndAtK() {
        int[] y = {1, 1, 1, 0, 0, 1};
        double[] s = {0.9, 0.2, 0.8, 0.7, 0.1, 0.6};
        String[] t = {"bot", "bot", "farm", null, "ignored", ""};
        // k = 4: top four are 0.9 (bot), 0.8 (farm), 0.7 (normal), 0.6 (untyped)
        Map<String, TypeRecall> r = RecallByType.of(y, s, t, 0.75);
        assertThat(r.keySet()).containsExactly("anomaly", "bot", "farm");
        assertThat(r.get("bot")).isEqualTo(new TypeRecall("bot", 2, 1, 1, 0.5, 0.5));
        assertThat(r.get("farm")).isEqualTo(new TypeRecall("farm", 1, 1, 1, 1.0, 1.0));
        assertThat(r.get("anomaly")).isEqualTo(new TypeRecall("anomaly", 1, 0, 1, 0.0, 1.0));
        assertThatThrownBy(() -> RecallByType.of(y, s, new String[2], 0.5))
                .hasMessageContaining("2 anomaly types but 6 labels");
    }

    @Test
    void evaluatesLabelledRowsAndSkipsUnknownOnes() {
        int[] y = {0, -1, 0, 1, 1, -1};
        double[] s = {0.1, 99, 0.4, 0.35, 0.8, Double.NaN};
        String[] t = {null, null, null, "bot", "farm", null};
        Evaluation e = Evaluator.evaluate(y, s, t, 0.35);
        assertThat(e.size()).isEqualTo(4);
        assertThat(e.positives()).isEqualTo(2);
        assertThat(e.k()).isEqualTo(2);
        assertThat(e.rocAuc()).isCloseTo(0.75, within(1e-12));
        assertThat(e.prAuc()).isCloseTo(5.0 / 6.0, within(1e-12));
        assertThat(e.precisionAtK()).isEqualTo(0.5);
        assertThat(e.recallAtK()).isEqualTo(0.5);
        assertThat(e.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(e.precision()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(e.recall()).isEqualTo(1.0);
        assertThat(e.recallByType().keySet()).containsExactly("bot", "farm");
        assertThat(e.metrics().keySet()).containsExactly("roc_auc", "pr_auc", "precision_at_k", "recall_at_k",
                "f1", "precision", "recall", "threshold");
        assertThat(Evaluator.evaluate(y, s, t, 0.35, 3).precisionAtK()).isCloseTo(2.0 / 3.0, within(1e-12));
    }

    @Test
    void reportsNanMetricsWhenTheSetHasNoAnomalies() {
        Evaluation e = Evaluator.evaluate(new int[]{0, 0, -1}, new double[]{1, 2, 3}, null, 1.5);
        assertThat(e.rocAuc()).isNaN();
        assertThat(e.prAuc()).isNaN();
        assertThat(e.precisionAtK()).isNaN();
        assertThat(e.recallAtK()).isNaN();
        assertThat(e.recall()).isNaN();
        assertThat(e.precision()).isZero();
        assertThat(e.recallByType()).isEmpty();
        assertThatThrownBy(() -> Evaluator.evaluate(new int[]{-1}, new double[]{1}, null, 0.5))
                .hasMessageContaining("no labelled rows");
        assertThatThrownBy(() -> Evaluator.evaluate(new int[]{3}, new double[]{1}, null, 0.5))
                .hasMessageContaining("label at index 0 is 3");
    }
}

package dev.seqguard.eval.select.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seqguard.core.features.FeatureMatrix;
import dev.seqguard.detect.api.DetectionData;
import dev.seqguard.eval.metrics.RocAuc;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelFreeTableSelectorTest {

    /** 300 Gaussian rows in 4-d and 15 planted rows far out on two columns; labels 1 for the planted ones. */
    static DetectionData planted(long seed) {
        Random rnd = new Random(seed);
        int n = 315;
        double[][] v = new double[n][4];
        int[] y = new int[n];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                v[i][j] = rnd.nextGaussian();
            }
            if (i >= 300) {
                v[i][0] += 6;
                v[i][2] -= 6;
                y[i] = 1;
            }
            ids.add("r" + i);
        }
        return new DetectionData(new FeatureMatrix(List.of("a", "b", "c", "d"), ids, v), List.of(), y);
    }

    static LabelFreeOptions options(long seed) {
        return new LabelFreeOptions(List.of("robust-z", "knn"), List.of("iforest", "knn", "robust-z"), 2, 0.01, 0.1, seed);
    }

    @Test
    void ranksPlantedOutliersFirstAndKeepsDefaultIforestAmongTheCandidates() {
        DetectionData data = planted(1);
        LabelFreeTableSelector.Result r = new LabelFreeTableSelector(options(1)).select(data);
        assertThat(r.candidates()).extracting(LabelFreeTableSelector.Candidate::name)
                .containsExactly("iforest", "robust-z", "knn", LabelFreeTableSelector.CONSENSUS);
        assertThat(RocAuc.of(data.labels(), r.selected().trainScores())).isGreaterThan(0.95);
        assertThat(r.confidence()).isBetween(0.0, 1.0);
        assertThat(r.confidenceReason()).contains("not accuracy on real ones");
        assertThat(r.kindWeights().values()).allMatch(w -> w > 0 && w <= 1);
        long flagged = java.util.Arrays.stream(r.selected().trainScores()).filter(s -> s >= r.fence().threshold()).count();
        assertThat(flagged).isBetween(10L, 60L);
    }

    @Test
    void neverReadsLabels() {
        DetectionData data = planted(2);
        int[] flipped = new int[data.size()];
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = 1 - data.labels()[i];
        }
        LabelFreeTableSelector selector = new LabelFreeTableSelector(options(3));
        LabelFreeTableSelector.Result a = selector.select(data);
        LabelFreeTableSelector.Result b = selector.select(data.withLabels(flipped));
        LabelFreeTableSelector.Result c = selector.select(data.withoutLabels());
        for (LabelFreeTableSelector.Result other : List.of(b, c)) {
            assertThat(other.selected().name()).isEqualTo(a.selected().name());
            assertThat(other.selected().trainScores()).containsExactly(a.selected().trainScores());
            assertThat(other.fence()).isEqualTo(a.fence());
            assertThat(other.confidence()).isEqualTo(a.confidence());
            assertThat(other.kindWeights()).isEqualTo(a.kindWeights());
        }
    }

    @Test
    void rejectsCandidatesThatNeedLabelsAndBadSettings() {
        assertThatThrownBy(() -> new LabelFreeOptions(List.of("random-forest"), List.of(), 1, 0, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("random-forest");
        assertThatThrownBy(() -> new LabelFreeOptions(List.of(), List.of("hmm"), 1, 0, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hmm");
        assertThatThrownBy(() -> new LabelFreeOptions(List.of(), List.of(), 0, 0, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
        assertThatThrownBy(() -> new LabelFreeOptions(List.of(), List.of(), 1, -0.1, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin");
        assertThatThrownBy(() -> new LabelFreeOptions(List.of(), List.of(), 1, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKindLoss");
        assertThatThrownBy(() -> new LabelFreeTableSelector(options(1)).select(planted(1).select(new int[] {0, 1, 2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 20 rows");
    }

    @Test
    void kindsEveryCandidateDetectsPerfectlyGetAlmostNoWeight() {
        double[][] auc = {{1.0, 0.6}, {1.0, 0.8}};
        double[] w = LabelFreeTableSelector.kindWeights(auc);
        assertThat(w[0]).isEqualTo(1e-3);
        assertThat(w[1]).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(LabelFreeTableSelector.weighted(auc[1], w)).isGreaterThan(LabelFreeTableSelector.weighted(auc[0], w));
    }
}

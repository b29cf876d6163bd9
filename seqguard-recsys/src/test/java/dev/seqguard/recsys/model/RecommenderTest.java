package dev.seqguard.recsys.model;

import static dev.seqguard.recsys.Events.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three users, four items: A, B in category c1; C, D in c2. Weights pv 1, cart 3, buy 4.
 * Item vectors over (u1, u2, u3): A = (4, 1, 0), B = (1, 1, 0), C = (0, 1, 3), D = (0, 0, 1);
 * popularity A 5, C 4, B 2, D 1.
 */
class RecommenderTest {
    static final List<BehaviorEvent> EVENTS = List.of(
            ev("u1", "A", "c1", "buy", 1), ev("u1", "B", "c1", "pv", 2),
            ev("u2", "A", "c1", "pv", 3), ev("u2", "B", "c1", "pv", 4), ev("u2", "C", "c2", "pv", 5),
            ev("u3", "C", "c2", "cart", 6), ev("u3", "D", "c2", "pv", 7));
    static final Interactions M = Interactions.of(EVENTS);

    static UserHistory history(Map<String, Double> items, Map<String, Double> categories) {
        return new UserHistory(items, categories);
    }

    @Test
    void interactionsSumBehaviourWeightsPerUserAndItem() {
        assertThat(M.items()).isEqualTo(4);
        assertThat(M.users()).isEqualTo(3);
        int a = M.index("A").orElseThrow();
        assertThat(M.popularity(a)).isEqualTo(5.0);
        assertThat(M.norm(a)).isCloseTo(Math.sqrt(17), within(1e-12));
        assertThat(M.popularity(M.index("C").orElseThrow())).isEqualTo(4.0);
    }

    @Test
    void eventWeightsMultiplySoDroppedEventsVanish() {
        double[] w = {0.5, 1, 1, 1, 1, 0, 0};
        Interactions m = Interactions.of(EVENTS, w, BehaviorWeights.defaults());
        assertThat(m.popularity(m.index("A").orElseThrow())).isEqualTo(0.5 * 4 + 1);
        assertThat(m.index("D")).isEmpty();
        assertThat(m.popularity(m.index("C").orElseThrow())).isEqualTo(1.0);
        assertThatThrownBy(() -> Interactions.of(EVENTS, new double[] {1}, BehaviorWeights.defaults()))
                .hasMessageContaining("1 event weights for 7 events");
    }

    @Test
    void popularityRanksByTotalWeightAndSkipsTouchedItems() {
        FittedRecommender pop = new PopularityRecommender().fit(M);
        assertThat(pop.recommend(history(Map.of("B", 1.0), Map.of("c1", 1.0)), 3)).containsExactly("A", "C", "D");
        assertThat(pop.recommend(history(Map.of(), Map.of()), 10)).containsExactly("A", "C", "B", "D");
    }

    @Test
    void itemKnnRanksByCosineWeightedHistory() {
        FittedRecommender knn = new ItemKnnRecommender().fit(M);
        // from B: cos(B,A) = 5/sqrt(34) = 0.857, cos(B,C) = 1/sqrt(20) = 0.224, D never co-occurs: popularity fill
        assertThat(knn.recommend(history(Map.of("B", 1.0), Map.of("c1", 1.0)), 3)).containsExactly("A", "C", "D");
        // from C: cos(C,D) = 3/sqrt(10) = 0.949 > cos(C,B) = 0.224 > cos(C,A) = 1/sqrt(170) = 0.077
        assertThat(knn.recommend(history(Map.of("C", 1.0), Map.of("c2", 1.0)), 3)).containsExactly("D", "B", "A");
        // from A (weight 1) and D (weight 10): B gets 5/sqrt(34) = 0.857, C gets 1/sqrt(170) + 10 * 3/sqrt(10) = 9.56
        assertThat(knn.recommend(history(Map.of("A", 1.0, "D", 10.0), Map.of()), 2)).containsExactly("C", "B");
    }

    @Test
    void hotInCategoryServesTheHottestItemsOfTheFavouriteCategories() {
        FittedRecommender hot = new HotInCategoryRecommender(1).fit(M);
        // favourite c2: C (popularity 4) first, then the popularity fill A, B
        assertThat(hot.recommend(history(Map.of("D", 1.0), Map.of("c2", 1.0)), 3)).containsExactly("C", "A", "B");
        // favourite c1 (weight 2) over c2 (weight 1); with one category only c1 counts
        assertThat(hot.recommend(history(Map.of("B", 2.0, "D", 1.0), Map.of("c1", 2.0, "c2", 1.0)), 2))
                .containsExactly("A", "C");
        assertThatThrownBy(() -> new HotInCategoryRecommender(0)).hasMessageContaining("categories must be >= 1, got 0");
    }

    @Test
    void clickFarmingLiftsItsTargetToTheTopOfItsCategory() {
        List<BehaviorEvent> attacked = new java.util.ArrayList<>(EVENTS);
        for (int a = 0; a < 3; a++) {
            attacked.add(ev("farm" + a, "B", "c1", "buy", 10 + a));
        }
        FittedRecommender hot = new HotInCategoryRecommender().fit(Interactions.of(attacked));
        // B: 2 + 3 * 4 = 14 > A: 5
        assertThat(hot.recommend(history(Map.of("D", 1.0), Map.of("c1", 1.0)), 1)).containsExactly("B");
    }
}

package dev.seqguard.recsys.clean;

import static dev.seqguard.recsys.Events.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.model.BehaviorEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CleaningTest {
    /** Users a, b, c, d; c and d score at or above the threshold 0.5. */
    static final List<BehaviorEvent> EVENTS = List.of(
            ev("a", "i1", "c", "pv", 1), ev("b", "i2", "c", "pv", 2), ev("c", "T", "c", "buy", 3),
            ev("c", "T", "c", "pv", 4), ev("d", "i3", "c", "pv", 5), ev("a", "i4", "c", "pv", 6));

    static DetectionScores scores() {
        Map<String, Double> users = new LinkedHashMap<>();
        users.put("a", 0.1);
        users.put("b", 0.2);
        users.put("c", 0.9);
        users.put("d", 0.5);
        return new DetectionScores(users, Map.of("c", "why c", "d", "why d"), 0.5,
                new double[] {0.3, 0.95, 0.9, 0.1, 0.2, 0.8}, "zscore", "hmm", 480);
    }

    @Test
    void dropUsersRemovesEveryEventOfFlaggedUsers() {
        TrainingSet s = Cleaning.dropUsers(EVENTS, scores());
        assertThat(s.weights()).containsExactly(1, 1, 0, 0, 0, 1);
        assertThat(s.dropped()).isEqualTo(3);
        assertThat(s.removedShare()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void dropEventsRemovesAsManyEventsAsDropUsersHighestScoresFirst() {
        // budget 3 = the events of c and d; highest event scores 0.95 (b), 0.9 (c), 0.8 (a)
        TrainingSet s = Cleaning.dropEvents(EVENTS, scores());
        assertThat(s.weights()).containsExactly(1, 0, 0, 1, 1, 0);
    }

    @Test
    void downWeightGivesHalfWeightAtTheThresholdPercentile() {
        // sorted 0.1 0.2 0.5 0.9; two users below the threshold: p_t = 0.5, so k = 1 and weight = 1 - midrank
        Map<String, Double> w = Cleaning.userWeights(scores().userScores(), 0.5);
        assertThat(w.get("a")).isCloseTo(1 - 0.125, within(1e-12));
        assertThat(w.get("b")).isCloseTo(1 - 0.375, within(1e-12));
        assertThat(w.get("d")).isCloseTo(1 - 0.625, within(1e-12));
        assertThat(w.get("c")).isCloseTo(1 - 0.875, within(1e-12));
        TrainingSet s = Cleaning.downWeight(EVENTS, scores());
        assertThat(s.weights()[2]).isCloseTo(0.125, within(1e-12));
        assertThat(s.weights()[5]).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void downWeightIsMonotoneInTheScore() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            Map<String, Double> s = new LinkedHashMap<>();
            int n = 2 + rnd.nextInt(40);
            for (int u = 0; u < n; u++) {
                s.put("u" + u, (double) rnd.nextInt(10));
            }
            Map<String, Double> w = Cleaning.userWeights(s, 1 + rnd.nextInt(9));
            for (String u : s.keySet()) {
                for (String v : s.keySet()) {
                    if (s.get(u) < s.get(v)) {
                        assertThat(w.get(u)).isGreaterThan(w.get(v));
                    }
                }
                assertThat(w.get(u)).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void oracleDropsExactlyTheLabelledAnomalies() {
        assertThat(Cleaning.oracle(EVENTS, Set.of("c")).weights()).containsExactly(1, 1, 0, 0, 1, 1);
        assertThat(Cleaning.raw(EVENTS).weights()).containsOnly(1);
    }
}

package dev.seqguard.recsys.eval;

import static dev.seqguard.recsys.Events.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.recsys.model.BehaviorWeights;
import dev.seqguard.recsys.model.FittedRecommender;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfflineEvaluationTest {
    /** u1 buys h1 then views x2; u2 carts h2 and views it again; u3 only views; u4 touches one item; z is not real. */
    static final List<BehaviorEvent> EVENTS = List.of(
            ev("u1", "x1", "c", "pv", 1), ev("u1", "h1", "c", "buy", 2), ev("u1", "x2", "c", "pv", 3),
            ev("u2", "x1", "c", "pv", 1), ev("u2", "h2", "c", "cart", 2), ev("u2", "h2", "c", "pv", 3),
            ev("u2", "x3", "c", "pv", 4), ev("u2", "h2", "c", "pv", 0),
            ev("u3", "x1", "c", "pv", 1), ev("u3", "h3", "c", "pv", 2),
            ev("u4", "x1", "c", "pv", 1), ev("u4", "x1", "c", "buy", 2),
            ev("z", "h1", "c", "buy", 5));

    @Test
    void holdsOutTheLastBuyElseLastCartElseLastEventAndRemovesAllItsEvents() {
        LeaveLastOut s = LeaveLastOut.split(EVENTS, Set.of("u1", "u2", "u3", "u4"), BehaviorWeights.defaults());
        assertThat(s.heldOut()).containsEntry("u1", "h1").containsEntry("u2", "h2").containsEntry("u3", "h3")
                .doesNotContainKey("u4").doesNotContainKey("z");
        assertThat(s.train()).containsExactly(true, false, true, true, false, false, true, false, true, false, true,
                true, true);
        assertThat(s.histories().get("u1").items().keySet()).containsExactlyInAnyOrder("x1", "x2");
        assertThat(s.histories().get("u2").items().keySet()).containsExactlyInAnyOrder("x1", "x3");
        assertThat(s.trainingWeights(null)[1]).isZero();
    }

    @Test
    void metricsMatchHandComputedRanks() {
        LeaveLastOut s = LeaveLastOut.split(EVENTS, Set.of("u1", "u2", "u3"), BehaviorWeights.defaults());
        // u1: h1 at rank 1, target T at 5; u2: h2 at rank 3, T at 12; u3: h3 at rank 15, no T in its list
        FittedRecommender fake = (history, n) -> {
            List<String> l = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                l.add("f" + i);
            }
            if (history.items().containsKey("x2")) {
                l.add(0, "h1");
                l.add(4, "T");
            } else if (history.items().containsKey("x3")) {
                l.add(2, "h2");
                l.add(11, "T");
            } else {
                l.add(14, "h3");
            }
            return l.subList(0, Math.min(n, l.size()));
        };
        RecMetrics m = OfflineEvaluation.evaluate(fake, s, Set.of("T"), 26);
        assertThat(m.hr10()).isCloseTo(2.0 / 3, within(1e-12));
        // (1/log2(2) + 1/log2(4) + 0) / 3
        assertThat(m.ndcg10()).isCloseTo((1 + 0.5) / 3, within(1e-12));
        assertThat(m.recall20()).isEqualTo(1.0);
        // top 10s: u1 {h1, f1..f3, T, f4..f8}, u2 adds h2, f9; u3 adds f10: 13 of 26
        assertThat(m.coverage()).isEqualTo(0.5);
        assertThat(m.targetExposure()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.targetMeanRank()).isCloseTo((5 + 12 + 101) / 3.0, within(1e-12));
        assertThat(m.ndcgPerUser()).containsExactly(1.0, 0.5, 0.0);

        RecMetrics noTargets = OfflineEvaluation.evaluate(fake, s, Set.of(), 26);
        assertThat(noTargets.asMap()).containsOnlyKeys(RecMetrics.KEYS).containsEntry("target_exposure", null)
                .containsEntry("target_mean_rank", null);
    }

    @Test
    void pairedBootstrapOfAConstantShiftIsThatShift() {
        double[] before = {0, 0.5, 1, 0.2};
        double[] after = {0.1, 0.6, 1.1, 0.3};
        var ci = PairedBootstrap.meanDifference(before, after, 200, 0.95, 3);
        assertThat(ci.estimate()).isCloseTo(0.1, within(1e-12));
        assertThat(ci.lower()).isCloseTo(0.1, within(1e-12));
        assertThat(ci.upper()).isCloseTo(0.1, within(1e-12));
        var noisy = PairedBootstrap.meanDifference(new double[] {0, 1, 0, 1}, new double[] {1, 0, 1, 0}, 500, 0.95, 3);
        assertThat(noisy.lower()).isLessThan(0);
        assertThat(noisy.upper()).isGreaterThan(0);
    }
}

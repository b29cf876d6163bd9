package dev.seqguard.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.SequenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link SequenceFeature#LOCKSTEP_SURPRISE} against values worked out by hand from the Poisson tail. */
class LockstepFeatureTest {
    private static final long T0 = 1_511_568_000_000L;
    private static final long MIN = 60_000L;
    private static final long DAY = 24 * 60 * MIN;

    private static BehaviorEvent touch(String user, String item, long millis) {
        return new BehaviorEvent(user, item, "c", Action.VIEW, T0 + millis);
    }

    private static Map<String, Double> lockstep(List<BehaviorEvent> events) {
        List<Sequence> sequences = new SequenceBuilder().build(events);
        FeatureContext ctx = FeatureContext.ofSequences(sequences);
        SequenceFeatureExtractor extractor = new SequenceFeatureExtractor();
        return sequences.stream().collect(Collectors.toMap(Sequence::userId,
                s -> extractor.features(s, ctx)[SequenceFeature.LOCKSTEP_SURPRISE.ordinal()], (a, b) -> a));
    }

    /** Ten days; five users on item t within four minutes on day 5, five others spread days apart. */
    private static List<BehaviorEvent> burstAndSpread() {
        List<BehaviorEvent> events = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            events.add(touch("b" + b, "t", 5 * DAY + b * MIN));
        }
        long[] spread = {0, 36 * 60 * MIN, 3 * DAY, 7 * DAY, 10 * DAY};
        for (int s = 0; s < spread.length; s++) {
            events.add(touch("s" + s, "t", spread[s]));
        }
        return events;
    }

    @Test
    void aBurstOnOneItemScoresThePoissonTailOfItsCrowd() {
        Map<String, Double> v = lockstep(burstAndSpread());
        // 9 other users over 10 days; a +-10 min window expects 9 * 20 min / 10 days = 0.0125 of them and sees 4:
        // -ln P(Poisson(0.0125) >= 4) = 20.716158, summed from j = 4 (the 1 h and 6 h windows give 13.60 and 6.73, less surprising)
        for (int b = 0; b < 5; b++) {
            assertThat(v.get("b" + b)).isCloseTo(20.71615828422154, within(1e-9));
        }
        // nobody else within 6 h of the spread users' touches
        for (int s = 0; s < 5; s++) {
            assertThat(v.get("s" + s)).isZero();
        }
    }

    @Test
    void oneOtherUserIsNotACrowd() {
        List<BehaviorEvent> events = List.of(touch("a", "rare", 0), touch("b", "rare", MIN), touch("c", "x", 10 * DAY));
        assertThat(lockstep(events)).containsEntry("a", 0.0).containsEntry("b", 0.0);
    }

    @Test
    void aHugeCrowdIsCappedAndEveryFeatureStaysFinite() {
        List<BehaviorEvent> events = new ArrayList<>();
        for (int u = 0; u < 80; u++) {
            events.add(touch("u" + u, "t", 5 * DAY + u * 500L));
        }
        events.add(touch("late", "other", 10 * DAY));
        Map<String, Double> v = lockstep(events);
        assertThat(v.get("u0")).isEqualTo(50.0);
        assertThat(v.get("late")).isZero();
    }

    @Test
    void poissonTailSurpriseMatchesClosedForms() {
        // P(X >= 3 | 0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125); P(X >= 2 | 1) = 1 - 2 e^-1
        assertThat(FeatureMath.poissonTailSurprise(3, 0.5)).isCloseTo(4.2413831354557665, within(1e-12));
        assertThat(FeatureMath.poissonTailSurprise(2, 1.0)).isCloseTo(1.3308932682040546, within(1e-12));
        assertThat(FeatureMath.poissonTailSurprise(2, 2.0)).isZero();
        assertThat(FeatureMath.countInRange(new long[] {1, 3, 3, 5, 9}, 3, 5)).isEqualTo(3);
        assertThat(FeatureMath.countInRange(new long[] {1, 3, 3, 5, 9}, 10, 20)).isZero();
    }

}

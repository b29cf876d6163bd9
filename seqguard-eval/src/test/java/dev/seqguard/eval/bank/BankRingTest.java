package dev.seqguard.eval.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.inject.DoubleRange;
import dev.seqguard.core.inject.IntRange;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BankRingTest {
    private static final RingParams RING = new RingParams(IntRange.of(5), IntRange.of(2), DoubleRange.of(30),
            IntRange.of(2), DoubleRange.of(20), DoubleRange.of(0.5), IntRange.of(2));

    static ScenarioSpec spec(long seed, RingParams params) {
        return new ScenarioSpec("t", BankLog.TAOBAO, seed, 500, 0.05, Set.of(), Map.of(), null, params, null);
    }

    @Test
    void ringFavouritesAndCartsTheSameNewItemsWithinTheCoordinationWindowAndNeverBuys() {
        List<BehaviorEvent> real = BankFixtures.shoppers(5, 100, 5, true);
        Scenario s = spec(21, RING).build(real);
        assertThat(s.kindOf()).hasSize(5).containsValue("ring");
        Map<String, Long> firstSeen = new HashMap<>();
        real.forEach(e -> firstSeen.merge(e.itemId(), e.timeMillis(), Math::min));
        long start = real.get(0).timeMillis();
        long end = real.get(real.size() - 1).timeMillis();
        Set<Set<String>> marked = new HashSet<>();
        long earliest = Long.MAX_VALUE;
        long latestStart = Long.MIN_VALUE;
        for (String member : s.kindOf().keySet()) {
            List<BehaviorEvent> ev = BankSlowDripTest.byUser(s).get(member);
            assertThat(ev).noneMatch(e -> e.action() == Action.BUY);
            Set<String> items = ev.stream().filter(e -> e.action() == Action.FAV || e.action() == Action.CART)
                    .map(BehaviorEvent::itemId).collect(Collectors.toSet());
            assertThat(items).hasSize(2);
            items.forEach(i -> assertThat(firstSeen.get(i)).isGreaterThanOrEqualTo(start + (long) (0.6 * (end - start)) - 1000));
            marked.add(items);
            earliest = Math.min(earliest, ev.get(0).timeMillis());
            latestStart = Math.max(latestStart, ev.get(0).timeMillis());
        }
        assertThat(marked).hasSize(1);
        assertThat(latestStart - earliest).isLessThanOrEqualTo(30 * 60_000L);
    }

    @Test
    void inAClicksOnlyLogTheRingClicksRepeatedlyInsteadOfUsingActionsTheLogLacks() {
        List<BehaviorEvent> real = BankFixtures.shoppers(6, 100, 5, false);
        Scenario s = spec(22, RING).build(real);
        assertThat(s.events()).allMatch(e -> e.action() == Action.CLICK);
        for (String member : s.kindOf().keySet()) {
            Map<String, Long> perItem = BankSlowDripTest.byUser(s).get(member).stream()
                    .collect(Collectors.groupingBy(BehaviorEvent::itemId, Collectors.counting()));
            assertThat(perItem.values().stream().filter(n -> n >= 3).count()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void sameSeedSameRing() {
        List<BehaviorEvent> real = BankFixtures.shoppers(5, 100, 5, true);
        assertThat(spec(3, RingParams.defaults()).build(real)).isEqualTo(spec(3, RingParams.defaults()).build(real));
    }
}

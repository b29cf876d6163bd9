package dev.seqguard.eval.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.inject.DoubleRange;
import dev.seqguard.core.inject.IntRange;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BankMimicTest {
    private static final List<BehaviorEvent> REAL = BankFixtures.shoppers(7, 120, 5, true);

    static ScenarioSpec spec(long seed, MimicParams params) {
        return new ScenarioSpec("t", BankLog.TAOBAO, seed, 500, 0.05, Set.of(), Map.of(), null, null, null, params);
    }

    @Test
    void mimicBotReplaysARealShoppersActionsAndGapsAndSteersAShareOfTouchesToTargets() {
        MimicParams exact = new MimicParams(IntRange.of(1), IntRange.of(6), DoubleRange.of(0.5), DoubleRange.of(1.0), 8);
        Scenario s = spec(4, exact).build(REAL);
        assertThat(s.kindOf()).hasSize(6).containsValue("mimic");
        Map<String, List<BehaviorEvent>> real = REAL.stream().collect(Collectors.groupingBy(BehaviorEvent::userId));
        Set<String> targets = new java.util.HashSet<>();
        for (String bot : s.kindOf().keySet()) {
            List<BehaviorEvent> ev = BankSlowDripTest.byUser(s).get(bot);
            List<Long> gaps = gaps(ev);
            // some real user of at least 8 events has exactly these actions and gaps
            assertThat(real.values().stream().filter(h -> h.size() == ev.size())
                    .anyMatch(h -> gaps(h).equals(gaps) && h.stream().map(BehaviorEvent::action).toList()
                            .equals(ev.stream().map(BehaviorEvent::action).toList()))).isTrue();
            Map<String, Long> perItem = ev.stream().collect(Collectors.groupingBy(BehaviorEvent::itemId,
                    Collectors.counting()));
            String top = perItem.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertThat(perItem.get(top)).isGreaterThanOrEqualTo(Math.max(2, ev.size() / 4));
            targets.add(top);
        }
        assertThat(targets).hasSize(1);
    }

    @Test
    void mimicIsOptInAndSameSeedGivesTheSameBots() {
        assertThat(ScenarioBank.DEFAULT_BANK).doesNotContain(BankKind.MIMIC);
        assertThat(spec(9, MimicParams.defaults()).build(REAL)).isEqualTo(spec(9, MimicParams.defaults()).build(REAL));
    }

    private static List<Long> gaps(List<BehaviorEvent> ev) {
        List<BehaviorEvent> sorted = ev.stream().sorted(java.util.Comparator.comparingLong(BehaviorEvent::timeMillis))
                .toList();
        return java.util.stream.IntStream.range(1, sorted.size())
                .mapToObj(i -> sorted.get(i).timeMillis() - sorted.get(i - 1).timeMillis()).toList();
    }
}

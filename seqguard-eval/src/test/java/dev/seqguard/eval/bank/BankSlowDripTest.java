package dev.seqguard.eval.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.inject.DoubleRange;
import dev.seqguard.core.inject.IntRange;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BankSlowDripTest {
    private static final List<BehaviorEvent> REAL = BankFixtures.shoppers(5, 120, 6, true);
    private static final SlowDripParams REGULAR = new SlowDripParams(IntRange.of(3), IntRange.of(2),
            DoubleRange.of(4), IntRange.of(12), DoubleRange.of(0.03), IntRange.of(1), DoubleRange.of(10), 0.0);

    static ScenarioSpec spec(long seed, SlowDripParams params) {
        return new ScenarioSpec("t", BankLog.TAOBAO, seed, 500, 0.05, Set.of(), Map.of(), params, null, null);
    }

    @Test
    void slowDripBotVisitsOnARegularScheduleSpanningDays() {
        Scenario s = spec(3, REGULAR).build(REAL);
        Map<String, List<BehaviorEvent>> byUser = byUser(s);
        assertThat(s.kindOf()).hasSize(6).allSatisfy((u, k) -> assertThat(k).isEqualTo("slowdrip"));
        for (String bot : s.kindOf().keySet()) {
            List<BehaviorEvent> ev = byUser.get(bot);
            assertThat(ev).hasSize(12);
            long span = ev.get(ev.size() - 1).timeMillis() - ev.get(0).timeMillis();
            assertThat(span).isGreaterThan(3 * BankFixtures.DAY);
            double[] gaps = new double[ev.size() - 1];
            for (int i = 1; i < ev.size(); i++) {
                gaps[i - 1] = ev.get(i).timeMillis() - ev.get(i - 1).timeMillis();
            }
            assertThat(cv(gaps)).isLessThan(0.15);
            assertThat(java.util.Arrays.stream(gaps).min().orElseThrow()).isGreaterThan(3 * 3_600_000.0);
        }
    }

    @Test
    void slowDripBotsOfACampaignViewTheSameRealItems() {
        Scenario s = spec(3, REGULAR).build(REAL);
        Map<String, String> realCategory = REAL.stream().collect(Collectors.toMap(BehaviorEvent::itemId,
                BehaviorEvent::categoryId, (a, b) -> a));
        Set<Set<String>> itemSets = new HashSet<>();
        for (String bot : s.kindOf().keySet()) {
            List<BehaviorEvent> ev = byUser(s).get(bot);
            ev.forEach(e -> assertThat(realCategory).containsEntry(e.itemId(), e.categoryId()));
            itemSets.add(ev.stream().map(BehaviorEvent::itemId).collect(Collectors.toSet()));
        }
        // two campaigns of three bots, each campaign on its own two items
        assertThat(itemSets).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void labelsAreExactlyThePlantedAccounts() {
        Scenario s = spec(8, SlowDripParams.defaults()).build(REAL);
        Set<String> realUsers = REAL.stream().map(BehaviorEvent::userId).collect(Collectors.toSet());
        Set<String> newUsers = s.events().stream().map(BehaviorEvent::userId).filter(u -> !realUsers.contains(u))
                .collect(Collectors.toSet());
        assertThat(s.kindOf().keySet()).isEqualTo(newUsers);
        assertThat(s.kindOf()).hasSize((int) Math.round(0.05 * 120));
        assertThat(s.events()).hasSizeGreaterThan(REAL.size());
        assertThat(s.events()).containsAll(REAL);
    }

    @Test
    void sameSeedSameScenarioOtherSeedAnother() {
        assertThat(spec(11, SlowDripParams.defaults()).build(REAL)).isEqualTo(spec(11, SlowDripParams.defaults()).build(REAL));
        assertThat(spec(12, SlowDripParams.defaults()).build(REAL).events())
                .isNotEqualTo(spec(11, SlowDripParams.defaults()).build(REAL).events());
    }

    @Test
    void compressesTheScheduleIntoAShortLog() {
        List<BehaviorEvent> twoHours = REAL.stream().filter(e -> e.timeMillis() < BankFixtures.START + 7_200_000L)
                .toList();
        Scenario s = spec(4, REGULAR).build(twoHours);
        long end = twoHours.stream().mapToLong(BehaviorEvent::timeMillis).max().orElseThrow();
        assertThat(s.events()).allSatisfy(e -> assertThat(e.timeMillis()).isLessThanOrEqualTo(end));
    }

    static Map<String, List<BehaviorEvent>> byUser(Scenario s) {
        return s.events().stream().collect(Collectors.groupingBy(BehaviorEvent::userId));
    }

    static double cv(double[] v) {
        double m = java.util.Arrays.stream(v).average().orElse(0);
        double var = java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElse(0);
        return Math.sqrt(var) / m;
    }
}

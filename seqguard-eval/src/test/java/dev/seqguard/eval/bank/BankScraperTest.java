package dev.seqguard.eval.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.inject.DoubleRange;
import dev.seqguard.core.inject.IntRange;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BankScraperTest {
    static ScenarioSpec spec(long seed, ScraperParams params) {
        return new ScenarioSpec("t", BankLog.TAOBAO, seed, 500, 0.04, Set.of(), Map.of(), null, null, params);
    }

    @Test
    void scraperOpensManyDistinctItemsOfOneCategoryAtARegularDwellAndNeverCartsOrBuys() {
        List<BehaviorEvent> real = BankFixtures.shoppers(9, 100, 5, true);
        ScraperParams one = new ScraperParams(IntRange.of(1), IntRange.of(30), IntRange.of(1), DoubleRange.of(8),
                DoubleRange.of(0.1), DoubleRange.of(2));
        Scenario s = spec(5, one).build(real);
        assertThat(s.kindOf()).hasSize(4).containsValue("scraper");
        for (String bot : s.kindOf().keySet()) {
            List<BehaviorEvent> ev = BankSlowDripTest.byUser(s).get(bot);
            assertThat(ev).hasSize(30).allMatch(e -> e.action() == Action.VIEW);
            assertThat(ev.stream().map(BehaviorEvent::itemId).distinct().count()).isEqualTo(30);
            // 40-50 items per category in the fixture: one category holds the whole session
            assertThat(ev.stream().map(BehaviorEvent::categoryId).distinct().count()).isEqualTo(1);
            double[] gaps = new double[ev.size() - 1];
            for (int i = 1; i < ev.size(); i++) {
                gaps[i - 1] = ev.get(i).timeMillis() - ev.get(i - 1).timeMillis();
            }
            assertThat(BankSlowDripTest.cv(gaps)).isLessThan(0.3);
            assertThat(java.util.Arrays.stream(gaps).average().orElseThrow()).isBetween(5_000.0, 11_000.0);
        }
    }

    @Test
    void sessionsNeverRevisitAnItem() {
        List<BehaviorEvent> real = BankFixtures.shoppers(9, 100, 5, true);
        ScraperParams three = new ScraperParams(IntRange.of(3), IntRange.of(20), IntRange.of(2), DoubleRange.of(6),
                DoubleRange.of(0.1), DoubleRange.of(3));
        Scenario s = spec(6, three).build(real);
        for (String bot : s.kindOf().keySet()) {
            List<String> items = BankSlowDripTest.byUser(s).get(bot).stream().map(BehaviorEvent::itemId).toList();
            assertThat(items).hasSizeGreaterThan(20).doesNotHaveDuplicates();
        }
        assertThat(s.kindOf().keySet()).allMatch(u -> !real.stream().map(BehaviorEvent::userId)
                .collect(Collectors.toSet()).contains(u));
    }
}

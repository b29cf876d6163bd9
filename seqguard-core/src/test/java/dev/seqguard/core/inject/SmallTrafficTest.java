package dev.seqguard.core.inject;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-made traffic: layouts other than Taobao's, and inputs the injector must refuse. */
class SmallTrafficTest {
    private static final long T0 = 1_600_000_000_000L;

    /** {@code users} users with text ids, 30 events each, ms times, clicks, items spread over 40 categories. */
    private static List<BehaviorEvent> traffic(int users) {
        List<BehaviorEvent> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int e = 0; e < 30; e++) {
                int item = (u * 7 + e * 13) % 200;
                Action action = e % 5 == 0 ? Action.CLICK : Action.VIEW;
                events.add(new BehaviorEvent("visitor-" + u, "item" + item, "cat" + (item % 40 + u % 3), action,
                        T0 + u * 1_234_567L + e * (e % 4 == 0 ? 7_200_000L : 61_003L)));
            }
        }
        return events;
    }

    @Test
    void textIdsGetFreshNumericIdsAndClicksStayClicks() {
        List<BehaviorEvent> real = traffic(40);
        InjectionResult result = new AnomalyInjector(InjectionConfig.defaults(3)
                .withSettings(Map.of("types", "adfraud,crawler", "rate", "0.5", "crawler.views", "50..80")))
                .inject(real);
        Set<String> realIds = real.stream().map(BehaviorEvent::userId).collect(Collectors.toSet());
        List<UserLabel> injected = result.userLabels().stream().filter(UserLabel::anomalous).toList();
        assertThat(injected).hasSize(20).allSatisfy(l -> assertThat(realIds).doesNotContain(l.userId()));
        assertThat(result.userLabels()).hasSize(60);
        assertThat(result.eventLabels()).filteredOn(l -> l.type() == AnomalyType.ADFRAUD)
                .anySatisfy(l -> assertThat(l.event().action()).isEqualTo(Action.CLICK));
        long first = real.stream().mapToLong(BehaviorEvent::timeMillis).min().orElseThrow();
        long last = real.stream().mapToLong(BehaviorEvent::timeMillis).max().orElseThrow();
        assertThat(result.eventLabels()).allSatisfy(l -> assertThat(l.event().timeMillis()).isBetween(first, last));
    }

    @Test
    void refusesTakeoverWhenTooFewUsersHaveEnoughHistory() {
        InjectionConfig config = InjectionConfig.defaults(1)
                .withSettings(Map.of("types", "takeover", "rate", "0.5", "takeover.minHistory", "31"));
        assertThatThrownBy(() -> new AnomalyInjector(config).inject(traffic(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takeover needs 5 real users").hasMessageContaining("takeover.minHistory");
    }

    @Test
    void refusesEmptyTraffic() {
        assertThatThrownBy(() -> new AnomalyInjector(InjectionConfig.defaults(1)).inject(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no real events");
    }

    @Test
    void takeoverAndMisclickNeverPickTheSameUser() {
        InjectionConfig config = InjectionConfig.defaults(2)
                .withTypes(EnumSet.of(AnomalyType.TAKEOVER, AnomalyType.MISCLICK)).withRate(1.0)
                .withSettings(Map.of("misclick.maxGapMinutes", "200"));
        InjectionResult result = new AnomalyInjector(config).inject(traffic(12));
        assertThat(result.anomalousUsersByType()).containsEntry(AnomalyType.TAKEOVER, 6)
                .containsEntry(AnomalyType.MISCLICK, 6);
        assertThat(result.userLabels()).hasSize(12);
    }
}

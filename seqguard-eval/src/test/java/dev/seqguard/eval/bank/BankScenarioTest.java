package dev.seqguard.eval.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seqguard.core.inject.AnomalyType;
import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BankScenarioTest {

    @Test
    void theDefaultBankHasThirtyScenariosOverFiveLogsWithEveryKindAndSharesFromTwoToFifteenPercent() {
        List<ScenarioSpec> specs = ScenarioBank.specs(17, 30, Arrays.asList(BankLog.values()),
                ScenarioBank.DEFAULT_CORE, ScenarioBank.DEFAULT_BANK, 300);
        assertThat(specs).hasSize(30);
        assertThat(specs.stream().map(ScenarioSpec::log).collect(Collectors.toSet())).hasSize(5);
        assertThat(specs).allSatisfy(s -> assertThat(s.share()).isBetween(0.02, 0.15));
        Set<String> kinds = new HashSet<>();
        specs.forEach(s -> kinds.addAll(s.kindCodes()));
        assertThat(kinds).contains("slowdrip", "ring", "scraper", "crawler", "farming", "adfraud", "takeover", "promo");
        // the bank-only kinds are not a rare extra: each is in at least a third of the scenarios
        for (BankKind k : ScenarioBank.DEFAULT_BANK) {
            assertThat(specs.stream().filter(s -> s.bankKinds().contains(k)).count()).isGreaterThanOrEqualTo(10);
        }
        assertThat(specs.stream().map(ScenarioSpec::id).distinct().count()).isEqualTo(30);
        assertThat(ScenarioBank.specs(17, 30, Arrays.asList(BankLog.values()), ScenarioBank.DEFAULT_CORE,
                ScenarioBank.DEFAULT_BANK, 300)).isEqualTo(specs);
    }

    @Test
    void injectorKindsGetParametersAwayFromTheInjectorDefaults() {
        Map<String, String> crawler = ScenarioBank.offDefault(AnomalyType.CRAWLER, new SplittableRandom(1));
        int maxViews = Integer.parseInt(crawler.get("crawler.views").split("\\.\\.")[1]);
        assertThat(maxViews).isLessThan(300);
        Map<String, String> adfraud = ScenarioBank.offDefault(AnomalyType.ADFRAUD, new SplittableRandom(1));
        assertThat(Integer.parseInt(adfraud.get("adfraud.accounts").split("\\.\\.")[1])).isLessThan(10);
    }

    @Test
    void aMixedScenarioLabelsEveryInjectedAndPlantedUserWithItsKind() {
        List<BehaviorEvent> real = BankFixtures.shoppers(4, 200, 6, true);
        ScenarioSpec spec = new ScenarioSpec("mixed", BankLog.TAOBAO, 99, 500, 0.1, EnumSet.of(AnomalyType.CRAWLER,
                AnomalyType.FARMING), ScenarioBank.offDefault(AnomalyType.CRAWLER, new SplittableRandom(2)),
                SlowDripParams.defaults(), null, ScraperParams.defaults());
        Scenario s = spec.build(real);
        assertThat(s.kindOf()).hasSize(20);
        Map<String, Long> perKind = s.kindOf().values().stream()
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(perKind).containsOnlyKeys("crawler", "farming", "slowdrip", "scraper");
        assertThat(perKind.values()).allSatisfy(n -> assertThat(n).isEqualTo(5L));
        Set<String> users = s.events().stream().map(BehaviorEvent::userId).collect(Collectors.toSet());
        assertThat(users).containsAll(s.kindOf().keySet());
        assertThat(users).hasSize(220);
    }

    @Test
    void plantedActionsTheLogNeverRecordsBecomeItsPlainClick() {
        List<BehaviorEvent> clicks = BankFixtures.shoppers(4, 200, 6, false);
        ScenarioSpec spec = new ScenarioSpec("clicks", BankLog.YOOCHOOSE, 5, 500, 0.1,
                EnumSet.of(AnomalyType.FARMING, AnomalyType.PROMO), Map.of(), null, RingParams.defaults(), null);
        Scenario s = spec.build(clicks);
        assertThat(s.events()).allMatch(e -> e.action() == Action.CLICK);
        assertThat(s.kindOf().values()).contains("farming", "promo", "ring");
    }

    @Test
    void aKindThatNeedsMoreHistoryThanTheLogHasIsDroppedAndTheDescriptionSaysWhatWasPlanted() {
        List<BehaviorEvent> shortLog = BankFixtures.shoppers(4, 400, 6, true).stream()
                .filter(e -> e.timeMillis() < BankFixtures.START + 3 * 3_600_000L).toList();
        ScenarioSpec spec = new ScenarioSpec("short", BankLog.TAOBAO_2H, 5, 500, 0.1,
                EnumSet.of(AnomalyType.CRAWLER, AnomalyType.TAKEOVER), Map.of(), null, null, ScraperParams.defaults());
        Scenario s = spec.build(shortLog);
        assertThat(s.kindOf().values()).containsOnly("crawler", "scraper");
        assertThat(s.describe()).endsWith(" crawler+scraper");
        assertThat(spec.describe()).endsWith(" crawler+takeover+scraper");
    }

    @Test
    void largeLogsAreSampledToMaxUsers() {
        List<BehaviorEvent> real = BankFixtures.shoppers(4, 300, 3, true);
        ScenarioSpec spec = new ScenarioSpec("sample", BankLog.TAOBAO, 5, 100, 0.05, Set.of(), Map.of(), null, null,
                ScraperParams.defaults());
        Scenario s = spec.build(real);
        assertThat(s.realUsers()).isEqualTo(100);
        assertThat(s.events().stream().map(BehaviorEvent::userId).distinct().count()).isEqualTo(105);
    }

    @Test
    void selectionNeverUsesTheBank() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(
                java.nio.file.Path.of("src", "main", "java"))) {
            List<java.nio.file.Path> users = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains(java.io.File.separator + "bank" + java.io.File.separator))
                    .filter(p -> {
                        try {
                            return java.nio.file.Files.readString(p).contains("dev.seqguard.eval.bank");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
            assertThat(users).isEmpty();
        }
    }

    @Test
    void weblogLineBecomesAViewOfTheUrlPathByTheClientAddress() {
        BehaviorEvent e = WeblogReader.parse(
                "83.149.9.216 - - 17/05/2015:10:05:03 +0000 GET /presentations/logstash/images/kibana.png?x=1");
        assertThat(e.userId()).isEqualTo("83.149.9.216");
        assertThat(e.itemId()).isEqualTo("/presentations/logstash/images/kibana.png");
        assertThat(e.categoryId()).isEqualTo("/presentations/logstash/images");
        assertThat(e.action()).isEqualTo(Action.VIEW);
        assertThat(e.timeMillis()).isEqualTo(1_431_857_103_000L);
        assertThat(WeblogReader.parse("garbage")).isNull();
    }
}

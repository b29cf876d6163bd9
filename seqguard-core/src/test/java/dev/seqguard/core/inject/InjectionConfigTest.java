package dev.seqguard.core.inject;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectionConfigTest {

    @Test
    void defaultsInjectEveryTypeAtFivePercent() {
        InjectionConfig config = InjectionConfig.defaults(11);
        assertThat(config.seed()).isEqualTo(11);
        assertThat(config.rate()).isEqualTo(0.05);
        assertThat(config.types()).containsExactly(AnomalyType.values());
        assertThat(config.farming()).isEqualTo(FarmingParams.defaults());
    }

    @Test
    void typeCodesAreTheCliNames() {
        assertThat(EnumSet.allOf(AnomalyType.class)).extracting(AnomalyType::code)
                .containsExactly("farming", "crawler", "adfraud", "takeover", "promo", "misclick");
        assertThat(AnomalyType.fromCode(" AdFraud ")).isEqualTo(AnomalyType.ADFRAUD);
    }

    @Test
    void parsesCliSettingsOnTopOfDefaults() {
        InjectionConfig config = InjectionConfig.fromMap(Map.of(
                "seed", "9", "rate", "0.1", "types", "farming, crawler",
                "farming.accounts", "8", "farming.gapSeconds", "10..20", "crawler.cartProbability", "0",
                "misclick.maxGapMinutes", "15", "takeover.minHistory", "30"));
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.rate()).isEqualTo(0.1);
        assertThat(config.types()).containsExactly(AnomalyType.FARMING, AnomalyType.CRAWLER);
        assertThat(config.farming().accounts()).isEqualTo(IntRange.of(8));
        assertThat(config.farming().gapSeconds()).isEqualTo(new DoubleRange(10, 20));
        assertThat(config.farming().targets()).isEqualTo(FarmingParams.defaults().targets());
        assertThat(config.crawler().cartProbability()).isZero();
        assertThat(config.misclick().maxGapMinutes()).isEqualTo(15);
        assertThat(config.takeover().minHistory()).isEqualTo(30);
        assertThat(InjectionConfig.fromMap(Map.of("types", "all")).types()).hasSize(6);
        assertThat(InjectionConfig.fromMap(Map.of()).seed()).isEqualTo(InjectionConfig.DEFAULT_SEED);
    }

    @Test
    void settingsLayerOnAnExistingConfig() {
        InjectionConfig base = InjectionConfig.defaults(1).withSettings(Map.of("adfraud.accounts", "30..40"));
        InjectionConfig next = base.withSettings(Map.of("adfraud.targets", "1"));
        assertThat(next.adfraud().accounts()).isEqualTo(new IntRange(30, 40));
        assertThat(next.adfraud().targets()).isEqualTo(IntRange.of(1));
    }

    @Test
    void rejectsUnknownParameterNamingIt() {
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("farming.acounts", "8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("farming.acounts").hasMessageContaining("accounts");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("bots.accounts", "8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bots.accounts");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("ratio", "0.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ratio'");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("types", "farming,bots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bots").hasMessageContaining("crawler");
    }

    @Test
    void rejectsBadValuesNamingParameterAndValue() {
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("farming.accounts", "9..3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("farming.accounts");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("farming.accounts", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("farming.accounts").hasMessageContaining("many");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("farming.accounts", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("farming.accounts").hasMessageContaining("0");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("adfraud.decoyProbability", "1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adfraud.decoyProbability").hasMessageContaining("1.5");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("crawler.gapSeconds", "0..3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crawler.gapSeconds");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("rate", "1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate").hasMessageContaining("1.5");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("rate", "NaN")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("seed", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
        assertThatThrownBy(() -> InjectionConfig.fromMap(Map.of("types", " , ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("types");
        assertThatThrownBy(() -> InjectionConfig.defaults(1).withTypes(Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("types");
    }

    @Test
    void rangesParseAndPrintInTheSameForm() {
        assertThat(IntRange.parse("x", " 3 .. 8 ")).isEqualTo(new IntRange(3, 8));
        assertThat(IntRange.parse("x", "5")).hasToString("5");
        assertThat(new IntRange(3, 8)).hasToString("3..8");
        assertThat(DoubleRange.parse("x", "0.5..2.5")).isEqualTo(new DoubleRange(0.5, 2.5));
        assertThatThrownBy(() -> DoubleRange.parse("x", "1..Infinity")).hasMessageContaining("finite");
    }

    @Test
    void splitsTheRateAcrossTypesWithTheRemainderToEarlierTypes() {
        AnomalyInjector injector = new AnomalyInjector(InjectionConfig.defaults(1).withRate(0.05));
        // round(0.05 * 652) = 33 over 6 types.
        assertThat(injector.shares(652).values()).containsExactly(6, 6, 6, 5, 5, 5);
        // round(0.05 * 10) = round(0.5) = 1: only farming gets one.
        assertThat(injector.shares(10).values()).containsExactly(1, 0, 0, 0, 0, 0);
    }
}

package dev.seqguard.core.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParameterShiftTest {

    /** The shifted range lies wholly below or wholly above the base range, touching it at one end at most. */
    private static void assertOutside(IntRange base, IntRange shifted) {
        assertThat(shifted.max() <= base.min() || shifted.min() >= base.max())
                .as("%s is outside %s", shifted, base).isTrue();
    }

    private static void assertOutside(DoubleRange base, DoubleRange shifted) {
        assertThat(shifted.max() <= base.min() || shifted.min() >= base.max())
                .as("%s is outside %s", shifted, base).isTrue();
    }

    @Test
    void everyRangeMovesOutsideTheTrainingRangeSoValidationNeverRepeatsTheTrainingParameters() {
        InjectionConfig base = InjectionConfig.defaults(3);
        for (long seed = 0; seed < 50; seed++) {
            InjectionConfig v = ParameterShift.wide().apply(base, new SplittableRandom(seed));
            assertOutside(base.farming().accounts(), v.farming().accounts());
            assertOutside(base.farming().gapSeconds(), v.farming().gapSeconds());
            assertOutside(base.farming().campaignHours(), v.farming().campaignHours());
            assertOutside(base.crawler().views(), v.crawler().views());
            assertOutside(base.crawler().gapSeconds(), v.crawler().gapSeconds());
            assertOutside(base.adfraud().accounts(), v.adfraud().accounts());
            assertOutside(base.adfraud().burstMinutes(), v.adfraud().burstMinutes());
            assertOutside(base.takeover().buys(), v.takeover().buys());
            assertOutside(base.promo().stormEvents(), v.promo().stormEvents());
            assertOutside(base.misclick().events(), v.misclick().events());
            assertThat(v.farming().buyProbability()).isNotEqualTo(base.farming().buyProbability()).isBetween(0.0, 1.0);
            assertThat(v.seed()).isEqualTo(base.seed());
            assertThat(v.types()).isEqualTo(base.types());
        }
    }

    @Test
    void rangesMoveBothWaysAcrossSeedsAndStayWithinAllowedValues() {
        InjectionConfig base = InjectionConfig.defaults(3);
        int below = 0;
        int above = 0;
        for (long seed = 0; seed < 60; seed++) {
            IntRange accounts = ParameterShift.wide().apply(base, new SplittableRandom(seed)).farming().accounts();
            below += accounts.max() <= base.farming().accounts().min() ? 1 : 0;
            above += accounts.min() >= base.farming().accounts().max() ? 1 : 0;
            assertThat(accounts.min()).isGreaterThanOrEqualTo(1);
        }
        assertThat(below).isGreaterThan(10);
        assertThat(above).isGreaterThan(10);
        // a count already at its lowest allowed value can only move up
        InjectionConfig atFloor = base.withSettings(java.util.Map.of("takeover.buys", "1"));
        for (long seed = 0; seed < 20; seed++) {
            IntRange buys = ParameterShift.wide().apply(atFloor, new SplittableRandom(seed)).takeover().buys();
            assertThat(buys.min()).isGreaterThanOrEqualTo(1);
            assertThat(buys.max()).isGreaterThan(1);
        }
    }

    @Test
    void sameSeedSameShift() {
        InjectionConfig base = InjectionConfig.defaults(3);
        assertThat(ParameterShift.wide().apply(base, new SplittableRandom(5)))
                .isEqualTo(ParameterShift.wide().apply(base, new SplittableRandom(5)));
    }

    @Test
    void shiftedConfigurationsInjectIntoRealTraffic() {
        InjectionConfig base = InjectionConfig.defaults(8).withTypes(java.util.EnumSet.of(AnomalyType.FARMING,
                AnomalyType.CRAWLER, AnomalyType.ADFRAUD, AnomalyType.PROMO));
        for (long seed = 0; seed < 3; seed++) {
            InjectionResult r = new AnomalyInjector(ParameterShift.wide().apply(base, new SplittableRandom(seed)))
                    .inject(TaobaoSample.events());
            assertThat(r.userLabels().stream().filter(UserLabel::anomalous).count()).isEqualTo(33);
        }
    }

    @Test
    void rejectsFactorsThatWouldNotMoveTheRanges() {
        assertThatThrownBy(() -> new ParameterShift(1.0, 2.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 < min <= max");
        assertThatThrownBy(() -> new ParameterShift(2.0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.seqguard.eval.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdRuleParserTest {

    @Test
    void readsEveryForm() {
        assertThat(ThresholdRule.parse("contamination:0.05")).isEqualTo(new ContaminationRule(0.05));
        assertThat(ThresholdRule.parse(" Fixed:0.7 ")).isEqualTo(new FixedRule(0.7));
        assertThat(ThresholdRule.parse("adaptive")).isEqualTo(AdaptiveRule.withRisk(AdaptiveRule.DEFAULT_RISK));
        assertThat(ThresholdRule.parse("adaptive:0.001")).isEqualTo(AdaptiveRule.withRisk(0.001));
        assertThat(ThresholdRule.parse("adaptive:0.001:0.95:2.5")).isEqualTo(new AdaptiveRule(0.001, 0.95, 2.5));
        assertThat(ThresholdRule.parse("f1")).isEqualTo(new F1OptimalRule());
        assertThat(ThresholdRule.parse("cost:1:10")).isEqualTo(new CostOptimalRule(1, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"contamination:0.05", "fixed:-2.5", "adaptive:0.02", "adaptive:0.001:0.95:2.5", "f1",
            "cost:1.5:10"})
    void specRoundTrips(String text) {
        ThresholdRule rule = ThresholdRule.parse(text);
        assertThat(ThresholdRule.parse(rule.spec())).isEqualTo(rule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                   | threshold rule is empty; expected one of contamination:SHARE",
            "percentile:5         | unknown threshold rule 'percentile:5'; expected one of",
            "contamination        | threshold rule 'contamination': contamination needs a share of scores to flag",
            "contamination:abc    | threshold rule 'contamination:abc': a share of scores to flag must be a finite number, got 'abc'",
            "contamination:1.5    | threshold rule 'contamination:1.5': contamination share must be in (0, 1), got 1.5",
            "fixed:NaN            | fixed:NaN': a score value must be a finite number, got 'nan'",
            "fixed:1:2            | threshold rule 'fixed:1:2': fixed needs a score value",
            "adaptive:0.5         | adaptive risk must be in (0, 0.1) (below the tail share 1 - level), got 0.5",
            "adaptive:x           | tail risk must be a finite number, got 'x'",
            "adaptive:0.01:0.9:3:4| adaptive takes at most a risk, a tail level and a fence width",
            "f1:2                 | threshold rule 'f1:2': f1 takes no argument",
            "cost:1               | cost needs two costs, a false positive's and a false negative's, e.g. cost:1:10",
            "cost:0:10            | false-positive cost must be a positive finite number, got 0.0",
            "cost:1:-3            | false-negative cost must be a positive finite number, got -3.0",
    })
    void explainsWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> ThresholdRule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}

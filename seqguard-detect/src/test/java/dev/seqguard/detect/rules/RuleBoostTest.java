package dev.seqguard.detect.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RuleBoostTest {

    @Test
    void addsWeightedRuleScoresToTheModelsPercentileRank() {
        double[] model = {0.1, 0.5, 0.3, 0.3};
        double[] rules = {0, 0, 1.05, 0.02};
        // ranks: 0.1 -> 1/4, the tied 0.3s share (2 + 3) / 2 / 4, 0.5 -> 4/4.
        assertThat(RuleBoost.combine(model, rules, 2.0))
                .containsExactly(new double[] {0.25, 1.0, 0.625 + 2.1, 0.625 + 0.04}, within(1e-12));
    }

    @Test
    void aFiredDefaultRuleOutranksTheTopModelScoreDespiteEveryNearMiss() {
        // worst case of the defaults: rank ~0 with one weight-1 rule just fired, against the top model score
        // with every default rule (total weight 6) at the largest near-miss share, 0.1 x w x 0.5.
        double[] model = {0.0, 1.0, 0.5};
        double[] rules = {1.05, 0.3, 0.0};
        double[] c = RuleBoost.combine(model, rules);
        assertThat(c[0]).isGreaterThan(c[1]);
    }

    @Test
    void rejectsMismatchedOrNonFiniteInput() {
        assertThatThrownBy(() -> RuleBoost.combine(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 model scores but 3 rule scores");
        assertThatThrownBy(() -> RuleBoost.combine(new double[] {Double.NaN}, new double[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model score 0");
        assertThatThrownBy(() -> RuleBoost.combine(new double[1], new double[1], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ruleWeight");
    }
}

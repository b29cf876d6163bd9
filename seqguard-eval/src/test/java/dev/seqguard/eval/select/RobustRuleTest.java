package dev.seqguard.eval.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustRuleTest {

    /** Cells [variant][kind]: every variant gets the same per-kind PR-AUC, plus a small per-variant wobble. */
    private static double[][] cells(int variants, double... perKind) {
        double[][] c = new double[variants][];
        for (int v = 0; v < variants; v++) {
            double wobble = (v % 2 == 0 ? 1 : -1) * 0.002;
            c[v] = Arrays.stream(perKind).map(x -> x + wobble).toArray();
        }
        return c;
    }

    @Test
    void challengerThatWinsOnEveryKindReplacesTheDefaultAndTheHeldOutChecksAgree() {
        List<double[][]> all = List.of(cells(3, 0.5, 0.5, 0.5), cells(3, 0.7, 0.65, 0.72));
        RobustRule.Decision d = RobustRule.decide(all, 0, 1);
        assertThat(d.pick()).isEqualTo(1);
        assertThat(d.gains()[1].mean()).isCloseTo((0.2 + 0.15 + 0.22) / 3, within(1e-9));
        assertThat(d.gains()[1].low()).isGreaterThan(RobustRule.MARGIN);
        // hiding any one kind, the rule still picks the challenger, which is best on the hidden kind too
        assertThat(d.confidence()).isEqualTo(1.0);
        assertThat(d.heldOutCells()).isEqualTo(9);
    }

    @Test
    void winningOnAverageIsNotEnoughWhenOneKindCollapses() {
        // mean gain +0.17, but the third kind drops by 0.3: an attack like it would be missed
        List<double[][]> all = List.of(cells(3, 0.5, 0.5, 0.5), cells(3, 0.9, 0.9, 0.2));
        RobustRule.Decision d = RobustRule.decide(all, 0, 1);
        assertThat(d.pick()).isZero();
        assertThat(d.gains()[1].mean()).isCloseTo(0.5 / 3, within(1e-9));
        assertThat(d.gains()[1].worstKind()).isCloseTo(-0.3, within(1e-9));
        // hide kind 3: the rule picks the challenger, which then loses on it; hide kind 1 or 2: it keeps the
        // default, which is 0.4 behind the best on the hidden kind. Nothing held up.
        assertThat(d.confidence()).isZero();
    }

    @Test
    void aTinyGainDoesNotReplaceTheDefault() {
        List<double[][]> all = List.of(cells(3, 0.5, 0.6, 0.7), cells(3, 0.505, 0.605, 0.705));
        RobustRule.Decision d = RobustRule.decide(all, 0, 1);
        assertThat(d.pick()).isZero();
        assertThat(d.gains()[1].low()).isLessThan(RobustRule.MARGIN);
        // keeping the default is within the tolerance of the best everywhere
        assertThat(d.confidence()).isEqualTo(1.0);
    }

    @Test
    void aNoisyGainFromOneLuckyKindIsNotAMargin() {
        // +0.3 on one kind, ties elsewhere: the kind bootstrap often draws the ties only
        List<double[][]> all = List.of(cells(3, 0.5, 0.5, 0.5, 0.5, 0.5), cells(3, 0.8, 0.5, 0.5, 0.5, 0.5));
        RobustRule.Decision d = RobustRule.decide(all, 0, 1);
        assertThat(d.gains()[1].mean()).isCloseTo(0.06, within(1e-9));
        assertThat(d.gains()[1].low()).isLessThanOrEqualTo(RobustRule.MARGIN);
        assertThat(d.pick()).isZero();
        // on the lucky kind, the default is 0.3 behind the best: 1 of 5 kinds fails
        assertThat(d.confidence()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void ungradedCellsAreSkippedSoAClassifierIsComparedOnlyWhereItWasHeldOut() {
        double[][] challenger = cells(2, 0.9, 0.9, 0.9);
        challenger[0][0] = Double.NaN;
        challenger[1][0] = Double.NaN;
        RobustRule.Gain g = RobustRule.gain(challenger, cells(2, 0.2, 0.5, 0.5), 1, -1);
        assertThat(g.mean()).isCloseTo(0.4, within(1e-9));
        assertThat(RobustRule.gain(challenger, cells(2, 0.2, 0.5, 0.5), 1, 1).mean()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void heldOutCellsGradeEachKindAgainstTheNormalRowsOnly() {
        dev.seqguard.detect.api.DetectionData data = SelectorTest.table(6, 0, 1).withLabels(new int[] {0, 0, 1, 1, 0, 1});
        SyntheticValidation.Variant v = new SyntheticValidation.Variant(data,
                new String[] {"normal", "normal", "a", "b", "normal", "a"});
        assertThat(HeldOutCells.kinds(List.of(v))).containsExactly("a", "b");
        // kind a (rows 2, 5) ranks above every normal row; kind b (row 3) below them all
        double[] s = {0.1, 0.2, 0.9, 0.0, 0.3, 0.8};
        assertThat(HeldOutCells.prAuc(v, "a", s)).isCloseTo(1.0, within(1e-12));
        assertThat(HeldOutCells.prAuc(v, "b", s)).isCloseTo(0.25, within(1e-12));
        double[][] c = HeldOutCells.ofVariantScores(List.of(v), List.of("a", "b"), List.of(s));
        assertThat(HeldOutCells.kindBalancedMean(c)).isCloseTo(0.625, within(1e-12));
    }
}

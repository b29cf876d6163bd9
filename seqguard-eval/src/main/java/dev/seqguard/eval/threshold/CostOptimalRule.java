package dev.seqguard.eval.threshold;

import dev.seqguard.eval.metrics.LabelledRows;

/**
 * The threshold with the lowest total cost {@code FP · falsePositiveCost + FN · falseNegativeCost} on labelled
 * validation scores: use it when a missed fraudster and a wrongly blocked customer cost different amounts. Flagging
 * nothing is a candidate too (when false alarms are expensive enough it wins). Ties go to the highest threshold;
 * the value is placed mid-gap as in {@link LabelledSweep}.
 *
 * @param falsePositiveCost cost of flagging a normal row, &gt; 0
 * @param falseNegativeCost cost of missing an anomalous row, &gt; 0
 */
public record CostOptimalRule(double falsePositiveCost, double falseNegativeCost) implements ThresholdRule {
    public CostOptimalRule {
        if (!(falsePositiveCost > 0) || !Double.isFinite(falsePositiveCost)) {
            throw new IllegalArgumentException("false-positive cost must be a positive finite number, got "
                    + falsePositiveCost);
        }
        if (!(falseNegativeCost > 0) || !Double.isFinite(falseNegativeCost)) {
            throw new IllegalArgumentException("false-negative cost must be a positive finite number, got "
                    + falseNegativeCost);
        }
    }

    @Override
    public Threshold compute(double[] scores, int[] labels) {
        LabelledRows rows = ThresholdInputs.labelled(scores, labels, spec());
        LabelledSweep.Choice c = LabelledSweep.maximise(rows,
                conf -> -conf.cost(falsePositiveCost, falseNegativeCost), true);
        return Threshold.of(c.value(), scores, "lowest cost " + ThresholdInputs.fmt(-c.objective()) + " ("
                + c.confusion().fp() + " false alarms x " + ThresholdInputs.fmt(falsePositiveCost) + " + "
                + c.confusion().fn() + " misses x " + ThresholdInputs.fmt(falseNegativeCost) + ") on " + rows.size()
                + " labelled scores at " + ThresholdInputs.fmt(c.value()));
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public String describe() {
        return "the threshold with the lowest cost on labelled validation scores (false alarm "
                + ThresholdInputs.fmt(falsePositiveCost) + ", miss " + ThresholdInputs.fmt(falseNegativeCost) + ")";
    }

    @Override
    public String spec() {
        return "cost:" + falsePositiveCost + ":" + falseNegativeCost;
    }
}

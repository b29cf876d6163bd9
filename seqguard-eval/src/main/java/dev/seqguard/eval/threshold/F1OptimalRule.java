package dev.seqguard.eval.threshold;

import dev.seqguard.eval.metrics.LabelledRows;

/**
 * The threshold that maximises F1 on labelled validation scores. Every distinct score is a candidate (no other
 * threshold flags a different set); the winner is placed mid-gap below its score (see {@link LabelledSweep}), and
 * among equal F1 the highest threshold wins. Apply the result to held-out scores, not the ones it was tuned on, to
 * get an honest F1.
 */
public record F1OptimalRule() implements ThresholdRule {
    @Override
    public Threshold compute(double[] scores, int[] labels) {
        LabelledRows rows = ThresholdInputs.labelled(scores, labels, spec());
        if (rows.positives() == 0) {
            throw new IllegalArgumentException("threshold rule 'f1' needs at least one anomalous validation label; "
                    + "the " + rows.size() + " labelled scores are all normal");
        }
        LabelledSweep.Choice c = LabelledSweep.maximise(rows, conf -> conf.f1(), false);
        return Threshold.of(c.value(), scores, "best F1 " + ThresholdInputs.fmt(c.objective()) + " (precision "
                + ThresholdInputs.fmt(c.confusion().precision()) + ", recall "
                + ThresholdInputs.fmt(c.confusion().recall()) + ") on " + rows.size() + " labelled scores at "
                + ThresholdInputs.fmt(c.value()));
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public String describe() {
        return "the threshold with the best F1 on labelled validation scores";
    }

    @Override
    public String spec() {
        return "f1";
    }
}

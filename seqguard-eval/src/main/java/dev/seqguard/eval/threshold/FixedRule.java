package dev.seqguard.eval.threshold;

/** Flag every score at or above a value chosen by the user. */
public record FixedRule(double value) implements ThresholdRule {
    public FixedRule {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("fixed threshold value must be finite, got " + value);
        }
    }

    @Override
    public Threshold compute(double[] scores, int[] labels) {
        ThresholdInputs.sortedCopy(scores);
        return Threshold.of(value, scores, "fixed value " + ThresholdInputs.fmt(value));
    }

    @Override
    public String describe() {
        return "flag scores at or above the fixed value " + ThresholdInputs.fmt(value);
    }

    @Override
    public String spec() {
        return "fixed:" + value;
    }
}

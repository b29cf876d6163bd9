package dev.seqguard.eval.metrics;

/**
 * A metric with its bootstrap confidence interval.
 *
 * @param estimate  the metric on the full data (NaN when undefined there)
 * @param lower     lower bound; NaN when no resample gave a defined value
 * @param upper     upper bound; NaN when no resample gave a defined value
 * @param level     the confidence level, e.g. 0.95
 * @param resamples resamples on which the metric was defined and that entered the bounds
 */
public record Interval(double estimate, double lower, double upper, double level, int resamples) {
    public double width() {
        return upper - lower;
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}

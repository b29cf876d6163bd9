package dev.seqguard.recsys.clean;

/**
 * The training data a cleaning strategy leaves for the recommender: a weight per input event (0 = dropped).
 *
 * @param name    {@code raw}, {@code oracle} or a strategy name
 * @param rule    one line saying what was removed and why
 * @param weights per input event, in [0, 1]
 */
public record TrainingSet(String name, String rule, double[] weights) {
    public TrainingSet {
        weights = weights.clone();
        for (int e = 0; e < weights.length; e++) {
            if (!(weights[e] >= 0 && weights[e] <= 1)) {
                throw new IllegalArgumentException("training set " + name + ": weight of event " + e
                        + " must be in [0, 1], got " + weights[e]);
            }
        }
    }

    /** Share of the total event weight removed (0 for raw). */
    public double removedShare() {
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return weights.length == 0 ? 0 : 1 - s / weights.length;
    }

    /** Events with weight 0. */
    public long dropped() {
        long n = 0;
        for (double w : weights) {
            n += w == 0 ? 1 : 0;
        }
        return n;
    }
}

package dev.seqguard.eval.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence intervals for a metric of labelled scores (Efron and Tibshirani 1993, ch. 13).
 * Resampling is stratified: each row is replaced by a row drawn with replacement from its own class, so every
 * resample keeps the class counts (ranking metrics stay defined even when anomalies are rare) and the labels keep
 * their positions (ties at the k-th place are not biased towards either class).
 * Seeded, so the same inputs give the same interval.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * @param resamples number of resamples, at least 10 (a few hundred for a stable 95% interval)
     * @param level     confidence level in (0, 1)
     * @throws IllegalArgumentException for bad labels/scores, resamples &lt; 10 or a level outside (0, 1)
     */
    public static Interval interval(int[] labels, double[] scores, Metric metric, int resamples, double level,
                                    long seed) {
        MetricInputs.requireLabelledScores(labels, scores);
        if (resamples < 10) {
            throw new IllegalArgumentException("resamples must be >= 10, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        double estimate = metric.compute(labels, scores);
        int[] pos = indicesWithLabel(labels, 1);
        int[] neg = indicesWithLabel(labels, 0);
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int defined = 0;
        double[] s = new double[labels.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < labels.length; i++) {
                int[] sameClass = labels[i] == 1 ? pos : neg;
                s[i] = scores[sameClass[random.nextInt(sameClass.length)]];
            }
            double v = metric.compute(labels, s);
            if (!Double.isNaN(v)) {
                values[defined++] = v;
            }
        }
        if (defined == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, level, 0);
        }
        double[] sorted = Arrays.copyOf(values, defined);
        Arrays.sort(sorted);
        double tail = (1 - level) / 2;
        return new Interval(estimate, Quantiles.ofSorted(sorted, tail), Quantiles.ofSorted(sorted, 1 - tail), level,
                defined);
    }

    private static int[] indicesWithLabel(int[] labels, int label) {
        int[] out = new int[labels.length];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}

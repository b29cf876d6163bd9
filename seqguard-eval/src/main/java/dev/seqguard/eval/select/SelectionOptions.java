package dev.seqguard.eval.select;

import java.util.List;

/**
 * How {@link Selector} runs.
 *
 * @param detectors          detector names to compare; empty = every registered detector the data allows
 * @param folds              cross-validation folds over the labelled rows (at most the minority class count)
 * @param seed               seed for folds, detectors and self-injection
 * @param ensembleSize       how many of the best detectors the rank-average ensemble candidate combines (0 = none)
 * @param threshold          threshold rule text (see {@code ThresholdRules.parse}); {@code null} = {@code f1} with
 *                           labels, {@code adaptive} without
 * @param minLabelsPerClass  fewer labelled anomalies or normals than this = label-free selection
 * @param syntheticRepeats   label-free mode: how many independent self-injections to validate on
 */
public record SelectionOptions(List<String> detectors, int folds, long seed, int ensembleSize, String threshold,
                               int minLabelsPerClass, int syntheticRepeats) {
    public SelectionOptions {
        detectors = List.copyOf(detectors);
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("folds must be in 2..20, got " + folds);
        }
        if (ensembleSize < 0 || ensembleSize == 1) {
            throw new IllegalArgumentException("ensembleSize must be 0 (off) or at least 2, got " + ensembleSize);
        }
        if (minLabelsPerClass < 2) {
            throw new IllegalArgumentException("minLabelsPerClass must be at least 2, got " + minLabelsPerClass);
        }
        if (syntheticRepeats < 1 || syntheticRepeats > 20) {
            throw new IllegalArgumentException("syntheticRepeats must be in 1..20, got " + syntheticRepeats);
        }
    }

    public static SelectionOptions defaults(long seed) {
        return new SelectionOptions(List.of(), 5, seed, 3, null, 5, 3);
    }

    public SelectionOptions withDetectors(List<String> names) {
        return new SelectionOptions(names, folds, seed, ensembleSize, threshold, minLabelsPerClass, syntheticRepeats);
    }

    public SelectionOptions withThreshold(String rule) {
        return new SelectionOptions(detectors, folds, seed, ensembleSize, rule, minLabelsPerClass, syntheticRepeats);
    }
}

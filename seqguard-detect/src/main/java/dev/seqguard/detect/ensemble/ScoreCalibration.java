package dev.seqguard.detect.ensemble;

import dev.seqguard.core.util.Sorted;
import java.util.Arrays;

/**
 * Maps a detector's raw score to its empirical percentile among reference scores (the scores of the rows it was
 * fitted on), so that detectors with different scales can be averaged. Ties get the mid-rank.
 */
public record ScoreCalibration(double[] sortedReference) {

    public ScoreCalibration {
        if (sortedReference.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one reference score");
        }
    }

    public static ScoreCalibration of(double[] referenceScores) {
        double[] s = referenceScores.clone();
        Arrays.sort(s);
        return new ScoreCalibration(s);
    }

    /** The share of reference scores below {@code score}, ties counted half, in [0, 1]. */
    public double percentile(double score) {
        return Sorted.midRank(sortedReference, score);
    }
}

package dev.seqguard.detect.ensemble;

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
        int lo = lowerBound(score);
        int hi = upperBound(score);
        return (lo + 0.5 * (hi - lo)) / sortedReference.length;
    }

    private int lowerBound(double x) {
        int lo = 0;
        int hi = sortedReference.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedReference[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(double x) {
        int lo = 0;
        int hi = sortedReference.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedReference[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

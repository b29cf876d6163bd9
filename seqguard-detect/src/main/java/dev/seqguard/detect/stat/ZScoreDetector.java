package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.FeatureScaler;

/**
 * Per-feature z-scores {@code z = (x - mean) / sd} against the training rows (sample standard deviation; a
 * constant feature gets sd 1), clipped at {@code cap} and aggregated over features. Sensitive to outliers in
 * the training data itself (they inflate the sd); see {@link RobustZDetector} for the robust variant.
 */
public final class ZScoreDetector extends LocationScaleDetector {

    public static final String NAME = "zscore";

    public ZScoreDetector() {
        super(NAME, "per-feature z-score (mean/sd), clipped and aggregated", FeatureScaler::standard);
    }
}

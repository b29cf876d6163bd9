package dev.seqguard.detect.stat;

import dev.seqguard.detect.api.FeatureScaler;

/**
 * Per-feature robust z-scores {@code (x - median) / (1.4826 MAD)} (Iglewicz and Hoaglin, "How to Detect and
 * Handle Outliers", 1993), clipped at {@code cap} and aggregated over features. Contaminated training data
 * barely moves median and MAD. A feature whose MAD is 0 (more than half the rows equal, common for counts)
 * falls back to IQR/1.349, then to the sd, as {@link FeatureScaler#robust} does. The default aggregate is
 * {@link Aggregate#FEATURE_GROUPS}: on sequence features each kind of signal counts once; on a table, the sum of
 * squares.
 */
public final class RobustZDetector extends LocationScaleDetector {

    public static final String NAME = "robust-z";

    public RobustZDetector() {
        super(NAME, "per-feature robust z-score (median/MAD), clipped, balanced over feature groups", FeatureScaler::robust,
                Aggregate.FEATURE_GROUPS);
    }
}

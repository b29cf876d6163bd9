package dev.seqguard.eval.select;

import dev.seqguard.detect.api.DetectionData;
import java.util.List;

/**
 * Label-free validation sets: the user's own data with synthetic anomalies injected, labelled 1 for injected or
 * modified units and 0 for the rest (presumed normal for validation only; the real data is never assumed clean
 * when it is scored).
 */
public interface SyntheticValidation {

    /** One labelled variant of the data with its per-row anomaly types (empty string for label 0). */
    record Variant(DetectionData data, String[] types) {
    }

    /** {@code repeats} independent variants, reproducible from {@code seed}. */
    List<Variant> variants(int repeats, long seed);
}

package dev.seqguard.detect.stat;

/** The scoring settings every per-feature deviation detector's config shares. */
public interface DeviationSettings {

    /** How the per-feature deviations of a row become its score. */
    Aggregate aggregate();

    /** Deviations are clipped at this value, so one degenerate feature cannot dominate the aggregate. */
    double cap();

    /** Unused by fitting (it is deterministic); recorded in the provenance. */
    long seed();

    /** Validates the shared settings; config records call it from their compact constructors. */
    static void validate(Aggregate aggregate, double cap) {
        if (aggregate == null) {
            throw new IllegalArgumentException("parameter 'aggregate' must be one of MAX, MEAN_TOP3, SUM_SQUARES, MEAN, FEATURE_GROUPS");
        }
        if (!(cap > 0) || !Double.isFinite(cap)) {
            throw new IllegalArgumentException("parameter 'cap' must be a positive finite number, got " + cap);
        }
    }
}

package dev.seqguard.detect.api;

/** What a detector needs or offers beyond the basic fit-and-score-sequences contract. */
public enum Capability {
    /** fit needs at least some rows labelled 0 and 1 (supervised). */
    NEEDS_LABELS,
    /** fit and score need the sequences, not only the feature rows; unavailable on tables. */
    NEEDS_SEQUENCES,
    /** scores individual events as well as whole sequences. */
    EVENT_SCORES,
    /** offers {@link StreamingDetector}: score-then-update one event at a time. */
    STREAMING,
    /**
     * left out when the caller names no detectors: one fit takes tens of seconds where the others take milliseconds,
     * and selection fits each candidate several times (the Transformer models). Runs when named.
     */
    OPT_IN
}

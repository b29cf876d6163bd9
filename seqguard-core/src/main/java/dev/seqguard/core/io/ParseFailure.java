package dev.seqguard.core.io;

/** Reusable out-parameter of {@link RecordParser}: filled only on the (rare) rejection path. */
final class ParseFailure {
    QuarantineReason reason;
    String message;

    /** Records the failure; returns {@code null} so a parser can write {@code return failed.set(...)}. */
    <T> T set(QuarantineReason reason, String message) {
        this.reason = reason;
        this.message = message;
        return null;
    }
}

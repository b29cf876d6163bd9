package dev.seqguard.core.io;

import java.io.IOException;

/** Receives the lines ingest rejects, in input order. */
@FunctionalInterface
public interface QuarantineSink {

    /** A sink that keeps nothing (the run summary still counts every rejection). */
    QuarantineSink DISCARD = line -> { };

    void accept(QuarantinedLine line) throws IOException;

    /** Sends every rejected line to this sink, then to {@code other}. */
    default QuarantineSink andThen(QuarantineSink other) {
        java.util.Objects.requireNonNull(other, "other");
        return line -> {
            accept(line);
            other.accept(line);
        };
    }
}

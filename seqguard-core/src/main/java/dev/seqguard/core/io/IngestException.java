package dev.seqguard.core.io;

import java.io.IOException;

/**
 * Ingest cannot proceed at all: the input is missing or unreadable, a gzip stream is corrupt, or a generic layout's
 * header lacks a mapped column. The message names the path (or source) and what is wrong, fit to be printed as one
 * line. Bad individual lines are never reported this way: they are quarantined.
 */
public class IngestException extends IOException {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.seqguard.core.seq;

import dev.seqguard.core.model.Sequence;
import java.util.Objects;

/**
 * A contiguous slice of a longer sequence, for sequence models with a bounded context.
 *
 * @param sourceId the id of the sequence it was cut from
 * @param offset   index in the source of the window's first event, so event scores map back to source events
 * @param sequence the slice; its id is {@code sourceId@offset}
 */
public record SequenceWindow(String sourceId, int offset, Sequence sequence) {
    public SequenceWindow {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(sequence, "sequence");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }
}

package dev.seqguard.core.token;

import java.util.Objects;

/**
 * A sequence as two aligned id channels. Rows are not copied: treat the arrays as read-only.
 *
 * @param sequenceId the id of the sequence
 * @param tokens     event tokens (behaviour x category bucket x gap bucket), possibly led by {@code [CLS]}
 * @param items      item tokens at the same positions ({@code [CLS]} where {@code tokens} has it)
 */
public record TokenizedSequence(String sequenceId, int[] tokens, int[] items) {
    public TokenizedSequence {
        Objects.requireNonNull(sequenceId, "sequenceId");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(items, "items");
        if (tokens.length != items.length) {
            throw new IllegalArgumentException("sequence " + sequenceId + ": " + tokens.length + " event tokens but "
                    + items.length + " item tokens");
        }
    }

    public int length() {
        return tokens.length;
    }
}

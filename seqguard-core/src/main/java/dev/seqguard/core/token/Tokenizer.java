package dev.seqguard.core.token;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.GapBucket;
import java.util.List;
import java.util.Objects;

/** Maps sequences and events to the token ids of a {@link Vocabulary}. Stateless and thread-safe. */
public final class Tokenizer {
    private final Vocabulary vocabulary;

    public Tokenizer(Vocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The event token of each event, in order (no {@code [CLS]}). */
    public int[] tokens(Sequence sequence) {
        return encode(sequence, false).tokens();
    }

    /** The item token of each event, in order (no {@code [CLS]}). */
    public int[] items(Sequence sequence) {
        return encode(sequence, false).items();
    }

    /** Both channels; with {@code prependCls} position 0 holds {@code [CLS]} in both, and event i sits at i + 1. */
    public TokenizedSequence encode(Sequence sequence, boolean prependCls) {
        Objects.requireNonNull(sequence, "sequence");
        List<BehaviorEvent> events = sequence.events();
        int shift = prependCls ? 1 : 0;
        int[] tokens = new int[events.size() + shift];
        int[] items = new int[tokens.length];
        if (prependCls) {
            tokens[0] = Vocabulary.CLS;
            items[0] = Vocabulary.CLS;
        }
        BehaviorEvent previous = null;
        for (int i = 0; i < events.size(); i++) {
            BehaviorEvent e = events.get(i);
            tokens[i + shift] = token(e, previous);
            items[i + shift] = vocabulary.itemToken(e.itemId());
            previous = e;
        }
        return new TokenizedSequence(sequence.id(), tokens, items);
    }

    /**
     * The event token of {@code event} given the previous event of its sequence ({@code null} for the first), for
     * streaming use.
     */
    public int token(BehaviorEvent event, BehaviorEvent previous) {
        Objects.requireNonNull(event, "event");
        GapBucket gap = previous == null ? GapBucket.FIRST : GapBucket.of(event.timeMillis() - previous.timeMillis());
        return vocabulary.eventToken(event.action(), event.categoryId(), gap);
    }
}

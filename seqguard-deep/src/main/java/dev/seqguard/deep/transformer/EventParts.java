package dev.seqguard.deep.transformer;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.Sequence;
import dev.seqguard.core.seq.GapBucket;
import dev.seqguard.core.seq.SequenceOptions;
import dev.seqguard.core.token.Tokenizer;
import dev.seqguard.core.token.Vocabulary;

/**
 * An event token of the {@link Vocabulary} split into its three parts (behaviour, category bucket, gap bucket), and the
 * id space the network embeds them in. The network sums the three part embeddings and predicts the three parts with
 * three small soft-max heads instead of one over every token: a few hundred outputs instead of ~11,000, so rare
 * combinations share what is learnt about their parts, and scoring stays fast.
 *
 * <p>Embedding ids: the special tokens {@code [PAD] [UNK] [MASK] [CLS]} keep their vocabulary ids 0-3 (a special
 * position repeats its id in all four places), then the behaviours, the category buckets, the gap buckets and the
 * window-relative category slots ({@link #SLOTS}).
 */
final class EventParts {
    static final int ACTIONS = Action.count();
    static final int GAPS = GapBucket.count();
    /**
     * Window-relative category slots: the k-th distinct category of a window's visible events has slot k (the last
     * slot shared by any further ones); {@link #NEW_SLOT} is a category no visible event has. Predicting the slot is
     * predicting "same category as that neighbour, or a new one" - the context signal of a stray click - which the
     * absolute category bucket only learns slowly, through attention copying ids.
     */
    static final int SLOTS = 16;
    static final int NEW_SLOT = SLOTS;
    /** Ints per event in flat parts ({@link #parts}): behaviour, bucket, gap, session start. */
    static final int STRIDE = 4;
    /** Offset of the session-start mark in an event's flat parts. */
    static final int SESSION_START = 3;
    /** Parts per event in network input: behaviour, bucket, gap, slot. */
    static final int INPUT_PARTS = 4;
    private static final int SPECIALS = Vocabulary.SPECIAL_TOKENS.size();

    private final Vocabulary vocabulary;
    private final Tokenizer tokenizer;
    private final int buckets;

    EventParts(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.tokenizer = new Tokenizer(vocabulary);
        this.buckets = vocabulary.categoryBuckets();
        // The split below follows the token layout Vocabulary documents; fail loudly if that layout ever changes.
        int last = vocabulary.eventVocabularySize() - 1;
        int[] p = split(last);
        if (p[0] != ACTIONS - 1 || p[1] != buckets - 1 || p[2] != GAPS - 1
                || !vocabulary.eventTokenString(last).startsWith(Action.ofOrdinal(p[0]).code() + "|")) {
            throw new IllegalStateException("event token layout of Vocabulary is not behaviour x category x gap");
        }
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    int buckets() {
        return buckets;
    }

    /** Size of the embedding id space. */
    int embeddingIds() {
        return SPECIALS + ACTIONS + buckets + GAPS + SLOTS + 1;
    }

    /**
     * The parts of every event of {@code s}, flat, {@link #STRIDE} per event: {@code [4i]} behaviour,
     * {@code [4i+1]} bucket, {@code [4i+2]} gap, {@code [4i+3]} 1 when the event starts a session (the sequence's first
     * event, or a gap over {@link SequenceOptions#DEFAULT_SESSION_GAP_MILLIS} since the previous one), else 0. The
     * session marks are not network input; they tell scoring and training which events to hide together.
     */
    int[] parts(Sequence s) {
        int[] tokens = tokenizer.tokens(s);
        int[] out = new int[STRIDE * tokens.length];
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < tokens.length; i++) {
            int[] p = split(tokens[i]);
            long time = s.events().get(i).timeMillis();
            out[STRIDE * i] = p[0];
            out[STRIDE * i + 1] = p[1];
            out[STRIDE * i + 2] = p[2];
            boolean starts = i == 0 || time - previous > SequenceOptions.DEFAULT_SESSION_GAP_MILLIS;
            out[STRIDE * i + SESSION_START] = starts ? 1 : 0;
            previous = time;
        }
        return out;
    }

    /**
     * The session of each event of a window of flat parts: 0 for the events up to the second session start in the
     * window, 1 up to the third, and so on (a window cut inside a session starts a session of its own).
     */
    static int[] sessions(int[] window) {
        int n = window.length / STRIDE;
        int[] out = new int[n];
        int session = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || window[STRIDE * i + SESSION_START] == 1) {
                session++;
            }
            out[i] = session;
        }
        return out;
    }

    /** The events of session group {@code group}: those of the sessions {@code s} with {@code s % groups == group}. */
    static boolean[] sessionGroup(int[] sessions, int groups, int group) {
        boolean[] out = new boolean[sessions.length];
        for (int i = 0; i < sessions.length; i++) {
            out[i] = sessions[i] % groups == group;
        }
        return out;
    }

    /** Embedding ids of an event's four input parts, written into {@code out} at {@code at}. */
    void embeddingIds(int action, int bucket, int gap, int slot, int[] out, int at) {
        out[at] = SPECIALS + action;
        out[at + 1] = SPECIALS + ACTIONS + bucket;
        out[at + 2] = SPECIALS + ACTIONS + buckets + gap;
        out[at + 3] = SPECIALS + ACTIONS + buckets + GAPS + slot;
    }

    /** The vocabulary token of three parts. */
    int token(int action, int bucket, int gap) {
        return SPECIALS + (action * buckets + bucket) * GAPS + gap;
    }

    /** The readable token of three parts, e.g. {@code cart|c:2520377|<1min}. */
    String describe(int action, int bucket, int gap) {
        return vocabulary.eventTokenString(token(action, bucket, gap));
    }

    private int[] split(int token) {
        if (token < SPECIALS) {
            throw new IllegalArgumentException("special token " + token + " is not an event");
        }
        int rest = token - SPECIALS;
        int gap = rest % GAPS;
        rest /= GAPS;
        return new int[] {rest / buckets, rest % buckets, gap};
    }
}

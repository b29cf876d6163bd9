package dev.seqguard.deep.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;

/**
 * Windows of event parts laid out as network input: {@code [CLS]} at position 0, event i at position i + 1, padding
 * after the last event (hidden from attention), some events replaced by {@code [MASK]}; and the positions whose
 * parts are to be predicted. The padded length depends only on a window's own length (a power of two, at least 8, at
 * most the window plus one), so a window is computed with the same shapes whatever it is batched with.
 */
final class WindowBatch {
    static final int PAD = 0;
    static final int MASK = 2;
    static final int CLS = 3;

    final int rows;
    final int length;
    final int[] ids;
    final float[] attention;
    /** Targets: flat position {@code row * length + position} and the three parts there. */
    final long[] positions;
    final long[] actions;
    final long[] buckets;
    final long[] gaps;
    final long[] slots;
    /** Per row, per position: the category bucket of the visible event there (-1: none), for the copy distribution. */
    private final int[] visibleBuckets;
    private final int bucketCount;

    private WindowBatch(int rows, int length, int[] ids, float[] attention, long[] positions, long[] actions,
                        long[] buckets, long[] gaps, long[] slots, int[] visibleBuckets, int bucketCount) {
        this.rows = rows;
        this.length = length;
        this.ids = ids;
        this.attention = attention;
        this.positions = positions;
        this.actions = actions;
        this.buckets = buckets;
        this.gaps = gaps;
        this.slots = slots;
        this.visibleBuckets = visibleBuckets;
        this.bucketCount = bucketCount;
    }

    static int paddedLength(int events, int maxLength) {
        int p = 8;
        while (p < events + 1) {
            p <<= 1;
        }
        return Math.min(p, maxLength);
    }

    /**
     * @param windows  flat parts per window ({@link EventParts#parts})
     * @param hide     per window, the events to hide and predict ({@code null}: hide none)
     * @param predict  per window, the events to predict (besides the hidden ones); {@code null}: none
     * @param causal   attention sees only earlier positions, and position i predicts event i (the next one)
     * @param noise    when not null, BERT's corruption of hidden events: 80% [MASK], 10% a random event, 10% kept
     */
    static WindowBatch of(EventParts parts, List<int[]> windows, List<boolean[]> hide, List<boolean[]> predict,
                          boolean causal, int maxLength, Random noise) {
        int rows = windows.size();
        int length = 0;
        int targets = 0;
        for (int r = 0; r < rows; r++) {
            int n = windows.get(r).length / EventParts.STRIDE;
            length = Math.max(length, paddedLength(n, maxLength));
            for (int i = 0; i < n; i++) {
                if (isSet(hide, r, i) || isSet(predict, r, i)) {
                    targets++;
                }
            }
        }
        final int width = EventParts.INPUT_PARTS;
        int[] ids = new int[rows * length * width];
        float[] attention = new float[rows * length * length];
        long[] positions = new long[targets];
        long[] actions = new long[targets];
        long[] buckets = new long[targets];
        long[] gaps = new long[targets];
        long[] slots = new long[targets];
        int[] visibleBuckets = new int[rows * length];
        java.util.Arrays.fill(visibleBuckets, -1);
        int t = 0;
        for (int r = 0; r < rows; r++) {
            int[] w = windows.get(r);
            int n = w.length / EventParts.STRIDE;
            int base = r * length * width;
            java.util.Arrays.fill(ids, base, base + width, CLS);
            boolean[] hidden = hide == null ? null : hide.get(r);
            int[][] slot = slots(w, hidden, causal);
            for (int i = 0; i < n; i++) {
                int at = base + width * (i + 1);
                boolean isHidden = hidden != null && hidden[i];
                if (!isHidden || noise != null && !corrupt(parts, noise, ids, at)) {
                    int e = EventParts.STRIDE * i;
                    parts.embeddingIds(w[e], w[e + 1], w[e + 2], slot[0][i], ids, at);
                } else if (noise == null) {
                    java.util.Arrays.fill(ids, at, at + width, MASK);
                }
                if (!isHidden) {
                    visibleBuckets[r * length + i + 1] = w[EventParts.STRIDE * i + 1];
                }
                if (isHidden || isSet(predict, r, i)) {
                    // a causal model predicts event i from the hidden state of the position before it
                    positions[t] = (long) r * length + (causal ? i : i + 1);
                    actions[t] = w[EventParts.STRIDE * i];
                    buckets[t] = w[EventParts.STRIDE * i + 1];
                    gaps[t] = w[EventParts.STRIDE * i + 2];
                    slots[t] = slot[1][i];
                    t++;
                }
            }
            java.util.Arrays.fill(ids, base + width * (n + 1), base + width * length, PAD);
            int a = r * length * length;
            for (int q = 0; q < length; q++) {
                int visible = causal ? Math.min(q, n) : n;
                for (int k = 0; k <= visible; k++) {
                    attention[a + q * length + k] = 1f;
                }
            }
        }
        return new WindowBatch(rows, length, ids, attention, positions, actions, buckets, gaps, slots, visibleBuckets,
                parts.buckets());
    }

    /**
     * Window-relative category slots ({@link EventParts#SLOTS}): {@code [0][i]} the input slot of event i (order of
     * first appearance of its bucket among the visible events), {@code [1][i]} its target (its bucket's slot among the
     * events the prediction may see, or {@link EventParts#NEW_SLOT}). A causal model may see the events before i; a
     * masked one every event not hidden.
     */
    static int[][] slots(int[] window, boolean[] hidden, boolean causal) {
        int n = window.length / EventParts.STRIDE;
        int[] input = new int[n];
        int[] target = new int[n];
        java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            int bucket = window[EventParts.STRIDE * i + 1];
            if (causal) {
                target[i] = seen.getOrDefault(bucket, EventParts.NEW_SLOT);
            }
            if (hidden == null || !hidden[i]) {
                seen.putIfAbsent(bucket, Math.min(seen.size(), EventParts.SLOTS - 1));
                input[i] = seen.get(bucket);
            }
        }
        if (!causal) {
            for (int i = 0; i < n; i++) {
                target[i] = seen.getOrDefault(window[EventParts.STRIDE * i + 1], EventParts.NEW_SLOT);
            }
        }
        return new int[][] {input, target};
    }

    /**
     * BERT's corruption of one hidden event at {@code at}: [MASK] (80%) or random parts (10%), returning true; or
     * false (10%) to keep the event as it is.
     */
    private static boolean corrupt(EventParts parts, Random noise, int[] ids, int at) {
        double u = noise.nextDouble();
        if (u < 0.8) {
            java.util.Arrays.fill(ids, at, at + EventParts.INPUT_PARTS, MASK);
            return true;
        }
        if (u < 0.9) {
            parts.embeddingIds(noise.nextInt(EventParts.ACTIONS), noise.nextInt(parts.buckets()),
                    noise.nextInt(EventParts.GAPS), noise.nextInt(EventParts.SLOTS + 1), ids, at);
            return true;
        }
        return false;
    }

    private static boolean isSet(List<boolean[]> flags, int r, int i) {
        return flags != null && flags.get(r) != null && flags.get(r)[i];
    }

    NDList inputs(NDManager m) {
        return new NDList(m.create(ids, new Shape(rows, length, EventParts.INPUT_PARTS)),
                m.create(attention, new Shape(rows, length, length)));
    }

    /**
     * Additive attention bias {@code (B, L, L)} of the copy distribution: 0 where the query position's attention may
     * see the key position and a visible event sits there, a large negative number elsewhere.
     */
    NDArray copyBias(NDManager m) {
        float[] bias = new float[rows * length * length];
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < length; q++) {
                int at = (r * length + q) * length;
                for (int k = 0; k < length; k++) {
                    boolean open = attention[at + k] > 0 && visibleBuckets[r * length + k] >= 0;
                    bias[at + k] = open ? 0f : -1e4f;
                }
            }
        }
        return m.create(bias, new Shape(rows, length, length));
    }

    /** One-hot buckets of the visible events {@code (B, L, buckets)}; zero rows elsewhere. */
    NDArray copyBuckets(NDManager m) {
        float[] onehot = new float[rows * length * bucketCount];
        for (int p = 0; p < rows * length; p++) {
            if (visibleBuckets[p] >= 0) {
                onehot[p * bucketCount + visibleBuckets[p]] = 1f;
            }
        }
        return m.create(onehot, new Shape(rows, length, bucketCount));
    }

    /** Flat positions {@code row * length + position} of the targets. */
    NDArray targetPositions(NDManager m) {
        return m.create(positions);
    }

    /** Hidden states {@code (B, L, width)}, as returned by the network, at the target positions: {@code (N, width)}. */
    NDArray atTargets(NDArray hidden, NDManager m) {
        long width = hidden.getShape().get(2);
        return hidden.reshape(-1, width).get(m.create(positions));
    }

    /** Log-likelihood of each target's true parts, {@code (N)}. */
    NDArray logLikelihood(BehaviourNetwork net, ParameterStore ps, NDArray hidden, NDManager m, boolean training) {
        NDList lp = net.eventLogProbabilities(ps, hidden, this, m, training);
        return lp.get(0).gather(m.create(actions).reshape(-1, 1), 1)
                .add(lp.get(1).gather(m.create(buckets).reshape(-1, 1), 1))
                .add(lp.get(2).gather(m.create(gaps).reshape(-1, 1), 1))
                .add(lp.get(3).gather(m.create(slots).reshape(-1, 1), 1))
                .reshape(-1);
    }

    /** The [CLS] hidden state of each row, {@code (B, width)}. */
    NDArray cls(NDArray hidden, NDManager m) {
        long width = hidden.getShape().get(2);
        long[] at = new long[rows];
        for (int r = 0; r < rows; r++) {
            at[r] = (long) r * length;
        }
        return hidden.reshape(-1, width).get(m.create(at));
    }
}

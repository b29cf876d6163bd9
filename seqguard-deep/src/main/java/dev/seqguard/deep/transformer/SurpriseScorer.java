package dev.seqguard.deep.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.seqguard.core.model.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The surprise of every event given its context: {@code -log p(token | context)} in nats, the token's probability
 * being the product of its three parts' (behaviour, category bucket, gap bucket). The window-relative category slot is
 * an input and a training target only: scoring it made a takeover burst look normal (its new categories repeat within
 * the burst, so their slots are predictable; measured on the Taobao sample: takeover event ROC-AUC 0.66 with the slot
 * term, 0.31 for the slot term alone).
 *
 * <p>A masked model scores each event twice. Hiding each window's events in {@code scoreGroups} interleaved groups
 * (event i in group i mod k) asks how well its neighbours explain it: a stray click among a user's own categories
 * stands out. Hiding whole sessions in {@code sessionGroups} interleaved groups asks how well the user's other sessions
 * explain a session: a takeover burst, whose events explain each other, stands out only then (after SpanBERT's span
 * masking, Joshi et al., TACL 2020). The event score combines both ({@link #eventScores}). All passes are batched; a
 * causal model scores a window in one pass. Also the rank of the true event among all the model's predictions (0 = the
 * most likely one, events hidden one group at a time), for LogBERT's "outside the top g" share.
 */
final class SurpriseScorer {
    /** At most this many window passes per forward call. */
    static final int MAX_ROWS = 256;

    private final BehaviourNetwork net;
    private final EventParts parts;
    private final EncoderSettings settings;
    private final NDManager manager;

    SurpriseScorer(BehaviourNetwork net, EventParts parts, EncoderSettings settings, NDManager manager) {
        this.net = net;
        this.parts = parts;
        this.settings = settings;
        this.manager = manager;
    }

    /** How a pass hides events: in interleaved groups of single events, or whole sessions. */
    enum Hiding {
        EVENTS, SESSIONS
    }

    /** Per event, per {@link Hiding}, the surprise of each predicted part: behaviour, bucket, gap, slot. */
    static final int PARTS = 4;

    /**
     * What the model thinks of each event of one sequence.
     *
     * @param surprise      per event, nats
     * @param rank          per event, how many events the model found more likely than the true one
     * @param distributions per event, when asked for: log-probabilities of behaviour, bucket and gap, concatenated
     * @param components    per event, the part surprises {@code [hiding * PARTS + part]}
     */
    record Predictions(double[] surprise, int[] rank, float[][] distributions, double[][] components) {
    }

    /** One window pass: the window's parts, the events it hides, those of them it scores, and how it hid them. */
    private record Pass(int row, int from, int[] windowParts, boolean[] hidden, boolean[] scored, Hiding hiding) {
    }

    /** Scores {@code sequences}, forwarding the passes of {@code batchSequences} sequences at a time. */
    List<Predictions> score(List<Sequence> sequences, int batchSequences, boolean keepDistributions) {
        List<Predictions> out = new ArrayList<>(sequences.size());
        for (int from = 0; from < sequences.size(); from += batchSequences) {
            out.addAll(scoreChunk(sequences.subList(from, Math.min(sequences.size(), from + batchSequences)),
                    keepDistributions));
        }
        return out;
    }

    private List<Predictions> scoreChunk(List<Sequence> chunk, boolean keep) {
        int[][] rank = new int[chunk.size()][];
        float[][][] dist = new float[chunk.size()][][];
        double[][][] components = new double[chunk.size()][][];
        boolean[][] sessionScored = new boolean[chunk.size()][];
        int[][] sequenceParts = new int[chunk.size()][];
        Map<Integer, List<Pass>> byLength = new TreeMap<>();
        int maxLength = net.architecture().maxLength();
        boolean causal = settings.objective() == Objective.NEXT_EVENT;
        for (int r = 0; r < chunk.size(); r++) {
            int[] p = parts.parts(chunk.get(r));
            sequenceParts[r] = p;
            int n = p.length / EventParts.STRIDE;
            rank[r] = new int[n];
            dist[r] = keep ? new float[n][] : null;
            components[r] = new double[n][2 * PARTS];
            sessionScored[r] = new boolean[n];
            List<Windows.Span> spans = Windows.of(r, n, settings.window(), settings.overlap());
            boolean[][] owned = Windows.owned(spans, n);
            for (int w = 0; w < spans.size(); w++) {
                Windows.Span s = spans.get(w);
                int[] wp = Arrays.copyOfRange(p, EventParts.STRIDE * s.from(), EventParts.STRIDE * s.to());
                List<Pass> bucket = byLength.computeIfAbsent(WindowBatch.paddedLength(s.length(), maxLength),
                        k -> new ArrayList<>());
                if (causal) {
                    bucket.add(new Pass(r, s.from(), wp, owned[w], owned[w], Hiding.EVENTS));
                    continue;
                }
                int groups = Math.min(settings.scoreGroups(), s.length());
                for (int g = 0; g < groups; g++) {
                    boolean[] hide = new boolean[s.length()];
                    for (int i = g; i < s.length(); i += groups) {
                        hide[i] = owned[w][i];
                    }
                    addIfScoring(bucket, new Pass(r, s.from(), wp, hide, hide, Hiding.EVENTS));
                }
                // whole sessions hidden, so a session's events cannot explain each other; a session cut by the window
                // edge is hidden in full, its events owned by another window are hidden but not scored here
                int[] sessions = EventParts.sessions(wp);
                int sessionCount = sessions[s.length() - 1] + 1;
                // a window of one session has no other session to judge it by: hiding it all would score the prior
                int sessionGroups = sessionCount < 2 ? 0 : Math.min(settings.sessionGroups(), sessionCount);
                for (int g = 0; g < sessionGroups; g++) {
                    boolean[] hide = EventParts.sessionGroup(sessions, sessionGroups, g);
                    boolean[] scored = new boolean[s.length()];
                    for (int i = 0; i < s.length(); i++) {
                        scored[i] = hide[i] && owned[w][i];
                    }
                    addIfScoring(bucket, new Pass(r, s.from(), wp, hide, scored, Hiding.SESSIONS));
                }
            }
        }
        for (List<Pass> passes : byLength.values()) {
            for (int from = 0; from < passes.size(); from += MAX_ROWS) {
                forward(passes.subList(from, Math.min(passes.size(), from + MAX_ROWS)), rank, dist, components,
                        sessionScored);
            }
        }
        List<Predictions> out = new ArrayList<>(chunk.size());
        for (int r = 0; r < chunk.size(); r++) {
            out.add(new Predictions(eventScores(sequenceParts[r], components[r], sessionScored[r]), rank[r], dist[r],
                    components[r]));
        }
        return out;
    }

    /**
     * An event's score: the larger of its own surprise (events hidden in interleaved groups) and its session's mean
     * surprise with the whole session hidden, where the session was judged against other sessions. The first finds an
     * odd event among normal neighbours (a stray click); the second a session the user's other sessions do not explain,
     * even when its events explain each other (a takeover burst). Both are nats per event, so they compare.
     */
    static double[] eventScores(int[] sequenceParts, double[][] components, boolean[] sessionScored) {
        int n = components.length;
        int[] sessions = EventParts.sessions(sequenceParts);
        double[] out = new double[n];
        int from = 0;
        while (from < n) {
            int to = from;
            double sum = 0;
            int scored = 0;
            while (to < n && sessions[to] == sessions[from]) {
                if (sessionScored[to]) {
                    sum += components[to][PARTS] + components[to][PARTS + 1] + components[to][PARTS + 2];
                    scored++;
                }
                to++;
            }
            for (int e = from; e < to; e++) {
                double own = components[e][0] + components[e][1] + components[e][2];
                out[e] = scored == 0 ? own : Math.max(own, sum / scored);
            }
            from = to;
        }
        return out;
    }

    private static void addIfScoring(List<Pass> bucket, Pass pass) {
        for (boolean b : pass.scored()) {
            if (b) {
                bucket.add(pass);
                return;
            }
        }
    }

    private void forward(List<Pass> passes, int[][] rank, float[][][] dist, double[][][] components,
                         boolean[][] sessionScored) {
        List<int[]> windows = new ArrayList<>(passes.size());
        List<boolean[]> hidden = new ArrayList<>(passes.size());
        for (Pass p : passes) {
            windows.add(p.windowParts());
            hidden.add(p.hidden());
        }
        boolean causal = settings.objective() == Objective.NEXT_EVENT;
        WindowBatch batch = causal
                ? WindowBatch.of(parts, windows, null, hidden, true, net.architecture().maxLength(), null)
                : WindowBatch.of(parts, windows, hidden, null, false, net.architecture().maxLength(), null);
        float[] actions;
        float[] buckets;
        float[] gaps;
        float[] slots;
        try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray hiddenStates = net.forward(ps, batch.inputs(m), false).head();
            NDList lp = net.eventLogProbabilities(ps, hiddenStates, batch, m, false);
            actions = lp.get(0).toFloatArray();
            buckets = lp.get(1).toFloatArray();
            gaps = lp.get(2).toFloatArray();
            slots = lp.get(3).toFloatArray();
        }
        int nb = parts.buckets();
        int na = EventParts.ACTIONS;
        int ng = EventParts.GAPS;
        int ns = EventParts.SLOTS + 1;
        int t = 0;
        float[] sortedBuckets = new float[nb];
        for (Pass p : passes) {
            for (int i = 0; i < p.hidden().length; i++) {
                if (!p.hidden()[i]) {
                    continue;
                }
                if (!p.scored()[i]) {
                    t++;
                    continue;
                }
                int a = p.windowParts()[EventParts.STRIDE * i];
                int c = p.windowParts()[EventParts.STRIDE * i + 1];
                int g = p.windowParts()[EventParts.STRIDE * i + 2];
                int e = p.from() + i;
                double[] comp = components[p.row()][e];
                int o = p.hiding().ordinal() * PARTS;
                comp[o] = -actions[t * na + a];
                comp[o + 1] = -buckets[t * nb + c];
                comp[o + 2] = -gaps[t * ng + g];
                comp[o + 3] = -slots[t * ns + (int) batch.slots[t]];
                sessionScored[p.row()][e] |= p.hiding() == Hiding.SESSIONS;
                if (p.hiding() == Hiding.EVENTS) {
                    double logP = (double) actions[t * na + a] + buckets[t * nb + c] + gaps[t * ng + g];
                    System.arraycopy(buckets, t * nb, sortedBuckets, 0, nb);
                    Arrays.sort(sortedBuckets);
                    rank[p.row()][e] = rank(actions, t * na, gaps, t * ng, sortedBuckets, logP);
                    if (dist[p.row()] != null) {
                        float[] d = new float[na + nb + ng];
                        System.arraycopy(actions, t * na, d, 0, na);
                        System.arraycopy(buckets, t * nb, d, na, nb);
                        System.arraycopy(gaps, t * ng, d, na + nb, ng);
                        dist[p.row()][e] = d;
                    }
                }
                t++;
            }
        }
    }

    /** Events (behaviour, bucket, gap) strictly more likely than {@code logP}; buckets sorted ascending. */
    private static int rank(float[] actions, int a0, float[] gaps, int g0, float[] sortedBuckets, double logP) {
        int count = 0;
        for (int a = 0; a < EventParts.ACTIONS; a++) {
            for (int g = 0; g < EventParts.GAPS; g++) {
                double need = logP - actions[a0 + a] - gaps[g0 + g];
                // buckets with log-probability > need: those after the last one <= need
                int lo = 0;
                int hi = sortedBuckets.length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (sortedBuckets[mid] <= need) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                count += sortedBuckets.length - lo;
            }
        }
        return count;
    }

    /** An event the model expected, with its probability. */
    record Alternative(String token, double probability) {
    }

    /** The {@code m} most likely events under a distribution from {@link Predictions#distributions()}. */
    List<Alternative> alternatives(float[] distribution, int m) {
        int na = EventParts.ACTIONS;
        int nb = parts.buckets();
        Integer[] order = new Integer[nb];
        for (int c = 0; c < nb; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -distribution[na + c]).thenComparing(c -> c));
        record Candidate(int a, int c, int g, double logP) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int a = 0; a < na; a++) {
            for (int g = 0; g < EventParts.GAPS; g++) {
                for (int k = 0; k < Math.min(m, nb); k++) {
                    int c = order[k];
                    candidates.add(new Candidate(a, c, g,
                            (double) distribution[a] + distribution[na + c] + distribution[na + nb + g]));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate x) -> -x.logP()));
        List<Alternative> out = new ArrayList<>(m);
        for (int i = 0; i < Math.min(m, candidates.size()); i++) {
            Candidate x = candidates.get(i);
            out.add(new Alternative(parts.describe(x.a(), x.c(), x.g()), Math.exp(x.logP())));
        }
        return out;
    }
}

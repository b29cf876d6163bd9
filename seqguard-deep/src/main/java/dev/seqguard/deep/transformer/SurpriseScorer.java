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
 * A masked model hides each window's events in {@code scoreGroups} interleaved groups (event i in group i mod k), one
 * pass per group, all passes batched; a causal model scores a window in one pass. Also the rank of the true event among
 * all the model's predictions (0 = the most likely one), for LogBERT's "outside the top g" share.
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

    /**
     * What the model thinks of each event of one sequence.
     *
     * @param surprise      per event, nats
     * @param rank          per event, how many events the model found more likely than the true one
     * @param distributions per event, when asked for: log-probabilities of behaviour, bucket and gap, concatenated
     */
    record Predictions(double[] surprise, int[] rank, float[][] distributions) {
    }

    /** One window pass: the window's parts and the events it predicts. */
    private record Pass(int row, int from, int[] windowParts, boolean[] targets) {
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
        double[][] surprise = new double[chunk.size()][];
        int[][] rank = new int[chunk.size()][];
        float[][][] dist = new float[chunk.size()][][];
        Map<Integer, List<Pass>> byLength = new TreeMap<>();
        int maxLength = net.architecture().maxLength();
        for (int r = 0; r < chunk.size(); r++) {
            int[] p = parts.parts(chunk.get(r));
            int n = p.length / 3;
            surprise[r] = new double[n];
            rank[r] = new int[n];
            dist[r] = keep ? new float[n][] : null;
            List<Windows.Span> spans = Windows.of(r, n, settings.window(), settings.overlap());
            boolean[][] owned = Windows.owned(spans, n);
            for (int w = 0; w < spans.size(); w++) {
                Windows.Span s = spans.get(w);
                int[] wp = Arrays.copyOfRange(p, 3 * s.from(), 3 * s.to());
                List<Pass> bucket = byLength.computeIfAbsent(WindowBatch.paddedLength(s.length(), maxLength),
                        k -> new ArrayList<>());
                if (settings.objective() == Objective.NEXT_EVENT) {
                    bucket.add(new Pass(r, s.from(), wp, owned[w]));
                    continue;
                }
                int groups = Math.min(settings.scoreGroups(), s.length());
                for (int g = 0; g < groups; g++) {
                    boolean[] hide = new boolean[s.length()];
                    boolean any = false;
                    for (int i = g; i < s.length(); i += groups) {
                        hide[i] = owned[w][i];
                        any |= hide[i];
                    }
                    if (any) {
                        bucket.add(new Pass(r, s.from(), wp, hide));
                    }
                }
            }
        }
        for (List<Pass> passes : byLength.values()) {
            for (int from = 0; from < passes.size(); from += MAX_ROWS) {
                forward(passes.subList(from, Math.min(passes.size(), from + MAX_ROWS)), surprise, rank, dist);
            }
        }
        List<Predictions> out = new ArrayList<>(chunk.size());
        for (int r = 0; r < chunk.size(); r++) {
            out.add(new Predictions(surprise[r], rank[r], dist[r]));
        }
        return out;
    }

    private void forward(List<Pass> passes, double[][] surprise, int[][] rank, float[][][] dist) {
        List<int[]> windows = new ArrayList<>(passes.size());
        List<boolean[]> targets = new ArrayList<>(passes.size());
        for (Pass p : passes) {
            windows.add(p.windowParts());
            targets.add(p.targets());
        }
        boolean causal = settings.objective() == Objective.NEXT_EVENT;
        WindowBatch batch = causal
                ? WindowBatch.of(parts, windows, null, targets, true, net.architecture().maxLength(), null)
                : WindowBatch.of(parts, windows, targets, null, false, net.architecture().maxLength(), null);
        float[] actions;
        float[] buckets;
        float[] gaps;
        try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray hidden = net.forward(ps, batch.inputs(m), false).head();
            NDList lp = net.eventLogProbabilities(ps, batch.atTargets(hidden, m), false);
            actions = lp.get(0).toFloatArray();
            buckets = lp.get(1).toFloatArray();
            gaps = lp.get(2).toFloatArray();
        }
        int nb = parts.buckets();
        int na = EventParts.ACTIONS;
        int ng = EventParts.GAPS;
        int t = 0;
        float[] sortedBuckets = new float[nb];
        for (Pass p : passes) {
            for (int i = 0; i < p.targets().length; i++) {
                if (!p.targets()[i]) {
                    continue;
                }
                int a = p.windowParts()[3 * i];
                int c = p.windowParts()[3 * i + 1];
                int g = p.windowParts()[3 * i + 2];
                double logP = (double) actions[t * na + a] + buckets[t * nb + c] + gaps[t * ng + g];
                int e = p.from() + i;
                surprise[p.row()][e] = -logP;
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

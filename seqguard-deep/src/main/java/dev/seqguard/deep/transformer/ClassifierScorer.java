package dev.seqguard.deep.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.seqguard.core.model.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fine-tuned classifier's probability that a sequence is anomalous: the sigmoid of the largest {@code [CLS]} logit
 * over the sequence's windows, as in training.
 */
final class ClassifierScorer {
    private final NetworkCache.Live live;
    private final EncoderSettings settings;

    ClassifierScorer(NetworkCache.Live live, EncoderSettings settings) {
        this.live = live;
        this.settings = settings;
    }

    private record Window(int row, int[] parts) {
    }

    double[] probabilities(List<Sequence> sequences, int batchSequences) {
        double[] out = new double[sequences.size()];
        int maxLength = live.net().architecture().maxLength();
        for (int from = 0; from < sequences.size(); from += batchSequences) {
            int to = Math.min(sequences.size(), from + batchSequences);
            Map<Integer, List<Window>> byLength = new TreeMap<>();
            for (int r = from; r < to; r++) {
                for (int[] w : LanguageModel.windows(live.parts(), sequences.get(r), settings)) {
                    byLength.computeIfAbsent(WindowBatch.paddedLength(w.length / EventParts.STRIDE, maxLength),
                            k -> new ArrayList<>()).add(new Window(r, w));
                }
            }
            double[] best = new double[sequences.size()];
            Arrays.fill(best, from, to, Double.NEGATIVE_INFINITY);
            for (List<Window> windows : byLength.values()) {
                for (int b = 0; b < windows.size(); b += SurpriseScorer.MAX_ROWS) {
                    List<Window> chunk = windows.subList(b, Math.min(windows.size(), b + SurpriseScorer.MAX_ROWS));
                    float[] logits = logits(chunk.stream().map(Window::parts).toList());
                    for (int i = 0; i < chunk.size(); i++) {
                        int r = chunk.get(i).row();
                        best[r] = Math.max(best[r], logits[i]);
                    }
                }
            }
            for (int r = from; r < to; r++) {
                out[r] = 1 / (1 + Math.exp(-best[r]));
            }
        }
        return out;
    }

    private float[] logits(List<int[]> windows) {
        WindowBatch batch = WindowBatch.of(live.parts(), windows, null, null, false,
                live.net().architecture().maxLength(), null);
        try (NDManager m = live.manager().newSubManager(); NDScope scope = new NDScope()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray hidden = live.net().forward(ps, batch.inputs(m), false).head();
            return live.net().classifierLogits(ps, batch.cls(hidden, m), false).toFloatArray();
        }
    }
}

package dev.seqguard.eval.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled scores ordered from most to least anomalous, grouped into blocks of equal score. Every ranking metric,
 * curve and labelled threshold sweep walks these blocks, so tied scores are always treated the same way: a block
 * is flagged or not as a whole, because no threshold can split it.
 */
public final class RankedScores {
    private final int[] order;
    private final int[] labels;
    private final List<Block> blocks;
    private final int positives;

    /**
     * One block of equal scores, with the cumulative counts of everything ranked at or above it.
     *
     * @param score the block's score
     * @param size  rows in this block
     * @param tp    anomalous rows with a score at or above {@code score}
     * @param fp    normal rows with a score at or above {@code score}
     */
    public record Block(double score, int size, int tp, int fp) {
        public int flagged() {
            return tp + fp;
        }
    }

    private RankedScores(int[] labels, double[] scores) {
        this.labels = labels;
        this.order = descendingOrder(scores);
        this.positives = MetricInputs.positives(labels);
        List<Block> out = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < order.length) {
            double s = scores[order[i]];
            int j = i;
            while (j < order.length && scores[order[j]] == s) {
                if (labels[order[j]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            out.add(new Block(s, j - i, tp, fp));
            i = j;
        }
        this.blocks = List.copyOf(out);
    }

    /** Checks the inputs (labels 0/1, finite scores, equal lengths) and ranks them. */
    public static RankedScores of(int[] labels, double[] scores) {
        MetricInputs.requireLabelledScores(labels, scores);
        return new RankedScores(labels, scores);
    }

    /**
     * Row indices from highest to lowest score; equal scores keep their input order (a stable sort, as the
     * independent checker's Python {@code sorted} does), which decides who is "in the top k" inside a tie.
     */
    public static int[] descendingOrder(double[] scores) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        // "+ 0.0" folds -0.0 into 0.0 so that equal scores compare equal, as == does in the block walk.
        Arrays.sort(idx, (a, b) -> Double.compare(scores[b] + 0.0, scores[a] + 0.0));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    public List<Block> blocks() {
        return blocks;
    }

    public int size() {
        return labels.length;
    }

    public int positives() {
        return positives;
    }

    public int negatives() {
        return labels.length - positives;
    }

    /** Anomalous rows among the first {@code k} of the ranking (ties broken by input order). */
    public int positivesInTop(int k) {
        if (k < 1 || k > labels.length) {
            throw new IllegalArgumentException("k must be in 1.." + labels.length + ", got " + k);
        }
        int hits = 0;
        for (int r = 0; r < k; r++) {
            hits += labels[order[r]];
        }
        return hits;
    }

    /** Whether row {@code row} is among the first {@code k} of the ranking. */
    public boolean[] topKMask(int k) {
        boolean[] in = new boolean[labels.length];
        for (int r = 0; r < Math.min(k, labels.length); r++) {
            in[order[r]] = true;
        }
        return in;
    }
}

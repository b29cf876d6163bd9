package dev.seqguard.eval.select;

import java.util.List;

/**
 * The outcome of {@link Selector#select}.
 *
 * @param mode        how the detectors were compared
 * @param leaderboard every candidate, best first
 * @param selected    the winner (also {@code leaderboard.get(0)})
 * @param threshold   score at or above which a row is flagged
 * @param thresholdRule how the threshold was chosen, in words
 * @param confidence  how sure the selection is
 * @param syntheticLabels label-free mode: the labels of each self-injected validation set (aligned with
 *                        {@link CandidateResult#variantScores()}); empty with labels
 * @param labelFree   label-free mode: how the pick, the confidence and the threshold came about; {@code null} with
 *                    labels
 */
public record SelectionResult(Mode mode, List<CandidateResult> leaderboard, CandidateResult selected, double threshold,
                              String thresholdRule, Confidence confidence, List<int[]> syntheticLabels,
                              LabelFreeChoice labelFree) {
    public enum Mode {
        /** cross-validated on the user's labels */
        LABELLED,
        /** validated on anomalies injected into the user's own data */
        LABEL_FREE
    }

    public SelectionResult {
        leaderboard = List.copyOf(leaderboard);
        syntheticLabels = List.copyOf(syntheticLabels);
    }

    /** Without label-free details. */
    public SelectionResult(Mode mode, List<CandidateResult> leaderboard, CandidateResult selected, double threshold,
                           String thresholdRule, Confidence confidence, List<int[]> syntheticLabels) {
        this(mode, leaderboard, selected, threshold, thresholdRule, confidence, syntheticLabels, null);
    }

    /** Label-free mode: the anomaly kinds of {@link CandidateResult#heldOutPrAuc()}'s columns; empty otherwise. */
    public List<String> kinds() {
        return labelFree == null ? List.of() : labelFree.kinds();
    }

    public boolean[] flags() {
        double[] s = selected.scores();
        boolean[] out = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] >= threshold;
        }
        return out;
    }
}

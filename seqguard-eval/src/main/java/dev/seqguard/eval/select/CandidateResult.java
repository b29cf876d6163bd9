package dev.seqguard.eval.select;

import dev.seqguard.detect.api.Family;
import dev.seqguard.detect.api.FittedDetector;
import dev.seqguard.eval.metrics.Evaluation;
import java.util.List;

/**
 * One detector's row of the leaderboard.
 *
 * @param detector        registry name (or {@code ensemble(a+b+c)})
 * @param family          detector family
 * @param scores          the score written for every row: out-of-fold for labelled rows, from the model fitted
 *                        on all data for the others; {@code null} when the detector failed
 * @param evaluation      metrics on the labelled rows (out-of-fold), or on the synthetic variants in label-free
 *                        mode; {@code null} when there is nothing to evaluate on
 * @param syntheticPrAuc  label-free mode: mean PR-AUC over self-injected variants; NaN otherwise
 * @param variantPrAuc    label-free mode: PR-AUC on each variant (empty otherwise)
 * @param variantScores   label-free mode: the scores on each variant, for the ensemble (empty otherwise)
 * @param agreement       Spearman correlation with the consensus of the other detectors; NaN if not computed
 * @param fitMillis       wall time of fitting on all data
 * @param scoreMillis     wall time of scoring all rows
 * @param allocatedMb     heap allocated by that fit and score (a proxy for memory pressure)
 * @param model           the model fitted on all data, used for new data; {@code null} on failure
 * @param error           why the detector could not run on this data, or {@code null}
 * @param heldOutPrAuc    label-free mode: PR-AUC per [validation set][anomaly kind] (kinds as in
 *                        {@link SelectionResult#kinds()}), NaN where not graded — a {@code +synthetic} classifier is
 *                        graded only on kinds it was not trained on; empty otherwise
 */
public record CandidateResult(String detector, Family family, double[] scores, Evaluation evaluation,
                              double syntheticPrAuc, double[] variantPrAuc,
                              List<double[]> variantScores, double agreement, long fitMillis, long scoreMillis,
                              double allocatedMb, FittedDetector model, String error, double[][] heldOutPrAuc) {

    public CandidateResult {
        heldOutPrAuc = heldOutPrAuc == null ? new double[0][] : heldOutPrAuc;
    }

    /** Without held-out cells (labelled mode). */
    public CandidateResult(String detector, Family family, double[] scores, Evaluation evaluation,
                           double syntheticPrAuc, double[] variantPrAuc, List<double[]> variantScores, double agreement,
                           long fitMillis, long scoreMillis, double allocatedMb, FittedDetector model, String error) {
        this(detector, family, scores, evaluation, syntheticPrAuc, variantPrAuc, variantScores, agreement, fitMillis,
                scoreMillis, allocatedMb, model, error, new double[0][]);
    }

    static CandidateResult failure(String detector, Family family, String error) {
        return new CandidateResult(detector, family, null, null, Double.NaN, new double[0], List.of(), Double.NaN, 0, 0, 0,
                null, error);
    }

    /** Label-free: PR-AUC per anomaly kind, each the mean over the validation sets that graded it (NaN: none did). */
    public double[] heldOutPrAucByKind() {
        return HeldOutCells.perKind(heldOutPrAuc);
    }

    public boolean failed() {
        return error != null;
    }

    /** Rows scored per second over fit + score. */
    public double rowsPerSecond(int rows) {
        long ms = Math.max(1, fitMillis + scoreMillis);
        return rows * 1000.0 / ms;
    }

    /** The figure selection ranks by: labelled PR-AUC when there are labels, synthetic PR-AUC otherwise. */
    public double selectionScore() {
        if (failed()) {
            return Double.NEGATIVE_INFINITY;
        }
        double v = !Double.isNaN(syntheticPrAuc) ? syntheticPrAuc : evaluation == null ? Double.NaN : evaluation.prAuc();
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    CandidateResult withAgreement(double a) {
        return new CandidateResult(detector, family, scores, evaluation, syntheticPrAuc, variantPrAuc, variantScores, a, fitMillis, scoreMillis,
                allocatedMb, model, error, heldOutPrAuc);
    }
}

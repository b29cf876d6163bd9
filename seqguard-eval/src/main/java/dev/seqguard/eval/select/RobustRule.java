package dev.seqguard.eval.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The label-free decision: default iForest stays the pick unless a challenger beats it <em>with a margin on the
 * held-out kinds</em>, not on average. Inputs are each candidate's {@link HeldOutCells} (PR-AUC per validation set
 * and anomaly kind).
 *
 * <p>For a challenger, the gain over the baseline is the kind-balanced mean of the per-cell PR-AUC differences. Its
 * uncertainty comes from a bootstrap that resamples the kinds (an attack the user faces may be any kind, or none we
 * inject) and, inside each kind, the validation sets. The challenger replaces the baseline only when the
 * {@value #LOWER_QUANTILE} quantile of the bootstrapped gain exceeds {@value #MARGIN} <em>and</em> it loses on no kind by
 * more than {@value #WORST_KIND_LOSS}; among such challengers the one with the highest lower bound wins.
 *
 * <p>Confidence is measured, not set: each kind in turn is hidden from the decision, the rule picks on the other
 * kinds, and the pick is graded on the hidden kind. Confidence is the share of those held-out cells where the pick
 * made without seeing the kind was not worse than the baseline (by more than {@value #TIE}) and within
 * {@value #REGRET_TOLERANCE} PR-AUC of the best candidate there: how often this way of choosing held up on an attack
 * it had not seen (the leave-one-kind-out estimate of the chance that the pick does not lose, cf. the meta-evaluation
 * of internal model-selection strategies in Ma, Zhao and Akoglu 2023).
 */
final class RobustRule {
    static final double MARGIN = 0.01;
    static final double LOWER_QUANTILE = 0.1;
    static final double WORST_KIND_LOSS = 0.05;
    static final double TIE = 0.01;
    static final double REGRET_TOLERANCE = 0.05;
    static final int BOOTSTRAP = 400;

    private RobustRule() {
    }

    /** A challenger against the baseline: kind-balanced mean gain, its bootstrap range, and its worst kind. */
    record Gain(double mean, double low, double high, double worstKind) {
        boolean beatsBaseline() {
            return low > MARGIN && worstKind > -WORST_KIND_LOSS;
        }
    }

    /**
     * @param pick       index of the chosen candidate
     * @param gains      per candidate, its gain over the baseline (the baseline's own is all zeros); null where
     *                   no cell was graded for both
     * @param confidence leave-one-kind-out share of held-out cells where the rule's pick did not lose (see above)
     * @param heldOutCells how many held-out cells that share is over
     */
    record Decision(int pick, int baseline, Gain[] gains, double confidence, int heldOutCells) {
    }

    /**
     * @param cells    per candidate, [variant][kind] PR-AUC (NaN = not graded); failed candidates have null
     * @param baseline index of default iForest (or of the best candidate when iForest did not run)
     */
    static Decision decide(List<double[][]> cells, int baseline, long seed) {
        int pick = choose(cells, baseline, seed, -1);
        Gain[] gains = new Gain[cells.size()];
        for (int c = 0; c < cells.size(); c++) {
            gains[c] = gain(cells.get(c), cells.get(baseline), seed, -1);
        }
        int kinds = cells.get(baseline)[0].length;
        int ok = 0;
        int graded = 0;
        double[] weightedOk = new double[kinds];
        int gradedKinds = 0;
        double share = 0;
        for (int k = 0; k < kinds; k++) {
            int p = choose(cells, baseline, seed, k);
            int kindCells = 0;
            int kindOk = 0;
            for (int v = 0; v < cells.get(baseline).length; v++) {
                double mine = cells.get(p)[v][k];
                double base = cells.get(baseline)[v][k];
                if (Double.isNaN(mine) || Double.isNaN(base)) {
                    continue;
                }
                double best = Double.NEGATIVE_INFINITY;
                for (double[][] other : cells) {
                    if (other != null && !Double.isNaN(other[v][k])) {
                        best = Math.max(best, other[v][k]);
                    }
                }
                kindCells++;
                if (mine >= base - TIE && mine >= best - REGRET_TOLERANCE) {
                    kindOk++;
                }
            }
            if (kindCells > 0) {
                gradedKinds++;
                weightedOk[k] = (double) kindOk / kindCells;
                share += weightedOk[k];
                ok += kindOk;
                graded += kindCells;
            }
        }
        double confidence = gradedKinds == 0 ? 0 : share / gradedKinds;
        return new Decision(pick, baseline, gains, confidence, graded);
    }

    /** The rule's pick, ignoring kind {@code hidden} (or none when -1). */
    static int choose(List<double[][]> cells, int baseline, long seed, int hidden) {
        int pick = baseline;
        double bestLow = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < cells.size(); c++) {
            if (c == baseline || cells.get(c) == null) {
                continue;
            }
            Gain g = gain(cells.get(c), cells.get(baseline), seed, hidden);
            if (g != null && g.beatsBaseline() && g.low > bestLow) {
                bestLow = g.low;
                pick = c;
            }
        }
        return pick;
    }

    /** Gain of {@code mine} over {@code base}, kind {@code hidden} left out; null when nothing compares. */
    static Gain gain(double[][] mine, double[][] base, long seed, int hidden) {
        if (mine == null) {
            return null;
        }
        int kinds = base[0].length;
        List<double[]> perKind = new ArrayList<>();
        for (int k = 0; k < kinds; k++) {
            if (k == hidden) {
                continue;
            }
            List<Double> d = new ArrayList<>();
            for (int v = 0; v < base.length; v++) {
                if (!Double.isNaN(mine[v][k]) && !Double.isNaN(base[v][k])) {
                    d.add(mine[v][k] - base[v][k]);
                }
            }
            if (!d.isEmpty()) {
                perKind.add(d.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        if (perKind.isEmpty()) {
            return null;
        }
        double mean = perKind.stream().mapToDouble(RobustRule::mean).average().orElseThrow();
        double worst = perKind.stream().mapToDouble(RobustRule::mean).min().orElseThrow();
        Random rnd = new Random(seed * 31 + 17);
        double[] boot = new double[BOOTSTRAP];
        for (int b = 0; b < BOOTSTRAP; b++) {
            double sum = 0;
            for (int k = 0; k < perKind.size(); k++) {
                double[] d = perKind.get(rnd.nextInt(perKind.size()));
                double s = 0;
                for (int v = 0; v < d.length; v++) {
                    s += d[rnd.nextInt(d.length)];
                }
                sum += s / d.length;
            }
            boot[b] = sum / perKind.size();
        }
        Arrays.sort(boot);
        return new Gain(mean, boot[(int) Math.floor(LOWER_QUANTILE * (BOOTSTRAP - 1))],
                boot[(int) Math.ceil((1 - LOWER_QUANTILE) * (BOOTSTRAP - 1))], worst);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}

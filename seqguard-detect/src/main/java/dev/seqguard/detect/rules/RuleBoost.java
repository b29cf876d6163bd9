package dev.seqguard.detect.rules;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Combines a model's scores with rule scores ("knowledge integration"): the model decides the order within
 * units that no rule singles out, fired rules lift units above it.
 *
 * <p>{@code combined[i] = rank(model)[i] + ruleWeight x rules[i]}, where {@code rank} is the model score's
 * percentile rank in (0, 1] (ties share their mean rank), so the model's scale does not matter. A fired rule of
 * weight w adds at least {@code ruleWeight x w x (1 + marginWeight / 2)}; unfired rules add at most
 * {@code ruleWeight x w x marginWeight / 2} each. With the defaults ({@link #DEFAULT_RULE_WEIGHT} = 2,
 * {@code marginWeight} 0.1, the default rules' total weight 6) every unit with a fired rule therefore ranks above
 * every unit without one: {@code 2 x 1.05 > 1 + 2 x 0.1 x 6 / 2}.
 */
public final class RuleBoost {

    public static final double DEFAULT_RULE_WEIGHT = 2.0;

    private RuleBoost() {
    }

    /** {@link #combine(double[], double[], double)} with {@link #DEFAULT_RULE_WEIGHT}. */
    public static double[] combine(double[] modelScores, double[] ruleScores) {
        return combine(modelScores, ruleScores, DEFAULT_RULE_WEIGHT);
    }

    /**
     * @param modelScores any detector's scores, higher = more anomalous, finite
     * @param ruleScores  {@link RulesDetector} scores of the same units, same order
     * @param ruleWeight  how much one unit of rule score counts against the model's whole rank range (>= 0)
     */
    public static double[] combine(double[] modelScores, double[] ruleScores, double ruleWeight) {
        if (modelScores.length != ruleScores.length) {
            throw new IllegalArgumentException(modelScores.length + " model scores but " + ruleScores.length
                    + " rule scores");
        }
        if (!(ruleWeight >= 0) || !Double.isFinite(ruleWeight)) {
            throw new IllegalArgumentException("ruleWeight must be a finite number >= 0, got " + ruleWeight);
        }
        double[] rank = percentileRanks(modelScores);
        double[] out = new double[rank.length];
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(ruleScores[i])) {
                throw new IllegalArgumentException("rule score " + i + " is " + ruleScores[i]);
            }
            out[i] = rank[i] + ruleWeight * ruleScores[i];
        }
        return out;
    }

    /** Percentile ranks in (0, 1]: rank / n with 1-based ranks, ties sharing their mean rank. */
    static double[] percentileRanks(double[] scores) {
        int n = scores.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("model score " + i + " is " + scores[i]);
            }
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mean / n;
            }
            i = j + 1;
        }
        return rank;
    }
}

package dev.seqguard.eval.threshold;

import java.util.Locale;

/**
 * How to turn anomaly scores into flags. Every rule computes a {@link Threshold} (flag = score &gt;= threshold)
 * from scores, and the labelled rules ({@link F1OptimalRule}, {@link CostOptimalRule}) also from labels of a
 * validation set. Rules are immutable values; {@link #spec()} gives the text {@link #parse} reads back.
 */
public sealed interface ThresholdRule
        permits ContaminationRule, FixedRule, AdaptiveRule, F1OptimalRule, CostOptimalRule {

    /**
     * @param scores finite scores, higher = more anomalous, at least one
     * @param labels per score 1, 0 or -1 (unknown); read only by rules that {@link #needsLabels()}, may be null
     *               for the others
     * @throws IllegalArgumentException for empty or non-finite scores, or missing/unusable labels
     */
    Threshold compute(double[] scores, int[] labels);

    /** {@link #compute(double[], int[])} without labels. */
    default Threshold compute(double[] scores) {
        return compute(scores, null);
    }

    /** Whether {@link #compute} needs labelled validation scores. */
    default boolean needsLabels() {
        return false;
    }

    /** One line a user understands, e.g. {@code flag the top 5% of scores}. */
    String describe();

    /** The rule as text, e.g. {@code contamination:0.05}; {@code parse(rule.spec())} equals {@code rule}. */
    String spec();

    /** Flag the top {@code share} of scores. */
    static ThresholdRule contamination(double share) {
        return new ContaminationRule(share);
    }

    static ThresholdRule fixed(double value) {
        return new FixedRule(value);
    }

    /** Peaks-over-threshold tail fit with the default risk (see {@link AdaptiveRule}). */
    static ThresholdRule adaptive() {
        return AdaptiveRule.withRisk(AdaptiveRule.DEFAULT_RISK);
    }

    static ThresholdRule adaptive(double risk) {
        return AdaptiveRule.withRisk(risk);
    }

    static ThresholdRule f1Optimal() {
        return new F1OptimalRule();
    }

    static ThresholdRule costOptimal(double falsePositiveCost, double falseNegativeCost) {
        return new CostOptimalRule(falsePositiveCost, falseNegativeCost);
    }

    /** The forms {@link #parse} accepts, for help texts and error messages. */
    String SYNTAX = "contamination:SHARE, fixed:VALUE, adaptive[:RISK[:LEVEL[:MAD_K]]], f1, cost:FP_COST:FN_COST";

    /**
     * Reads a rule: {@code contamination:0.05}, {@code fixed:0.7}, {@code adaptive}, {@code adaptive:0.01}
     * (optionally {@code adaptive:RISK:LEVEL:MAD_K}), {@code f1}, {@code cost:1:10}; case-insensitive, surrounding
     * blanks ignored.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    static ThresholdRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("threshold rule is empty; expected one of " + SYNTAX);
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        String[] parts = t.split(":", -1);
        String name = parts[0].trim();
        try {
            return switch (name) {
                case "contamination" -> contamination(number(text, parts, 1, "a share of scores to flag, e.g. 0.05"));
                case "fixed" -> fixed(number(text, parts, 1, "a score value, e.g. 0.7"));
                case "adaptive" -> adaptive(text, parts);
                case "f1", "f1-optimal" -> {
                    expectParts(text, parts, 1, "takes no argument");
                    yield f1Optimal();
                }
                case "cost" -> {
                    expectParts(text, parts, 3, "needs two costs, a false positive's and a false negative's, e.g. cost:1:10");
                    yield costOptimal(parseNumber(text, parts[1], "false-positive cost"),
                            parseNumber(text, parts[2], "false-negative cost"));
                }
                default -> throw new IllegalArgumentException("unknown threshold rule '" + text.trim()
                        + "'; expected one of " + SYNTAX);
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("threshold rule") || e.getMessage().startsWith("unknown threshold rule")) {
                throw e;
            }
            // a value the rule's constructor rejected: say which text it came from
            throw new IllegalArgumentException("threshold rule '" + text.trim() + "': " + e.getMessage(), e);
        }
    }

    private static ThresholdRule adaptive(String text, String[] parts) {
        if (parts.length > 4) {
            expectParts(text, parts, 4, "takes at most a risk, a tail level and a fence width, e.g. adaptive:0.01:0.9:3");
        }
        return new AdaptiveRule(
                parts.length > 1 ? parseNumber(text, parts[1], "tail risk") : AdaptiveRule.DEFAULT_RISK,
                parts.length > 2 ? parseNumber(text, parts[2], "tail level") : AdaptiveRule.DEFAULT_LEVEL,
                parts.length > 3 ? parseNumber(text, parts[3], "fallback fence width") : AdaptiveRule.DEFAULT_MAD_K);
    }

    private static double number(String text, String[] parts, int index, String what) {
        expectParts(text, parts, index + 1, "needs " + what);
        return parseNumber(text, parts[index], what.split(",")[0]);
    }

    private static void expectParts(String text, String[] parts, int count, String need) {
        if (parts.length != count) {
            throw new IllegalArgumentException("threshold rule '" + text.trim() + "': " + parts[0].trim() + " " + need
                    + "; expected one of " + SYNTAX);
        }
    }

    private static double parseNumber(String text, String value, String what) {
        try {
            double v = Double.parseDouble(value.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("threshold rule '" + text.trim() + "': " + what
                + " must be a finite number, got '" + value.trim() + "'");
    }
}

package dev.seqguard.detect.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One expert rule: it fires on a unit when all its conditions hold.
 *
 * @param name       unique name, reported in explanations
 * @param weight     how much a firing adds to the score (positive)
 * @param conditions joined by {@code and}; at least one
 * @param line       the 1-based line of the rules text it was read from
 */
public record Rule(String name, double weight, List<Condition> conditions, int line) {
    public Rule {
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' has no conditions");
        }
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("rule '" + name + "' has weight " + weight + " (must be positive)");
        }
    }

    public boolean needsSequence() {
        return conditions.stream().anyMatch(Condition::needsSequence);
    }

    /** The rule as text in the rule language (parsing it gives this rule back). */
    public String text() {
        return "name=" + name + (weight == 1.0 ? "" : " weight=" + RuleParser.formatNumber(weight)) + ": "
                + conditions.stream().map(Condition::text).collect(Collectors.joining(" and "));
    }
}

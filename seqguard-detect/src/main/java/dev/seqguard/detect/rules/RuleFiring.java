package dev.seqguard.detect.rules;

import dev.seqguard.core.model.Sequence;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * How one rule fared on one unit.
 *
 * @param rule         the rule
 * @param observations one per condition, in order
 * @param fired        whether every condition holds
 * @param margin       the smallest condition margin (the rule is as far past its thresholds as its weakest test)
 * @param events       the evidence events: those every condition implicates; empty unless fired
 */
public record RuleFiring(Rule rule, List<Condition.Observation> observations, boolean fired, double margin,
                         BitSet events) {

    public RuleFiring {
        observations = List.copyOf(observations);
    }

    /**
     * Evaluates {@code rule} on one unit.
     *
     * @param sequence     the unit's events, or {@code null} for table data (then the rule must not need them)
     * @param row          the unit's feature row
     * @param featureIndex feature name to column of {@code row}
     */
    public static RuleFiring evaluate(Rule rule, Sequence sequence, double[] row, Map<String, Integer> featureIndex) {
        List<Condition.Observation> obs = new ArrayList<>();
        boolean fired = true;
        double margin = Double.POSITIVE_INFINITY;
        BitSet events = null;
        int length = sequence == null ? 0 : sequence.length();
        for (Condition c : rule.conditions()) {
            Condition.Observation o;
            if (c instanceof Condition.Feature feature) {
                o = feature.observe(row[column(rule, feature, featureIndex)], length);
            } else if (sequence == null) {
                throw new IllegalArgumentException("rule '" + rule.name() + "' (line " + rule.line()
                        + ") counts events, but this data has feature rows only");
            } else if (c instanceof Condition.Count count) {
                o = count.observe(sequence);
            } else {
                o = ((Condition.Measure) c).observe(sequence);
            }
            obs.add(o);
            fired &= o.holds();
            margin = Math.min(margin, o.margin());
            if (events == null) {
                events = (BitSet) o.events().clone();
            } else {
                events.and(o.events());
            }
        }
        return new RuleFiring(rule, obs, fired, margin, fired ? events : new BitSet());
    }

    /**
     * This rule's share of the unit's score: {@code weight x (1 if fired, else 0) + weight x marginWeight x
     * (0.5 + 0.5 tanh(margin))}. The second term lies in [0, marginWeight x weight) and is at least half of that
     * when fired, so a firing always outweighs a near miss of the same rule while near misses still rank.
     */
    public double contribution(double marginWeight) {
        double closeness = margin == Double.NEGATIVE_INFINITY ? 0 : 0.5 + 0.5 * Math.tanh(margin);
        return rule.weight() * ((fired ? 1 : 0) + marginWeight * closeness);
    }

    static int column(Rule rule, Condition.Feature feature, Map<String, Integer> featureIndex) {
        Integer j = featureIndex.get(feature.feature());
        if (j == null) {
            throw new IllegalArgumentException("rule '" + rule.name() + "' (line " + rule.line() + ") tests feature '"
                    + feature.feature() + "', which the data does not have; features: " + featureIndex.keySet());
        }
        return j;
    }
}

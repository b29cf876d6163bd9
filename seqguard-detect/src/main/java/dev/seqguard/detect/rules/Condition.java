package dev.seqguard.detect.rules;

import dev.seqguard.core.model.Action;
import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/** One test inside a rule; a rule fires when all its conditions hold. */
public sealed interface Condition {

    Comparison comparison();

    double threshold();

    /** Whether the condition reads the events (otherwise only the feature row). */
    boolean needsSequence();

    /** The condition as rule text, e.g. {@code count(action=buy, same=item) > 3 within 1h}. */
    String text();

    /**
     * What a condition saw on one unit.
     *
     * @param holds    whether the condition holds
     * @param observed the observed value; {@code NaN} only when the measure is undefined (then it does not hold)
     * @param margin   how far past the threshold, see {@link Comparison#margin}; {@code -Infinity} when undefined
     * @param events   the events that are the evidence (for a window count: the events in the windows that reach
     *                 the threshold); empty when the unit has no sequence
     */
    record Observation(boolean holds, double observed, double margin, BitSet events) {
        static Observation of(double observed, Comparison c, double threshold, BitSet events) {
            return new Observation(c.test(observed, threshold), observed, c.margin(observed, threshold), events);
        }

        static Observation undefined() {
            return new Observation(false, Double.NaN, Double.NEGATIVE_INFINITY, new BitSet());
        }
    }

    /**
     * Counts the matching events in the busiest group (per {@code same}) and, with a window, the busiest time
     * window {@code [t, t + window)}. The observed value is that largest count.
     *
     * @param actions      the actions counted; all actions when empty
     * @param grouping     count per item, per category, or all together
     * @param windowMillis the sliding time window, or 0 for the whole sequence
     */
    record Count(Set<Action> actions, Grouping grouping, Comparison comparison, double threshold, long windowMillis)
            implements Condition {
        public Count {
            actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        }

        @Override
        public boolean needsSequence() {
            return true;
        }

        @Override
        public String text() {
            String filter = actions.isEmpty() ? "action=*" : "action=" + EnumSet.copyOf(actions).stream()
                    .map(Action::code).collect(Collectors.joining("|"));
            String same = grouping == Grouping.NONE ? "" : ", same=" + grouping.name().toLowerCase(java.util.Locale.ROOT);
            String within = windowMillis == 0 ? "" : " within " + RuleParser.formatDuration(windowMillis);
            return "count(" + filter + same + ") " + comparison.symbol() + " " + RuleParser.formatNumber(threshold)
                    + within;
        }

        Observation observe(Sequence s) {
            List<BehaviorEvent> ev = s.events();
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < ev.size(); i++) {
                BehaviorEvent e = ev.get(i);
                if (actions.isEmpty() || actions.contains(e.action())) {
                    groups.computeIfAbsent(grouping.keyOf(e), k -> new ArrayList<>()).add(i);
                }
            }
            int max = 0;
            BitSet evidence = new BitSet(ev.size());
            for (List<Integer> g : groups.values()) {
                max = Math.max(max, windowMillis == 0 ? g.size() : busiestWindow(ev, g, evidence));
                if (windowMillis == 0 && (!comparison.isLowerBound() || comparison.test(g.size(), threshold))) {
                    g.forEach(evidence::set);
                }
            }
            return Observation.of(max, comparison, threshold, evidence);
        }

        /** Two pointers over the group's events; marks the events of every window whose count fires. */
        private int busiestWindow(List<BehaviorEvent> ev, List<Integer> g, BitSet evidence) {
            int best = 0;
            int left = 0;
            int[] cover = new int[g.size() + 1];
            for (int right = 0; right < g.size(); right++) {
                long t = ev.get(g.get(right)).timeMillis();
                while (t - ev.get(g.get(left)).timeMillis() >= windowMillis) {
                    left++;
                }
                int count = right - left + 1;
                best = Math.max(best, count);
                if (!comparison.isLowerBound() || comparison.test(count, threshold)) {
                    cover[left]++;
                    cover[right + 1]--;
                }
            }
            int depth = 0;
            for (int k = 0; k < g.size(); k++) {
                depth += cover[k];
                if (depth > 0) {
                    evidence.set(g.get(k));
                }
            }
            return best;
        }
    }

    /** A built-in measure of the sequence, e.g. {@code gap_cv < 0.1}; the evidence is the whole sequence. */
    record Measure(SequenceMeasure measure, Comparison comparison, double threshold) implements Condition {
        @Override
        public boolean needsSequence() {
            return true;
        }

        @Override
        public String text() {
            return measure.ruleName() + " " + comparison.symbol() + " " + RuleParser.formatNumber(threshold);
        }

        Observation observe(Sequence s) {
            OptionalDouble v = measure.of(s);
            if (v.isEmpty()) {
                return Observation.undefined();
            }
            BitSet all = new BitSet();
            all.set(0, s.length());
            return Observation.of(v.getAsDouble(), comparison, threshold, all);
        }
    }

    /** A column of the feature matrix, e.g. {@code feature(buy_rate) > 0.9}; the evidence is the whole sequence. */
    record Feature(String feature, Comparison comparison, double threshold) implements Condition {
        @Override
        public boolean needsSequence() {
            return false;
        }

        @Override
        public String text() {
            return "feature(" + feature + ") " + comparison.symbol() + " " + RuleParser.formatNumber(threshold);
        }

        Observation observe(double value, int events) {
            BitSet all = new BitSet();
            all.set(0, events);
            return Observation.of(value, comparison, threshold, all);
        }
    }
}

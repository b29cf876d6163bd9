package dev.seqguard.detect.rules;

import dev.seqguard.core.model.BehaviorEvent;
import dev.seqguard.core.model.Sequence;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Built-in per-sequence measures a rule can test by bare name ({@code gap_cv < 0.1}), computed from the events
 * themselves so the default rules do not depend on any feature extractor. Times are in seconds.
 */
public enum SequenceMeasure {
    /** Number of events. */
    LENGTH,
    /** Seconds from the first to the last event. */
    DURATION,
    /** Mean gap between consecutive events, seconds; undefined for one event. */
    GAP_MEAN,
    /** Shortest gap between consecutive events, seconds; undefined for one event. */
    GAP_MIN,
    /** Coefficient of variation (sd / mean) of the gaps; undefined below 3 events or when all gaps are 0. */
    GAP_CV,
    /** Distinct items touched. */
    DISTINCT_ITEMS,
    /** Distinct categories touched. */
    DISTINCT_CATEGORIES;

    /** The name used in rules, e.g. {@code gap_cv}. */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SequenceMeasure> ofRuleName(String text) {
        for (SequenceMeasure m : values()) {
            if (m.ruleName().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The measure of {@code s}, or empty where it is undefined (then no condition on it holds). */
    public OptionalDouble of(Sequence s) {
        List<BehaviorEvent> ev = s.events();
        int n = ev.size();
        return switch (this) {
            case LENGTH -> OptionalDouble.of(n);
            case DURATION -> OptionalDouble.of((s.endMillis() - s.startMillis()) / 1000.0);
            case GAP_MEAN -> n < 2 ? OptionalDouble.empty() : OptionalDouble.of((s.endMillis() - s.startMillis()) / 1000.0 / (n - 1));
            case GAP_MIN -> n < 2 ? OptionalDouble.empty() : OptionalDouble.of(minGap(ev) / 1000.0);
            case GAP_CV -> gapCv(ev);
            case DISTINCT_ITEMS -> OptionalDouble.of(distinct(ev, BehaviorEvent::itemId));
            case DISTINCT_CATEGORIES -> OptionalDouble.of(distinct(ev, BehaviorEvent::categoryId));
        };
    }

    private static long minGap(List<BehaviorEvent> ev) {
        long min = Long.MAX_VALUE;
        for (int i = 1; i < ev.size(); i++) {
            min = Math.min(min, ev.get(i).timeMillis() - ev.get(i - 1).timeMillis());
        }
        return min;
    }

    private static OptionalDouble gapCv(List<BehaviorEvent> ev) {
        int gaps = ev.size() - 1;
        if (gaps < 2) {
            return OptionalDouble.empty();
        }
        double mean = (ev.get(gaps).timeMillis() - ev.get(0).timeMillis()) / (double) gaps;
        if (!(mean > 0)) {
            return OptionalDouble.empty();
        }
        double ss = 0;
        for (int i = 1; i < ev.size(); i++) {
            double d = ev.get(i).timeMillis() - ev.get(i - 1).timeMillis() - mean;
            ss += d * d;
        }
        return OptionalDouble.of(Math.sqrt(ss / (gaps - 1)) / mean);
    }

    private static int distinct(List<BehaviorEvent> ev, Function<BehaviorEvent, String> key) {
        Set<String> seen = new HashSet<>();
        for (BehaviorEvent e : ev) {
            seen.add(key.apply(e));
        }
        return seen.size();
    }
}

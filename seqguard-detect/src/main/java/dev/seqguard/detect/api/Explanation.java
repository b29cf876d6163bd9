package dev.seqguard.detect.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a unit got its score.
 *
 * @param score         the score being explained
 * @param contributions strongest first; for feature detectors a feature name with the row's value, for
 *                      sequence detectors an event description
 */
public record Explanation(double score, List<Contribution> contributions) {
    public Explanation {
        contributions = List.copyOf(contributions);
    }

    /**
     * One reason.
     *
     * @param name   feature name, rule name, or event description (e.g. {@code buy item 42 @ 2017-11-25T10:00})
     * @param value  the observed value (feature value, event score)
     * @param weight how much it drove the score, in the detector's own unit (e.g. |robust z|); larger = stronger
     */
    public record Contribution(String name, double value, double weight) {
    }

    /** A short human-readable line, e.g. {@code buy_rate=0.93 (7.1), gap_cv=0.02 (5.4)}. */
    public String summary(int max) {
        return contributions.stream().limit(max)
                .map(c -> c.name() + "=" + fmt(c.value()) + " (" + fmt(c.weight()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}

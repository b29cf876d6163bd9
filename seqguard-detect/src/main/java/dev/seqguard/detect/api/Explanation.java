package dev.seqguard.detect.api;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

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
        StringBuilder b = new StringBuilder(48 * Math.min(Math.max(max, 0), contributions.size()));
        for (int i = 0; i < contributions.size() && i < max; i++) {
            Contribution c = contributions.get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(c.name()).append('=').append(fmt(c.value())).append(" (").append(fmt(c.weight())).append(')');
        }
        return b.toString();
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return threeSignificant(v);
    }

    /**
     * The text of {@code String.format(Locale.ROOT, "%.3g", v)}: the shortest decimal digits of {@code v} (those of
     * {@link Double#toString}) rounded half-up to 3 significant digits, in plain notation when the rounded
     * magnitude is in [1e-4, 1e3), else as {@code d.dde±XX}. Written out because {@link java.util.Formatter} builds
     * a {@code DecimalFormatSymbols} on every call for {@code Locale.ROOT}, which made it the largest cost of a
     * service explaining its flags.
     */
    static String threeSignificant(double v) {
        if (!Double.isFinite(v)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0.00";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).round(new MathContext(3, RoundingMode.HALF_UP));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < 3) {
            return d.setScale(2 - exponent, RoundingMode.UNNECESSARY).toPlainString();
        }
        String mantissa = d.movePointLeft(exponent).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        int e = Math.abs(exponent);
        return mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e;
    }
}

package dev.seqguard.detect.api;

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
     * {@link Double#toString}) rounded half-up to 3 significant digits (on those digits, as the formatter does),
     * in plain notation when the rounded magnitude is in [1e-4, 1e3), else as {@code d.dde±XX}. Written out because
     * {@link java.util.Formatter} builds a {@code DecimalFormatSymbols} on every call for {@code Locale.ROOT}, which
     * made it the largest cost of a service explaining its flags.
     */
    static String threeSignificant(double v) {
        if (!Double.isFinite(v)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0.00";
        }
        // |v| = 0.d0 d1 d2 ... x 10^point, from the shortest digits ("123.45", "0.00012", "1.0E-5")
        String s = Double.toString(Math.abs(v));
        int e = s.indexOf('E');
        int end = e < 0 ? s.length() : e;
        int point = e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
        int[] d = new int[4];
        int n = 0;
        boolean fraction = false;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                fraction = true;
            } else if (n == 0 && c == '0') {
                point -= fraction ? 1 : 0;
            } else {
                if (n < d.length) {
                    d[n] = c - '0';
                }
                n++;
                point += fraction ? 0 : 1;
            }
        }
        if (d[3] >= 5) {
            int i = 2;
            while (i >= 0 && ++d[i] == 10) {
                d[i--] = 0;
            }
            if (i < 0) {
                d[0] = 1;
                point++;
            }
        }
        StringBuilder b = new StringBuilder(10);
        if (v < 0) {
            b.append('-');
        }
        int exponent = point - 1;
        if (exponent >= -4 && exponent < 3) {
            if (point <= 0) {
                b.append("0.");
                for (int z = point; z < 0; z++) {
                    b.append('0');
                }
            }
            for (int i = 0; i < 3; i++) {
                if (i == point && point > 0) {
                    b.append('.');
                }
                b.append((char) ('0' + d[i]));
            }
            return b.toString();
        }
        b.append((char) ('0' + d[0])).append('.').append((char) ('0' + d[1])).append((char) ('0' + d[2]));
        int a = Math.abs(exponent);
        return b.append(exponent < 0 ? "e-" : "e+").append(a < 10 ? "0" : "").append(a).toString();
    }
}

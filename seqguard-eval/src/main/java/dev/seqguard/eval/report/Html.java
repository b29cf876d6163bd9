package dev.seqguard.eval.report;

import java.util.Locale;

/** Escaping and number formatting for the report. Every piece of text goes through {@link #esc}. */
final class Html {
    static final String DASH = "\u2014";

    private Html() {
    }

    /** Escapes text for HTML element content and attribute values (also inside inline SVG). */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab/newline have no business in a report
                    if (c < 0x20 && c != '\t' && c != '\n') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Three decimals; thousands grouped without decimals from 1000 on; a dash for NaN. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return DASH;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "\u2212\u221e";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A whole number with thousands grouped. */
    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A share as a percentage with one decimal. */
    static String percent(double share) {
        return Double.isNaN(share) ? DASH : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A coordinate for SVG: two decimals are plenty at our sizes and keep the file small. */
    static String xy(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.endsWith(".00")) {
            return s.substring(0, s.length() - 3);
        }
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }
}

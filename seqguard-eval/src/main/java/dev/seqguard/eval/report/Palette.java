package dev.seqguard.eval.report;

import java.util.Locale;

/**
 * Colours of the report: the Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design"), distinguishable with
 * the common forms of colour blindness; lines also differ by dash pattern so they survive greyscale printing.
 */
final class Palette {
    static final String SELECTED = "#0072B2";
    static final String NORMAL = "#0072B2";
    static final String ANOMALOUS = "#D55E00";
    static final String UNLABELLED = "#7a7a7a";
    static final String INK = "#1d2433";
    private static final String[] OTHERS = {"#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"};
    /** ColorBrewer "Blues" (Brewer 2003), a single-hue scale. */
    private static final int[][] BLUES = {{247, 251, 255}, {222, 235, 247}, {198, 219, 239}, {158, 202, 225},
            {107, 174, 214}, {66, 146, 198}, {33, 113, 181}, {8, 81, 156}, {8, 48, 107}};
    private static final String[] DASHES = {"6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 2 1 2"};

    private Palette() {
    }

    static String other(int i) {
        return OTHERS[i % OTHERS.length];
    }

    static String dash(int i) {
        return DASHES[i % DASHES.length];
    }

    /** Colour of an action code in timelines. */
    static String action(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "pv", "view" -> "#56B4E9";
            case "click" -> "#0072B2";
            case "fav" -> "#CC79A7";
            case "cart" -> "#E69F00";
            case "buy" -> "#D55E00";
            case "search" -> "#009E73";
            default -> "#7a7a7a";
        };
    }

    /**
     * A sequential light-to-dark blue for heatmap cells (value in [0, 1]), readable by colour-blind viewers because
     * only lightness changes.
     */
    static String heat(double v) {
        double t = Math.max(0, Math.min(1, v)) * (BLUES.length - 1);
        int i = Math.min((int) Math.floor(t), BLUES.length - 2);
        double f = t - i;
        int[] a = BLUES[i];
        int[] b = BLUES[i + 1];
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** Text colour that stays readable on {@link #heat(double)}. */
    static String heatText(double v) {
        return v > 0.5 ? "#ffffff" : INK;
    }
}

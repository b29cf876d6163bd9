package dev.seqguard.detect.rules;

/** A comparison of an observed value with a rule's threshold. */
public enum Comparison {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static Comparison ofSymbol(String text) {
        for (Comparison c : values()) {
            if (c.symbol.equals(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a comparison: '" + text + "'");
    }

    public boolean test(double observed, double threshold) {
        return switch (this) {
            case GT -> observed > threshold;
            case GE -> observed >= threshold;
            case LT -> observed < threshold;
            case LE -> observed <= threshold;
            case EQ -> observed == threshold;
            case NE -> observed != threshold;
        };
    }

    /**
     * How far {@code observed} lies on the firing side of the threshold, relative to {@code max(|threshold|, 1)}:
     * positive well past it, negative short of it. Only ranks; {@link #test} decides whether a condition holds.
     */
    public double margin(double observed, double threshold) {
        double scale = Math.max(Math.abs(threshold), 1.0);
        double d = (observed - threshold) / scale;
        return switch (this) {
            case GT, GE -> d;
            case LT, LE -> -d;
            case EQ -> -Math.abs(d);
            case NE -> Math.abs(d);
        };
    }

    /** True for {@code >} and {@code >=}: the windows or groups that reach the threshold are the evidence. */
    boolean isLowerBound() {
        return this == GT || this == GE;
    }
}

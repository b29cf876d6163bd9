package dev.seqguard.core.inject;

import java.util.SplittableRandom;

/**
 * A closed range of real numbers from which each injected account (or group) draws its own value. Written
 * {@code min..max}, or a single number for a fixed value.
 */
public record DoubleRange(double min, double max) {

    public DoubleRange {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("range bounds must be finite, got " + min + ".." + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " is above max " + max);
        }
    }

    public static DoubleRange of(double value) {
        return new DoubleRange(value, value);
    }

    /** Parses {@code 0.5..2.5} or {@code 1.5}; {@code name} is the parameter name used in the error message. */
    public static DoubleRange parse(String name, String text) {
        String[] bounds = ParamReader.splitRange(name, text);
        try {
            return new DoubleRange(Double.parseDouble(bounds[0]), Double.parseDouble(bounds[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number or a range like 0.5..2.5, got '" + text + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Throws unless the range lies within [lowest, highest]; returns this range for chaining. */
    DoubleRange requireWithin(String name, double lowest, double highest) {
        if (min < lowest || max > highest) {
            throw new IllegalArgumentException(name + " must lie within " + lowest + ".." + highest + ", got " + this);
        }
        return this;
    }

    /** Throws unless {@code min > 0}; returns this range for chaining. */
    DoubleRange requirePositive(String name) {
        if (min <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + this);
        }
        return this;
    }

    public double draw(SplittableRandom random) {
        return min == max ? min : min + (max - min) * random.nextDouble();
    }

    @Override
    public String toString() {
        return min == max ? Double.toString(min) : min + ".." + max;
    }
}

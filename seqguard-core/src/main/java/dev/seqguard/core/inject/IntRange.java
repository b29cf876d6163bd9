package dev.seqguard.core.inject;

import java.util.SplittableRandom;

/**
 * An inclusive range of whole numbers from which each injected account draws its own value, so that injected
 * accounts differ from one another. Written {@code min..max}, or a single number for a fixed value.
 */
public record IntRange(int min, int max) {

    public IntRange {
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " is above max " + max);
        }
    }

    public static IntRange of(int value) {
        return new IntRange(value, value);
    }

    /** Parses {@code 3..8} or {@code 5}; {@code name} is the parameter name used in the error message. */
    public static IntRange parse(String name, String text) {
        String[] bounds = ParamReader.splitRange(name, text);
        try {
            return new IntRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number or a range like 3..8, got '" + text + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Throws unless {@code min >= lowest}; returns this range for chaining in compact constructors. */
    IntRange requireAtLeast(String name, int lowest) {
        if (min < lowest) {
            throw new IllegalArgumentException(name + " must be at least " + lowest + ", got " + this);
        }
        return this;
    }

    public int draw(SplittableRandom random) {
        return min == max ? min : random.nextInt(min, max + 1);
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}

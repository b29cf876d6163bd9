package dev.seqguard.core.inject;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the textual {@code type.parameter=value} settings of one anomaly type, falling back to a base value for
 * every parameter not given, and rejects any setting no parameter asked for.
 */
final class ParamReader {
    private final AnomalyType type;
    private final Map<String, String> values;
    private final Set<String> asked = new LinkedHashSet<>();

    ParamReader(AnomalyType type, Map<String, String> values) {
        this.type = type;
        this.values = new TreeMap<>(values);
    }

    IntRange intRange(String parameter, IntRange base) {
        String text = take(parameter);
        return text == null ? base : IntRange.parse(key(parameter), text);
    }

    DoubleRange doubleRange(String parameter, DoubleRange base) {
        String text = take(parameter);
        return text == null ? base : DoubleRange.parse(key(parameter), text);
    }

    double probability(String parameter, double base) {
        String text = take(parameter);
        if (text == null) {
            return base;
        }
        try {
            return requireProbability(key(parameter), Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key(parameter) + " must be a probability in [0, 1], got '" + text + "'", e);
        }
    }

    double number(String parameter, double base) {
        String text = take(parameter);
        if (text == null) {
            return base;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key(parameter) + " must be a number, got '" + text + "'", e);
        }
    }

    int integer(String parameter, int base) {
        String text = take(parameter);
        if (text == null) {
            return base;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key(parameter) + " must be a whole number, got '" + text + "'", e);
        }
    }

    /** Throws naming the first setting that no parameter read. Call after building the record. */
    void rejectUnknown() {
        for (String parameter : values.keySet()) {
            if (!asked.contains(parameter)) {
                throw new IllegalArgumentException("unknown injection parameter '" + key(parameter) + "'; "
                        + type.code() + " parameters: " + String.join(", ", asked));
            }
        }
    }

    static double requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + value);
        }
        return value;
    }

    static String[] splitRange(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value, got '" + text + "'");
        }
        String trimmed = text.trim();
        int dots = trimmed.indexOf("..");
        if (dots < 0) {
            return new String[] {trimmed, trimmed};
        }
        return new String[] {trimmed.substring(0, dots).trim(), trimmed.substring(dots + 2).trim()};
    }

    private String take(String parameter) {
        asked.add(parameter);
        return values.get(parameter);
    }

    private String key(String parameter) {
        return type.code() + "." + parameter;
    }
}

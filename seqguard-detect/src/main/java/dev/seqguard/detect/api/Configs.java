package dev.seqguard.detect.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads detector config records from text parameters and describes them, by their record components. */
public final class Configs {
    private Configs() {
    }

    /**
     * A copy of {@code defaults} with the components named in {@code params} replaced by the parsed values; the
     * record's compact constructor then validates. Component types: int, long, double, boolean, String, enums.
     *
     * @throws IllegalArgumentException for an unknown parameter name, an unparseable value, or a value the
     *                                  constructor rejects; the message names the parameter
     */
    public static <C extends Record> C parse(C defaults, Map<String, String> params) {
        @SuppressWarnings("unchecked")
        Class<C> type = (Class<C>) defaults.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byName = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            byName.put(c.getName(), c);
        }
        for (String key : params.keySet()) {
            if (!byName.containsKey(key) || key.equals("seed")) {
                throw new IllegalArgumentException("unknown parameter '" + key + "'; known: "
                        + byName.keySet().stream().filter(k -> !k.equals("seed")).collect(Collectors.joining(", ")));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String text = params.get(c.getName());
            args[i] = text == null ? read(c, defaults) : convert(c.getName(), c.getType(), text.trim());
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("invalid config for " + type.getSimpleName() + ": " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("config record " + type.getName() + " has no canonical constructor", e);
        }
    }

    /** The components of a config record as text, in declaration order. */
    public static Map<String, String> describe(Record config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : config.getClass().getRecordComponents()) {
            Object v = read(c, config);
            out.put(c.getName(), v instanceof double[] d ? Arrays.toString(d) : String.valueOf(v));
        }
        return out;
    }

    /** A one-line description of a data set, for provenance. */
    public static String describe(DetectionData data) {
        return data.size() + " rows x " + data.features().columns() + " features"
                + (data.hasSequences() ? ", sequences" : "")
                + (data.labels() != null ? ", " + data.labelledCount() + " labelled" : "");
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(String name, Class<?> type, String text) {
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text);
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(text);
            } else if (type == double.class || type == Double.class) {
                return Double.parseDouble(text);
            } else if (type == boolean.class || type == Boolean.class) {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("parameter '" + name + "' must be true or false, got '" + text + "'");
                }
                return Boolean.parseBoolean(text);
            } else if (type == String.class) {
                return text;
            } else if (type.isEnum()) {
                return Enum.valueOf((Class<Enum>) type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a " + type.getSimpleName()
                    + ", got '" + text + "'");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("parameter")) {
                throw e;
            }
            throw new IllegalArgumentException("parameter '" + name + "' must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", got '" + text + "'");
        }
        throw new IllegalArgumentException("parameter '" + name + "' of type " + type.getSimpleName()
                + " cannot be set from text");
    }
}

package org.kedrec.core.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kedrec.core.Messages;
import org.kedrec.core.text.DidYouMean;

/**
 * Reads a user's configuration map (from Cypher or the command line) strictly, in the manner of GDS's
 * {@code CypherMapWrapper}: unknown keys are rejected with a suggestion, values are converted the way Cypher
 * sends them ({@code Long} to {@code int}, any {@code Number} to {@code double}), and type errors name the key,
 * the expected type and the type received.
 *
 * <p>Typical use in a config record's {@code of(Map)} factory:
 *
 * <pre>{@code
 * var reader = ConfigReader.of(map, KEYS);
 * return new RecommendConfig(reader.intValue("k", 10), reader.bool("excludeKnown", true));
 * }</pre>
 */
public final class ConfigReader {
    private final Map<String, Object> values;

    private ConfigReader(Map<String, Object> values) {
        this.values = values;
    }

    /** Validates that every key of {@code map} is one of {@code allowedKeys}; null means empty. */
    public static ConfigReader of(Map<String, ?> map, Collection<String> allowedKeys) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        if (map != null) {
            map.forEach(copy::put);
        }
        for (String key : copy.keySet()) {
            if (!allowedKeys.contains(key)) {
                List<String> close = DidYouMean.suggest(key, allowedKeys, 3);
                String hint = close.isEmpty()
                        ? Messages.format(" Valid keys are: %s.", new TreeSet<>(allowedKeys))
                        : Messages.format(" (Did you mean %s?)", close);
                throw new IllegalArgumentException("Unexpected configuration key: " + Messages.echo(key) + hint.stripTrailing());
            }
        }
        return new ConfigReader(copy);
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public String string(String key, String defaultValue) {
        return typed(key, defaultValue, String.class, "String");
    }

    /** A string that must be one of {@code allowed} (compared case-insensitively, returned as listed). */
    public String oneOf(String key, String defaultValue, Collection<String> allowed) {
        String value = string(key, defaultValue);
        if (value == null) {
            return null;
        }
        for (String option : allowed) {
            if (option.equalsIgnoreCase(value)) {
                return option;
            }
        }
        throw new IllegalArgumentException(Messages.format(
                "Invalid value for `%s`: `%s`. Valid values are: %s.", key, Messages.echo(value), List.copyOf(allowed)));
    }

    public int intValue(String key, int defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long asLong = ((Number) value).longValue();
            if (asLong < Integer.MIN_VALUE || asLong > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(Messages.format(
                        "The value of `%s` must fit in a 32-bit integer but was `%d`.", key, asLong));
            }
            return (int) asLong;
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return (int) d.doubleValue();
        }
        throw typeError(key, "Integer", value);
    }

    /** An integer within {@code [min, max]}; the message names the bound and, when given, the setting that moves it. */
    public int intInRange(String key, int defaultValue, int min, int max, String limitSetting) {
        int value = intValue(key, defaultValue);
        if (value < min || value > max) {
            String fix = limitSetting == null ? "" : Messages.format(" The upper limit is set by `%s`.", limitSetting);
            throw new IllegalArgumentException(Messages.format(
                    "The value of `%s` must be between %d and %d but was %d.%s", key, min, max, value, fix));
        }
        return value;
    }

    public double doubleValue(String key, double defaultValue) {
        return typed(key, defaultValue, Number.class, "Float").doubleValue();
    }

    public boolean bool(String key, boolean defaultValue) {
        return typed(key, defaultValue, Boolean.class, "Boolean");
    }

    /** The value when it is a {@code type}, the default when absent; {@code typeName} is the Cypher-side name. */
    private <T> T typed(String key, T defaultValue, Class<T> type, String typeName) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw typeError(key, typeName, value);
    }

    /** A list of strings; a single string is accepted as a one-element list. */
    public List<String> stringList(String key, List<String> defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof Collection<?> c) {
            Set<String> out = new LinkedHashSet<>();
            for (Object item : c) {
                if (!(item instanceof String s)) {
                    throw typeError(key, "List<String>", value);
                }
                out.add(s);
            }
            return List.copyOf(out);
        }
        throw typeError(key, "List<String>", value);
    }

    private static IllegalArgumentException typeError(String key, String expected, Object value) {
        return new IllegalArgumentException(Messages.format(
                "The value of `%s` must be of type `%s` but was `%s`.", key, expected, typeName(value)));
    }

    private static String typeName(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return "Integer";
        }
        if (value instanceof Double || value instanceof Float) {
            return "Float";
        }
        if (value instanceof Collection<?>) {
            return "List";
        }
        if (value instanceof Map<?, ?>) {
            return "Map";
        }
        return value.getClass().getSimpleName().toUpperCase(Locale.ENGLISH).charAt(0)
                + value.getClass().getSimpleName().substring(1);
    }
}

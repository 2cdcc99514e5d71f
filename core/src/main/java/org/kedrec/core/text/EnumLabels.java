package org.kedrec.core.text;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The enums users name by a label (on the command line, in a procedure's config map, in a file): a constant's
 * lower-case label, the constant a label names, and the labels an error lists as valid, written once. Each enum
 * keeps its own message for a label that names nothing, since the reliability catalogue pins them.
 */
public final class EnumLabels {
    private EnumLabels() {}

    /** {@code MECHANISM} as users write it: {@code mechanism}. */
    public static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose label is exactly {@code value}. */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, Function<E, String> label, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> label.apply(c).equals(value)).findFirst();
    }

    /** The constant whose label is {@code value} in any case; none for null. */
    public static <E extends Enum<E>> Optional<E> findIgnoringCase(Class<E> type, Function<E, String> label,
            String value) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> label.apply(c).equalsIgnoreCase(value)).findFirst();
    }

    /** Every constant's label in declaration order, for the "valid values are" part of an error. */
    public static <E extends Enum<E>> List<String> all(Class<E> type, Function<E, String> label) {
        return Arrays.stream(type.getEnumConstants()).map(label).toList();
    }
}

package org.kedrec.server;

import java.util.Locale;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;

/** Memory sizes the way neo4j.conf writes them ({@code 512m}, {@code 2g}), checked before Neo4j sees them. */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kmg]?");

    private ByteSize() {}

    /** The size normalised to lower case, or an error naming the bad value and the expected form. */
    public static String parse(String option, String value) {
        String normalised = value == null ? "" : value.trim().toLowerCase(Locale.ENGLISH);
        if (!SIZE.matcher(normalised).matches()) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid value for option '%s': '%s' is not a memory size. Use a whole number with an optional "
                            + "unit k, m or g, e.g. 512m or 2g.",
                    option, value));
        }
        return normalised;
    }
}

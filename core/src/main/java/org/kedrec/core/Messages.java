package org.kedrec.core;

import java.util.Locale;

/** Formats user-facing text with {@link Locale#ENGLISH}, so numbers and messages read the same on every machine. */
public final class Messages {
    private Messages() {}

    public static String format(String template, Object... args) {
        return String.format(Locale.ENGLISH, template, args);
    }
}

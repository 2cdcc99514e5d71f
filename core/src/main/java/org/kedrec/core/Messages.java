package org.kedrec.core;

import java.util.Locale;

/** Formats user-facing text with {@link Locale#ENGLISH}, so numbers and messages read the same on every machine. */
public final class Messages {
    /** The most characters of a caller's value that a message repeats back. */
    public static final int ECHO_LIMIT = 200;

    private Messages() {}

    public static String format(String template, Object... args) {
        return String.format(Locale.ENGLISH, template, args);
    }

    /**
     * A caller's value as a message may repeat it: at most {@link #ECHO_LIMIT} characters, then a marker with the
     * full length. A 100,000-character name must not come back whole in an error, nor fill the server log; the first
     * 200 characters are enough to recognise it. Never splits a surrogate pair.
     */
    public static String echo(Object value) {
        String text = String.valueOf(value);
        if (text.length() <= ECHO_LIMIT) {
            return text;
        }
        int end = ECHO_LIMIT;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return format("%s… (%d characters in all)", text.substring(0, end), text.length());
    }
}

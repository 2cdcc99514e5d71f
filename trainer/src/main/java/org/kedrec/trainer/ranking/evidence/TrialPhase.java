package org.kedrec.trainer.ranking.evidence;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a trial phase as the importer stores it ({@code phase 3}, {@code phase 1/phase 2}, {@code early phase 1}). */
public final class TrialPhase {
    private static final Pattern NUMBER = Pattern.compile("phase\\s*([1-4]|i{1,3}|iv)\\b");

    private TrialPhase() {}

    /** The highest phase named (1-4), or 0 for none, {@code n/a}, null or anything unreadable. */
    public static int parse(String phase) {
        if (phase == null) {
            return 0;
        }
        Matcher m = NUMBER.matcher(phase.toLowerCase(Locale.ENGLISH));
        int best = 0;
        while (m.find()) {
            String n = m.group(1);
            int value = switch (n) {
                case "i" -> 1;
                case "ii" -> 2;
                case "iii" -> 3;
                case "iv" -> 4;
                default -> Integer.parseInt(n);
            };
            best = Math.max(best, value);
        }
        return best;
    }
}

package org.kedrec.core.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggests the closest known names for a misspelt one, for error messages that teach. */
public final class DidYouMean {
    private DidYouMean() {}

    /**
     * The known names within an edit distance that scales with the length of the input, closest first.
     *
     * @param input what the user typed
     * @param known the valid names
     * @param limit the most suggestions to return
     */
    public static List<String> suggest(String input, Collection<String> known, int limit) {
        String needle = input.toLowerCase(Locale.ENGLISH);
        int threshold = Math.max(2, needle.length() / 3);
        record Scored(String name, int distance) {}
        List<Scored> scored = new ArrayList<>();
        for (String candidate : known) {
            String hay = candidate.toLowerCase(Locale.ENGLISH);
            int distance = levenshtein(needle, hay);
            boolean contains = hay.length() >= 3 && needle.length() >= 3 && (hay.contains(needle) || needle.contains(hay));
            if (distance <= threshold || contains) {
                scored.add(new Scored(candidate, contains ? Math.min(distance, threshold) : distance));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        return scored.stream().limit(limit).map(Scored::name).toList();
    }

    /** Classic two-row Levenshtein distance. */
    public static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

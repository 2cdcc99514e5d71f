package org.kedrec.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * How a rationale is cut into words, slots and ids, shared by the faithfulness metric and the student's constrained
 * decoder so that what the decoder guarantees is exactly what the metric measures. A word is a run of letters,
 * digits and {@code - _ : ' +} (so {@code IL-6}, {@code NCT:NCT01234567} and {@code Alzheimer's} are one word);
 * slots ({@code [D]}, {@code [C1]}, {@code [E3]}) are not words.
 */
public final class Mentions {
    /** Any slot written in text. */
    public static final Pattern SLOT = Pattern.compile("\\[(?:D|C[0-9]+|E[0-9]+)\\]");
    /** Identifiers a rationale may cite: CURIEs, bare NCT numbers and {@code PMID 123}. */
    public static final Pattern ID = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:[A-Za-z][A-Za-z0-9]*:[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|NCT[0-9]{8}|PMID ?[0-9]+)"
                    + "(?![\\p{L}\\p{N}])");

    private Mentions() {}

    public static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '-' || codePoint == '_' || codePoint == ':'
                || codePoint == '\'' || codePoint == '+';
    }

    /**
     * The words of {@code text} in order, slots removed. A colon belongs to a word only inside it (a CURIE such as
     * {@code NCT:NCT00240422}); a trailing one is punctuation, so {@code trial NCT00240422: [C1] for [D]} gives the
     * word {@code NCT00240422}, which a rationale may then cite.
     */
    public static List<String> words(String text) {
        String plain = SLOT.matcher(text).replaceAll(" ");
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < plain.length(); ) {
            int cp = plain.codePointAt(i);
            if (isWordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                add(out, plain.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            add(out, plain.substring(start));
        }
        return out;
    }

    private static void add(List<String> out, String word) {
        int end = word.length();
        while (end > 0 && word.charAt(end - 1) == ':') {
            end--;
        }
        if (end > 0) {
            out.add(word.substring(0, end));
        }
    }

    /** A name normalised the way it is matched: its words joined by single spaces. */
    public static String normalizeName(String name) {
        return String.join(" ", words(name));
    }

    /** The slots ({@code [D]}, {@code [C3]}, {@code [E12]}) written in {@code text}, in order, repeats kept. */
    public static List<String> slots(String text) {
        return SLOT.matcher(text).results().map(MatchResult::group).toList();
    }

    /** The ids (PMIDs, NCT numbers, CURIEs) written in {@code text} outside its slots, in order, repeats kept. */
    public static List<String> ids(String text) {
        return ID.matcher(SLOT.matcher(text).replaceAll(" ")).results().map(MatchResult::group).toList();
    }
}

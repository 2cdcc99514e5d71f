package org.kedrec.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ROUGE-L (Lin 2004) between a generated text and a reference: the longest common subsequence of their tokens,
 * as an F1 of LCS precision and recall (the {@code rouge-score} package's {@code rougeL} F-measure). Tokens are
 * lower-cased runs of letters and digits; slots such as {@code [E3]} count as one token each, so citing the right
 * evidence counts like writing the right word.
 */
public final class RougeL {
    private static final Pattern TOKEN = Pattern.compile("\\[(?:D|C[0-9]+|E[0-9]+)\\]|[\\p{L}\\p{N}]+");

    private RougeL() {}

    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ENGLISH));
        }
        return out;
    }

    /** ROUGE-L F1 in [0, 1]; 1.0 when both texts are empty, 0.0 when only one is. */
    public static double f1(String candidate, String reference) {
        List<String> c = tokens(candidate);
        List<String> r = tokens(reference);
        if (c.isEmpty() && r.isEmpty()) {
            return 1.0;
        }
        if (c.isEmpty() || r.isEmpty()) {
            return 0.0;
        }
        int lcs = lcs(c, r);
        if (lcs == 0) {
            return 0.0;
        }
        double precision = (double) lcs / c.size();
        double recall = (double) lcs / r.size();
        return 2 * precision * recall / (precision + recall);
    }

    static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = a.get(i - 1).equals(b.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}

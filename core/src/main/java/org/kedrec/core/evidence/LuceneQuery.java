package org.kedrec.core.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds full-text queries for Neo4j's Lucene indexes from entity names, which may hold any Lucene syntax
 * character ({@code Alzheimer's disease}, {@code 5-fluorouracil}, {@code interferon (alpha)}).
 */
public final class LuceneQuery {
    private static final String SPECIAL = "\\+-!():^[]\"{}~*?|&/";

    private LuceneQuery() {}

    /** Escapes every Lucene query syntax character with a backslash, as Lucene's {@code QueryParser.escape} does. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A query that matches either name as a phrase, so that a text naming both scores above a text naming one:
     * {@code "amlodipine" OR "hypertension"}. Blank names are left out; null when both are blank.
     */
    public static String forNames(String... names) {
        List<String> phrases = new ArrayList<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                // The reserved words AND/OR/NOT are harmless inside a quoted phrase.
                phrases.add('"' + escape(name.strip()) + '"');
            }
        }
        return phrases.isEmpty() ? null : String.join(" OR ", phrases);
    }
}

package org.kedrec.plugin;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which node id an xref or a name resolved to, per database and label, so repeated calls by name skip
 * the label scan. Entries are only hints: {@link EntityLookup} re-reads the node by id and checks that it still
 * matches the input before using one, so a changed graph can never make a hint give a wrong answer.
 */
final class LookupCache {
    /** Plenty for every drug and disease name and xref of the demo graph; beyond it the cache starts afresh. */
    static final int MAX_ENTRIES = 50_000;

    private final Map<String, String> ids = new ConcurrentHashMap<>();

    String get(String database, String label, String input) {
        return ids.get(key(database, label, input));
    }

    void put(String database, String label, String input, String id) {
        if (ids.size() >= MAX_ENTRIES) {
            ids.clear();
        }
        ids.put(key(database, label, input), id);
    }

    private static String key(String database, String label, String input) {
        return database + '\u0000' + label + '\u0000' + input.strip().toLowerCase(Locale.ROOT);
    }
}

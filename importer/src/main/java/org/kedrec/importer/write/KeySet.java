package org.kedrec.importer.write;

/**
 * A set of 64-bit hashes of relationship keys (ends and key properties), in a plain {@code long[]}: 16 bytes per key
 * instead of a {@code HashSet<String>}'s ~100, so a run can own millions of relationships (full DRKG). Two keys with
 * the same hash are harmless: the second is treated as a repeat and MERGEd, which creates it if it was not one.
 */
final class KeySet {
    private long[] slots = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** Adds a key; false when it (or a key with the same hash) was added before. */
    boolean add(String startId, String endId, String keyString) {
        long hash = hash(startId, endId, keyString);
        if (hash == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        return insert(slots, hash);
    }

    private boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        int i = (int) (mix(hash) & mask);
        while (table[i] != 0) {
            if (table[i] == hash) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = hash;
        if (table == slots) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long h : old) {
            if (h != 0) {
                int mask = slots.length - 1;
                int i = (int) (mix(h) & mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = h;
            }
        }
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    /** 64-bit FNV-1a over the three parts, with separators so that ("ab", "c") and ("a", "bc") differ. */
    static long hash(String a, String b, String c) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, a);
        h = (h ^ 0x1F) * 0x100000001b3L;
        h = fnv(h, b);
        h = (h ^ 0x1E) * 0x100000001b3L;
        return fnv(h, c);
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}

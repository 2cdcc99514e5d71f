package org.kedrec.core.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * The keys and values of every layer for the tokens decoded so far, shape (B, heads, length, headDim) each, so
 * each new token attends to the past without recomputing it. Belongs to one decoding call (its arrays live in
 * that call's NDManager); not thread-safe.
 */
public final class KvCache {
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    KvCache(int layers) {
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Tokens held. */
    public int length() {
        return length;
    }

    NDArray appendKeys(int layer, NDArray k) {
        keys[layer] = append(keys[layer], k);
        return keys[layer];
    }

    NDArray appendValues(int layer, NDArray v) {
        values[layer] = append(values[layer], v);
        return values[layer];
    }

    private static NDArray append(NDArray old, NDArray added) {
        if (old == null) {
            return added;
        }
        NDArray grown = old.concat(added, 2);
        old.close(); // kept out of every scope by keepArrays(), so nothing else closes it
        return grown;
    }

    /**
     * Takes the current arrays out of the enclosing {@link NDScope}, so a decoding step can free all its
     * temporaries while the cache lives on until the next step replaces it or {@link #close} frees it.
     */
    void keepArrays() {
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] != null) {
                NDScope.unregister(keys[l], values[l]);
            }
        }
    }

    /** Keeps the first {@code tokens} positions. */
    public void truncate(int tokens) {
        if (tokens >= length) {
            return;
        }
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] != null) {
                NDArray k = keys[l].get(":, :, 0:" + tokens + ", :");
                NDArray v = values[l].get(":, :, 0:" + tokens + ", :");
                keys[l].close();
                values[l].close();
                keys[l] = k;
                values[l] = v;
            }
        }
        length = tokens;
    }

    /** Frees the arrays. */
    public void close() {
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] != null) {
                keys[l].close();
                values[l].close();
                keys[l] = null;
                values[l] = null;
            }
        }
    }

    void advance(int tokens) {
        length += tokens;
    }

    /**
     * Keeps the batch rows {@code rows} (int64, one entry per new row, repeats allowed): how beam search follows
     * the surviving hypotheses, and how one prompt's cache is shared by several continuations.
     */
    public void select(NDArray rows) {
        for (int l = 0; l < keys.length; l++) {
            if (keys[l] != null) {
                NDArray k = keys[l].get(rows);
                NDArray v = values[l].get(rows);
                keys[l].close();
                values[l].close();
                keys[l] = k;
                values[l] = v;
            }
        }
    }
}

package org.kedrec.core.lm;

import ai.djl.ndarray.NDArray;

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
        keys[layer] = keys[layer] == null ? k : keys[layer].concat(k, 2);
        return keys[layer];
    }

    NDArray appendValues(int layer, NDArray v) {
        values[layer] = values[layer] == null ? v : values[layer].concat(v, 2);
        return values[layer];
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
                keys[l] = keys[l].get(rows);
                values[l] = values[l].get(rows);
            }
        }
    }
}

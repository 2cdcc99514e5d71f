package org.kedrec.core.lm;

/**
 * One decoding call's view of a causal language model: rows of token sequences that grow together. The student
 * keeps a key/value cache; a TorchScript model recomputes. Not thread-safe; closed at the end of the call.
 */
public interface LmSession extends AutoCloseable {
    /**
     * Appends {@code tokens[row]} to each row (every row gets the same number of tokens; a fresh session has one
     * empty row per entry) and returns the next-token logits after the last appended token, one array per row.
     */
    float[][] append(int[][] tokens);

    /** Keeps the rows {@code rows} in that order (repeats allowed): beam search's survivors, or copies of a prompt. */
    void keepRows(int[] rows);

    /** Forgets every token after the first {@code length} (greedy search backs out of dead ends this way). */
    void truncate(int length);

    /** Tokens per row so far. */
    int length();

    @Override
    void close();
}

package org.kedrec.core.lm;

import ai.djl.Device;

/**
 * A causal language model the serving API can decode with: the student trained here, or a user's TorchScript
 * export. Thread-safe: each call opens its own {@link LmSession}.
 */
public interface CausalLm extends AutoCloseable {
    BpeTokenizer tokenizer();

    /** Longest sequence (prompt + answer) the model takes. */
    int maxSeqLen();

    /** The token that ends an answer. */
    int eosId();

    /** Token ids that must never be generated (padding, prompt markers). */
    int[] blockedIds();

    long parameterCount();

    Device device();

    /** {@code student} or {@code torchscript}. */
    String kind();

    LmSession newSession();

    @Override
    void close();
}

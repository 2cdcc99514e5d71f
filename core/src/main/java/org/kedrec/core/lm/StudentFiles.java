package org.kedrec.core.lm;

/** The files of a student directory ({@code <model>/student/}). */
public final class StudentFiles {
    /** The Hugging Face-compatible tokenizer. */
    public static final String TOKENIZER = "tokenizer.json";
    /** The {@link StudentConfig} as JSON. */
    public static final String CONFIG = "student.json";
    /** DJL parameter file prefix: {@code student-0000.params}. */
    public static final String PARAMS_PREFIX = "student";
    /** The {@link StudentLexicon}. */
    public static final String LEXICON = "lexicon.json";
    /** Training metrics, data hash and timings. */
    public static final String METRICS = "metrics.json";
    /** A bring-your-own model's settings (prompt template, end token, …). */
    public static final String BYO_CONFIG = "kedrec-lm.json";
    /** A bring-your-own model's TorchScript file. */
    public static final String TORCHSCRIPT = "model.pt";

    private StudentFiles() {}
}

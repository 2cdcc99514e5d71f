package org.kedrec.core.rationale;

import org.kedrec.core.dataset.ExpRxRecExample;

/**
 * Writes the selection and rationale of an example whose label is known (knowledge distillation's teacher).
 * Implementations: the built-in {@link EvidenceTeacher}, and in the importer a client for any OpenAI-compatible
 * chat-completions endpoint that falls back to the evidence teacher when an answer fails validation.
 */
public interface Teacher {
    /** The teacher's name and version as written into examples, e.g. {@code evidence-teacher/1}. */
    String name();

    /** The answer for an example with {@code output == null} and a known {@code label}. */
    Answer answer(ExpRxRecExample example);

    /**
     * An answer and who wrote it (a fallback teacher may have written it instead of the one asked).
     *
     * @param output the selection and rationale, e.g. {@code [C1]. [C1] binds … [E1] …}
     * @param teacher the name of the teacher that wrote it
     */
    record Answer(String output, String teacher) {}
}

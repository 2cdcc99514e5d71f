package org.kedrec.core.lm;

import java.util.List;
import java.util.Set;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.evidence.EvidenceItem;

/** Turns an example into a backend's prompt tokens, and a candidate's answer opening into tokens. */
interface PromptEncoder {
    /** A prompt and what the constraint needs about it. */
    record Encoded(int[] ids, List<EvidenceItem> shownEvidence, Set<String> evidenceWords) {}

    Encoded encode(ExpRxRecExample example);

    /** The tokens of {@code [Ck].}, the opening of an answer that selects candidate {@code index}. */
    int[] answerOpening(int index);

    /** Longest answer the prompt leaves room for. */
    int answerBudget();
}

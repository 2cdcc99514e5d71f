package org.kedrec.core.dataset;

import java.util.List;
import org.kedrec.core.evidence.EvidenceItem;

/**
 * One expRxRec instruction example: a disease, candidate drugs (one relevant, one hard negative, in random order),
 * numbered evidence, and the teacher's selection and rationale. {@code instruction}/{@code input}/{@code output}
 * make it Alpaca-compatible, so standard fine-tuning tools read it; the structured fields let our own student
 * render its own prompt, check citations, and map slots back to names and ids.
 *
 * @param id stable id: {@code <disease>|<relevant drug>|<variant>}
 * @param input the prompt rendered by {@link PromptFormat#renderInput}
 * @param output the teacher's answer with slots: {@code [C1]. [C1] binds CACNA1C … [E1] …}
 * @param label index into {@code candidates} of the relevant drug; -1 when unknown (inference)
 * @param answer the slot of the relevant drug, e.g. {@code [C1]}; null when unknown
 * @param split {@code train}, {@code validation}, {@code test} or {@code zeroshot}
 * @param variant {@code vanilla} (graph paths only), {@code trials}, {@code publications} or {@code both}
 * @param negativeMethod how the hard negative was chosen: {@code nonIndication}, {@code embedding} or {@code structural}
 * @param teacher who wrote {@code output}, e.g. {@code evidence-teacher/1}
 */
public record ExpRxRecExample(
        String id,
        String instruction,
        String input,
        String output,
        SlotEntity disease,
        List<SlotEntity> candidates,
        int label,
        String answer,
        List<EvidenceItem> evidence,
        String split,
        String variant,
        String negativeMethod,
        String teacher) {

    public static final String INSTRUCTION =
            "Choose the drug that treats the disease and explain why, citing the evidence.";

    public ExpRxRecExample {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /**
     * Whether the example itself establishes that the candidate in {@code candidateSlot} is not a known treatment of
     * the disease. A dataset example names how its hard negative was chosen ({@code negativeMethod}): every candidate
     * but the relevant one ({@code label}) was picked among drugs that do not treat the disease. An example built at
     * serving time has no negative method and establishes nothing of the kind: the user's candidates may all treat
     * the disease, and its label, if any, is only the candidate a rationale argues for.
     */
    public boolean knownNonTreatment(String candidateSlot) {
        return establishesLabels() && candidates.stream().anyMatch(c -> c.slot().equals(candidateSlot))
                && !candidates.get(label).slot().equals(candidateSlot);
    }

    /**
     * Whether the example itself establishes that the candidate in {@code candidateSlot} treats the disease: a
     * dataset example's relevant drug (a disease-modifying indication, its edge held out of the graph for
     * validation and test pairs). Not so at serving time, where the label is at most the candidate argued for.
     */
    public boolean knownTreatment(String candidateSlot) {
        return establishesLabels() && candidates.get(label).slot().equals(candidateSlot);
    }

    private boolean establishesLabels() {
        return negativeMethod != null && label >= 0 && label < candidates.size();
    }

    /** The evidence items about one candidate slot. */
    public List<EvidenceItem> evidenceFor(String candidateSlot) {
        return evidence.stream().filter(e -> candidateSlot.equals(e.candidate())).toList();
    }
}

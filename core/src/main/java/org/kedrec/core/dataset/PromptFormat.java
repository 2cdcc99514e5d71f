package org.kedrec.core.dataset;

import java.util.List;
import java.util.StringJoiner;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.kedrec.core.evidence.EvidenceItem;

/**
 * The text layout of an example's {@code input}, shared by the dataset builder, the student and the plugin:
 *
 * <pre>
 * Disease: [D] hypertension
 * Candidates: [C1] Amlodipine; [C2] Warfarin
 * Evidence:
 * [E1] [C1] -BINDS-> CACNA1C <-ASSOCIATES- [D]
 * [E2] trial NCT00000000 (phase 3, completed): [C1] for [D]
 * [E3] PMID 12345678 mentions [C1] and [D]: "[C1] in [D]"
 * </pre>
 *
 * Names of the disease and the candidates appear only on the first two lines; evidence refers to them by slot,
 * also inside publication titles. Intermediate nodes appear by name. An example with no evidence says
 * {@code Evidence: none}. {@link ExampleAssembler} writes the evidence lines.
 */
public final class PromptFormat {
    private static final Pattern EVIDENCE_SLOT = Pattern.compile("\\[E\\d+]");

    private PromptFormat() {}

    public static String renderInput(SlotEntity disease, List<SlotEntity> candidates, List<EvidenceItem> evidence) {
        StringBuilder out = new StringBuilder();
        out.append("Disease: ").append(disease.slot()).append(' ').append(disease.name()).append('\n');
        StringJoiner joined = new StringJoiner("; ");
        for (SlotEntity candidate : candidates) {
            joined.add(candidate.slot() + " " + candidate.name());
        }
        out.append("Candidates: ").append(joined).append('\n');
        if (evidence.isEmpty()) {
            out.append("Evidence: none");
            return out.toString();
        }
        out.append("Evidence:");
        for (EvidenceItem item : evidence) {
            out.append('\n').append(item.slot()).append(' ').append(item.text());
        }
        return out.toString();
    }

    /** The evidence slots {@code text} cites ({@code [E3]}), in order, repeats kept. */
    public static List<String> evidenceSlotsIn(String text) {
        return EVIDENCE_SLOT.matcher(text).results().map(MatchResult::group).toList();
    }

    /** The slot of the {@code index}-th evidence item (0-based): {@code [E1]} for 0. */
    public static String evidenceSlot(int index) {
        return "[E" + (index + 1) + "]";
    }
}

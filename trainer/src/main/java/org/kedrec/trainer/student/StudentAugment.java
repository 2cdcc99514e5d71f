package org.kedrec.trainer.student;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExampleAssembler;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.PromptFormat;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.rationale.EvidenceTeacher;

/**
 * Training-time views of an example. {@link #reversed}: the same candidates in another order. A student that
 * reads slots must not prefer a position, and the demo set has only ~480 training pairs, so every pair is also
 * shown with its candidates swapped: the candidates, their evidence blocks (listed candidate by candidate, as
 * {@code ExampleAssembler} lists them), the evidence numbering and every slot in the evidence and in the teacher's
 * answer are renamed consistently. The teacher's words are kept as they are (only slots change), so this works for
 * any teacher, and the answer still cites exactly the items it cited before.
 */
final class StudentAugment {
    private static final Pattern SLOT = Pattern.compile("\\[(?:C|E)\\d+\\]");

    private StudentAugment() {}

    /** The example with its candidates reversed (for two candidates: swapped). */
    static ExpRxRecExample reversed(ExpRxRecExample example) {
        int n = example.candidates().size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
        }
        return permuted(example, order);
    }

    /**
     * The example with its candidates in a new order: {@code order[i]} is the old index of the candidate that
     * becomes {@code [C(i+1)]}.
     */
    static ExpRxRecExample permuted(ExpRxRecExample example, int[] order) {
        int n = example.candidates().size();
        if (order.length != n) {
            throw new IllegalArgumentException(Messages.format(
                    "A candidate order for %s must list its %d candidates but lists %d.", example.id(), n,
                    order.length));
        }
        Map<String, String> rename = new HashMap<>();
        List<SlotEntity> candidates = new ArrayList<>();
        int label = -1;
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            int old = order[i];
            if (old < 0 || old >= n || used[old]) {
                throw new IllegalArgumentException(Messages.format(
                        "The candidate order %s is not a permutation of 0..%d.", java.util.Arrays.toString(order),
                        n - 1));
            }
            used[old] = true;
            SlotEntity candidate = example.candidates().get(old);
            String slot = SlotEntity.candidateSlot(i);
            rename.put(candidate.slot(), slot);
            candidates.add(new SlotEntity(slot, candidate.id(), candidate.name()));
            if (old == example.label()) {
                label = i;
            }
        }
        // Evidence is listed candidate by candidate in slot order; items about no candidate keep their place last.
        List<EvidenceItem> ordered = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String oldSlot = example.candidates().get(order[i]).slot();
            ordered.addAll(example.evidenceFor(oldSlot));
        }
        for (EvidenceItem item : example.evidence()) {
            if (item.candidate() == null || !rename.containsKey(item.candidate())) {
                ordered.add(item);
            }
        }
        for (int i = 0; i < ordered.size(); i++) {
            rename.put(ordered.get(i).slot(), PromptFormat.evidenceSlot(i));
        }
        List<EvidenceItem> evidence = new ArrayList<>();
        for (EvidenceItem item : ordered) {
            List<SlotEntity> entities = item.entities().stream()
                    .map(e -> e.slot() == null ? e : new SlotEntity(rename(e.slot(), rename), e.id(), e.name()))
                    .toList();
            evidence.add(renumbered(item, rename.get(item.slot()),
                    item.candidate() == null ? null : rename(item.candidate(), rename), rename(item.text(), rename),
                    entities));
        }
        String answer = label >= 0 ? candidates.get(label).slot() : null;
        String input = PromptFormat.renderInput(example.disease(), candidates, evidence);
        return new ExpRxRecExample(example.id() + "|order" + java.util.Arrays.toString(order).replace(" ", ""),
                example.instruction(), input, rename(example.output(), rename), example.disease(), candidates, label,
                answer, evidence, example.split(), example.variant(), example.negativeMethod(), example.teacher());
    }

    /**
     * The pair with no evidence and the choice alone as the answer ({@code [C2].}): in its prompt only the tool's line
     * (the ranker's order) tells the candidates apart, so the student learns to read that line.
     */
    static ExpRxRecExample choiceOnly(ExpRxRecExample example) {
        if (example.answer() == null) {
            return null;
        }
        String input = PromptFormat.renderInput(example.disease(), example.candidates(), List.of());
        return new ExpRxRecExample(example.id() + "|choice", example.instruction(), input, example.answer() + ".",
                example.disease(), example.candidates(), example.label(), example.answer(), List.of(),
                example.split(), example.variant(), example.negativeMethod(), example.teacher());
    }

    /**
     * The example as a disease without known treatments would show it: paths whose last step is a TREATS edge
     * into the disease ({@code [C1] -RESEMBLES- X -TREATS-> [D]}) removed, the rest renumbered, and the teacher's
     * answer rewritten by the evidence teacher. For a held-out (zero-shot) disease every TREATS edge is held out,
     * so such paths never occur there; a student that leans on them fails on new diseases. Null when nothing
     * would change or when another teacher wrote the answer (its words cannot be rewritten here).
     */
    static ExpRxRecExample withoutTreatmentsOfDisease(ExpRxRecExample example) {
        if (!EvidenceTeacher.NAME.equals(example.teacher()) || example.disease() == null || example.label() < 0) {
            return null;
        }
        String disease = example.disease().id();
        List<EvidenceItem> kept = new ArrayList<>();
        for (EvidenceItem item : example.evidence()) {
            boolean treatsDisease = item.kind() == EvidenceKind.PATH && !item.rels().isEmpty()
                    && GraphSchema.TREATS.equals(item.rels().get(item.rels().size() - 1))
                    && item.directions().get(item.directions().size() - 1)
                    && !item.nodes().isEmpty() && disease.equals(item.nodes().get(item.nodes().size() - 1));
            if (!treatsDisease) {
                kept.add(item);
            }
        }
        if (kept.size() == example.evidence().size()) {
            return null;
        }
        Map<String, String> rename = new HashMap<>();
        List<EvidenceItem> evidence = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            rename.put(kept.get(i).slot(), PromptFormat.evidenceSlot(i));
        }
        for (EvidenceItem item : kept) {
            evidence.add(renumbered(item, rename.get(item.slot()), item.candidate(), rename(item.text(), rename),
                    item.entities()));
        }
        ExpRxRecExample stripped = new ExpRxRecExample(example.id() + "|noTreats", example.instruction(),
                PromptFormat.renderInput(example.disease(), example.candidates(), evidence), null, example.disease(),
                example.candidates(), example.label(), example.answer(), evidence, example.split(), example.variant(),
                example.negativeMethod(), example.teacher());
        return ExampleAssembler.answered(stripped, EvidenceTeacher.rationale(stripped), EvidenceTeacher.NAME);
    }

    /**
     * The item under a new slot, candidate, text and entities, everything else kept: the graph's count of trials or
     * publications ({@code total}) too, which the evidence teacher states when it rewrites a view's answer ("tested
     * in 79 trials"); without it the view taught "at least 3 trials" where the example says 79.
     */
    private static EvidenceItem renumbered(EvidenceItem item, String slot, String candidate, String text,
            List<SlotEntity> entities) {
        return new EvidenceItem(slot, item.kind(), candidate, text, item.score(), item.id(), item.nodes(), item.rels(),
                item.directions(), item.metapath(), entities, item.phase(), item.status(), item.outcome(),
                item.title(), item.total(), item.pharmacokinetic());
    }

    /** Renames every candidate and evidence slot in one pass (so [C1]→[C2] and [C2]→[C1] do not collide). */
    static String rename(String text, Map<String, String> rename) {
        if (text == null) {
            return null;
        }
        Matcher m = SLOT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(rename.getOrDefault(m.group(), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}

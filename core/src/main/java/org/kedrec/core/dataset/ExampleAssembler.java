package org.kedrec.core.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.evidence.PublicationRecord;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.GraphPath;

/**
 * Numbers the evidence of a disease and its candidates into an {@link ExpRxRecExample} and renders its prompt
 * with {@link PromptFormat}. Shared by the dataset builder and the plugin, so a model sees the same layout in
 * training and in serving.
 *
 * <p>Evidence is listed candidate by candidate in slot order; for each candidate its paths (best first), then, if
 * the variant shows them, its trials (strongest first), then its publications (best first); slots {@code [E1]},
 * {@code [E2]}, … follow that order. The disease and the candidates appear in evidence text only as slots, also
 * inside publication titles, so the student learns to reason over slots rather than recall names.
 */
public final class ExampleAssembler {
    /** Publication titles longer than this are cut at a word boundary with an ellipsis. */
    static final int MAX_TITLE = 200;

    private ExampleAssembler() {}

    /**
     * An example without an answer ({@code output} and {@code teacher} null).
     *
     * @param id the example's id
     * @param diseaseId the disease's CURIE
     * @param diseaseName the disease's name
     * @param candidates the candidates in their final (shuffled) order
     * @param label index of the relevant candidate, -1 when unknown
     * @param variant which evidence kinds to show
     * @param split the split label, or null
     * @param negativeMethod how the hard negative was chosen, or null
     */
    public static ExpRxRecExample assemble(
            String id,
            String diseaseId,
            String diseaseName,
            List<CandidateEvidence> candidates,
            int label,
            Variant variant,
            String split,
            String negativeMethod) {
        SlotEntity disease = new SlotEntity(SlotEntity.DISEASE_SLOT, diseaseId, diseaseName);
        List<SlotEntity> slots = new ArrayList<>();
        Map<String, String> slotById = new HashMap<>();
        slotById.put(diseaseId, SlotEntity.DISEASE_SLOT);
        for (int i = 0; i < candidates.size(); i++) {
            CandidateEvidence candidate = candidates.get(i);
            String slot = SlotEntity.candidateSlot(i);
            slots.add(new SlotEntity(slot, candidate.drugId(), candidate.drugName()));
            slotById.putIfAbsent(candidate.drugId(), slot);
        }
        List<NameSlot> names = new ArrayList<>();
        names.add(new NameSlot(diseaseName, SlotEntity.DISEASE_SLOT));
        for (SlotEntity slot : slots) {
            names.add(new NameSlot(slot.name(), slot.slot()));
        }

        List<EvidenceItem> evidence = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            CandidateEvidence candidate = candidates.get(i);
            String candidateSlot = slots.get(i).slot();
            for (GraphPath path : candidate.paths()) {
                evidence.add(pathItem(PromptFormat.evidenceSlot(evidence.size()), candidateSlot, path, slotById));
            }
            if (variant.shows(EvidenceKind.TRIAL)) {
                for (TrialRecord trial : candidate.trials()) {
                    evidence.add(trialItem(PromptFormat.evidenceSlot(evidence.size()), candidateSlot, trial,
                            candidate.trialTotal()));
                }
            }
            if (variant.shows(EvidenceKind.PUBLICATION)) {
                for (PublicationRecord publication : candidate.publications()) {
                    evidence.add(publicationItem(
                            PromptFormat.evidenceSlot(evidence.size()), candidateSlot, publication, names,
                            candidate.publicationTotal()));
                }
            }
        }
        String input = PromptFormat.renderInput(disease, slots, evidence);
        String answer = label >= 0 && label < slots.size() ? slots.get(label).slot() : null;
        return new ExpRxRecExample(id, ExpRxRecExample.INSTRUCTION, input, null, disease, slots, label, answer,
                evidence, split, variant.label(), negativeMethod, null);
    }

    /** A copy of {@code example} with the teacher's output. */
    public static ExpRxRecExample answered(ExpRxRecExample example, String output, String teacher) {
        return new ExpRxRecExample(example.id(), example.instruction(), example.input(), output, example.disease(),
                example.candidates(), example.label(), example.answer(), example.evidence(), example.split(),
                example.variant(), example.negativeMethod(), teacher);
    }

    /** {@code [C1] -BINDS-> CACNA1C <-ASSOCIATES- [D]}: slots for the disease and candidates, names otherwise. */
    public static String pathText(GraphPath path, Map<String, String> slotById) {
        StringBuilder out = new StringBuilder(display(path, 0, slotById));
        for (int i = 0; i < path.rels().size(); i++) {
            boolean forward = path.directions().get(i);
            out.append(forward ? " -" : " <-").append(path.rels().get(i)).append(forward ? "-> " : "- ");
            out.append(display(path, i + 1, slotById));
        }
        return out.toString();
    }

    /** The slot of node {@code index} if it has one, else its name, else its id. */
    static String display(GraphPath path, int index, Map<String, String> slotById) {
        String slot = slotById.get(path.ids().get(index));
        if (slot != null) {
            return slot;
        }
        String name = path.names().get(index);
        return name == null || name.isBlank() ? path.ids().get(index) : name;
    }

    static EvidenceItem pathItem(String slot, String candidateSlot, GraphPath path, Map<String, String> slotById) {
        List<SlotEntity> entities = new ArrayList<>();
        for (int i = 1; i < path.ids().size() - 1; i++) {
            String id = path.ids().get(i);
            entities.add(new SlotEntity(slotById.get(id), id, path.names().get(i)));
        }
        return new EvidenceItem(slot, EvidenceKind.PATH, candidateSlot, pathText(path, slotById), path.score(),
                null, path.ids(), path.rels(), path.directions(), path.metapath(), entities,
                null, null, null, null, 0, path.pharmacokineticRole());
    }

    /** {@code trial NCT00000000 (phase 3, completed): [C1] for [D]}. */
    static EvidenceItem trialItem(String slot, String candidateSlot, TrialRecord trial, int total) {
        String summary = trial.summary();
        String text = "trial " + trial.nctNumber() + (summary.isEmpty() ? "" : " (" + summary + ")") + ": "
                + candidateSlot + " for " + SlotEntity.DISEASE_SLOT;
        return new EvidenceItem(slot, EvidenceKind.TRIAL, candidateSlot, text, trial.phaseNumber(), trial.id(),
                null, null, null, null, null, trial.phase(), trial.status(), trial.outcome(), trial.title(), total);
    }

    /** {@code PMID 12345678 mentions [C1] and [D]: "[C1] in [D]"}. */
    static EvidenceItem publicationItem(
            String slot, String candidateSlot, PublicationRecord publication, List<NameSlot> names, int total) {
        StringBuilder text = new StringBuilder("PMID ").append(publication.pmid()).append(" mentions ")
                .append(candidateSlot).append(" and ").append(SlotEntity.DISEASE_SLOT);
        if (publication.title() != null && !publication.title().isBlank()) {
            text.append(": \"").append(shorten(slotNames(publication.title(), names))).append('"');
        }
        return new EvidenceItem(slot, EvidenceKind.PUBLICATION, candidateSlot, text.toString(), publication.score(),
                publication.id(), null, null, null, null, null, null, null, null, publication.title(), total);
    }

    /** A name and the slot that replaces it in free text. */
    record NameSlot(String name, String slot) {}

    /** Replaces whole-word, case-insensitive occurrences of the names with their slots, longest names first. */
    static String slotNames(String text, List<NameSlot> names) {
        List<NameSlot> ordered = new ArrayList<>(names.stream()
                .filter(n -> n.name() != null && n.name().strip().length() >= 3).toList());
        ordered.sort(Comparator.comparingInt((NameSlot n) -> n.name().length()).reversed());
        String out = text.replace('"', '\'');
        for (NameSlot name : ordered) {
            Pattern pattern = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name.name().strip())
                    + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            out = pattern.matcher(out).replaceAll(Matcher.quoteReplacement(name.slot()));
        }
        return out;
    }

    static String shorten(String title) {
        String stripped = title.strip();
        if (stripped.length() <= MAX_TITLE) {
            return stripped;
        }
        int cut = stripped.lastIndexOf(' ', MAX_TITLE - 1);
        return stripped.substring(0, cut > MAX_TITLE / 2 ? cut : MAX_TITLE - 1) + "…";
    }
}

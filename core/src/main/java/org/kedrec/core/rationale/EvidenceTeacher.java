package org.kedrec.core.rationale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.SlotEntity;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.evidence.EvidenceKind;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.PathKind;

/**
 * The built-in teacher: deterministic, grounded rationales written from an example's own evidence. It selects
 * the labelled candidate and explains the choice with at most two of that candidate's paths (verbalised per
 * metapath, e.g. {@code [C1] binds CACNA1C, a gene associated with [D] [E1]}), its trials and publications when
 * the variant shows them, and one sentence on the other candidate. It cites only slots and ids of the example:
 * candidate and disease slots, evidence slots, and the NCT/PMID numbers of the trials and publications listed;
 * intermediate nodes are named as the example's evidence names them. A typical answer is 40 to 80 tokens.
 */
public final class EvidenceTeacher implements Teacher {
    /**
     * The teacher's name and version, written into every example: /3 words the shared-gene path neutrally ("binds
     * ABCC10, as does Cytarabine"), since for half of those paths the gene is not a target of either drug; /4 is
     * given datasets whose paths know the drug's binding roles, so it no longer opens with the enzyme or transporter
     * that handles the drug (the wording is /3's; a home with an older dataset rebuilds it and retrains its student).
     */
    public static final String NAME = "evidence-teacher/6";

    /** At most this many paths of the selected candidate are explained in words. */
    static final int PATH_REASONS = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Answer answer(ExpRxRecExample example) {
        return new Answer(rationale(example), NAME);
    }

    /** The selection and rationale for an example with a known label. */
    public static String rationale(ExpRxRecExample example) {
        if (example.label() < 0 || example.label() >= example.candidates().size()) {
            throw new IllegalArgumentException(Messages.format(
                    "Example %s has no known label (label %d of %d candidates); the evidence teacher only answers "
                            + "examples whose relevant drug is known.",
                    example.id(), example.label(), example.candidates().size()));
        }
        String selected = example.candidates().get(example.label()).slot();
        String disease = SlotEntity.DISEASE_SLOT;
        List<EvidenceItem> own = example.evidenceFor(selected);
        List<EvidenceItem> paths = ofKind(own, EvidenceKind.PATH);
        List<EvidenceItem> trials = ofKind(own, EvidenceKind.TRIAL);
        List<EvidenceItem> publications = ofKind(own, EvidenceKind.PUBLICATION);

        StringBuilder out = new StringBuilder(selected).append('.');
        if (own.isEmpty()) {
            out.append(' ').append(noEvidence(example, selected));
        }
        if (!paths.isEmpty()) {
            StringJoiner reasons = new StringJoiner("; it also ");
            List<String> usedMetapaths = new ArrayList<>();
            for (EvidenceItem path : mechanismFirst(paths)) {
                if (usedMetapaths.size() >= PATH_REASONS) {
                    break;
                }
                if (usedMetapaths.contains(path.metapath())) {
                    continue;
                }
                usedMetapaths.add(path.metapath());
                reasons.add(verbalise(path, example) + " " + path.slot());
            }
            out.append(' ').append(selected).append(' ').append(reasons).append('.');
        }
        if (!trials.isEmpty()) {
            out.append(' ').append(trialSentences(paths.isEmpty() ? selected : "It", disease, trials));
        }
        if (!publications.isEmpty()) {
            out.append(' ').append(paths.isEmpty() && trials.isEmpty() ? selected : "It")
                    .append(publicationWords(disease, publications));
        }
        for (SlotEntity other : example.candidates()) {
            if (!other.slot().equals(selected)) {
                out.append(' ').append(contrast(example, selected, other.slot()));
            }
        }
        return out.toString();
    }

    /**
     * The sentence for a selected drug without any evidence. It says why the drug is chosen only where the example
     * establishes it (a dataset example's relevant drug, a disease-modifying indication); a drug the model ranked
     * or the user passed is no known treatment for all the example knows.
     */
    static String noEvidence(ExpRxRecExample example, String selected) {
        String disease = SlotEntity.DISEASE_SLOT;
        return example.knownTreatment(selected)
                ? Messages.format("No evidence here links %s to %s; it is chosen as a disease-modifying treatment "
                        + "of %s.", selected, disease, disease)
                : Messages.format("No evidence here links %s to %s.", selected, disease);
    }

    /** One sentence on why {@code other} is the weaker candidate, from what its evidence lacks. */
    static String contrast(ExpRxRecExample example, String selected, String other) {
        String disease = SlotEntity.DISEASE_SLOT;
        List<EvidenceItem> theirs = example.evidenceFor(other);
        if (theirs.isEmpty()) {
            return Messages.format("Nothing in the evidence links %s to %s.", other, disease);
        }
        List<EvidenceItem> ours = example.evidenceFor(selected);
        String cite = theirs.get(0).slot();
        List<String> missing = new ArrayList<>();
        if (!ofKind(ours, EvidenceKind.TRIAL).isEmpty() && ofKind(theirs, EvidenceKind.TRIAL).isEmpty()) {
            missing.add("trial");
        }
        if (!ofKind(ours, EvidenceKind.PUBLICATION).isEmpty() && ofKind(theirs, EvidenceKind.PUBLICATION).isEmpty()) {
            missing.add("publication");
        }
        if (!missing.isEmpty()) {
            return Messages.format("%s is linked to %s %s but has no %s for it.",
                    other, disease, cite, String.join(" or ", missing));
        }
        List<EvidenceItem> ourPaths = ofKind(ours, EvidenceKind.PATH);
        List<EvidenceItem> theirPaths = ofKind(theirs, EvidenceKind.PATH);
        if (!ourPaths.isEmpty() && theirPaths.isEmpty()) {
            return Messages.format("%s has no graph path to %s %s.", other, disease, cite);
        }
        if (!ourPaths.isEmpty() && best(ourPaths).score() > best(theirPaths).score()) {
            return Messages.format("%s's best link %s runs through less specific, highly connected nodes.",
                    other, best(theirPaths).slot());
        }
        // Only an example that establishes it may say so: at serving time the other candidate may treat the disease
        // too (kedrec.select with Losartan and Amlodipine for hypertension).
        return example.knownNonTreatment(other)
                ? Messages.format("%s is also linked to %s %s, but is not among its known treatments.", other,
                        disease, cite)
                : Messages.format("%s is also linked to %s %s.", other, disease, cite);
    }

    /** The path in words from the drug's side, without the drug: {@code binds X, a gene associated with [D]}. */
    static String verbalise(EvidenceItem path, ExpRxRecExample example) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < path.nodes().size(); i++) {
            names.add(displayName(path, i, example));
        }
        return ClaimGrammar.verbalise(path.metapath(), path.rels(), names, path.pharmacokineticRole());
    }

    /**
     * The trial sentences. The count is the graph's ({@link EvidenceItem#total()}), not the number cited; the
     * strongest support is the first trial by {@link TrialRecord#STRONGEST_FIRST} that supports the drug, named only
     * when its phase or status is known; a stopped or failed trial is named as such and never called support.
     */
    static String trialSentences(String subject, String disease, List<EvidenceItem> trials) {
        List<EvidenceItem> ordered = new ArrayList<>(trials);
        ordered.sort((a, b) -> TrialRecord.STRONGEST_FIRST.compare(record(a), record(b)));
        StringBuilder out = new StringBuilder(subject).append(" was tested for ").append(disease);
        int total = trials.get(0).total();
        if (trials.size() == 1 && total <= 1) {
            EvidenceItem only = trials.get(0);
            return out.append(" in trial ").append(withSummary(only)).append(' ').append(only.slot()).append('.')
                    .toString();
        }
        // Each trial is cited once: the strongest with its summary, stopped or failed ones in their own sentence,
        // the rest right after the count.
        EvidenceItem strongest = ordered.get(0);
        TrialRecord best = record(strongest);
        boolean named = best.supports() && !best.summary().isEmpty();
        List<EvidenceItem> rest = new ArrayList<>();
        List<String> weak = new ArrayList<>();
        for (EvidenceItem trial : ordered) {
            if (!record(trial).supports()) {
                weak.add(withSummary(trial) + " " + trial.slot());
            } else if (!(named && trial == strongest)) {
                rest.add(trial);
            }
        }
        out.append(" in ").append(count(total, trials.size(), "trial", "trials"));
        if (!rest.isEmpty()) {
            out.append(' ').append(slots(rest));
        }
        if (named) {
            out.append("; the strongest is ").append(withSummary(strongest)).append(' ').append(strongest.slot());
        }
        out.append('.');
        if (!weak.isEmpty()) {
            out.append(' ').append(String.join(" and ", weak)).append(" did not succeed.");
        }
        return out.toString();
    }

    /** {@code " is mentioned with [D] in PMID 123 [E5]."} or {@code " … in 12 publications [E5][E6]."}. */
    static String publicationWords(String disease, List<EvidenceItem> publications) {
        StringBuilder out = new StringBuilder(" is mentioned with ").append(disease);
        int total = publications.get(0).total();
        if (publications.size() == 1 && total <= 1) {
            out.append(" in PMID ").append(pmid(publications.get(0)));
        } else {
            out.append(" in ").append(count(total, publications.size(), "publication", "publications"));
        }
        return out.append(' ').append(slots(publications)).append('.').toString();
    }

    /** {@code 79 trials}: the graph's count when known, else {@code at least 3 trials} (the items shown). */
    static String count(int total, int shown, String one, String many) {
        if (total <= 0) {
            return "at least " + shown + " " + (shown == 1 ? one : many);
        }
        return total + " " + (total == 1 ? one : many);
    }

    /** {@code NCT00000102 (phase 3, completed, succeeded)}, or the bare number when nothing more is known. */
    static String withSummary(EvidenceItem trial) {
        String summary = record(trial).summary();
        return nct(trial) + (summary.isEmpty() ? "" : " (" + summary + ")");
    }

    /** The trial an evidence item stands for. */
    public static TrialRecord record(EvidenceItem trial) {
        return new TrialRecord(trial.id(), trial.title(), trial.phase(), trial.status(), trial.outcome(), null);
    }

    /**
     * Mechanism paths ({@link PathKind#MECHANISM}) first, each group in its given order. A path known to leave the
     * drug through a pharmacokinetic protein ({@link EvidenceItem#isPharmacokinetic()}) is no mechanism of action
     * and keeps its place among the rest, which in the student's prompts is last (the dataset builder and
     * {@code kedrec.select} pick such paths after the others).
     */
    static List<EvidenceItem> mechanismFirst(List<EvidenceItem> paths) {
        List<EvidenceItem> out = new ArrayList<>();
        for (EvidenceItem path : paths) {
            if (isMechanism(path)) {
                out.add(path);
            }
        }
        for (EvidenceItem path : paths) {
            if (!isMechanism(path)) {
                out.add(path);
            }
        }
        return out;
    }

    private static boolean isMechanism(EvidenceItem path) {
        return ClaimGrammar.kind(path) == PathKind.MECHANISM && !path.isPharmacokinetic();
    }

    /** A node of a path as the example names it: its slot for the disease and candidates, else its name. */
    public static String displayName(EvidenceItem path, int index, ExpRxRecExample example) {
        String id = path.nodes().get(index);
        if (id.equals(example.disease().id())) {
            return SlotEntity.DISEASE_SLOT;
        }
        for (SlotEntity candidate : example.candidates()) {
            if (id.equals(candidate.id())) {
                return candidate.slot();
            }
        }
        for (SlotEntity entity : path.entities()) {
            if (id.equals(entity.id())) {
                if (entity.slot() != null) {
                    return entity.slot();
                }
                return entity.name() == null || entity.name().isBlank() ? id : entity.name();
            }
        }
        return id;
    }

    private static EvidenceItem best(List<EvidenceItem> paths) {
        EvidenceItem best = paths.get(0);
        for (EvidenceItem path : paths) {
            if (path.score() > best.score()) {
                best = path;
            }
        }
        return best;
    }

    private static String nct(EvidenceItem trial) {
        return trial.id().startsWith("NCT:") ? trial.id().substring(4) : trial.id();
    }

    private static String pmid(EvidenceItem publication) {
        return publication.id().startsWith("PMID:") ? publication.id().substring(5) : publication.id();
    }

    private static String slots(List<EvidenceItem> items) {
        StringBuilder out = new StringBuilder();
        items.forEach(item -> out.append(item.slot()));
        return out.toString();
    }

    private static List<EvidenceItem> ofKind(List<EvidenceItem> items, EvidenceKind kind) {
        return items.stream().filter(item -> item.kind() == kind).toList();
    }
}

package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.kedrec.core.Messages;

/**
 * The built-in teacher: deterministic, grounded rationales written from an example's own evidence. It selects
 * the labelled candidate and explains the choice with at most two of that candidate's paths (verbalised per
 * metapath, e.g. {@code [C1] binds CACNA1C, a gene associated with [D] [E1]}), its trials and publications when
 * the variant shows them, and one sentence on the other candidate. It cites only slots and ids of the example:
 * candidate and disease slots, evidence slots, and the NCT/PMID numbers of the trials and publications listed;
 * intermediate nodes are named as the example's evidence names them. A typical answer is 40 to 80 tokens.
 */
public final class EvidenceTeacher implements Teacher {
    public static final String NAME = "evidence-teacher/1";

    /** At most this many paths of the selected candidate are explained in words. */
    static final int PATH_REASONS = 2;

    private static final Map<String, String> DRUG_GENE = Map.of(
            "b", "binds", "u", "upregulates", "d", "downregulates");
    private static final Map<String, String> DISEASE_GENE = Map.of(
            "a", "a gene associated with", "u", "a gene upregulated in", "d", "a gene downregulated in");
    private static final Map<String, String> GENE_GENE = Map.of(
            "i", "interacts with", "c", "covaries with", "r>", "regulates", "<r", "is regulated by");

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
            out.append(' ').append(Messages.format(
                    "No evidence here links %s to %s; it is chosen as a disease-modifying treatment of %s.",
                    selected, disease, disease));
        }
        if (!paths.isEmpty()) {
            StringJoiner reasons = new StringJoiner("; it also ");
            List<String> usedMetapaths = new ArrayList<>();
            for (EvidenceItem path : paths) {
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
            EvidenceItem strongest = trials.get(0);
            String summary = describeTrial(strongest);
            out.append(' ').append(paths.isEmpty() ? selected : "It").append(" was tested for ").append(disease);
            if (trials.size() == 1) {
                out.append(" in trial ").append(nct(strongest)).append(summary).append(' ');
            } else {
                out.append(" in ").append(trials.size()).append(" trials, the strongest ").append(nct(strongest))
                        .append(summary).append(' ');
            }
            out.append(slots(trials)).append('.');
        }
        if (!publications.isEmpty()) {
            String subject = paths.isEmpty() && trials.isEmpty() ? selected : "It";
            out.append(' ').append(subject).append(" is mentioned with ").append(disease);
            if (publications.size() == 1) {
                out.append(" in PMID ").append(pmid(publications.get(0)));
            } else {
                out.append(" in ").append(publications.size()).append(" publications");
            }
            out.append(' ').append(slots(publications)).append('.');
        }
        for (SlotEntity other : example.candidates()) {
            if (!other.slot().equals(selected)) {
                out.append(' ').append(contrast(example, selected, other.slot()));
            }
        }
        return out.toString();
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
        return Messages.format("%s is also linked to %s %s, but is not among its known treatments.",
                other, disease, cite);
    }

    /** The path in words from the drug's side, without the drug itself: {@code binds X, a gene associated with [D]}. */
    static String verbalise(EvidenceItem path, ExpRxRecExample example) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < path.nodes().size(); i++) {
            names.add(displayName(path, i, example));
        }
        String d = names.get(names.size() - 1);
        String m = path.metapath() == null ? "" : path.metapath();
        List<String> mid = names.subList(1, names.size() - 1);
        if (m.length() == 5 && m.startsWith("C") && m.charAt(2) == 'G' && m.endsWith("D")) {
            String drugVerb = DRUG_GENE.get(m.substring(1, 2));
            String diseasePhrase = DISEASE_GENE.get(m.substring(3, 4));
            if (drugVerb != null && diseasePhrase != null) {
                return drugVerb + " " + mid.get(0) + ", " + diseasePhrase + " " + d;
            }
        }
        switch (m) {
            case "CrCtD":
                return "resembles " + mid.get(0) + ", which treats " + d;
            case "CrCpD":
                return "resembles " + mid.get(0) + ", which palliates " + d;
            case "CtDrD":
                return "treats " + mid.get(0) + ", which resembles " + d;
            case "CpDrD":
                return "palliates " + mid.get(0) + ", which resembles " + d;
            case "CbGbCtD":
                return "shares the target " + mid.get(0) + " with " + mid.get(1) + ", which treats " + d;
            case "CiPCiCtD":
                return "shares the class " + mid.get(0) + " with " + mid.get(1) + ", which treats " + d;
            case "CrCrCtD":
                return "resembles " + mid.get(0) + ", which resembles " + mid.get(1) + ", a treatment of " + d;
            case "CcSEcCtD":
                return "shares the side effect " + mid.get(0) + " with " + mid.get(1) + ", which treats " + d;
            case "CrCbGaD":
                return "resembles " + mid.get(0) + ", which binds " + mid.get(1) + ", a gene associated with " + d;
            case "CbGeAlD":
                return "binds " + mid.get(0) + ", a gene expressed in " + mid.get(1) + ", where " + d
                        + " localizes";
            case "CbGaDrD":
                return "binds " + mid.get(0) + ", a gene associated with " + mid.get(1) + ", which resembles " + d;
            case "CtDaGaD":
                return "treats " + mid.get(0) + ", which shares the gene " + mid.get(1) + " with " + d;
            case "CtDlAlD":
                return "treats " + mid.get(0) + ", which like " + d + " localizes to " + mid.get(1);
            case "CtDpSpD":
                return "treats " + mid.get(0) + ", which like " + d + " presents " + mid.get(1);
            case "CbGpPWpGaD":
                return "binds " + mid.get(0) + ", which shares the pathway " + mid.get(1) + " with " + mid.get(2)
                        + ", a gene associated with " + d;
            default:
                break;
        }
        for (Map.Entry<String, String> geneGene : GENE_GENE.entrySet()) {
            if (m.equals("CbG" + geneGene.getKey() + "GaD")) {
                return "binds " + mid.get(0) + ", which " + geneGene.getValue() + " " + mid.get(1)
                        + ", a gene associated with " + d;
            }
        }
        return "is linked to " + d + " through " + String.join(" and ", mid);
    }

    /** A node of a path as the example names it: its slot for the disease and candidates, else its name. */
    static String displayName(EvidenceItem path, int index, ExpRxRecExample example) {
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

    private static String describeTrial(EvidenceItem trial) {
        String text = trial.text();
        int open = text.indexOf(" (");
        int close = text.indexOf("):");
        return open >= 0 && close > open ? text.substring(open, close + 1) : "";
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

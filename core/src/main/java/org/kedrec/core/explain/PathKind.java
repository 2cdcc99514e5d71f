package org.kedrec.core.explain;

import java.util.List;
import java.util.Set;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.text.EnumLabels;

/**
 * What kind of reason an explanation path gives, the way a pharmacologist reads it. One definition, used by
 * {@code kedrec.explain}, {@code kedrec.recommend}'s evidence, the teacher and the dataset.
 *
 * <ul>
 *   <li>{@link #MECHANISM}: the path leaves the drug through one of its targets (the drug binds, up- or
 *       down-regulates a gene) and reaches the disease through the biology alone (genes, pathways, biological
 *       processes, molecular functions, cellular components, anatomy), never through another drug or disease;
 *   <li>{@link #CLINICAL}: a trial or a publication forms the link;
 *   <li>{@link #SIMILARITY}: everything else: the path passes through another drug, a pharmacologic class, a side
 *       effect or another disease (guilt by association);
 *   <li>{@link #PHARMACOKINETIC}: a path, of any metapath, whose first edge is a binding the drug has only as a
 *       metabolising enzyme's, transporter's or carrier's substrate (DrugBank's categories, {@link BindingRoles}):
 *       Losartan {@code -BINDS->} CYP2C9. The protein handles the drug; it is not what the drug acts on, so the
 *       path is no mechanism of action, and a drug that shares such a protein with another is not similar to it in
 *       any way that bears on the disease. Only the edges say so, not the metapath: {@link #classify} never gives
 *       it, {@link BindingRoles#labelled} does.
 * </ul>
 */
public enum PathKind {
    MECHANISM,
    SIMILARITY,
    CLINICAL,
    PHARMACOKINETIC;

    /** The relationship types by which a drug acts on a gene (its targets). */
    public static final Set<String> TARGET_TYPES = Set.of("BINDS", "UPREGULATES", "DOWNREGULATES");

    private static final Set<String> BIOLOGY_LABELS = Set.of(
            "Gene", "Pathway", "BiologicalProcess", "MolecularFunction", "CellularComponent", "Anatomy");
    private static final Set<String> CLINICAL_LABELS = Set.of("Trial", "Publication");

    /** The lower-case name users write in config maps and read in results ({@code "mechanism"}). */
    public String key() {
        return EnumLabels.lowerCase(this);
    }

    /** The kind named {@code key} (case-insensitive), or an error that lists the valid names. */
    public static PathKind of(String key) {
        return EnumLabels.findIgnoringCase(PathKind.class, PathKind::key, key).orElseThrow(() ->
                new IllegalArgumentException(org.kedrec.core.Messages.format("Unknown path kind `%s`. Valid kinds "
                        + "are: %s.", key, EnumLabels.all(PathKind.class, PathKind::key))));
    }

    /** The kind of the paths of this metapath (never {@link #PHARMACOKINETIC}, which the edges decide). */
    public static PathKind classify(Metapath metapath) {
        return classify(metapath.labels(), metapath.types());
    }

    /**
     * The kind of a path with these node labels (drug first, disease last) and relationship types.
     */
    public static PathKind classify(List<String> labels, List<String> rels) {
        List<String> inner = labels.subList(1, Math.max(1, labels.size() - 1));
        if (inner.stream().anyMatch(CLINICAL_LABELS::contains)) {
            return CLINICAL;
        }
        boolean leavesThroughTarget = !rels.isEmpty() && TARGET_TYPES.contains(rels.get(0))
                && labels.size() > 1 && labels.get(1).equals("Gene");
        if (leavesThroughTarget && inner.stream().allMatch(BIOLOGY_LABELS::contains)) {
            return MECHANISM;
        }
        return SIMILARITY;
    }
}

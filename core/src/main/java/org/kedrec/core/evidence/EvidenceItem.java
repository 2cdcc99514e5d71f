package org.kedrec.core.evidence;

import java.util.List;
import org.kedrec.core.dataset.SlotEntity;

/**
 * One numbered piece of evidence in an example ({@code [E1]}, {@code [E2]}, …), about one candidate.
 *
 * <p>For a {@link EvidenceKind#PATH}: {@code nodes} are the CURIEs along the path from the candidate drug to the
 * disease, {@code rels} the relationship types between them, {@code directions} whether each relationship points
 * along the path ({@code true}: {@code a-[r]->b}), {@code metapath} its abbreviation, {@code entities} the
 * intermediate nodes with their names. For a {@link EvidenceKind#TRIAL}: {@code id} is the {@code NCT:…} CURIE and
 * {@code phase/status/outcome} are set. For a {@link EvidenceKind#PUBLICATION}: {@code id} is the {@code PMID:…}
 * CURIE and {@code title} is set. {@code text} is the line as rendered in the prompt, with slots for the disease
 * and candidates, e.g. {@code [C1] -BINDS-> CACNA1C <-ASSOCIATES- [D]}. {@code total}, on trials and
 * publications, is how many items of that kind the graph links to the pair (of which the example shows the best
 * few), so a rationale can state the graph's count rather than the count it cites; 0 when not known (datasets built
 * before the count was recorded). {@code pharmacokinetic}, on paths, is set where the path leaves the drug through a
 * protein the drug binds only as an enzyme's, transporter's or carrier's substrate ({@code PathKind#PHARMACOKINETIC}:
 * no mechanism of action, so a rationale does not lead with it, and says what the protein is): that role,
 * {@code "enzyme"}, {@code "transporter"}, {@code "carrier"} or two of them joined by "and"
 * ({@code BindingRoles#roleOf}); {@code "true"} in datasets of {@code evidence-teacher/4} and /5, which recorded the
 * flag without the role; null where that was not read or where it is not so.
 */
public record EvidenceItem(
        String slot,
        EvidenceKind kind,
        String candidate,
        String text,
        double score,
        String id,
        List<String> nodes,
        List<String> rels,
        List<Boolean> directions,
        String metapath,
        List<SlotEntity> entities,
        String phase,
        String status,
        String outcome,
        String title,
        int total,
        String pharmacokinetic) {

    /** What older datasets wrote for a pharmacokinetic path, before the role was recorded. */
    public static final String ROLE_NOT_RECORDED = "true";

    /** An item whose binding roles were not read ({@code pharmacokinetic} null). */
    public EvidenceItem(String slot, EvidenceKind kind, String candidate, String text, double score, String id,
            List<String> nodes, List<String> rels, List<Boolean> directions, String metapath,
            List<SlotEntity> entities, String phase, String status, String outcome, String title, int total) {
        this(slot, kind, candidate, text, score, id, nodes, rels, directions, metapath, entities, phase, status,
                outcome, title, total, null);
    }

    /** An item without a graph count ({@code total} 0: unknown). */
    public EvidenceItem(String slot, EvidenceKind kind, String candidate, String text, double score, String id,
            List<String> nodes, List<String> rels, List<Boolean> directions, String metapath,
            List<SlotEntity> entities, String phase, String status, String outcome, String title) {
        this(slot, kind, candidate, text, score, id, nodes, rels, directions, metapath, entities, phase, status,
                outcome, title, 0);
    }

    public EvidenceItem {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        rels = rels == null ? List.of() : List.copyOf(rels);
        directions = directions == null ? List.of() : List.copyOf(directions);
        entities = entities == null ? List.of() : List.copyOf(entities);
        // Only "it is so" is recorded: the JSON of an example whose roles were not read stays as it was.
        pharmacokinetic = pharmacokinetic == null || pharmacokinetic.isBlank() || pharmacokinetic.equals("false")
                ? null : pharmacokinetic;
    }

    /** Whether the item is a path known to leave the drug through a pharmacokinetic protein only. */
    public boolean isPharmacokinetic() {
        return pharmacokinetic != null;
    }

    /**
     * What the protein next to the drug is to it ({@code "transporter"}, …), for a rationale to say; null where the
     * item is not pharmacokinetic or its dataset did not record the role.
     */
    public String pharmacokineticRole() {
        return ROLE_NOT_RECORDED.equals(pharmacokinetic) ? null : pharmacokinetic;
    }

    /** A copy renumbered to {@code newSlot}, e.g. when evidence is filtered for an ablation variant. */
    public EvidenceItem withSlot(String newSlot) {
        return new EvidenceItem(newSlot, kind, candidate, text, score, id, nodes, rels, directions, metapath,
                entities, phase, status, outcome, title, total, pharmacokinetic);
    }
}

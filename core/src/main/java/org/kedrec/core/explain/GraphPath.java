package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kedrec.core.graph.GraphSchema;

/**
 * One explanation path from a drug to a disease, as read from the graph.
 *
 * @param metapath its metapath's abbreviation, e.g. {@code CbGaD}
 * @param ids node CURIEs, drug first, disease last
 * @param names node names, aligned with {@code ids}
 * @param labels node labels, aligned with {@code ids}
 * @param rels relationship types, one fewer than nodes
 * @param directions per relationship: true where it points from the drug's side to the disease's side
 * @param degrees two per relationship: the metaedge degree of its drug-side node, then of its disease-side node
 * @param score the path-degree product of {@link PathScorer}; higher is more specific
 * @param kind what kind of reason the path gives (mechanism, similarity, clinical), which its labels and
 *     relationship types decide ({@link PathKind#classify}): derived once, where the path is made, by the shorter
 *     constructor, because explanations filter, sort and pick by it many times per path; a path that leaves the drug
 *     through a pharmacokinetic binding is relabelled {@link PathKind#PHARMACOKINETIC} where the roles are read
 *     ({@link BindingRoles#labelled})
 * @param pharmacokineticRole for a {@link PathKind#PHARMACOKINETIC} path, what DrugBank calls the protein next to the
 *     drug ({@code "transporter"}, …: {@link BindingRoles#roleOf}); null for every other path
 */
public record GraphPath(
        String metapath,
        List<String> ids,
        List<String> names,
        List<String> labels,
        List<String> rels,
        List<Boolean> directions,
        List<Long> degrees,
        double score,
        PathKind kind,
        String pharmacokineticRole) {

    /** A path whose kind is derived from its labels and relationship types. */
    public GraphPath(String metapath, List<String> ids, List<String> names, List<String> labels, List<String> rels,
            List<Boolean> directions, List<Long> degrees, double score) {
        this(metapath, ids, names, labels, rels, directions, degrees, score, PathKind.classify(labels, rels), null);
    }

    public GraphPath {
        Objects.requireNonNull(kind, "kind");
        if ((kind == PathKind.PHARMACOKINETIC) != (pharmacokineticRole != null)) {
            throw new IllegalArgumentException("A pharmacokinetic path names its protein's role, and only such a path "
                    + "does: kind " + kind + ", role " + pharmacokineticRole);
        }
        ids = List.copyOf(ids);
        names = names.stream().map(n -> n == null ? "" : n).toList();
        labels = List.copyOf(labels);
        rels = List.copyOf(rels);
        directions = List.copyOf(directions);
        degrees = List.copyOf(degrees);
    }

    /**
     * The same path as one that leaves its drug through a protein the drug binds only as {@code role}'s substrate
     * ({@code "enzyme"}, {@code "transporter"}, {@code "carrier"}, or two of them joined by "and";
     * {@link BindingRoles}).
     */
    public GraphPath pharmacokinetic(String role) {
        return new GraphPath(metapath, ids, names, labels, rels, directions, degrees, score, PathKind.PHARMACOKINETIC,
                Objects.requireNonNull(role, "role"));
    }

    /** Number of relationships. */
    public int length() {
        return rels.size();
    }

    /** The TREATS relationships on this path as {@code "drug|disease"} keys (the drug is the start node). */
    public List<String> treatsEdges() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rels.size(); i++) {
            if (rels.get(i).equals(GraphSchema.TREATS)) {
                boolean forward = directions.get(i);
                String start = forward ? ids.get(i) : ids.get(i + 1);
                String end = forward ? ids.get(i + 1) : ids.get(i);
                out.add(start + "|" + end);
            }
        }
        return out;
    }

    /** A stable text key for tie-breaking: the ids and relationship types in order. */
    public String signature() {
        StringBuilder out = new StringBuilder(ids.get(0));
        for (int i = 0; i < rels.size(); i++) {
            out.append(directions.get(i) ? " -" : " <-").append(rels.get(i)).append(directions.get(i) ? "-> " : "- ")
                    .append(ids.get(i + 1));
        }
        return out.toString();
    }
}

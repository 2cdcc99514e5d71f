package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.graph.CypherRunner;

/**
 * Which of a drug's {@code BINDS} genes it binds only as a pharmacokinetic protein: a metabolising enzyme, a
 * transporter or a carrier, by DrugBank's own category, rather than a pharmacological target. DrugBank files every
 * protein a drug touches under one of target, enzyme, transporter and carrier, and Hetionet keeps that as the
 * {@code sources} of the binding edge ({@code "DrugBank (enzyme)"}, …). A path that leaves Losartan through CYP2C8,
 * the enzyme that metabolises it, is true of the graph but is not the drug's mechanism of action; one through AGTR1,
 * the receptor it blocks, is. An edge with any other source (DrugBank's target list, ChEMBL, DrugCentral, binding
 * assays) or with no sources at all counts as a target: only DrugBank's own word makes a protein pharmacokinetic,
 * and only when every binding edge between the two says so.
 */
public final class BindingRoles {
    /**
     * The binding-edge sources that name a protein pharmacokinetic (DrugBank's categories other than target), each
     * with the word a rationale calls the protein by, in the order two of them are written ("enzyme and
     * transporter").
     */
    private static final Map<String, String> ROLE_WORDS = orderedRoles();

    /** The binding-edge sources that name a protein pharmacokinetic (DrugBank's categories other than target). */
    public static final Set<String> PHARMACOKINETIC_SOURCES = ROLE_WORDS.keySet();

    /** Every word {@link #roleOf} can give alone, in its order. */
    public static final List<String> ROLES = List.copyOf(ROLE_WORDS.values());

    private static Map<String, String> orderedRoles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("DrugBank (enzyme)", "enzyme");
        roles.put("DrugBank (transporter)", "transporter");
        roles.put("DrugBank (carrier)", "carrier");
        return Collections.unmodifiableMap(roles);
    }

    /** No binding is pharmacokinetic: every mechanism path counts as one through a target. */
    public static final BindingRoles NONE = new BindingRoles(Map.of());

    /**
     * The genes each drug binds only as a pharmacokinetic protein (every one of its {@code BINDS} edges to the gene,
     * where an import left more than one): one read per call, the drugs' edges only.
     */
    static final String QUERY = """
            UNWIND $drugs AS id
            MATCH (c:Drug {id: id})-[b:BINDS]->(g:Gene)
            WITH id, g, collect(coalesce(b.sources, [])) AS edges
            WHERE all(sources IN edges WHERE size(sources) > 0 AND all(s IN sources WHERE s IN $pharmacokinetic))
            RETURN id AS drug, g.id AS gene, reduce(all = [], sources IN edges | all + sources) AS sources""";

    /** Drug id to gene id to the protein's role ({@link #roleOf}). */
    private final Map<String, Map<String, String>> pharmacokinetic;

    private BindingRoles(Map<String, Map<String, String>> pharmacokinetic) {
        this.pharmacokinetic = pharmacokinetic;
    }

    /** Whether a binding edge with these sources is pharmacokinetic only (see the class comment). */
    public static boolean pharmacokineticOnly(Collection<String> sources) {
        return sources != null && !sources.isEmpty() && PHARMACOKINETIC_SOURCES.containsAll(sources);
    }

    /**
     * What a rationale calls a protein whose binding edges carry these sources, all pharmacokinetic
     * ({@link #pharmacokineticOnly}): {@code "enzyme"}, {@code "transporter"} or {@code "carrier"}, or the distinct
     * ones joined by "and" in that order where the edges disagree ({@code "enzyme and transporter"}).
     */
    public static String roleOf(Collection<String> sources) {
        if (!pharmacokineticOnly(sources)) {
            throw new IllegalArgumentException("Not a pharmacokinetic binding: " + sources);
        }
        List<String> words = new ArrayList<>();
        ROLE_WORDS.forEach((source, word) -> {
            if (sources.contains(source)) {
                words.add(word);
            }
        });
        return String.join(" and ", words);
    }

    /** The roles of the given drugs' bindings, read through {@code runner}. */
    public static BindingRoles read(CypherRunner runner, Collection<String> drugs) {
        if (drugs.isEmpty()) {
            return NONE;
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("drugs", CypherRunner.padded(drugs));
        parameters.put("pharmacokinetic", List.copyOf(PHARMACOKINETIC_SOURCES));
        Map<String, Map<String, List<String>>> sources = new HashMap<>();
        for (Map<String, Object> row : runner.run(QUERY, parameters)) {
            sources.computeIfAbsent((String) row.get("drug"), d -> new HashMap<>()).put(String.valueOf(row.get("gene")),
                    ((List<?>) row.get("sources")).stream().map(String::valueOf).toList());
        }
        return ofSources(sources);
    }

    /**
     * Roles from the sources of the binding edges: drug id to gene id to the sources of all the drug's edges to a
     * gene it binds only as a pharmacokinetic protein (what {@link #QUERY} returns, or a source that walks the graph
     * itself, e.g. the plugin's, collects with {@link #pharmacokineticOnly}); each gene's role is {@link #roleOf}.
     */
    public static BindingRoles ofSources(Map<String, ? extends Map<String, ? extends Collection<String>>> sources) {
        Map<String, Map<String, String>> roles = new HashMap<>();
        sources.forEach((drug, genes) -> {
            Map<String, String> byGene = new HashMap<>();
            genes.forEach((gene, edgeSources) -> byGene.put(gene, roleOf(edgeSources)));
            if (!byGene.isEmpty()) {
                roles.put(drug, byGene);
            }
        });
        return of(roles);
    }

    /** Roles given directly: drug id to gene id to the role ({@link #roleOf}) of each such gene. */
    public static BindingRoles of(Map<String, Map<String, String>> pharmacokinetic) {
        Map<String, Map<String, String>> copy = new HashMap<>();
        pharmacokinetic.forEach((drug, genes) -> copy.put(drug, Map.copyOf(genes)));
        return new BindingRoles(Map.copyOf(copy));
    }

    /** The role of the protein the path leaves its drug through ({@link #roleOf}), or null when it is no such. */
    public String role(GraphPath path) {
        return leavesThroughBinding(path)
                ? pharmacokinetic.getOrDefault(path.ids().get(0), Map.of()).get(path.ids().get(1)) : null;
    }

    /**
     * The path as a reader should be told its kind: any path that leaves its drug through a pharmacokinetic protein
     * becomes {@link PathKind#PHARMACOKINETIC}, whatever its metapath; any other path is returned as it is. Not only
     * mechanism metapaths: "Prednisolone binds SLCO1A2, which Rifampicin also binds; Rifampicin treats leprosy"
     * (CbGbCtD) links two drugs by the transporter that carries both, which says as little about leprosy as
     * Prednisolone's own transporter does, and was the first path of 22 of the demo's 654 top-5 recommendations.
     */
    public GraphPath labelled(GraphPath path) {
        String role = role(path);
        return role != null ? path.pharmacokinetic(role) : path;
    }

    /**
     * The drugs whose roles a reader of {@code paths} needs: those with a path that leaves them through a binding
     * (the first node of such a path), each once. Drugs without one are not read.
     */
    public static List<String> drugsToRead(Collection<List<GraphPath>> paths) {
        return paths.stream().flatMap(List::stream).filter(BindingRoles::leavesThroughBinding)
                .map(p -> p.ids().get(0)).distinct().toList();
    }

    /** Whether the path's first relationship is {@code BINDS}, drug to gene: the only paths a role can relabel. */
    public static boolean leavesThroughBinding(GraphPath path) {
        return !path.rels().isEmpty() && path.rels().get(0).equals("BINDS") && path.directions().get(0);
    }
}

package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.explain.BindingRoles;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.PathSource;
import org.kedrec.core.explain.PathTraversal;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.ranking.ScoredDrugs;
import org.kedrec.core.serving.Explainer;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/**
 * What every KEDRec procedure call shares, built once per call by {@link KedrecProcedure#call()}: the transaction,
 * the model service, the termination guard and log, and the nodes this call has already found. The procedures'
 * own steps live in one class each ({@link RecommendCall}, {@link ExplainCall}, {@link SelectCall},
 * {@link RecommendWriteCall}, {@link ScoreCall}); what two of them do alike lives here.
 */
final class CallContext {
    static final Label DRUG = Label.label(EntityKind.DRUG.label());
    static final Label DISEASE = Label.label(EntityKind.DISEASE.label());
    static final RelationshipType TREATS = RelationshipType.withName(GraphSchema.TREATS);
    static final RelationshipType PREDICTED_TREATS = RelationshipType.withName(GraphSchema.PREDICTED_TREATS);

    final Transaction tx;
    final ModelService models;
    final TerminationGuard guard;
    final Log log;
    private final EntityLookup lookup;
    private final String database;
    /**
     * The nodes found in this call, by CURIE: the disease and drugs the user named are found once, and the path walk
     * and the paths returned ({@link GraphPaths#toPath}) reuse them and every node the walk read.
     */
    private final Map<String, Node> nodes = new HashMap<>();
    /** The nodes of this call's output, one per graph node ({@link ResultNode}: read in full once). */
    private final Map<Long, ResultNode> output = new HashMap<>();
    /** The graph this call's walk read ({@link #explainer}), whose arrays also find the paths' relationships. */
    private TxPathGraph graph;

    CallContext(Transaction tx, ModelService models, TerminationGuard guard, Log log, String database) {
        if (models == null) {
            throw new IllegalStateException("The KEDRec model service is not running in this database server: the "
                    + "plugin's extension did not start. Check debug.log for `kedrec-model-service`.");
        }
        this.tx = tx;
        this.models = models;
        this.guard = guard;
        this.log = log;
        this.lookup = new EntityLookup(tx, models.lookups(), database);
        this.database = database;
    }

    /** The named model (the default one for {@code null}), held until the lease closes. */
    ModelService.ModelLease acquire(String model) {
        return models.acquire(model, guard);
    }

    /** A disease or drug the call names, found in the graph and known to the model. */
    record Entity(Node node, String id) {
        String name() {
            return Nodes.name(node);
        }

        Explainer.Candidate candidate() {
            return new Explainer.Candidate(id, name());
        }
    }

    /** The disease the user named, or an error saying what is close or that the model does not know it. */
    Entity disease(LoadedModel model, String input) {
        return known(model, EntityKind.DISEASE, found(EntityKind.DISEASE, input));
    }

    /** The drug the user named, or an error saying what is close or that the model does not know it. */
    Entity drug(LoadedModel model, String input) {
        return known(model, EntityKind.DRUG, found(EntityKind.DRUG, input));
    }

    /** The found node as an entity of the model, or an error saying the model was trained without it. */
    Entity known(LoadedModel model, EntityKind kind, Node node) {
        String id = Nodes.id(node);
        boolean known = kind == EntityKind.DISEASE ? model.ranker().knowsDisease(id) : model.ranker().knowsDrug(id);
        if (!known) {
            throw new IllegalArgumentException(Messages.format(
                    "The model `%s` does not know the %s %s: it was not in the graph the model was trained on. "
                            + "Retrain the model with `kedrec train kge` to include it.",
                    model.name(), kind == EntityKind.DISEASE ? "disease" : "drug", Nodes.describe(node)));
        }
        return new Entity(node, id);
    }

    /** The node the input names, remembered for the rest of the call. */
    Node found(EntityKind kind, String input) {
        Node node = lookup.find(kind, input);
        String id = Nodes.id(node);
        if (id != null) {
            nodes.putIfAbsent(id, node);
        }
        return node;
    }

    /**
     * The explanation layer over this call's transaction: paths ({@link PathTraversal}) and the trials and
     * publications ({@link TxEvidenceSource}) by walking the graph, the same as the queries without starting them;
     * only the full-text ranking of publications is a query.
     */
    Explainer explainer() {
        // The relationship arrays read at model load while they are current, else null: the walk and the evidence
        // join then read through the kernel's cursors (AdjacencyCache).
        AdjacencySnapshot arrays = models.adjacency(database);
        TxPathGraph graph = new TxPathGraph(tx, nodes, arrays);
        this.graph = graph;
        PathSource walk = new PathSource() {
            @Override
            public Map<String, List<GraphPath>> candidatesForDisease(String disease, List<String> drugs,
                    List<Metapath> metapaths, int perMetapath, double damping) {
                TxPathGraph.WALKS.incrementAndGet();
                return new PathTraversal<>(graph, damping, List.of())
                        .candidatesForDisease(disease, drugs, metapaths, perMetapath);
            }

            @Override
            public BindingRoles bindingRoles(List<String> drugs) {
                return pharmacokineticBindings(graph, drugs);
            }
        };
        return new Explainer(new TxCypherRunner(tx), walk, new TxEvidenceSource(tx, arrays, nodes));
    }

    /**
     * The genes each drug binds only as a pharmacokinetic protein, with their roles, read from its own {@code BINDS}
     * relationships through the Core API (a few dozen per drug), as {@link BindingRoles#read} reads them by query.
     */
    private static BindingRoles pharmacokineticBindings(TxPathGraph graph, List<String> drugs) {
        Map<String, Map<String, Set<String>>> out = new HashMap<>();
        RelationshipType binds = RelationshipType.withName("BINDS");
        Label geneLabel = Label.label(EntityKind.GENE.label());
        for (String id : drugs) {
            Node drug = graph.find(EntityKind.DRUG.label(), id);
            if (drug == null) {
                continue;
            }
            Map<String, Set<String>> pharmacokinetic = new HashMap<>(); // gene to the sources of its edges
            Set<String> target = new HashSet<>(); // a gene with any other binding edge is a target
            try (ResourceIterable<Relationship> edges = drug.getRelationships(Direction.OUTGOING, binds)) {
                for (Relationship edge : edges) {
                    Node gene = edge.getEndNode();
                    if (gene.hasLabel(geneLabel)) {
                        Object sources = edge.getProperty("sources", null);
                        boolean onlyPharmacokinetic = sources instanceof String[] names
                                && BindingRoles.pharmacokineticOnly(Arrays.asList(names));
                        if (onlyPharmacokinetic) {
                            pharmacokinetic.computeIfAbsent(Nodes.id(gene), g -> new HashSet<>())
                                    .addAll(Arrays.asList((String[]) sources));
                        } else {
                            target.add(Nodes.id(gene));
                        }
                    }
                }
            }
            pharmacokinetic.keySet().removeAll(target);
            out.put(id, pharmacokinetic);
        }
        return BindingRoles.ofSources(out);
    }

    /** A drug chosen for the output. */
    record Picked(Node node, String id, double score) {
        Explainer.Candidate candidate() {
            return new Explainer.Candidate(id, Nodes.name(node));
        }
    }

    /** The best {@code k} drugs that are in the graph and not in {@code excluded}, best first. */
    List<Picked> pick(ScoredDrugs scored, int k, Set<String> excluded) {
        int wanted = Math.min(scored.size(), k + excluded.size() + 8);
        while (true) {
            List<Picked> out = new ArrayList<>();
            List<ScoredDrugs.ScoredDrug> top = scored.top(wanted);
            for (ScoredDrugs.ScoredDrug drug : top) {
                if (excluded.contains(drug.drug())) {
                    continue;
                }
                Node node = nodes.get(drug.drug());
                if (node == null) {
                    node = tx.findNode(DRUG, "id", drug.drug());
                }
                // A drug the model was trained on may have left the graph since: it cannot be returned as a node.
                if (node != null) {
                    nodes.putIfAbsent(drug.drug(), node);
                    out.add(new Picked(node, drug.drug(), drug.score()));
                    if (out.size() == k) {
                        return out;
                    }
                }
            }
            if (wanted >= scored.size()) {
                return out;
            }
            wanted = scored.size();
        }
    }

    /** The ids of the drugs that TREAT the disease in the graph. */
    static Set<String> treatments(Node disease) {
        Set<String> out = new LinkedHashSet<>();
        try (ResourceIterable<Relationship> treats = disease.getRelationships(Direction.INCOMING, TREATS)) {
            for (Relationship relationship : treats) {
                Node drug = relationship.getStartNode();
                if (drug.hasLabel(DRUG)) {
                    out.add(Nodes.id(drug));
                }
            }
        }
        return out;
    }

    /** The found paths as Neo4j paths over this call's nodes. */
    List<Path> paths(List<GraphPath> found) {
        List<Path> out = new ArrayList<>(found.size());
        for (GraphPath path : found) {
            out.add(path(path));
        }
        return out;
    }

    Path path(GraphPath found) {
        TxPathGraph degrees = graph != null ? graph : new TxPathGraph(tx, nodes, null);
        return GraphPaths.toPath(tx, found, nodes, this::output, degrees);
    }

    /** The node as this call's output carries it: one object per node, whose labels and properties are read once. */
    Node output(Node node) {
        if (node instanceof ResultNode) {
            return node;
        }
        return output.computeIfAbsent(node.getId(), id -> new ResultNode(node));
    }

    /** The evidence items as the maps a row carries ({@link Explainer#evidenceMap}). */
    static List<Map<String, Object>> evidence(ExpRxRecExample example, List<EvidenceItem> items) {
        if (example == null) {
            return List.of();
        }
        return items.stream().map(item -> Explainer.evidenceMap(item, example)).toList();
    }
}

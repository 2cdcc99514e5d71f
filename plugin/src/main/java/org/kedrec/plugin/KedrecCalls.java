package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.evidence.EvidenceItem;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.PathTraversal;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.ranking.ScoredDrugs;
import org.kedrec.core.serving.CandidateSelector;
import org.kedrec.core.serving.Explainer;
import org.kedrec.core.serving.RationaleMode;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/**
 * What the procedures do, between Neo4j's API (nodes, paths, the transaction) and core's explanation layer and
 * models: look the entities up, score with the ranker, hand the explanation work to {@link Explainer} and
 * {@link CandidateSelector}, and turn their results into rows. One per call.
 */
final class KedrecCalls {
    static final Label DRUG = Label.label(EntityKind.DRUG.label());
    static final Label DISEASE = Label.label(EntityKind.DISEASE.label());
    static final RelationshipType TREATS = RelationshipType.withName(GraphSchema.TREATS);
    static final RelationshipType PREDICTED_TREATS = RelationshipType.withName(GraphSchema.PREDICTED_TREATS);

    private final Transaction tx;
    private final ModelService models;
    private final TerminationGuard guard;
    private final Log log;
    private final EntityLookup lookup;
    private final Map<String, Node> nodes = new HashMap<>();
    private final String database;

    KedrecCalls(Transaction tx, ModelService models, TerminationGuard guard, Log log, String database) {
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

    /**
     * The explanation layer over this call's transaction: paths ({@link PathTraversal}) and the trials and
     * publications ({@link TxEvidenceSource}) by walking the graph, the same as the queries without starting them;
     * only the full-text ranking of publications is a query.
     */
    private Explainer explainer() {
        AdjacencySnapshot arrays = models.adjacency(database);
        TxPathGraph graph = new TxPathGraph(tx, nodes, arrays);
        return new Explainer(new TxCypherRunner(tx), (disease, drugs, metapaths, perMetapath, damping) -> {
            TxPathGraph.WALKS.incrementAndGet();
            return new PathTraversal<>(graph, damping, List.of())
                    .candidatesForDisease(disease, drugs, metapaths, perMetapath);
        }, new TxEvidenceSource(tx, arrays));
    }

    // ---------------------------------------------------------------------------------------------- recommend

    List<RecommendResult> recommend(String diseaseInput, Map<String, Object> configMap, Set<String> fields) {
        RecommendConfig config = RecommendConfig.of(configMap, models.settings());
        long start = System.nanoTime();
        log.debug("kedrec.recommend :: Start");
        try (ModelService.ModelLease lease = models.acquire(config.model(), guard)) {
            LoadedModel model = lease.model();
            Node disease = lookup.find(EntityKind.DISEASE, diseaseInput);
            String diseaseId = requireKnownDisease(model, disease);
            ScoredDrugs scored = model.ranker().scoreAll(diseaseId);
            Set<String> known = config.excludeKnown() ? treatments(disease) : Set.of();
            List<Picked> picked = pick(scored, config.k(), known);
            Explainer.Needs needs = new Explainer.Needs(fields.contains("paths"), fields.contains("evidence"),
                    fields.contains("rationale") ? config.rationale() : RationaleMode.NONE);
            StudentModel student = needs.rationale() == RationaleMode.STUDENT ? model.requireStudent() : null;
            guard.check();
            List<Explainer.Explanation> explanations = explainer().explainEach(
                    diseaseId, Nodes.name(disease), picked.stream().map(Picked::candidate).toList(),
                    config.pathsPerDrug(), config.maxPathLength(), config.pathOptions(), needs, student);
            List<RecommendResult> rows = new ArrayList<>();
            for (int i = 0; i < picked.size(); i++) {
                Explainer.Explanation explanation = explanations.get(i);
                rows.add(new RecommendResult(i + 1, picked.get(i).node(), picked.get(i).score(),
                        needs.paths() ? paths(explanation.paths()) : null,
                        explanation.rationale(),
                        needs.evidence() ? evidence(explanation.example(), explanation.evidence()) : null));
            }
            log.debug("kedrec.recommend :: Finished %s in %d ms", diseaseId, (System.nanoTime() - start) / 1_000_000);
            return rows;
        }
    }

    /** A drug chosen for the output. */
    record Picked(Node node, String id, double score) {
        Explainer.Candidate candidate() {
            return new Explainer.Candidate(id, Nodes.name(node));
        }
    }

    /** The best {@code k} drugs that are in the graph and not in {@code excluded}, best first. */
    private List<Picked> pick(ScoredDrugs scored, int k, Set<String> excluded) {
        int wanted = Math.min(scored.size(), k + excluded.size() + 8);
        while (true) {
            List<Picked> out = new ArrayList<>();
            List<ScoredDrugs.ScoredDrug> top = scored.top(wanted);
            for (ScoredDrugs.ScoredDrug drug : top) {
                if (excluded.contains(drug.drug())) {
                    continue;
                }
                Node node = tx.findNode(DRUG, "id", drug.drug());
                // A drug the model was trained on may have left the graph since: it cannot be returned as a node.
                if (node != null) {
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
    private static Set<String> treatments(Node disease) {
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

    private String requireKnownDisease(LoadedModel model, Node disease) {
        String id = Nodes.id(disease);
        if (!model.ranker().knowsDisease(id)) {
            throw new IllegalArgumentException(Messages.format(
                    "The model `%s` does not know the disease %s: it was not in the graph the model was trained on. "
                            + "Retrain the model with `kedrec train kge` to include it.",
                    model.name(), Nodes.describe(disease)));
        }
        return id;
    }

    private String requireKnownDrug(LoadedModel model, Node drug) {
        String id = Nodes.id(drug);
        if (!model.ranker().knowsDrug(id)) {
            throw new IllegalArgumentException(Messages.format(
                    "The model `%s` does not know the drug %s: it was not in the graph the model was trained on. "
                            + "Retrain the model with `kedrec train kge` to include it.",
                    model.name(), Nodes.describe(drug)));
        }
        return id;
    }

    private List<Path> paths(List<GraphPath> found) {
        List<Path> out = new ArrayList<>(found.size());
        for (GraphPath path : found) {
            out.add(GraphPaths.toPath(tx, path, nodes));
        }
        return out;
    }

    private static List<Map<String, Object>> evidence(ExpRxRecExample example, List<EvidenceItem> items) {
        if (example == null) {
            return List.of();
        }
        return items.stream().map(item -> Explainer.evidenceMap(item, example)).toList();
    }

    // ---------------------------------------------------------------------------------------------- explain

    List<ExplainResult> explain(String diseaseInput, String drugInput, Map<String, Object> configMap,
            Set<String> fields) {
        ExplainConfig config = ExplainConfig.of(configMap);
        try (ModelService.ModelLease lease = models.acquire(config.model(), guard)) {
            LoadedModel model = lease.model();
            Node disease = lookup.find(EntityKind.DISEASE, diseaseInput);
            Node drug = lookup.find(EntityKind.DRUG, drugInput);
            String diseaseId = requireKnownDisease(model, disease);
            String drugId = requireKnownDrug(model, drug);
            double modelScore = model.ranker().score(diseaseId, drugId);
            Explainer.Needs needs = new Explainer.Needs(true, fields.contains("evidence"),
                    fields.contains("rationale") ? config.rationale() : RationaleMode.NONE);
            StudentModel student = needs.rationale() == RationaleMode.STUDENT ? model.requireStudent() : null;
            Explainer.Explanation explanation = explainer().explainEach(diseaseId,
                    Nodes.name(disease), List.of(new Explainer.Candidate(drugId, Nodes.name(drug))), config.paths(),
                    config.maxPathLength(), config.pathOptions(), needs, student).get(0);
            List<Map<String, Object>> evidence =
                    needs.evidence() ? evidence(explanation.example(), explanation.evidence()) : null;
            List<ExplainResult> rows = new ArrayList<>();
            for (GraphPath path : explanation.paths()) {
                rows.add(new ExplainResult(fields.contains("path") ? GraphPaths.toPath(tx, path, nodes) : null,
                        path.metapath(), path.kind().key(), path.score(), modelScore, explanation.rationale(),
                        evidence));
            }
            if (rows.isEmpty()) {
                rows.add(new ExplainResult(null, null, null, 0.0, modelScore, explanation.rationale(), evidence));
            }
            return rows;
        }
    }

    // ---------------------------------------------------------------------------------------------- select

    List<SelectResult> select(String diseaseInput, List<String> drugInputs, Map<String, Object> configMap,
            Set<String> fields) {
        SelectConfig config = SelectConfig.of(configMap);
        if (drugInputs == null || drugInputs.isEmpty()) {
            throw new IllegalArgumentException(Messages.format(
                    "kedrec.select chooses among 1 to %d drugs but got none. Pass the candidates as a list, e.g. "
                            + "kedrec.select('hypertension', ['Ramipril', 'Lisinopril']).",
                    CandidateSelector.MAX_CANDIDATES));
        }
        if (drugInputs.size() > CandidateSelector.MAX_CANDIDATES) {
            throw new IllegalArgumentException(Messages.format(
                    "kedrec.select chooses among 1 to %d drugs but got %d. Pass a shorter list, or rank any number "
                            + "of drugs with kedrec.recommend.", CandidateSelector.MAX_CANDIDATES,
                    drugInputs == null ? 0 : drugInputs.size()));
        }
        try (ModelService.ModelLease lease = models.acquire(config.model(), guard)) {
            LoadedModel model = lease.model();
            Node disease = lookup.find(EntityKind.DISEASE, diseaseInput);
            String diseaseId = requireKnownDisease(model, disease);
            List<Node> drugs = new ArrayList<>();
            List<Explainer.Candidate> candidates = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String input : drugInputs) {
                Node drug = lookup.find(EntityKind.DRUG, input);
                String id = requireKnownDrug(model, drug);
                if (!seen.add(id)) {
                    throw new IllegalArgumentException(Messages.format(
                            "The drug %s is listed twice among the candidates (as `%s`); list each drug once.",
                            Nodes.describe(drug), Messages.echo(input)));
                }
                drugs.add(drug);
                candidates.add(new Explainer.Candidate(id, Nodes.name(drug)));
            }
            RationaleMode mode = !fields.contains("rationale") ? RationaleMode.NONE
                    : config.rationale() != null ? config.rationale()
                    : model.student() != null ? RationaleMode.STUDENT : RationaleMode.TEACHER;
            if (mode == RationaleMode.STUDENT) {
                model.requireStudent();
            }
            double[] rankerScores = null;
            if (model.student() == null) {
                ScoredDrugs scored = model.ranker().scoreAll(diseaseId);
                List<String> order = scored.drugs();
                rankerScores = new double[candidates.size()];
                for (int i = 0; i < candidates.size(); i++) {
                    rankerScores[i] = scored.score(order.indexOf(candidates.get(i).id()));
                }
            }
            guard.check();
            CandidateSelector.Outcome outcome = CandidateSelector.select(explainer(),
                    diseaseId, Nodes.name(disease), candidates, config.pathsPerDrug(), config.maxPathLength(),
                    model.student(), rankerScores, mode);
            if (CandidateSelector.BY_RANKER.equals(outcome.selectedBy())) {
                log.debug("kedrec.select: model `%s` has no student, the ranker chose", model.name());
            }
            List<SelectResult> rows = new ArrayList<>();
            for (int i = 0; i < drugs.size(); i++) {
                CandidateSelector.Choice choice = outcome.choices().get(i);
                rows.add(new SelectResult(drugs.get(i), choice.probability(), choice.selected(),
                        choice.selected() ? outcome.rationale() : null, outcome.selectedBy()));
            }
            return rows;
        }
    }

    // ---------------------------------------------------------------------------------------------- write

    WriteResult write(Map<String, Object> configMap) {
        WriteConfig config = WriteConfig.of(configMap, models.settings());
        long start = System.nanoTime();
        try (ModelService.ModelLease lease = models.acquire(config.model(), guard)) {
            LoadedModel model = lease.model();
            List<Node> diseases = new ArrayList<>();
            if (config.diseases() == null) {
                try (ResourceIterator<Node> all = tx.findNodes(DISEASE)) {
                    all.forEachRemaining(diseases::add);
                }
                diseases.sort(java.util.Comparator.comparing(Nodes::id,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
            } else {
                Set<String> seen = new LinkedHashSet<>();
                for (String input : config.diseases()) {
                    Node disease = lookup.find(EntityKind.DISEASE, input);
                    if (seen.add(Nodes.id(disease))) {
                        diseases.add(disease);
                    }
                }
            }
            var info = model.ranker().info();
            String version = info.version();
            String trainedAt = info.createdAt();
            log.info("kedrec.recommend.write :: Start (%d diseases, k=%d, model `%s`)", diseases.size(), config.k(),
                    model.name());
            long written = 0;
            long deleted = 0;
            long skipped = 0;
            long done = 0;
            for (int from = 0; from < diseases.size(); from += config.batchSize()) {
                guard.check();
                for (Node disease : diseases.subList(from, Math.min(diseases.size(), from + config.batchSize()))) {
                    // Per disease too: a batch over the full graph takes seconds, and a terminated or timed-out
                    // call must stop at once (the transaction then rolls back everything it wrote).
                    guard.check();
                    String id = Nodes.id(disease);
                    if (id == null || !model.ranker().knowsDisease(id)) {
                        skipped++;
                        continue;
                    }
                    deleted += deletePredictions(disease, model.name());
                    Set<String> known = config.excludeKnown() ? treatments(disease) : Set.of();
                    List<Picked> picked = pick(model.ranker().scoreAll(id), config.k(), known);
                    for (int i = 0; i < picked.size(); i++) {
                        Relationship relationship =
                                picked.get(i).node().createRelationshipTo(disease, PREDICTED_TREATS);
                        relationship.setProperty("score", picked.get(i).score());
                        relationship.setProperty("rank", (long) (i + 1));
                        relationship.setProperty("model", model.name());
                        if (version != null) {
                            relationship.setProperty("version", version);
                        }
                        if (trainedAt != null) {
                            relationship.setProperty("trainedAt", trainedAt);
                        }
                        written++;
                    }
                    done++;
                }
                log.info("kedrec.recommend.write %d%%", 100 * Math.min(diseases.size(), from + config.batchSize())
                        / Math.max(1, diseases.size()));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            log.info("kedrec.recommend.write :: Finished (%d diseases, %d predictions written, %d replaced, %d ms)",
                    done, written, deleted, millis);
            return new WriteResult(done, skipped, deleted, written, model.name(), version, millis);
        }
    }

    private static long deletePredictions(Node disease, String modelName) {
        List<Relationship> ours = new ArrayList<>();
        try (ResourceIterable<Relationship> old = disease.getRelationships(Direction.INCOMING, PREDICTED_TREATS)) {
            for (Relationship relationship : old) {
                if (modelName.equals(relationship.getProperty("model", null))) {
                    ours.add(relationship);
                }
            }
        }
        // Deleted after the iteration ends, never under it.
        ours.forEach(Relationship::delete);
        return ours.size();
    }

    // ---------------------------------------------------------------------------------------------- score

    double score(String diseaseInput, String drugInput) {
        try (ModelService.ModelLease lease = models.acquire(null, guard)) {
            LoadedModel model = lease.model();
            Node disease = lookup.find(EntityKind.DISEASE, diseaseInput);
            Node drug = lookup.find(EntityKind.DRUG, drugInput);
            return model.ranker().score(requireKnownDisease(model, disease), requireKnownDrug(model, drug));
        }
    }
}

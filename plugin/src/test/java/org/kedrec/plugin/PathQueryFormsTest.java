package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kedrec.core.evidence.EvidenceFinder;
import org.kedrec.core.evidence.PublicationRecord;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.PairRequest;
import org.kedrec.core.explain.PathFinder;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.importer.dataset.DriverCypherRunner;

/**
 * The plugin's path query, anchored at the disease, finds exactly the paths of the dataset builder's per-pair query
 * (same paths, degrees and scores, same selection), on the fixture graph for every disease and its drugs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathQueryFormsTest {
    private final TestDb db = TestDb.get();

    @Test
    void theDiseaseAnchoredQueryFindsWhatThePairQueryFinds() {
        PathFinder finder = new PathFinder(new DriverCypherRunner(db.driver, null), PathFinder.Settings.defaults(3));
        List<String> diseases = db.run("MATCH (d:Disease) RETURN d.id AS id ORDER BY id").stream()
                .map(r -> r.get("id").asString()).toList();
        List<String> drugs = db.run("MATCH (c:Drug) RETURN c.id AS id ORDER BY id").stream()
                .map(r -> r.get("id").asString()).toList();
        int paths = 0;
        for (int i = 0; i < diseases.size(); i += 3) {
            String disease = diseases.get(i);
            List<String> some = new ArrayList<>();
            for (int j = i % 7; j < drugs.size(); j += 7) {
                some.add(drugs.get(j));
            }
            List<PairRequest> pairs = some.stream().map(c -> new PairRequest(c, c, disease, null)).toList();
            Map<String, List<GraphPath>> byPair = finder.find(pairs, List.of());
            Map<String, List<GraphPath>> byDisease = finder.findForDisease(disease, some, List.of());
            assertThat(byDisease).as(disease).isEqualTo(byPair);
            paths += byDisease.values().stream().mapToInt(List::size).sum();
        }
        assertThat(paths).as("the comparison saw paths").isGreaterThan(100);
        assertThat(finder.settings().metapaths()).isEqualTo(Metapaths.DEFAULT);
    }

    /**
     * The prompt the student chooses on ({@code kedrec.select}) holds each candidate's paths as the dataset builder
     * picks them for the examples the student trains on ({@link PathFinder#find} with the builder's defaults), not
     * in the reader's mechanism-first order, which differs for some pairs of the fixture (so the test can fail).
     */
    @Test
    void theStudentsPromptHoldsThePathsTheDatasetBuilderPicks() {
        int[] seen = promptAgainstBuilder(org.kedrec.core.lm.PromptShape.DEFAULT);
        assertThat(seen[0]).as("paths compared").isGreaterThan(20);
        assertThat(seen[1]).as("candidates whose reader's order differs").isPositive();
    }

    /**
     * A student of a dataset built since the binding roles are read ({@code pharmacokineticLast}, the builder's
     * default) chooses on prompts whose paths through a protein the drug binds only as an enzyme, transporter or
     * carrier come after the others and are flagged, as in the examples it trained on; such paths exist in the
     * fixture's prompts and the order moves some of them (so the test can fail).
     */
    @Test
    void theBuildersPromptPicksPharmacokineticPathsLastAndSelectDoesTheSame() {
        int[] seen = promptAgainstBuilder(org.kedrec.core.lm.PromptShape.BUILDER_DEFAULT);
        assertThat(seen[0]).as("paths compared").isGreaterThan(20);
        assertThat(seen[4]).as("candidates with a pharmacokinetic path").isPositive();
        assertThat(seen[5]).as("candidates whose paths differ from the score order").isPositive();
    }

    /**
     * A student trained on a dataset of another shape ({@code --paths-per-pair 5 --max-per-metapath 2
     * --trials-per-pair 1 --publications-per-pair 0}, recorded in its {@code prompt.json}) is asked to choose on
     * prompts of that shape: the builder's five paths with two per metapath first, one trial, no publication.
     */
    @Test
    void aPromptOfAnotherShapeHoldsWhatTheBuilderPicksWithThoseSettings() {
        var shape = new org.kedrec.core.lm.PromptShape(5, 2, 1, 0, 3, false);
        int[] seen = promptAgainstBuilder(shape);
        assertThat(seen[0]).as("paths compared").isGreaterThan(40);
        assertThat(seen[2]).as("candidates whose paths differ from one per metapath first").isPositive();
        assertThat(seen[3]).as("candidates with a trial").isPositive();
    }

    /**
     * Compares each candidate's paths, trials and publications in {@code kedrec.select}'s prompt of {@code shape}
     * with the dataset builder's picks under the same settings; returns the paths compared, the candidates whose
     * reader's order differs, those whose paths differ from the builder's with one per metapath first, those with
     * a trial, those with a pharmacokinetic path, and those whose paths differ from the plain score order.
     */
    private int[] promptAgainstBuilder(org.kedrec.core.lm.PromptShape shape) {
        DriverCypherRunner runner = new DriverCypherRunner(db.driver, null);
        PathFinder builder = new PathFinder(runner, new PathFinder.Settings(Metapaths.DEFAULT, shape.pathsPerDrug(),
                shape.maxPerMetapath(), org.kedrec.core.explain.PathScorer.DAMPING, shape.pharmacokineticLast()));
        PathFinder scoreOrder = new PathFinder(runner, new PathFinder.Settings(Metapaths.DEFAULT,
                shape.pathsPerDrug(), shape.maxPerMetapath(), org.kedrec.core.explain.PathScorer.DAMPING));
        PathFinder onePerMetapath = new PathFinder(runner, PathFinder.Settings.defaults(shape.pathsPerDrug()));
        org.kedrec.core.serving.Explainer explainer = new org.kedrec.core.serving.Explainer(runner);
        List<String[]> pairs = db.run("MATCH (c:Drug)-[:TREATS]->(d:Disease) MATCH (o:Drug) WHERE o <> c "
                + "WITH c, d, o ORDER BY d.id, c.id, o.id WITH c, d, collect(o)[0] AS o "
                + "RETURN d.id AS d, d.name AS dn, c.id AS c, c.name AS cn, o.id AS o, o.name AS on").stream()
                .map(r -> new String[] {r.get("d").asString(), r.get("dn").asString(), r.get("c").asString(),
                    r.get("cn").asString(), r.get("o").asString(), r.get("on").asString()})
                .toList();
        int[] seen = new int[6];
        for (String[] p : pairs) {
            List<org.kedrec.core.serving.Explainer.Candidate> drugs = List.of(
                    new org.kedrec.core.serving.Explainer.Candidate(p[2], p[3]),
                    new org.kedrec.core.serving.Explainer.Candidate(p[4], p[5]));
            var example = explainer.jointExample(p[0], p[1], drugs, shape, -1);
            var reader = explainer.explainEach(p[0], p[1], drugs, shape.pathsPerDrug(), shape.maxPathLength(),
                    new org.kedrec.core.serving.Explainer.Needs(true, false,
                            org.kedrec.core.serving.RationaleMode.NONE), null);
            for (int i = 0; i < 2; i++) {
                String drug = drugs.get(i).id();
                List<GraphPath> picked = builder.find(List.of(new PairRequest(drug, drug, p[0], null)), List.of())
                        .get(drug);
                List<List<String>> expected = picked.stream().map(GraphPath::ids).toList();
                var items = example.evidenceFor(example.candidates().get(i).slot());
                List<List<String>> prompt = items.stream()
                        .filter(e -> e.kind() == org.kedrec.core.evidence.EvidenceKind.PATH)
                        .map(org.kedrec.core.evidence.EvidenceItem::nodes).toList();
                assertThat(prompt).as("%s for %s", drug, p[0]).isEqualTo(expected);
                long trials = items.stream().filter(e -> e.kind() == org.kedrec.core.evidence.EvidenceKind.TRIAL)
                        .count();
                long publications = items.stream()
                        .filter(e -> e.kind() == org.kedrec.core.evidence.EvidenceKind.PUBLICATION).count();
                assertThat(trials).as("trials of %s for %s", drug, p[0]).isLessThanOrEqualTo(shape.trialsPerDrug());
                assertThat(publications).as("publications of %s for %s", drug, p[0])
                        .isLessThanOrEqualTo(shape.publicationsPerDrug());
                seen[0] += expected.size();
                seen[1] += reader.get(i).paths().stream().map(GraphPath::ids).toList().equals(expected) ? 0 : 1;
                seen[2] += onePerMetapath.find(List.of(new PairRequest(drug, drug, p[0], null)), List.of()).get(drug)
                        .equals(picked) ? 0 : 1;
                seen[3] += trials > 0 ? 1 : 0;
                List<Boolean> flagged = items.stream()
                        .filter(e -> e.kind() == org.kedrec.core.evidence.EvidenceKind.PATH)
                        .map(org.kedrec.core.evidence.EvidenceItem::isPharmacokinetic).toList();
                if (shape.pharmacokineticLast()) {
                    // (a student of an older dataset has the roles read too, in select only: its prompt text is
                    // the same, and the served teacher does not lead with such a path)
                    assertThat(flagged).as("flags of %s for %s", drug, p[0]).isEqualTo(picked.stream()
                            .map(g -> g.kind() == org.kedrec.core.explain.PathKind.PHARMACOKINETIC).toList());
                    int first = flagged.indexOf(true);
                    assertThat(first < 0 || !flagged.subList(first, flagged.size()).contains(false))
                            .as("pharmacokinetic paths last, %s for %s: %s", drug, p[0], flagged).isTrue();
                }
                seen[4] += flagged.contains(true) ? 1 : 0;
                seen[5] += scoreOrder.find(List.of(new PairRequest(drug, drug, p[0], null)), List.of()).get(drug)
                        .stream().map(GraphPath::ids).toList().equals(expected) ? 0 : 1;
            }
        }
        return seen;
    }

    /**
     * The reader's order over the path query (the core explanation layer over Bolt, {@code BindingRoles} read by
     * query) and over the plugin's walk ({@code kedrec.explain}, the roles read through the Core API) is the same,
     * for every disease and each drug that binds some gene only as an enzyme, transporter or carrier.
     */
    @Test
    void theReadersOrderIsTheSameOverTheQueryAndOverTheWalk() {
        org.kedrec.core.serving.Explainer explainer =
                new org.kedrec.core.serving.Explainer(new DriverCypherRunner(db.driver, null));
        List<org.neo4j.driver.Record> pairs = db.run("MATCH (c:Drug)-[b:BINDS]->(:Gene) WHERE size(b.sources) > 0 "
                + "AND all(s IN b.sources WHERE s IN ['DrugBank (enzyme)', 'DrugBank (transporter)', "
                + "'DrugBank (carrier)']) WITH DISTINCT c MATCH (d:Disease) "
                + "RETURN c.id AS c, c.name AS cn, d.id AS d, d.name AS dn ORDER BY d, c");
        int paths = 0;
        for (org.neo4j.driver.Record pair : pairs) {
            var drug = new org.kedrec.core.serving.Explainer.Candidate(pair.get("c").asString(),
                    pair.get("cn").asString());
            List<List<String>> byQuery = explainer.explainEach(pair.get("d").asString(), pair.get("dn").asString(),
                    List.of(drug), 10, 3, new org.kedrec.core.serving.Explainer.Needs(true, false,
                            org.kedrec.core.serving.RationaleMode.NONE), null).get(0).paths().stream()
                    .map(GraphPath::ids).toList();
            List<List<String>> byWalk = db.run("CALL kedrec.explain($d, $c, {paths: 10, rationale: 'none'}) "
                    + "YIELD path WITH path WHERE path IS NOT NULL RETURN reverse([n IN nodes(path) | n.id]) AS ids",
                    Map.of("d", pair.get("d").asString(), "c", drug.id())).stream()
                    .map(r -> r.get("ids").asList(org.neo4j.driver.Value::asString)).toList();
            assertThat(byWalk).as("%s for %s", drug.id(), pair.get("d").asString()).isEqualTo(byQuery);
            paths += byQuery.size();
        }
        assertThat(paths).as("paths compared").isGreaterThan(20);
    }

    /**
     * The plugin walks the graph instead of running the query anchored at the disease: the very same candidate
     * paths (ids, names, directions, degrees, scores) in the very same order, for every metapath up to length 4 and
     * for several paths per metapath.
     */
    @Test
    void theWalkFindsWhatTheQueryFinds() {
        List<String> diseases = db.run("MATCH (d:Disease) RETURN d.id AS id ORDER BY id").stream()
                .map(r -> r.get("id").asString()).toList();
        List<String> drugs = db.run("MATCH (c:Drug) RETURN c.id AS id ORDER BY id").stream()
                .map(r -> r.get("id").asString()).toList();
        AdjacencySnapshot arrays;
        try (org.neo4j.graphdb.Transaction tx = db.neo4j.defaultDatabaseService().beginTx()) {
            arrays = AdjacencySnapshot.read(((org.neo4j.kernel.impl.coreapi.InternalTransaction) tx)
                    .kernelTransaction(), AdjacencyCache.TYPES, 0);
        }
        assertThat(arrays.relationshipEnds()).as("relationship ends in the arrays").isGreaterThan(1000);
        int paths = 0;
        java.util.Set<String> metapathsSeen = new java.util.HashSet<>();
        for (int perMetapath : new int[] {1, 10}) {
            List<org.kedrec.core.graph.Metapath> catalogue = org.kedrec.core.serving.Explainer.metapaths(4);
            PathFinder finder = new PathFinder(new DriverCypherRunner(db.driver, null),
                    new PathFinder.Settings(catalogue, perMetapath, 1, org.kedrec.core.explain.PathScorer.DAMPING));
            for (int i = perMetapath % 3; i < diseases.size(); i += 3) {
                String disease = diseases.get(i);
                List<String> some = new ArrayList<>();
                for (int j = i % 5; j < drugs.size(); j += 5) {
                    some.add(drugs.get(j));
                }
                some.add("DB:not-in-the-graph");
                Map<String, List<GraphPath>> byQuery = finder.findCandidatesForDisease(disease, some, List.of());
                Map<String, List<GraphPath>> byWalk;
                Map<String, List<GraphPath>> byArrays;
                try (org.neo4j.graphdb.Transaction tx = db.neo4j.defaultDatabaseService().beginTx()) {
                    byWalk = new org.kedrec.core.explain.PathTraversal<>(new TxPathGraph(tx),
                            org.kedrec.core.explain.PathScorer.DAMPING, List.of())
                            .candidatesForDisease(disease, some, catalogue, perMetapath);
                    // The same walk over the arrays read at model load instead of the kernel's cursors.
                    byArrays = new org.kedrec.core.explain.PathTraversal<>(
                            new TxPathGraph(tx, new java.util.HashMap<>(), arrays),
                            org.kedrec.core.explain.PathScorer.DAMPING, List.of())
                            .candidatesForDisease(disease, some, catalogue, perMetapath);
                }
                assertThat(byWalk).as(disease + " " + perMetapath).isEqualTo(byQuery);
                assertThat(byArrays).as(disease + " " + perMetapath + " over arrays").isEqualTo(byQuery);
                for (List<GraphPath> list : byWalk.values()) {
                    paths += list.size();
                    list.forEach(p -> metapathsSeen.add(p.metapath()));
                }
            }
        }
        assertThat(paths).as("the comparison saw paths").isGreaterThan(500);
        // The fixture graph has no paths of CbGeAlD, CbGcGaD and CbGr>GaD (25 of the 28 metapaths had paths when
        // every other disease was compared).
        assertThat(metapathsSeen).as("metapaths that had paths").hasSizeGreaterThanOrEqualTo(22);
    }

    @Test
    void theDiseaseAnchoredEvidenceQueriesFindWhatThePairQueriesFind() {
        EvidenceFinder finder = new EvidenceFinder(new DriverCypherRunner(db.driver, null));
        List<org.neo4j.driver.Record> rows = db.run("""
                MATCH (c:Drug)<-[:TESTS|MENTIONS]-(e)-[:STUDIES|MENTIONS]->(d:Disease)
                RETURN d.id AS disease, d.name AS name, collect(DISTINCT c.id) AS drugs, collect(DISTINCT c.name) AS n
                ORDER BY disease""");
        int trials = 0;
        int publications = 0;
        for (org.neo4j.driver.Record row : rows) {
            String disease = row.get("disease").asString();
            List<String> drugs = row.get("drugs").asList(v -> v.asString());
            List<PairRequest> pairs = drugs.stream().map(c -> new PairRequest(c, c, disease, null)).toList();
            Map<String, List<String>> names = new java.util.HashMap<>();
            drugs.forEach(c -> names.put(c, List.of(c, row.get("name").asString())));
            Map<String, List<TrialRecord>> byDisease = finder.trialsForDisease(disease, drugs, 3);
            assertThat(byDisease).isEqualTo(finder.trials(pairs, 3));
            Map<String, List<PublicationRecord>> pubs = finder.publicationsForDisease(disease, drugs, names, 3);
            assertThat(pubs).isEqualTo(finder.publications(pairs, names, 3));
            trials += byDisease.values().stream().mapToInt(List::size).sum();
            publications += pubs.values().stream().mapToInt(List::size).sum();
        }
        assertThat(trials).isGreaterThan(50);
        assertThat(publications).isPositive();
    }

    /**
     * The plugin reads trials and publications through the Core API ({@link TxEvidenceSource}) instead of the
     * disease-anchored queries: the very same rows (as a multiset: the finder ranks them by total orders), for every
     * disease with evidence and all of its drugs plus drugs without evidence and one not in the graph.
     */
    @Test
    void theEvidenceWalkReadsWhatTheQueriesRead() {
        org.kedrec.core.evidence.EvidenceSource queries =
                org.kedrec.core.evidence.EvidenceSource.query(new DriverCypherRunner(db.driver, null));
        List<String> diseases = db.run("MATCH (d:Disease) RETURN d.id AS id ORDER BY id").stream()
                .map(r -> r.get("id").asString()).toList();
        List<String> drugs = db.run("MATCH (c:Drug) RETURN c.id AS id ORDER BY id").stream()
                .map(r -> r.get("id").asString()).toList();
        List<String> all = new ArrayList<>(drugs);
        all.add("DB:not-in-the-graph");
        int trials = 0;
        int publications = 0;
        AdjacencySnapshot arrays;
        try (org.neo4j.graphdb.Transaction tx = db.neo4j.defaultDatabaseService().beginTx()) {
            arrays = AdjacencySnapshot.read(((org.neo4j.kernel.impl.coreapi.InternalTransaction) tx)
                    .kernelTransaction(), AdjacencyCache.TYPES, 0);
        }
        // All drugs (the join reads from the disease's side) and a few (from the drugs' side).
        List<String> few = new ArrayList<>(drugs.subList(0, Math.min(4, drugs.size())));
        few.add("DB:not-in-the-graph");
        for (List<String> some : List.of(all, few)) {
            for (String disease : diseases) {
                List<Map<String, Object>> queriedTrials = queries.trialsForDisease(disease, some);
                List<Map<String, Object>> queriedPublications = queries.publicationsForDisease(disease, some);
                for (AdjacencySnapshot snapshot : java.util.Arrays.asList(null, arrays)) {
                    List<Map<String, Object>> walkedTrials;
                    List<Map<String, Object>> walkedPublications;
                    try (org.neo4j.graphdb.Transaction tx = db.neo4j.defaultDatabaseService().beginTx()) {
                        TxEvidenceSource walk = new TxEvidenceSource(tx, snapshot);
                        walkedTrials = walk.trialsForDisease(disease, some);
                        walkedPublications = walk.publicationsForDisease(disease, some);
                    }
                    String as = disease + (snapshot == null ? "" : " over arrays");
                    assertThat(walkedTrials).as(as).containsExactlyInAnyOrderElementsOf(queriedTrials);
                    assertThat(walkedPublications).as(as).containsExactlyInAnyOrderElementsOf(queriedPublications);
                    trials += walkedTrials.size();
                    publications += walkedPublications.size();
                }
            }
        }
        assertThat(trials).as("the comparison saw trials").isGreaterThan(50);
        assertThat(publications).as("the comparison saw publications").isPositive();
    }

    /**
     * The plugin scores publications through the kernel's full-text index seek ({@link TxEvidenceSource}) instead of
     * {@code db.index.fulltext.queryNodes}: the very same rows and scores, for each disease's publications and its
     * drugs' names, whether the call's joins read the publications first (their node ids are known) or not.
     */
    @Test
    void theFullTextSeekScoresAsTheQueryDoes() {
        org.kedrec.core.evidence.EvidenceSource queries =
                org.kedrec.core.evidence.EvidenceSource.query(new DriverCypherRunner(db.driver, null));
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (org.neo4j.driver.Record r : db.run("""
                MATCH (c:Drug)<-[:MENTIONS]-(p:Publication)-[:MENTIONS]->(d:Disease)
                WITH c, d, collect(DISTINCT p.id) AS ids
                RETURN c.id + '|' + d.id AS key, c.name AS drug, d.name AS disease, d.id AS diseaseId,
                       c.id AS drugId, ids ORDER BY key""")) {
            pairs.add(Map.of("key", r.get("key").asString(), "diseaseId", r.get("diseaseId").asString(),
                    "drugId", r.get("drugId").asString(),
                    "query", org.kedrec.core.evidence.LuceneQuery.forNames(r.get("drug").asString(),
                            r.get("disease").asString()),
                    "ids", r.get("ids").asList()));
        }
        assertThat(pairs).as("the fixture has publications that join a drug and a disease").isNotEmpty();
        List<Map<String, Object>> scoring = pairs.stream()
                .map(p -> Map.<String, Object>of("key", p.get("key"), "query", p.get("query"), "ids", p.get("ids")))
                .toList();
        List<Map<String, Object>> queried = queries.publicationScores(scoring);
        assertThat(queried).as("the query scored some publications").isNotEmpty();
        try (org.neo4j.graphdb.Transaction tx = db.neo4j.defaultDatabaseService().beginTx()) {
            assertThat(new TxEvidenceSource(tx).publicationScores(scoring)).as("node ids from the index")
                    .containsExactlyInAnyOrderElementsOf(queried);
        }
        try (org.neo4j.graphdb.Transaction tx = db.neo4j.defaultDatabaseService().beginTx()) {
            TxEvidenceSource walk = new TxEvidenceSource(tx);
            for (Map<String, Object> pair : pairs) {
                walk.publicationsForDisease((String) pair.get("diseaseId"), List.of((String) pair.get("drugId")));
            }
            assertThat(walk.publicationScores(scoring)).as("node ids from the joins")
                    .containsExactlyInAnyOrderElementsOf(queried);
        }
    }
}

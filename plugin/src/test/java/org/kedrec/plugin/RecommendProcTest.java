package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;

/** {@code kedrec.recommend} on the fixture graph with the fixture model, over Bolt. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendProcTest {
    static final String HYPERTENSION = "DOID:10763";
    private static final Pattern SLOT = Pattern.compile("\\[E\\d+]");
    private static final Pattern NCT = Pattern.compile("NCT\\d{8}");

    private final TestDb db = TestDb.get();

    private List<Record> recommend(String disease, Map<String, Object> config) {
        return db.run("""
                CALL kedrec.recommend($disease, $config)
                YIELD rank, drug, score, paths, rationale, evidence
                RETURN rank, drug, score, paths, rationale, evidence""",
                Map.of("disease", disease, "config", config));
    }

    @Test
    void ranksAreOrderedAndEveryPathRunsFromTheDiseaseToTheDrugOverRealRelationships() {
        List<Record> rows = recommend(HYPERTENSION, Map.of("k", 5));
        assertThat(rows).hasSize(5);
        List<String> relationshipIds = new ArrayList<>();
        double previous = Double.MAX_VALUE;
        int withPaths = 0;
        for (int i = 0; i < rows.size(); i++) {
            Record row = rows.get(i);
            assertThat(row.get("rank").asLong()).isEqualTo(i + 1);
            double score = row.get("score").asDouble();
            assertThat(score).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = score;
            String drug = row.get("drug").asNode().get("id").asString();
            assertThat(row.get("drug").asNode().labels()).contains("Drug");
            List<Path> paths = row.get("paths").asList(Value::asPath);
            assertThat(paths).hasSizeLessThanOrEqualTo(3);
            withPaths += paths.isEmpty() ? 0 : 1;
            for (Path path : paths) {
                assertThat(path.start().get("id").asString()).isEqualTo(HYPERTENSION);
                assertThat(path.end().get("id").asString()).isEqualTo(drug);
                assertThat(path.length()).isBetween(2, 3);
                for (Relationship relationship : path.relationships()) {
                    relationshipIds.add(relationship.elementId());
                }
            }
        }
        assertThat(withPaths).as("hypertension's top drugs have explanation paths in the fixture graph").isEqualTo(5);
        // The paths are made of the graph's own relationships (Browser draws them), not of copies.
        long found = db.run("MATCH ()-[r]->() WHERE elementId(r) IN $ids RETURN count(DISTINCT r) AS n",
                Map.of("ids", relationshipIds)).get(0).get("n").asLong();
        assertThat(found).isEqualTo(new HashSet<>(relationshipIds).size());
    }

    @Test
    void scoresAreTheModelsScoresAndAgreeWithTheScoreFunction() {
        for (Record row : recommend(HYPERTENSION, Map.of("k", 3, "rationale", "none"))) {
            String drug = row.get("drug").asNode().get("id").asString();
            double function = db.run("RETURN kedrec.score($d, $c) AS s", Map.of("d", HYPERTENSION, "c", drug)).get(0)
                    .get("s").asDouble();
            assertThat(row.get("score").asDouble()).isCloseTo(function, within(1e-9));
        }
    }

    @Test
    void drugsThatAlreadyTreatTheDiseaseAreLeftOutUnlessAskedFor() {
        Set<String> known = new HashSet<>(db.run(
                "MATCH (c:Drug)-[:TREATS]->(:Disease {id: $d}) RETURN c.id AS id", Map.of("d", HYPERTENSION))
                .stream().map(r -> r.get("id").asString()).toList());
        assertThat(known).isNotEmpty();
        long drugs = db.run("MATCH (c:Drug) RETURN count(c) AS n").get(0).get("n").asLong();
        List<String> excluded = ids(db.run("CALL kedrec.recommend($d, {k: 100, rationale: 'none'}) YIELD drug "
                + "RETURN drug.id AS id", Map.of("d", HYPERTENSION)));
        List<String> all = ids(db.run("CALL kedrec.recommend($d, {k: 100, excludeKnown: false}) YIELD drug "
                + "RETURN drug.id AS id", Map.of("d", HYPERTENSION)));
        assertThat(excluded).doesNotContainAnyElementsOf(known).hasSize((int) (drugs - known.size()));
        assertThat(all).containsAll(known).hasSize((int) drugs);
    }

    private static List<String> ids(List<Record> rows) {
        return rows.stream().map(r -> r.get("id").asString()).toList();
    }

    @Test
    void evidenceIdsExistInTheGraphAndLinkTheDrugToTheDisease() {
        int trials = 0;
        for (Record row : recommend("sarcoma", Map.of("k", 10))) {
            String drug = row.get("drug").asNode().get("id").asString();
            List<Map<String, Object>> evidence = row.get("evidence").asList(Value::asMap);
            String rationale = row.get("rationale").asString();
            Set<String> slots = new HashSet<>();
            Set<String> ncts = new HashSet<>();
            for (Map<String, Object> item : evidence) {
                slots.add((String) item.get("slot"));
                assertThat(item.get("drug")).isEqualTo(drug);
                switch ((String) item.get("kind")) {
                    case "trial" -> {
                        trials++;
                        ncts.add(((String) item.get("id")).substring(4));
                        assertThat(db.run("MATCH (:Drug {id: $c})<-[:TESTS]-(t:Trial {id: $t})-[:STUDIES]->"
                                + "(:Disease {name: 'sarcoma'}) RETURN count(t) AS n",
                                Map.of("c", drug, "t", item.get("id"))).get(0).get("n").asLong()).isEqualTo(1);
                    }
                    case "publication" -> assertThat(db.run("MATCH (:Drug {id: $c})<-[:MENTIONS]-(p:Publication "
                            + "{id: $p})-[:MENTIONS]->(:Disease {name: 'sarcoma'}) RETURN count(p) AS n",
                            Map.of("c", drug, "p", item.get("id"))).get(0).get("n").asLong()).isEqualTo(1);
                    case "path" -> {
                        assertThat((List<?>) item.get("nodes")).first().isEqualTo(drug);
                        assertThat(item.get("pathKind")).isEqualTo(org.kedrec.core.explain.PathKind.classify(
                                org.kedrec.core.graph.Metapaths.byAbbreviation((String) item.get("metapath"))).key());
                    }
                    default -> throw new AssertionError("unexpected kind " + item);
                }
            }
            // The rationale cites only what the evidence list holds.
            Matcher slot = SLOT.matcher(rationale);
            while (slot.find()) {
                assertThat(slots).contains(slot.group());
            }
            Matcher nct = NCT.matcher(rationale);
            while (nct.find()) {
                assertThat(ncts).contains(nct.group());
            }
            assertThat(rationale).startsWith(row.get("drug").asNode().get("name").asString() + ".");
        }
        assertThat(trials).as("sarcoma's candidates were tested in trials").isPositive();
    }

    @Test
    void theDiseaseIsFoundByIdXrefOrNameInAnyCase() {
        List<String> byId = ids(db.run("CALL kedrec.recommend($d, {k: 3}) YIELD drug RETURN drug.id AS id",
                Map.of("d", HYPERTENSION)));
        List<Object> xrefs = db.run("MATCH (d:Disease {id: $d}) RETURN d.xrefs AS x", Map.of("d", HYPERTENSION))
                .get(0).get("x").asList(Value::asObject);
        assertThat(xrefs).contains("MESH:D006973");
        for (String name : List.of("MESH:D006973", "hypertension", "HyperTension", "  hypertension ")) {
            assertThat(ids(db.run("CALL kedrec.recommend($d, {k: 3}) YIELD drug RETURN drug.id AS id",
                    Map.of("d", name)))).as(name).isEqualTo(byId);
        }
    }

    @Test
    void onlyWhatIsYieldedIsComputed() {
        long before = TxCypherRunner.QUERIES.get();
        long walks = TxPathGraph.WALKS.get();
        List<Record> bare = db.run("CALL kedrec.recommend($d) YIELD rank, drug, score RETURN *",
                Map.of("d", HYPERTENSION));
        assertThat(bare).hasSize(10);
        assertThat(TxCypherRunner.QUERIES.get() - before).as("no path or evidence query").isZero();
        assertThat(TxPathGraph.WALKS.get() - walks).as("no path walk").isZero();

        // The paths are walked through the Core API (one walk for all drugs), not queried.
        before = TxCypherRunner.QUERIES.get();
        walks = TxPathGraph.WALKS.get();
        db.run("CALL kedrec.recommend($d) YIELD drug, paths RETURN *", Map.of("d", HYPERTENSION));
        assertThat(TxCypherRunner.QUERIES.get() - before).as("no query for the paths").isZero();
        assertThat(TxPathGraph.WALKS.get() - walks).as("one path walk for all ten drugs").isEqualTo(1);

        // Trials and publications are read through the Core API too: only their full-text ranking is a query.
        before = TxCypherRunner.QUERIES.get();
        walks = TxPathGraph.WALKS.get();
        long evidence = TxEvidenceSource.READS.get();
        db.run("CALL kedrec.recommend($d) YIELD drug, rationale RETURN *", Map.of("d", HYPERTENSION));
        assertThat(TxEvidenceSource.READS.get() - evidence).as("trials and publications, once each").isEqualTo(2);
        assertThat(TxCypherRunner.QUERIES.get() - before).as("at most the full-text ranking of publications")
                .isBetween(0L, 1L);
        assertThat(TxPathGraph.WALKS.get() - walks).as("one path walk").isEqualTo(1);
    }

    @Test
    void rationaleModes() {
        List<Record> none = recommend(HYPERTENSION, Map.of("k", 2, "rationale", "none"));
        assertThat(none).allSatisfy(r -> assertThat(r.get("rationale").isNull()).isTrue());
        assertThat(none.get(0).get("evidence").asList()).isNotEmpty();

        List<Record> student = recommend(HYPERTENSION, Map.of("k", 2, "rationale", "student"));
        for (Record row : student) {
            String text = row.get("rationale").asString();
            // The student argues for its one candidate and starts with it, as it was distilled to.
            assertThat(text).startsWith(row.get("drug").asNode().get("name").asString());
            assertThat(text).doesNotContain("[C1]", "[D]");
        }
        List<Record> teacher = recommend(HYPERTENSION, Map.of("k", 2));
        assertThat(teacher.get(0).get("rationale").asString()).isNotEqualTo(student.get(0).get("rationale").asString());
    }

    @Test
    void pathsPerDrugAndMaxPathLengthShapeThePaths() {
        for (Record row : recommend(HYPERTENSION, Map.of("k", 3, "pathsPerDrug", 1, "maxPathLength", 2,
                "rationale", "none"))) {
            List<Path> paths = row.get("paths").asList(Value::asPath);
            assertThat(paths).hasSizeLessThanOrEqualTo(1);
            paths.forEach(p -> assertThat(p.length()).isEqualTo(2));
        }
    }
}

package org.kedrec.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.ImportStats;
import org.neo4j.driver.Record;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.Session;

/**
 * The fixture graph (edges-10.sif: the first 10 edges of each of the 24 metaedges, over its 432 nodes) imported over
 * Bolt, with exact counts, properties from the side files, and idempotency.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HetionetImportTest {
    private static TestNeo4j neo4j;
    private static Path data;

    @BeforeAll
    static void start() {
        data = TestNeo4j.data();
        neo4j = TestNeo4j.shared();
    }

    private static ImportReport importFixture() {
        return new Importer(neo4j.driver(), ImportOptions.defaults().withDataDirectory(data)).importHetionet(
                data.resolve("fixtures/hetionet-nodes-for-edges-10.tsv"), data.resolve("hetionet-integrate/edges-10.sif"));
    }

    static final Map<String, Long> FIXTURE_NODES = Map.ofEntries(
            entry("Gene", 188L), entry("Drug", 84L), entry("Disease", 60L), entry("Anatomy", 31L),
            entry("BiologicalProcess", 10L), entry("CellularComponent", 10L), entry("MolecularFunction", 10L),
            entry("PharmacologicClass", 10L), entry("SideEffect", 10L), entry("Symptom", 10L), entry("Pathway", 9L));

    static final Map<String, Long> FIXTURE_RELATIONSHIPS = Map.ofEntries(
            entry("ASSOCIATES", 10L), entry("BINDS", 10L), entry("CAUSES", 10L), entry("COVARIES", 10L),
            entry("DOWNREGULATES", 30L), entry("EXPRESSES", 10L), entry("INCLUDES", 10L), entry("INTERACTS", 10L),
            entry("LOCALIZES", 10L), entry("PALLIATES", 10L), entry("PARTICIPATES", 40L), entry("PRESENTS", 10L),
            entry("REGULATES", 10L), entry("RESEMBLES", 20L), entry("TREATS", 10L), entry("UPREGULATES", 30L));

    @Test
    @Order(1)
    void importsTheFixtureGraphWithExactCounts() {
        ImportReport report = importFixture();
        assertFixtureCounts(report, new ImportReport.Created(432, 240));
        assertThat(report.skippedLines()).isZero();
        assertThat(report.files()).extracting(ImportReport.FileReport::lines).containsExactly(433L, 241L);
        assertThat(report.warnings()).isEmpty();
        assertThat(neo4j.count("MATCH ()-[r {source: 'Hetionet'}]->() WHERE r.relation IS NOT NULL RETURN count(r)"))
                .isEqualTo(240);
    }

    @Test
    @Order(2)
    void nodesCarryCuriesNamesPropertiesAndXrefs() {
        try (Session session = neo4j.driver().session()) {
            // Every node got a CURIE, a name and its source.
            assertThat(session.run("MATCH (n) WHERE n.id IS NULL OR n.name IS NULL OR n.source <> 'Hetionet' "
                    + "RETURN count(n)").single().get(0).asLong()).isZero();
            Record drug = session.run("MATCH (d:Drug) WHERE d.groups IS NOT NULL AND size(d.xrefs) > 2 "
                    + "RETURN d ORDER BY d.id LIMIT 1").single();
            Map<String, Object> d = drug.get("d").asMap();
            assertThat((String) d.get("id")).startsWith("DrugBank:DB");
            assertThat(d).containsKeys("type", "groups", "inchikey", "description", "xrefs");
            assertThat((String) d.get("inchikey")).doesNotStartWith("InChIKey=");
            // Hypertension is findable by its DOID, its MeSH id and its name.
            Record hypertension = session.run("MATCH (d:Disease) WHERE 'MESH:D006973' IN d.xrefs RETURN d").single();
            assertThat(hypertension.get("d").get("id").asString()).isEqualTo("DOID:10763");
            assertThat(hypertension.get("d").get("name").asString()).isEqualTo("hypertension");
            assertThat(hypertension.get("d").get("pathophysiology").asString()).isNotBlank();
            // A MeSH id names one disease through xrefs; subsumed terms are kept apart.
            assertThat(session.run("MATCH (d:Disease) UNWIND d.xrefs AS x WITH x, count(d) AS n "
                    + "WHERE x STARTS WITH 'MESH:' AND n > 1 RETURN count(x)").single().get(0).asLong()).isZero();
            assertThat(session.run("MATCH (d:Disease) WHERE size(d.narrowerXrefs) > 0 RETURN count(d)")
                    .single().get(0).asLong()).isPositive();
            assertThat(session.run("MATCH (g:Gene) WHERE any(x IN g.xrefs WHERE x STARTS WITH 'UniProt:') "
                    + "RETURN count(g)").single().get(0).asLong()).isPositive();
        }
    }

    @Test
    @Order(3)
    void bindingAndAssociationEdgesCarryTheirEvidence() {
        try (Session session = neo4j.driver().session()) {
            Record binds = session.run("""
                    MATCH (:Drug {id: 'DrugBank:DB00787'})-[r:BINDS]->(:Gene {id: 'NCBIGene:6580'})
                    RETURN r.sources AS sources, r.pmids AS pmids, r.source AS source, r.relation AS relation
                    """).single();
            assertThat(binds.get("source").asString()).isEqualTo("Hetionet");
            assertThat(binds.get("relation").asString()).isEqualTo("CbG");
            assertThat(binds.get("sources").asList()).isNotEmpty();
            assertThat(session.run("MATCH ()-[r:ASSOCIATES]->() WHERE size(r.sources) > 0 RETURN count(r)")
                    .single().get(0).asLong()).isEqualTo(10);
            List<Object> pmids = session.run("MATCH ()-[r:BINDS]->() WHERE r.pmids IS NOT NULL "
                    + "RETURN r.pmids AS p LIMIT 1").single().get("p").asList();
            assertThat(pmids).allSatisfy(p -> assertThat(p).isInstanceOf(Long.class));
        }
    }

    @Test
    @Order(4)
    void reimportChangesNoCountsAndCreatesNothing() {
        assertFixtureCounts(importFixture(), new ImportReport.Created(0, 0));
    }

    @Test
    @Order(5)
    void everyWriteQueryFindsItsNodesBySeekNeverByScan() {
        try (GraphWriter writer = new GraphWriter(neo4j.driver(), "neo4j", 10, 1, new ImportStats());
                Session session = neo4j.driver().session()) {
            List<String> queries = new ArrayList<>();
            GraphWriter.NodeSpec nodes = writer.nodes("Trial", GraphWriter.NodeMode.UPSERT, List.of("title"),
                    List.of("sources"));
            queries.add(nodes.createQuery());
            queries.add(nodes.mergeQuery());
            GraphWriter.RelSpec treats = writer.relationships("TREATS", "Drug", "Disease",
                    Map.of("source", "Hetionet", "relation", "CtD"), List.of("license"), List.of("pmids"),
                    List.of("count"));
            queries.add(treats.createQuery());
            queries.add(treats.mergeQuery());
            queries.add(treats.createByElementQuery());
            queries.add(treats.mergeByElementQuery());
            Map<String, Object> row = Map.of("id", "x", "s", "a", "e", "b", "p", Map.of(), "u", Map.of(), "m", Map.of());
            Map<String, Object> params = Map.of("rows", List.of(row), "k", Map.of("source", "s", "relation", "r"));
            for (String query : queries) {
                List<String> operators = new ArrayList<>();
                collect(session.run("EXPLAIN " + query, params).consume().plan(), operators);
                assertThat(operators).as(query).noneMatch(o -> o.contains("Scan"));
                // Properties are set by name, so the planner needs no Eager (which would buffer every row).
                assertThat(operators).as(query).noneMatch(o -> o.startsWith("Eager"));
                if (query.contains("elementId(a)")) {
                    assertThat(operators).as(query).filteredOn(o -> o.startsWith("NodeByElementIdSeek")).hasSize(2);
                } else if (query.contains("MATCH (a:")) {
                    assertThat(operators).as(query).filteredOn(o -> o.startsWith("NodeUniqueIndexSeek")).hasSize(2);
                }
            }
        }
    }

    private static void collect(Plan plan, List<String> operators) {
        operators.add(plan.operatorType());
        plan.children().forEach(child -> collect(child, operators));
    }

    @Test
    @Order(6)
    void theSchemaFileRunsTwice() {
        Importer importer = new Importer(neo4j.driver(), ImportOptions.defaults());
        importer.applySchema();
        importer.applySchema();
        try (Session session = neo4j.driver().session()) {
            assertThat(session.run("SHOW CONSTRAINTS YIELD name RETURN count(*)").single().get(0).asLong())
                    .isEqualTo(13);
            assertThat(session.run("SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN collect(name) AS n")
                    .single().get("n").asList()).containsExactlyInAnyOrder("publication_text", "trial_text",
                    "entity_name");
        }
        assertThat(GraphSchema.statements()).hasSize(29);
    }

    @Test
    @Order(7)
    void smallBatchesAcrossManyShapesGiveTheSameGraph() {
        // 24 metaedges of 10 edges each never fill a batch of 20 alone; together they pass 8 batches' worth of
        // buffered rows, so the fullest buffers are written early. The graph must come out the same.
        neo4j.wipe();
        ImportReport report = new Importer(neo4j.driver(), ImportOptions.defaults().withDataDirectory(data)
                        .withBatchSize(20).withWriters(3))
                .importHetionet(data.resolve("fixtures/hetionet-nodes-for-edges-10.tsv"),
                        data.resolve("hetionet-integrate/edges-10.sif"));
        assertFixtureCounts(report, new ImportReport.Created(432, 240));
    }

    /** The fixture graph's exact counts, whatever an import found already there; {@code created} is what it added. */
    private static void assertFixtureCounts(ImportReport report, ImportReport.Created created) {
        assertThat(report.nodes()).containsExactlyInAnyOrderEntriesOf(FIXTURE_NODES);
        assertThat(report.relationships()).containsExactlyInAnyOrderEntriesOf(FIXTURE_RELATIONSHIPS);
        assertThat(report.created()).isEqualTo(created);
    }
}

package org.kedrec.trainer.ranking.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.ranking.RankerConfig;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.trainer.cli.TrainerMain;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.Neo4jEvidenceExport;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import picocli.CommandLine;

/**
 * The product path against a real in-process Neo4j over Bolt: the export keeps held-out TREATS pairs (and any other
 * edge between a held-out drug and disease) out of the training graph, skips evidence and unselected sources, and
 * {@code train kge} writes embeddings and vector indexes back, recreating an index whose dimension changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Neo4jExportTest {
    static final int BOLT_PORT = 7811;
    static final String FIXTURE = """
            CREATE (d1:Drug {id: 'DrugBank:DB00001', name: 'drug one'}),
                   (d2:Drug {id: 'DrugBank:DB00002', name: 'drug two'}),
                   (d3:Drug {id: 'DrugBank:DB00003', name: 'drug three'}),
                   (d4:Drug {id: 'DrugBank:DB00004', name: 'drug four'}),
                   (d5:Drug {id: 'DrugBank:DB00005', name: 'drug without edges'}),
                   (s1:Disease {id: 'DOID:1', name: 'disease one'}),
                   (s2:Disease {id: 'DOID:2', name: 'zero-shot disease'}),
                   (g1:Gene {id: 'NCBIGene:1', name: 'G1'}),
                   (g2:Gene {id: 'NCBIGene:2', name: 'G2'}),
                   (t:Trial {id: 'NCT:NCT00000001', title: 'a trial'}),
                   (p:Publication {id: 'PMID:1', title: 'a paper'}),
                   (d1)-[:TREATS {source: 'Hetionet'}]->(s1),
                   (d2)-[:TREATS {source: 'Hetionet'}]->(s1),
                   (d3)-[:TREATS {source: 'Hetionet'}]->(s1),
                   (d4)-[:TREATS {source: 'Hetionet'}]->(s2),
                   (d2)-[:ASSOCIATED_IN_TEXT {source: 'DRKG'}]->(s1),
                   (s1)-[:MENTIONED_WITH {source: 'Hetionet'}]->(d3),
                   (d4)-[:PALLIATES {source: 'Hetionet'}]->(s1),
                   (d1)-[:BINDS {source: 'Hetionet'}]->(g1),
                   (d2)-[:BINDS {source: 'Hetionet'}]->(g1),
                   (d3)-[:BINDS {source: 'Hetionet'}]->(g2),
                   (d1)-[:BINDS {source: 'DRKG'}]->(g2),
                   (s1)-[:ASSOCIATES {source: 'Hetionet'}]->(g1),
                   (s2)-[:ASSOCIATES {source: 'Hetionet'}]->(g2),
                   (g1)-[:INTERACTS {source: 'Hetionet'}]->(g2),
                   (t)-[:TESTS {source: 'ClinicalTrials.gov'}]->(d1),
                   (t)-[:STUDIES {source: 'ClinicalTrials.gov'}]->(s1),
                   (p)-[:MENTIONS]->(d1)
            """;

    Neo4j neo4j;
    Driver driver;
    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(BoltConnector.listen_address, new SocketAddress("localhost", BOLT_PORT))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("localhost", BOLT_PORT))
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withFixture(FIXTURE)
                .build();
        driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
    }

    /** DB00002 is TEST, DB00003 VALIDATION, DOID:2 zero-shot; DB00001 trains. */
    Path splits() throws Exception {
        Path file = dir.resolve("splits.tsv");
        Files.writeString(file, """
                kind\tid\tsplit
                disease\tDOID:2\tzeroshot
                pair\tDrugBank:DB00001|DOID:1\ttrain
                pair\tDrugBank:DB00002|DOID:1\ttest
                pair\tDrugBank:DB00003|DOID:1\tvalidation
                pair\tDrugBank:DB00004|DOID:2\tzeroshot
                """);
        return file;
    }

    static Set<String> lines(TrainingGraph graph) {
        return java.util.stream.IntStream.range(0, graph.size()).mapToObj(graph::line).collect(Collectors.toSet());
    }

    @Test
    void heldOutTreatsPairsAndEvidenceNeverReachTheTrainingGraph() throws Exception {
        SplitPlan plan = SplitPlan.read(splits());
        TrainingGraph graph = new Neo4jGraphExport(driver, null)
                .export(plan, Neo4jGraphExport.DEFAULT_SOURCES, ProgressTracker.NULL);
        Set<String> lines = lines(graph);
        assertThat(lines).containsExactlyInAnyOrder(
                "DrugBank:DB00001\tDrug-TREATS->Disease\tDOID:1",
                "DrugBank:DB00004\tDrug-PALLIATES->Disease\tDOID:1",
                "DrugBank:DB00001\tDrug-BINDS->Gene\tNCBIGene:1",
                "DrugBank:DB00002\tDrug-BINDS->Gene\tNCBIGene:1",
                "DrugBank:DB00003\tDrug-BINDS->Gene\tNCBIGene:2",
                "DOID:1\tDisease-ASSOCIATES->Gene\tNCBIGene:1",
                "DOID:2\tDisease-ASSOCIATES->Gene\tNCBIGene:2",
                "NCBIGene:1\tGene-INTERACTS->Gene\tNCBIGene:2");
        assertThat(graph.excluded()).containsEntry("TREATS test", 1L)
                .containsEntry("TREATS validation", 1L)
                .containsEntry("TREATS zeroshot", 1L)
                .containsEntry("other edge of a held-out pair (MENTIONED_WITH)", 1L);
        assertThat(graph.treatsPairs()).extracting(TreatsPair::split).containsExactly(
                PairSplit.TRAIN, PairSplit.TEST, PairSplit.VALIDATION, PairSplit.ZEROSHOT);
        // every drug and disease is ranked, even one without edges; names come along
        int isolated = graph.entities().indexOrMinusOne("DrugBank:DB00005");
        assertThat(isolated).isNotNegative();
        assertThat(graph.entities().name(isolated)).isEqualTo("drug without edges");
        assertThat(graph.entities().ids()).doesNotContain("NCT:NCT00000001", "PMID:1");

        // every source: DRKG's edge of a non-held-out pair comes in, the held-out pair's DRKG edge still does not
        TrainingGraph all = new Neo4jGraphExport(driver, null).export(plan, List.of("*"), ProgressTracker.NULL);
        assertThat(lines(all)).contains("DrugBank:DB00001\tDrug-BINDS->Gene\tNCBIGene:2")
                .noneMatch(l -> l.startsWith("DrugBank:DB00002\tDrug-ASSOCIATED_IN_TEXT"));
        assertThat(all.excluded()).containsEntry("other edge of a held-out pair (ASSOCIATED_IN_TEXT)", 1L);
        assertThat(new Neo4jGraphExport(driver, null).sourceCounts(List.of("Hetionet")))
                .contains(new Neo4jGraphExport.SourceCount("DRKG", 2, false),
                        new Neo4jGraphExport.SourceCount("Hetionet", 12, true));
    }

    @Test
    void evidenceExportReadsTrialsLiteratureAndDrugPropertiesButNoTreatsRelationship() {
        try (Session session = driver.session()) {
            session.run("""
                    MATCH (d1:Drug {id: 'DrugBank:DB00001'}), (d3:Drug {id: 'DrugBank:DB00003'}),
                          (s1:Disease {id: 'DOID:1'}), (t:Trial {id: 'NCT:NCT00000001'}), (p:Publication {id: 'PMID:1'})
                    SET d1.atcCodes = ['C08CA01'], d1.categories = ['Calcium Channel Blockers'],
                        d1.groups = ['approved'], t.phase = 'phase 2/phase 3', t.status = 'completed',
                        t.outcome = 'success'
                    CREATE (t2:Trial {id: 'NCT:NCT00000002', phase: 'phase 1', status: 'terminated'}),
                           (t2)-[:TESTS]->(d1), (t2)-[:STUDIES]->(s1), (t2)-[:TESTS]->(d3),
                           (p)-[:MENTIONS]->(s1),
                           (d3)-[:NEGATIVELY_CORRELATES {source: 'BioRED', pmids: [1]}]->(s1),
                           (d1)-[:CAUSES {source: 'BC5CDR', pmids: [1]}]->(s1)
                    """).consume();
        }
        try {
            Neo4jEvidenceExport export = new Neo4jEvidenceExport(driver, null);
            Evidence before = export.export();
            Evidence.PairEvidence p = before.pair("DrugBank:DB00001", "DOID:1");
            assertThat(p.trials()).isEqualTo(2);
            assertThat(p.completed()).isEqualTo(1);
            assertThat(p.maxPhase()).isEqualTo(3);
            assertThat(p.successes()).isEqualTo(1);
            assertThat(p.publications()).isEqualTo(1);
            assertThat(p.litOther()).isEqualTo(1);
            assertThat(before.pair("DrugBank:DB00003", "DOID:1").trials()).isEqualTo(1);
            assertThat(before.pair("DrugBank:DB00003", "DOID:1").litTreatsLike()).isEqualTo(1);
            assertThat(before.drug("DrugBank:DB00001").trials()).isEqualTo(2);
            assertThat(before.drug("DrugBank:DB00001").publications()).isEqualTo(1);
            assertThat(before.drug("DrugBank:DB00001").atcCodes()).containsExactly("C08CA01");
            assertThat(before.drug("DrugBank:DB00001").groups()).containsExactly("approved");

            // leakage: TREATS edges of a held-out pair, from Hetionet or restated by DRKG, change nothing
            try (Session session = driver.session()) {
                session.run("""
                        MATCH (d:Drug {id: 'DrugBank:DB00005'}), (s:Disease {id: 'DOID:1'})
                        CREATE (d)-[:TREATS {source: 'Hetionet'}]->(s), (d)-[:TREATS {source: 'DRUGBANK'}]->(s),
                               (d)-[:TREATS {source: 'BioRED'}]->(s), (d)-[:PALLIATES {source: 'BC5CDR'}]->(s)
                        """).consume();
            }
            Evidence planted = export.export();
            assertThat(planted.hash()).isEqualTo(before.hash());
            assertThat(planted.pair("DrugBank:DB00005", "DOID:1")).isNull();
        } finally {
            try (Session session = driver.session()) {
                session.run("""
                        MATCH (:Drug {id: 'DrugBank:DB00005'})-[r]->(:Disease {id: 'DOID:1'}) DELETE r
                        """).consume();
                session.run("""
                        MATCH (t2:Trial {id: 'NCT:NCT00000002'}) DETACH DELETE t2
                        """).consume();
                session.run("""
                        MATCH (:Publication {id: 'PMID:1'})-[m:MENTIONS]->(:Disease) DELETE m
                        """).consume();
                session.run("""
                        MATCH (:Drug)-[r:NEGATIVELY_CORRELATES|CAUSES]->(:Disease) DELETE r
                        """).consume();
                session.run("""
                        MATCH (d1:Drug {id: 'DrugBank:DB00001'}), (t:Trial {id: 'NCT:NCT00000001'})
                        REMOVE d1.atcCodes, d1.categories, d1.groups, t.phase, t.status, t.outcome
                        """).consume();
            }
        }
    }

    @Test
    void trainCommandExportsTrainsAndWritesEmbeddingsWithVectorIndexes() throws Exception {
        Path model = dir.resolve("model");
        String[] common = {"train", "kge", "--uri", neo4j.boltURI().toString(), "--password", "unused", "--model",
            model.toString(), "--splits", splits().toString(), "--kge", "complex", "--profile", "quick", "--epochs", "2",
            "--device", "cpu",
            // With --splits and a graph to export nothing is read from the data directory, but the command asks for
            // one: an empty folder keeps this test independent of the real data (it runs on a fresh machine).
            "--data", dir.toString()};
        assertThat(run(concat(common, "--dim", "8"))).isZero();
        try (Session session = driver.session()) {
            Record drug = session.run("MATCH (d:Drug {id: 'DrugBank:DB00001'}) RETURN size(d.embedding) AS n").single();
            assertThat(drug.get("n").asInt()).isEqualTo(16); // ComplEx: 8 complex numbers
            assertThat(session.run("MATCH (n) WHERE (n:Drug OR n:Disease) AND n.embedding IS NULL RETURN count(n) AS n")
                    .single().get("n").asLong()).isZero();
            assertThat(indexDimensions(session)).isEqualTo(Map.of("drug_embedding", 16L, "disease_embedding", 16L));
            List<Record> near = session.run("""
                    MATCH (d:Drug {id: 'DrugBank:DB00001'})
                    CALL db.index.vector.queryNodes('drug_embedding', 3, d.embedding) YIELD node, score
                    RETURN node.id AS id, score""").list();
            assertThat(near).hasSize(3);
            assertThat(near.get(0).get("id").asString()).isEqualTo("DrugBank:DB00001");
        }
        // the stored triples hold no held-out pair, and the manifest names the ranker
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(model.resolve("ranker/triples.tsv.gz"))), StandardCharsets.UTF_8))) {
            assertThat(in.lines()).noneMatch(l -> l.startsWith("DrugBank:DB00002\tDrug-TREATS"))
                    .noneMatch(l -> l.contains("DB00003\tDrug-TREATS"));
        }
        assertThat(Files.readString(model.resolve("model.json"))).contains("\"ranker\"");
        // the default is "KG + evidence": the evidence read from the graph is stored with the model
        assertThat(model.resolve("ranker/evidence.tsv.gz")).isRegularFile();
        assertThat(Files.readString(model.resolve("ranker/config.json"))).contains("\"evidence\"");

        // re-training with another dimension replaces the embeddings and recreates both indexes
        assertThat(run(concat(common, "--dim", "4"))).isZero();
        try (Session session = driver.session()) {
            assertThat(indexDimensions(session)).isEqualTo(Map.of("drug_embedding", 8L, "disease_embedding", 8L));
            assertThat(session.run("MATCH (d:Disease {id: 'DOID:2'}) RETURN size(d.embedding) AS n").single()
                    .get("n").asInt()).isEqualTo(8);
        }

        // without --kge the ranker is the feature model alone: no parameters, nothing written to the graph
        Path featureOnly = dir.resolve("feature-model");
        assertThat(run("train", "kge", "--uri", neo4j.boltURI().toString(), "--password", "unused", "--model",
                featureOnly.toString(), "--splits", splits().toString(), "--device", "cpu", "--data",
                dir.toString())).isZero();
        assertThat(featureOnly.resolve("ranker/kge-0000.params")).doesNotExist();
        assertThat(featureOnly.resolve("ranker/path-scores.bin")).isRegularFile();
        assertThat(RankerConfig.read(featureOnly.resolve("ranker/config.json")).components())
                .containsExactly("metapath", "evidence");
        try (Session session = driver.session()) {
            assertThat(indexDimensions(session)).isEqualTo(Map.of("drug_embedding", 8L, "disease_embedding", 8L));
        }
    }

    @Test
    void badOptionsAreExplained() {
        StringWriter err = new StringWriter();
        CommandLine cli = TrainerMain.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute("train", "kge", "--model", dir.resolve("m").toString(), "--kge", "complex", "--profile",
                "huge");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("Error: Unknown training profile `huge`. Valid profiles are: [quick, full].");
        // the default trains no embedding, so the embedding's options alone are refused, not silently ignored
        StringWriter noKge = new StringWriter();
        cli.setErr(new PrintWriter(noKge));
        assertThat(cli.execute("train", "kge", "--model", dir.resolve("m").toString(), "--epochs", "3", "--dim",
                "8")).isEqualTo(1);
        assertThat(noKge.toString()).contains("Error: --epochs 3 sets the KG embedding's training, but the default "
                + "ranker trains no embedding (it measured no gain, docs/ranker.md). Add --kge complex to train one, "
                + "or drop --epochs, --dim.");
        StringWriter both = new StringWriter();
        cli.setErr(new PrintWriter(both));
        assertThat(cli.execute("train", "kge", "--model", dir.resolve("m").toString(), "--kge", "distmult",
                "--no-kge")).isEqualTo(1);
        assertThat(both.toString()).contains("Error: --kge distmult and --no-kge contradict each other: pass --kge to "
                + "train an embedding, or neither for the default ranker without one.");
        assertThat(dir.resolve("m")).doesNotExist();
        assertThatThrownBy(() -> SplitPlan.read(dir.resolve("missing.tsv")))
                .hasMessageStartingWith("Missing split definition");
    }

    private static Map<String, Long> indexDimensions(Session session) {
        return session.run("""
                SHOW VECTOR INDEXES YIELD name, options
                RETURN name, options.indexConfig['vector.dimensions'] AS dims""").list().stream()
                .collect(Collectors.toMap(r -> r.get("name").asString(), r -> r.get("dims").asLong()));
    }

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = TrainerMain.commandLine();
        cli.setOut(new PrintWriter(out));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        if (code != 0) {
            throw new AssertionError("exit " + code + ": " + err + "\n" + out);
        }
        return code;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

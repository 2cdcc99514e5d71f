package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.importer.ImportBenchmark;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.kedrec.importer.trials.TrialSources;
import org.kedrec.importer.write.AdminImportFiles;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.ImportStats;
import org.kedrec.importer.write.OfflineGraph;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The offline first load on a real server: neo4j-admin writes the database the importer built in memory, the
 * schema is applied after the start, and the result is the graph an online import writes, property for property,
 * so an online import over it creates nothing. A failed admin import leaves no database behind.
 *
 * <p>Inputs: all Hetionet nodes with the 240 fixture edges (node properties, xrefs and edge evidence from the side
 * files), the five API v2 trials and the BC5CDR sample (union lists, maximum counts, merged relations).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineLoadIT {
    private static final int BOLT = Integer.getInteger("kedrec.it.offline.bolt", 7731);
    /**
     * With {@code -Dkedrec.it.offline.demo=true} the inputs are the whole demo set ({@code import all}), a check of
     * a few minutes for when the importer's mapping changes; by default the small fixture inputs below.
     */
    private static final boolean DEMO = Boolean.getBoolean("kedrec.it.offline.demo");

    private final List<String> said = new ArrayList<>();
    private Path data;
    private TemporaryServer server;
    private OfflineLoad.Result load;
    private Driver driver;
    private long pid;
    private List<String> loadedGraph;

    /** Runs the inputs' imports and returns their reports. */
    private List<ImportReport> importInputs(Importer importer) {
        if (DEMO) {
            return List.of(importer.importAll(data));
        }
        return List.of(
                importer.importHetionet(data.resolve("hetionet/hetionet-v1.0-nodes.tsv"),
                        data.resolve("hetionet-integrate/edges-10.sif")),
                importer.importTrials(TrialSources.ctgovJson(data.resolve("fixtures/ctg-studies-5.json"))),
                importer.importPubmed(data.resolve("fixtures/CDR_sample.txt")));
    }

    private ImportReport importEvidence(Importer importer) {
        List<ImportReport> reports = importInputs(importer);
        return reports.get(reports.size() - 1);
    }

    @BeforeAll
    void load() {
        data = DataDirectory.forTests(Assumptions::abort);
        TemporaryServer.Loaded loaded = TemporaryServer.loadOffline(Distribution.locate(), null, BOLT, BOLT + 1,
                "512m", "128m", List.of(), ImportOptions.defaults().withDataDirectory(data), this::importEvidence,
                said::add);
        server = loaded.server();
        load = loaded.result();
        pid = server.started().pid();
        driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none());
        System.out.println("[OfflineLoadIT] built in " + load.buildSeconds() + " s, admin import " + load.adminSeconds()
                + " s, start " + load.startSeconds() + " s, schema " + load.schemaSeconds() + " s");
    }

    @AfterAll
    void closeWhatWasStarted() {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void loadsANewDatabaseWithExactCountsAndTheSchema() {
        ImportReport report = load.report();
        assertThat(report.nodes()).containsEntry("Gene", 20_945L);
        assertThat(report.created().nodes()).isEqualTo(report.totalNodes());
        assertThat(report.created().relationships()).isEqualTo(report.totalRelationships());
        if (DEMO) {
            assertThat(report.created()).isEqualTo(new ImportReport.Created(76_279, 277_987));
            assertThat(report.steps()).extracting(ImportReport.StepReport::step).containsExactly("read hetionet",
                    "read trials", "read pubmed", "write neo4j-admin files", "neo4j-admin database import",
                    "schema (constraints and indexes)");
        } else {
            assertThat(report.totalNodes()).isEqualTo(47_031 + 5 + report.nodes().get("Publication"));
            assertThat(report.relationships()).containsEntry("TESTS", 6L).containsEntry("STUDIES", 4L)
                    .containsKey("MENTIONS");
            // The build ran three imports; its report, the last one's, has the PubMed step.
            assertThat(report.steps()).extracting(ImportReport.StepReport::step).containsExactly("read pubmed",
                    "write neo4j-admin files", "neo4j-admin database import", "schema (constraints and indexes)");
        }
        assertThat(said).anyMatch(line -> line.startsWith("neo4j-admin database import finished in "));
        try (Session session = driver.session()) {
            assertThat(session.run("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n").single().get("n").asLong())
                    .isEqualTo(13L);
            assertThat(session.run("SHOW INDEXES YIELD state WHERE state <> 'ONLINE' RETURN count(*) AS n").single()
                    .get("n").asLong()).isZero();
            // Full-text search over trial text works on the loaded data.
            assertThat(session.run("CALL db.index.fulltext.queryNodes('trial_text', 'leukaemia') YIELD node "
                    + "RETURN collect(node.id) AS ids").single().get("ids").asList())
                    .contains("NCT:NCT05756322");
            // The constraint holds: a duplicate id is refused.
            assertThatThrownBy(() -> session.run("CREATE (:Gene {id: 'NCBIGene:1'})").consume())
                    .hasMessageContaining("already exists");
        }
        assertThat(home()).isDirectory();
        assertThat(home().resolve("import")).isEmptyDirectory();
    }

    @Test
    @Order(2)
    void anOnlineImportOverTheLoadedDatabaseCreatesNothing() {
        loadedGraph = dump();
        List<ImportReport> again = importInputs(new Importer(driver, ImportOptions.defaults().withDataDirectory(data)));
        assertThat(again).extracting(ImportReport::created).containsOnly(new ImportReport.Created(0, 0));
        assertThat(dump()).isEqualTo(loadedGraph);
    }

    @Test
    @Order(3)
    void theLoadedGraphIsWhatAnOnlineImportWritesPropertyForProperty() {
        ImportBenchmark.wipe(driver, OfflineLoad.DATABASE);
        ImportReport online = importEvidence(new Importer(driver, ImportOptions.defaults().withDataDirectory(data)));
        assertThat(online.nodes()).isEqualTo(load.report().nodes());
        assertThat(online.relationships()).isEqualTo(load.report().relationships());
        List<String> onlineGraph = dump();
        assertThat(onlineGraph).hasSize(loadedGraph.size());
        assertThat(onlineGraph).isEqualTo(loadedGraph);
    }

    @Test
    @Order(4)
    void refusesARunningServerAndAnExistingDatabase() {
        ServerHome home = new ServerHome(home());
        assertThatThrownBy(() -> OfflineLoad.requireNewDatabase(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Neo4j is running in " + home.root() + ": an offline load writes the database files "
                        + "directly and needs the server stopped and the database not yet created. Import into the "
                        + "running server instead (kedrec import all), or load a new home (--home NEW_DIR).");
        driver.close();
        driver = null;
        new Neo4jServer(said::add).stop(home, Duration.ofSeconds(120));
        assertThatThrownBy(() -> OfflineLoad.requireNewDatabase(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Database `neo4j` already exists in " + home.root() + " ("
                        + home.data().resolve("databases/neo4j") + "), and an offline load can only create a "
                        + "database. Start the server and import into it (kedrec server start, then kedrec import "
                        + "all: it merges and creates nothing twice), or load a new home (--home NEW_DIR).");
        server.close();
        server = null;
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(home.root()).doesNotExist();
    }

    @Test
    @Order(5)
    void aFailedAdminImportLeavesNoDatabaseBehind(@TempDir Path tmp) throws IOException {
        ServerHome home = new ServerHome(tmp.resolve("home"));
        home.prepare(Distribution.locate(), new ServerSettings(home.root(), BOLT, BOLT + 1, null, "512m", "128m",
                Duration.ofSeconds(60)));
        // A relationship to a node that the files do not hold: the strict admin import fails on it. The writer
        // refuses such a graph itself (OfflineGraphTest), so the row is added to its file afterwards, as a file
        // damaged between writing and importing would hold it.
        OfflineGraph graph = new OfflineGraph();
        GraphWriter writer = GraphWriter.offline(graph, "neo4j", new ImportStats());
        writer.node(writer.nodes("Drug", GraphWriter.NodeMode.UPSERT, List.of("name"), List.of()), "DrugBank:DB1",
                Map.of("name", "a drug"), null, null);
        writer.node(writer.nodes("Disease", GraphWriter.NodeMode.UPSERT, List.of(), List.of()), "DOID:1", Map.of(),
                null, null);
        writer.relationship(writer.relationships("TREATS", "Drug", "Disease", Map.of("source", "test"), List.of(),
                List.of(), List.of()), "DrugBank:DB1", "DOID:1", null, null, null);
        AdminImportFiles files = AdminImportFiles.write(graph, tmp.resolve("csv"));
        Path treats = files.files().stream().filter(f -> f.getFileName().toString().contains("TREATS")).findFirst()
                .orElseThrow();
        Files.writeString(treats, "0,7,\"test\"\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThatThrownBy(() -> new OfflineLoad(said::add).runAdminImport(home, files))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("neo4j-admin database import failed \\(exit code [0-9]+\\): .*referring to "
                        + "missing node 7\\. What it wrote was removed, so the load can be run again once the cause "
                        + "is fixed; its output is in .*/home/logs/neo4j-admin-import\\.log\\.");
        assertThat(OfflineLoad.databaseDirectory(home)).doesNotExist();
        assertThat(OfflineLoad.transactionsDirectory(home)).doesNotExist();
        OfflineLoad.requireNewDatabase(home);
        assertThat(Files.exists(home.logs().resolve("neo4j-admin-import.log"))).isTrue();
    }

    private Path home() {
        return server.home();
    }

    /** Every node and relationship with its labels or type, ends and properties, as sorted lines. */
    private List<String> dump() {
        try (Session session = driver.session()) {
            List<String> lines = new ArrayList<>(session.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
                    .list(r -> r.get("l").asList() + " " + new TreeMap<>(r.get("p").asMap())));
            lines.addAll(session.run("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, "
                    + "properties(r) AS p").list(r -> r.get("a").asString() + " -[" + r.get("t").asString() + " "
                    + new TreeMap<>(r.get("p").asMap()) + "]-> " + r.get("b").asString()));
            lines.sort(null);
            return lines;
        }
    }
}

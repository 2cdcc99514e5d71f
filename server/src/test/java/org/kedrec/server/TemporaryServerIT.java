package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The server half of {@code kedrec bench import}: a fresh real server without authentication, the importer's
 * fixture import over Bolt into it with exact counts, and nothing left behind after close.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemporaryServerIT {
    /** Counted from the fixture files themselves: kinds in the nodes TSV, 24 metaedges x 10 edges in the SIF. */
    static final Map<String, Long> FIXTURE_NODES = Map.ofEntries(
            entry("Gene", 188L), entry("Drug", 84L), entry("Disease", 60L), entry("Anatomy", 31L),
            entry("BiologicalProcess", 10L), entry("CellularComponent", 10L), entry("MolecularFunction", 10L),
            entry("PharmacologicClass", 10L), entry("SideEffect", 10L), entry("Symptom", 10L), entry("Pathway", 9L));
    /** CdG+DdG+AdG, CuG+DuG+AuG, CrC+DrD and the four Gp* metaedges share a type; the rest are 10 each. */
    static final Map<String, Long> FIXTURE_RELATIONSHIPS = Map.ofEntries(
            entry("ASSOCIATES", 10L), entry("BINDS", 10L), entry("CAUSES", 10L), entry("COVARIES", 10L),
            entry("DOWNREGULATES", 30L), entry("EXPRESSES", 10L), entry("INCLUDES", 10L), entry("INTERACTS", 10L),
            entry("LOCALIZES", 10L), entry("PALLIATES", 10L), entry("PARTICIPATES", 40L), entry("PRESENTS", 10L),
            entry("REGULATES", 10L), entry("RESEMBLES", 20L), entry("TREATS", 10L), entry("UPREGULATES", 30L));

    private final List<String> said = new ArrayList<>();
    private TemporaryServer server;
    private Driver driver;
    private Path home;
    private long pid;

    @BeforeAll
    void start() {
        server = TemporaryServer.start(Distribution.locate(), null, 7711, 7712, "512m", "128m", said::add);
        home = server.home();
        pid = server.started().pid();
        System.out.println("[TemporaryServerIT] ready in " + server.started().elapsed().toMillis() + " ms, "
                + server.started().residentBytes().orElse(-1) / (1024 * 1024) + " MB resident");
        driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none());
    }

    @AfterAll
    void closeWhatWasStarted() {
        if (driver != null) {
            driver.close();
        }
        if (server != null && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aFreshServerWithoutAuthentication() {
        assertThat(home.getFileName().toString()).startsWith("kedrec-bench-");
        assertThat(server.boltUri()).isEqualTo("bolt://127.0.0.1:7711");
        assertThat(server.started().authEnabled()).isFalse();
        assertThat(said).contains("Starting Neo4j (Bolt 127.0.0.1:7711, HTTP 127.0.0.1:7712)")
                .doesNotContain("Setting the initial password of user neo4j");
        try (Session session = driver.session()) {
            assertThat(session.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong()).isZero();
            assertThat(session.run("RETURN kedrec.version() AS v").single().get("v").asString())
                    .isEqualTo(System.getProperty("kedrec.version"));
        }
    }

    @Test
    @Order(2)
    void theFixtureGraphImportsOverBoltWithExactCountsAndIdempotently() {
        Path data = DataDirectory.forTests(Assumptions::abort);
        Importer importer = new Importer(driver, ImportOptions.defaults().withDataDirectory(data));
        Path nodes = data.resolve("fixtures/hetionet-nodes-for-edges-10.tsv");
        Path edges = data.resolve("hetionet-integrate/edges-10.sif");

        ImportReport first = importer.importHetionet(nodes, edges);
        assertThat(first.nodes()).containsExactlyInAnyOrderEntriesOf(FIXTURE_NODES);
        assertThat(first.relationships()).containsExactlyInAnyOrderEntriesOf(FIXTURE_RELATIONSHIPS);
        assertThat(first.created()).isEqualTo(new ImportReport.Created(432, 240));
        assertThat(first.skippedLines()).isZero();

        ImportReport again = importer.importHetionet(nodes, edges);
        assertThat(again.created()).isEqualTo(new ImportReport.Created(0, 0));
        assertThat(again.nodes()).isEqualTo(first.nodes());
        assertThat(again.relationships()).isEqualTo(first.relationships());

        try (Session session = driver.session()) {
            // The schema the importer applied is in the real server, and hypertension is findable by its MeSH xref.
            assertThat(session.run("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n").single().get("n").asLong())
                    .isGreaterThanOrEqualTo(13L);
            assertThat(session.run("MATCH (d:Disease) WHERE 'MESH:D006973' IN d.xrefs RETURN d.id AS id").single()
                    .get("id").asString()).isEqualTo("DOID:10763");
        }
    }

    @Test
    @Order(3)
    void closeStopsTheServerAndDeletesItsHome() {
        driver.close();
        driver = null;
        server.close();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(home).doesNotExist();
        assertThat(PortCheck.isFree(7711)).isTrue();
        assertThat(said).anyMatch(line -> line.startsWith("Stopping Neo4j in " + home));
    }
}

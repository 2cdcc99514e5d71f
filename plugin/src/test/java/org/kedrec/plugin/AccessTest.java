package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Who may do what (docs/install.md, "Who may do what"): the modes and admin flags Neo4j enforces, and READ
 * procedures unable to write. The write attempts run in a database of their own (no graph, no model: they need
 * neither), so they cannot disturb the module's shared one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {
    private Neo4j neo4j;
    private GraphDatabaseService db;

    @BeforeAll
    void start() {
        Path target = Path.of(System.getProperty("kedrec.target", "target")).toAbsolutePath();
        neo4j = TestDb.withKedrec(Neo4jBuilders.newInProcessBuilder(target.resolve("neo4j-access-test"))
                .withDisabledServer()
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 16L * 1024 * 1024))
                .withProcedure(WriteAttemptProc.class)
                .build();
        db = neo4j.defaultDatabaseService();
    }

    @AfterAll
    void stop() {
        neo4j.close();
    }

    @Test
    void modelLoadIsAnAdminDbmsProcedureAndRecommendWriteAWriteOne() {
        // Read from a database without the allow-list, where every kedrec procedure is registered.
        Map<String, String> modes = new TreeMap<>();
        TestDb.get().run("SHOW PROCEDURES YIELD name, mode, admin WHERE name STARTS WITH 'kedrec.' "
                + "RETURN name, mode, admin").forEach(r -> modes.put(r.get("name").asString(),
                r.get("mode").asString() + (r.get("admin").asBoolean() ? " admin" : "")));
        assertThat(modes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kedrec.explain", "READ",
                "kedrec.model.info", "READ",
                "kedrec.model.list", "READ",
                "kedrec.model.load", "DBMS admin",
                "kedrec.recommend", "READ",
                "kedrec.recommend.write", "WRITE",
                "kedrec.select", "READ"));
    }

    /** Runs a statement to its end (Cypher is lazy: a result never read may never call the procedure). */
    private String consume(String cypher) {
        return db.executeTransactionally(cypher, Map.of(), result -> result.resultAsString());
    }

    @Test
    void aReadProcedureCannotWriteThroughCypherOrTheJavaApi() {
        assertThatThrownBy(() -> consume("CALL kedrec.test.writeAttempt('CREATE (:Intruder)')"))
                .hasMessageContaining("is not allowed");
        assertThatThrownBy(() -> consume("CALL kedrec.test.createNode()")).hasMessageContaining("is not allowed");
        // The same statements run outside a procedure do write: it is the procedure's mode that refused them.
        consume("CREATE (:Probe)");
        assertThatThrownBy(() -> consume("CALL kedrec.test.writeAttempt('MATCH (n) DETACH DELETE n')"))
                .hasMessageContaining("is not allowed");
        long nodes = db.executeTransactionally("MATCH (n) RETURN count(n) AS n", Map.of(),
                result -> (Long) result.next().get("n"));
        assertThat(nodes).isEqualTo(1);
        consume("MATCH (n:Probe) DELETE n");
    }

    @Test
    void aWriteProcedureIsRefusedInAReadOnlyTransaction() {
        try (var tx = TestDb.get().driver.session(org.neo4j.driver.SessionConfig.builder()
                .withDefaultAccessMode(org.neo4j.driver.AccessMode.READ).build())) {
            assertThatThrownBy(() -> tx.run("CALL kedrec.recommend.write({k: 1, diseases: ['hypertension']})")
                    .consume()).hasMessageContaining("Writing in read access mode not allowed");
        }
        assertThat(TestDb.get().run("MATCH ()-[r:PREDICTED_TREATS]->() RETURN count(r) AS n").get(0).get("n")
                .asLong()).isZero();
    }
}

package org.kedrec.importer.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.graph.CypherRunner;
import org.kedrec.core.graph.GraphSchema;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * An in-process Neo4j (the test harness) on a fixed Bolt port of this worktree's range, with the KEDRec schema
 * ({@code cypher/schema.cypher}) and the dataset fixture ({@code dataset/fixture.cypher}: a real subgraph of the
 * demo graph around colon cancer, atherosclerosis, dilated cardiomyopathy and hypothyroidism). The builder talks
 * to it over Bolt through the Java driver, exactly as against a server.
 */
final class FixtureGraph implements AutoCloseable {
    final Neo4j neo4j;
    final Driver driver;
    final CypherRunner runner;
    final int port;

    private FixtureGraph(int port) {
        this.port = port;
        this.neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("localhost", port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("localhost", port))
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                // The path query has 27 UNION branches: compiling its expressions to bytecode after the first runs
                // costs more CPU than the few test builds gain from it.
                .withConfig(GraphDatabaseInternalSettings.cypher_expression_engine,
                        GraphDatabaseInternalSettings.CypherExpressionEngine.INTERPRETED)
                .build();
        this.driver = GraphDatabase.driver(boltUri(), AuthTokens.none());
        this.runner = new DriverCypherRunner(driver, "neo4j");
    }

    static FixtureGraph start(int port) {
        FixtureGraph graph = new FixtureGraph(port);
        graph.execute(GraphSchema.statements());
        graph.execute(List.of("CALL db.awaitIndexes(120)"));
        graph.loadFixture();
        return graph;
    }

    String boltUri() {
        return "bolt://localhost:" + port;
    }

    GraphDatabaseService db() {
        return neo4j.defaultDatabaseService();
    }

    void loadFixture() {
        execute(statements(resource("dataset/fixture.cypher")));
        execute(List.of("CALL db.awaitIndexes(120)"));
    }

    void clear() {
        execute(List.of("MATCH (n) DETACH DELETE n"));
    }

    void execute(List<String> statements) {
        for (String statement : statements) {
            try (Transaction tx = db().beginTx()) {
                tx.execute(statement).close();
                tx.commit();
            }
        }
    }

    /** Splits a Cypher script on semicolons at line ends, dropping {@code //} comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("//")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = FixtureGraph.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
        neo4j.close();
    }
}

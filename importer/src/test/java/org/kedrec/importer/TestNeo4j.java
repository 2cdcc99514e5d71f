package org.kedrec.importer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.kedrec.core.data.DataDirectory;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * One in-process Neo4j for the module's tests (started by the first test class that asks, closed when the test JVM
 * exits), with Bolt on a port of this module's range (7610-7649) and a driver that talks to it over Bolt, exactly as
 * the importer talks to a real server. Each test class starts from an empty graph: {@link #shared()} wipes it.
 */
public final class TestNeo4j implements AutoCloseable {
    private final Neo4j neo4j;
    private final Driver driver;

    private TestNeo4j(Neo4j neo4j) {
        this.neo4j = neo4j;
        this.driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
    }

    private static TestNeo4j shared;

    /** The module's Neo4j, emptied for the calling test class (constraints and indexes stay). */
    public static synchronized TestNeo4j shared() {
        if (shared == null) {
            shared = start();
            TestNeo4j instance = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-neo4j-stop"));
        } else {
            shared.wipe();
        }
        return shared;
    }

    private static TestNeo4j start() {
        int port = freePort();
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .build();
        return new TestNeo4j(neo4j);
    }

    private static int freePort() {
        for (int port = 7610; port < 7650; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException busy) {
                // try the next port of the range
            }
        }
        throw new IllegalStateException("No free port in 7610-7649 for the test Neo4j.");
    }

    String boltUri() {
        return neo4j.boltURI().toString();
    }

    public Driver driver() {
        return driver;
    }

    /** Deletes every node and relationship (the schema stays). */
    void wipe() {
        try (Session session = driver.session()) {
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
        }
    }

    long count(String cypher, Map<String, Object> params) {
        try (Session session = driver.session()) {
            return session.run(cypher, params).single().get(0).asLong();
        }
    }

    long count(String cypher) {
        return count(cypher, Map.of());
    }

    static Path data() {
        return DataDirectory.forTests(Assumptions::abort);
    }

    /** Test classes share the instance: closing is a no-op, the JVM's exit stops it. */
    @Override
    public void close() {
        // shared across test classes
    }

    private void stop() {
        driver.close();
        neo4j.close();
    }
}

package org.kedrec.importer.dataset;

import java.util.List;
import java.util.Map;
import org.kedrec.core.graph.CypherRunner;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

/**
 * Runs the explanation layer's read queries over Bolt with the Java driver: one session and one managed read
 * transaction per call (sessions are cheap; connections are pooled), so it is safe to call from several threads
 * and a cluster routes reads to followers. Values come back through {@link Record#asMap()}, i.e. as the plain
 * Java types the {@link CypherRunner} contract promises.
 */
public final class DriverCypherRunner implements CypherRunner {
    private final Driver driver;
    private final SessionConfig sessionConfig;

    /** @param database the database name, or null for the server's default database */
    public DriverCypherRunner(Driver driver, String database) {
        this.driver = driver;
        this.sessionConfig = database == null || database.isBlank()
                ? SessionConfig.defaultConfig()
                : SessionConfig.forDatabase(database);
    }

    @Override
    public List<Map<String, Object>> run(String cypher, Map<String, Object> parameters) {
        try (Session session = driver.session(sessionConfig)) {
            return session.executeRead(tx -> tx.run(cypher, parameters).list(Record::asMap));
        }
    }
}

package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import org.kedrec.core.explain.CypherRunner;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/** Core's runner over Bolt, as the dataset builder has it: used to build the student's training examples in tests. */
final class DriverCypherRunner implements CypherRunner {
    private final Driver driver;

    DriverCypherRunner(Driver driver) {
        this.driver = driver;
    }

    @Override
    public List<Map<String, Object>> run(String cypher, Map<String, Object> parameters) {
        try (Session session = driver.session()) {
            return session.run(cypher, parameters).list(Record::asMap);
        }
    }
}

package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.kedrec.core.graph.CypherRunner;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Core's {@link CypherRunner} over the procedure's own transaction, so the explanation layer reads exactly what the
 * caller's transaction sees. The queries are fixed texts with parameters, so Neo4j plans each once and reuses the
 * plan from its query cache. One per call (a transaction is not thread-safe).
 */
final class TxCypherRunner implements CypherRunner {
    /**
     * Queries run through any runner since the server started: the tests read it to prove that a call computes
     * only what is YIELDed (no path or evidence query when nobody asks for them).
     */
    static final AtomicLong QUERIES = new AtomicLong();

    private final Transaction tx;

    TxCypherRunner(Transaction tx) {
        this.tx = tx;
    }

    /** {@inheritDoc} */
    @Override
    public List<Map<String, Object>> run(String cypher, Map<String, Object> parameters) {
        QUERIES.incrementAndGet();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Result result = tx.execute(cypher, parameters)) {
            while (result.hasNext()) {
                rows.add(new HashMap<>(result.next()));
            }
        }
        return rows;
    }
}

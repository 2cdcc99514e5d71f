package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * Test-only: a READ procedure built exactly like the plugin's READ procedures (the call's transaction, Cypher run
 * through {@link TxCypherRunner}, the runner the explanation layer uses) that tries to write, to prove Neo4j refuses.
 */
public final class WriteAttemptProc {
    @Context
    public Transaction tx;

    /** The row of the test procedure. */
    public static final class Row {
        @Description("Rows the statement returned (never reached: Neo4j refuses the write).")
        public final long rows;

        public Row(long rows) {
            this.rows = rows;
        }
    }

    @Procedure(name = "kedrec.test.writeAttempt", mode = Mode.READ)
    @Description("Test only: runs a Cypher write from a READ procedure.")
    public Stream<Row> attempt(@Name(value = "cypher", description = "the statement") String cypher) {
        List<Map<String, Object>> rows = new TxCypherRunner(tx).run(cypher, Map.of());
        return Stream.of(new Row(rows.size()));
    }

    @Procedure(name = "kedrec.test.createNode", mode = Mode.READ)
    @Description("Test only: creates a node through the Java API from a READ procedure.")
    public Stream<Row> createNode() {
        tx.createNode();
        return Stream.of(new Row(1));
    }
}

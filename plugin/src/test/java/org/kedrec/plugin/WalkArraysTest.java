package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;

/**
 * The path walk's arrays ({@link AdjacencyCache}) never hide a change: a relationship added after the model loaded
 * is walked at once (through cursors while the arrays are stale) and again once they have been read anew; a node
 * deleted disappears the same way; a call sees its own transaction's writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkArraysTest {
    private static final String DISEASE = RecommendProcTest.HYPERTENSION;
    private static final String GENE = "TEST:walk-arrays-gene";
    private static final String ADD = "MATCH (c:Drug {id: $c}), (d:Disease {id: $d}) "
            + "CREATE (c)-[:BINDS]->(:Gene {id: $g, name: 'walk arrays gene'})<-[:ASSOCIATES]-(d)";

    private final TestDb db = TestDb.get();
    private final String drug = db.run("MATCH (c:Drug) RETURN c.id AS id ORDER BY id LIMIT 1").get(0)
            .get("id").asString();

    private static final String EXPLAIN = "CALL kedrec.explain($d, $c, {paths: 20}) YIELD path "
            + "RETURN [n IN nodes(path) | n.id] AS ids";

    /** Whether any explanation path of the pair goes through the test gene. */
    private boolean walksTheGene(List<org.neo4j.driver.Record> rows) {
        return rows.stream().map(r -> r.get("ids")).filter(v -> !v.isNull())
                .anyMatch(v -> v.asList(Value::asString).contains(GENE));
    }

    private boolean walksTheGene() {
        return walksTheGene(db.run(EXPLAIN, Map.of("d", DISEASE, "c", drug)));
    }

    /** Calls until one is given current arrays (they are read in the background); false after 60 s. */
    private boolean awaitArrays() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            long before = TxPathGraph.ARRAY_WALKS.get();
            db.run(EXPLAIN, Map.of("d", DISEASE, "c", drug));
            if (TxPathGraph.ARRAY_WALKS.get() > before) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void aRelationshipAddedAfterTheLoadIsWalkedAndOneRemovedIsNot() throws InterruptedException {
        assertThat(awaitArrays()).as("the arrays are read after the model load").isTrue();
        assertThat(walksTheGene()).as("no path through the gene before it exists").isFalse();
        try {
            db.run(ADD, Map.of("c", drug, "d", DISEASE, "g", GENE));
            long before = TxPathGraph.ARRAY_WALKS.get();
            assertThat(walksTheGene()).as("the new path, right after the commit").isTrue();
            assertThat(TxPathGraph.ARRAY_WALKS.get() - before).as("walked through cursors: the arrays are stale")
                    .isZero();
            assertThat(awaitArrays()).as("the arrays are read again after the write").isTrue();
            before = TxPathGraph.ARRAY_WALKS.get();
            assertThat(walksTheGene()).as("the new path, over the new arrays").isTrue();
            assertThat(TxPathGraph.ARRAY_WALKS.get() - before).isEqualTo(1);
        } finally {
            db.run("MATCH (g:Gene {id: $g}) DETACH DELETE g", Map.of("g", GENE));
        }
        assertThat(walksTheGene()).as("the path is gone right after the delete").isFalse();
        assertThat(awaitArrays()).isTrue();
        assertThat(walksTheGene()).as("and over the arrays read after it").isFalse();
    }

    @Test
    void aCallSeesItsOwnTransactionsWrites() throws InterruptedException {
        assertThat(awaitArrays()).isTrue();
        try (Session session = db.driver.session(); Transaction tx = session.beginTransaction()) {
            tx.run(ADD, Map.of("c", drug, "d", DISEASE, "g", GENE)).consume();
            assertThat(walksTheGene(tx.run(EXPLAIN, Map.of("d", DISEASE, "c", drug)).list()))
                    .as("the uncommitted path, in the same transaction").isTrue();
            tx.rollback();
        }
        assertThat(walksTheGene()).as("rolled back").isFalse();
    }
}

package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.TransactionTerminatedException;
import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.logging.NullLog;
import org.neo4j.procedure.TerminationGuard;

/**
 * A {@code kedrec.recommend.write} stopped in the middle (terminated, or past {@code db.transaction.timeout})
 * leaves nothing half-written: the call checks for termination per disease, and everything it wrote is in the
 * caller's transaction, which Neo4j then rolls back.
 *
 * <p>(Neo4j 5 takes the locks of new relationships at commit, so a lock held elsewhere cannot stop the call in the
 * middle; the termination is therefore driven through the call's own {@link TerminationGuard}, exactly where Neo4j's
 * termination and timeout reach it.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminationTest {
    private final TestDb db = TestDb.get();

    @TempDir
    java.nio.file.Path tmp;

    @AfterEach
    void clean() {
        db.run("MATCH ()-[r:PREDICTED_TREATS]->() DELETE r");
    }

    private long predictions() {
        return db.run("MATCH ()-[r:PREDICTED_TREATS]->() RETURN count(r) AS n").get(0).get("n").asLong();
    }

    @Test
    void aWriteTerminatedInTheMiddleLeavesNothing() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("conf"));
        java.nio.file.Files.write(tmp.resolve("conf/kedrec.conf"), List.of(
                KedrecSettings.MODEL_DIR + "=" + db.modelHome.resolve(TestDb.MODEL)));
        GraphDatabaseService graph = db.neo4j.defaultDatabaseService();
        try (ModelService models = new ModelService(tmp,
                () -> KedrecSettings.load(tmp, tmp.resolve("conf"), Map.of()), NullLog.getInstance())) {
            models.start();
            AtomicInteger checks = new AtomicInteger();
            long[] writtenBeforeTheEnd = {0};
            try (org.neo4j.graphdb.Transaction tx = graph.beginTx()) {
                // Terminated as Neo4j terminates a call: the guard throws from the 12th check on.
                TerminationGuard guard = () -> {
                    if (checks.incrementAndGet() >= 12) {
                        writtenBeforeTheEnd[0] = (Long) tx.execute(
                                "MATCH ()-[r:PREDICTED_TREATS]->() RETURN count(r) AS n").next().get("n");
                        throw new TransactionTerminatedException(Status.Transaction.Terminated);
                    }
                };
                assertThatThrownBy(() -> RecommendWriteCall.run(
                        new CallContext(tx, models, guard, NullLog.getInstance(), "neo4j"),
                        Map.of("k", 5L, "batchSize", 4L)))
                        .isInstanceOf(TransactionTerminatedException.class);
                // A procedure that throws fails its statement, and Neo4j rolls the transaction back.
            }
            assertThat(writtenBeforeTheEnd[0]).as("written in the transaction before the termination")
                    .isGreaterThan(0);
            assertThat(checks.get()).isEqualTo(12);
        }
        assertThat(predictions()).isZero();
    }

    @Test
    void aWritePastTheTransactionTimeoutIsRolledBack() throws Exception {
        try (Session session = db.driver.session()) {
            Transaction tx = session.beginTransaction(TransactionConfig.builder()
                    .withTimeout(Duration.ofSeconds(1)).build());
            long created = tx.run("CALL kedrec.recommend.write({k: 5}) YIELD relationshipsCreated "
                    + "RETURN relationshipsCreated").single().get(0).asLong();
            assertThat(created).isPositive();
            // The server's transaction monitor (every 2 s by default) terminates it once past the timeout: wait
            // until it has (1-3 s) rather than a fixed 4.5 s.
            waitUntilTerminated(Duration.ofSeconds(30));
            assertThatThrownBy(tx::commit).hasMessageContaining("has not completed within the timeout");
        }
        assertThat(predictions()).isZero();
    }

    /** Polls until the one open transaction other than the polling one is marked terminated. */
    private void waitUntilTerminated(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (db.run("""
                SHOW TRANSACTIONS YIELD currentQuery, status
                WHERE NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' AND status STARTS WITH 'Terminated'
                RETURN count(*) AS n""").get(0).get("n").asLong() == 0) {
            assertThat(System.nanoTime()).as("the transaction was terminated within " + limit).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aTerminatedTransactionKeepsNoneOfItsPredictions() throws Exception {
        try (Session session = db.driver.session()) {
            Transaction tx = session.beginTransaction();
            tx.run("CALL kedrec.recommend.write({k: 5})").consume();
            String id = db.run("""
                    SHOW TRANSACTIONS YIELD transactionId, currentQuery, status
                    WHERE NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' AND status <> 'Closing'
                    RETURN transactionId""").stream().map(r -> r.get("transactionId").asString())
                    .filter(t -> !t.isBlank()).findFirst().orElseThrow();
            db.run("TERMINATE TRANSACTION $id", Map.of("id", id));
            assertThatThrownBy(tx::commit).hasMessageContaining("terminated");
        }
        assertThat(predictions()).isZero();
        // And the same call, not stopped, writes: it was the termination that removed them.
        db.run("CALL kedrec.recommend.write({k: 5})");
        assertThat(predictions()).isPositive();
    }
}

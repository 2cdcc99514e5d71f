package org.kedrec.plugin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.serving.Explainer;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.logging.Log;

/**
 * One {@link AdjacencySnapshot} per database, read when a model loads, and used only while it is current: a
 * transaction listener counts the commits that could change what the walk reads (a relationship of the catalogue's
 * types created, any relationship or node deleted, a label added or removed), and a snapshot read before the last
 * such commit is never used. Until a new one is read (on a thread of its own, started by the first call that finds
 * the snapshot stale, or by the next {@code kedrec.model.load}), calls walk through the kernel's cursors as before,
 * so a call always sees the committed graph, like a call over cursors. A call whose own transaction has written
 * anything walks through cursors too ({@link TxPathGraph}).
 *
 * <p>Property changes (ids, names) do not count: the walk reads properties through the transaction.
 */
final class AdjacencyCache implements AutoCloseable {
    /** The relationship types of every metapath of the catalogue (what the walk expands and counts) and evidence's. */
    static final Set<String> TYPES = catalogueTypes();

    private final DatabaseManagementService dbms;
    private final Log log;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "kedrec-adjacency-reader");
        thread.setDaemon(true);
        return thread;
    });

    AdjacencyCache(DatabaseManagementService dbms, Log log) {
        this.dbms = dbms;
        this.log = log;
    }

    /** A database's change count, listener and current snapshot. */
    private final class Entry implements TransactionEventListener<Object> {
        final String database;
        final AtomicLong changes = new AtomicLong();
        final AtomicBoolean reading = new AtomicBoolean();
        volatile AdjacencySnapshot snapshot;

        Entry(String database) {
            this.database = database;
        }

        /** Whether the snapshot was read after the last commit that could change it. */
        boolean isCurrent() {
            AdjacencySnapshot read = snapshot;
            return read != null && read.version == changes.get();
        }

        @Override
        public Object beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService db) {
            if (changesWalk(data)) {
                // Counted before the commit is applied and again after: a read that starts in between is
                // discarded with the second count.
                changes.incrementAndGet();
                return Boolean.TRUE;
            }
            return null;
        }

        @Override
        public void afterCommit(TransactionData data, Object state, GraphDatabaseService db) {
            if (state != null) {
                changes.incrementAndGet();
            }
        }

        @Override
        public void afterRollback(TransactionData data, Object state, GraphDatabaseService db) {}
    }

    private static boolean changesWalk(TransactionData data) {
        if (data.deletedRelationships().iterator().hasNext() || data.deletedNodes().iterator().hasNext()
                || data.assignedLabels().iterator().hasNext() || data.removedLabels().iterator().hasNext()) {
            return true;
        }
        // Only the catalogue's types: kedrec.recommend.write's PREDICTED_TREATS does not make the snapshot stale.
        for (Relationship created : data.createdRelationships()) {
            if (TYPES.contains(created.getType().name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database's snapshot if it is current, else null (and a new one is read in the background, where none is
     * being read).
     */
    AdjacencySnapshot current(String database) {
        Entry entry;
        try {
            entry = entry(database);
        } catch (RuntimeException e) {
            // No listener for this database (not a standard one): its calls walk through cursors.
            return null;
        }
        AdjacencySnapshot snapshot = entry.snapshot;
        if (snapshot != null && snapshot.version == entry.changes.get()) {
            return snapshot;
        }
        readLater(entry);
        return null;
    }

    /**
     * Reads, in the background, the snapshot of every database seen so far that a commit has made stale (when a model
     * loads). A current snapshot is kept: the commit count says exactly when one goes stale, so reading it again
     * would only cost a second of the cores at the moment the model's warm-up runs.
     */
    void refreshAll() {
        entries.values().stream().filter(entry -> !entry.isCurrent()).forEach(this::readLater);
    }

    /** Reads {@code database}'s snapshot now, on the caller's thread, unless it is current; returns it or null. */
    AdjacencySnapshot readNow(String database) {
        Entry entry = entry(database);
        if (!entry.isCurrent()) {
            read(entry);
        }
        return entry.snapshot;
    }

    private Entry entry(String database) {
        return entries.computeIfAbsent(database, name -> {
            Entry entry = new Entry(name);
            // Registered before the first read, so no commit after the read's count goes uncounted.
            dbms.registerTransactionEventListener(name, entry);
            return entry;
        });
    }

    private void readLater(Entry entry) {
        if (entry.reading.compareAndSet(false, true)) {
            try {
                reader.execute(() -> {
                    try {
                        read(entry);
                    } finally {
                        entry.reading.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                entry.reading.set(false);
            }
        }
    }

    private void read(Entry entry) {
        long start = System.nanoTime();
        long version = entry.changes.get();
        try {
            GraphDatabaseService db = dbms.database(entry.database);
            AdjacencySnapshot snapshot;
            try (Transaction tx = db.beginTx()) {
                snapshot = AdjacencySnapshot.read(((InternalTransaction) tx).kernelTransaction(), TYPES, version);
            }
            if (snapshot == null) {
                log.info("KEDRec: database `%s` does not fit the path walk's arrays (node or label ids too large); "
                        + "the walk reads through cursors", entry.database);
                return;
            }
            entry.snapshot = snapshot;
            log.info("KEDRec: path walk arrays of database `%s` read in %d ms: %d nodes, %d relationship ends, %d "
                    + "bytes%s", entry.database, (System.nanoTime() - start) / 1_000_000, snapshot.nodes(),
                    snapshot.relationshipEnds(), snapshot.bytes(),
                    version == entry.changes.get() ? "" : " (the graph changed meanwhile: read again on a later call)");
        } catch (RuntimeException e) {
            // An optimisation: without arrays the walk reads through cursors.
            log.info("KEDRec: path walk arrays of database `%s` not read: %s", entry.database, e.getMessage());
        }
    }

    private static Set<String> catalogueTypes() {
        // And the evidence's: trials and publications are joined on the arrays too (TxEvidenceSource).
        Set<String> types = new LinkedHashSet<>(List.of(GraphSchema.TESTS, GraphSchema.STUDIES, GraphSchema.MENTIONS));
        for (Metapath metapath : Explainer.metapaths(Explainer.MAX_PATH_LENGTH)) {
            types.addAll(metapath.types());
        }
        return Set.copyOf(types);
    }

    @Override
    public void close() {
        reader.shutdownNow();
        for (Entry entry : entries.values()) {
            try {
                dbms.unregisterTransactionEventListener(entry.database, entry);
            } catch (RuntimeException e) {
                // The database is already gone at shutdown.
            }
        }
    }
}

package org.kedrec.importer;

import java.nio.file.Path;
import org.kedrec.core.Messages;
import org.kedrec.core.progress.ProgressTracker;

/**
 * How an {@link Importer} writes.
 *
 * @param database the Neo4j database to write to, or null for the user's home database (the default)
 * @param batchSize rows per transaction (10,000)
 * @param onError what a bad input line does: stop the import (default) or get skipped and counted
 * @param progress receives one task per input file, in bytes read
 * @param writers concurrent writer sessions (2): the reader parses while batches commit
 * @param dataDirectory where the side files (DrugBank properties, Disease Ontology xrefs, crosswalks, edge
 *     evidence) are read from; null to look the usual way ({@code KEDREC_DATA}, then {@code ../shared/data})
 */
public record ImportOptions(
        String database, int batchSize, OnError onError, ProgressTracker progress, int writers, Path dataDirectory) {
    public static final String DEFAULT_DATABASE = "neo4j";
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final int DEFAULT_WRITERS = 2;

    public ImportOptions {
        if (database != null && database.isBlank()) {
            throw new IllegalArgumentException("The database name is empty: pass a name such as `neo4j`.");
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException(Messages.format(
                    "The batch size must be between 1 and 1000000 rows per transaction but was %d.", batchSize));
        }
        if (writers < 1 || writers > 16) {
            throw new IllegalArgumentException(Messages.format(
                    "The number of writers must be between 1 and 16 but was %d.", writers));
        }
        onError = onError == null ? OnError.FAIL : onError;
        progress = progress == null ? ProgressTracker.NULL : progress;
    }

    /** Database {@code neo4j} (the command line passes the user's choice: null for the home database), 10,000 rows per batch, stop on the first bad line, two writers, no progress. */
    public static ImportOptions defaults() {
        return new ImportOptions(DEFAULT_DATABASE, DEFAULT_BATCH_SIZE, OnError.FAIL, ProgressTracker.NULL,
                DEFAULT_WRITERS, null);
    }

    public ImportOptions withDatabase(String name) {
        return new ImportOptions(name, batchSize, onError, progress, writers, dataDirectory);
    }

    public ImportOptions withBatchSize(int rows) {
        return new ImportOptions(database, rows, onError, progress, writers, dataDirectory);
    }

    public ImportOptions withOnError(OnError policy) {
        return new ImportOptions(database, batchSize, policy, progress, writers, dataDirectory);
    }

    public ImportOptions withProgress(ProgressTracker tracker) {
        return new ImportOptions(database, batchSize, onError, tracker, writers, dataDirectory);
    }

    public ImportOptions withWriters(int count) {
        return new ImportOptions(database, batchSize, onError, progress, count, dataDirectory);
    }

    public ImportOptions withDataDirectory(Path dir) {
        return new ImportOptions(database, batchSize, onError, progress, writers, dir);
    }
}

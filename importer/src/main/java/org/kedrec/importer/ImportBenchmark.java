package org.kedrec.importer;

import java.nio.file.Path;
import java.util.List;
import org.kedrec.commandline.Sessions;
import org.kedrec.core.Messages;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Measures the full demo import ({@link Importer#importAll}) on a fresh database and reports relationships per
 * second, with the same JSON keys as {@code --report}. Refuses a database that holds data unless told to wipe it,
 * so that it never destroys a graph by accident and never measures a re-run (which creates nothing) as an import.
 *
 * <pre>{@code
 * ImportReport report = ImportBenchmark.run(driver, ImportOptions.defaults(), dataDir, false);
 * report.write(Path.of("bench-import.json"));
 * }</pre>
 */
public final class ImportBenchmark {
    private ImportBenchmark() {}

    /**
     * Imports the demo set into an empty database and returns the report.
     *
     * @param wipe delete every node and relationship first (schema and indexes stay); without it a non-empty
     *     database is refused
     */
    public static ImportReport run(Driver driver, ImportOptions options, Path dataDir, boolean wipe) {
        return run(driver, options, dataDir, wipe, 0);
    }

    /**
     * Like {@link #run(Driver, ImportOptions, Path, boolean)}, after {@code warmupRuns} untimed imports of the same
     * set into the same database, each wiped afterwards. A freshly started server spends much of a first import
     * compiling its own code (the JIT); warm-up runs measure what the import costs on a server that has been
     * running, on a database that is still empty.
     */
    public static ImportReport run(Driver driver, ImportOptions options, Path dataDir, boolean wipe, int warmupRuns) {
        if (warmupRuns < 0) {
            throw new IllegalArgumentException(Messages.format(
                    "The number of warm-up runs must be 0 or more but was %d.", warmupRuns));
        }
        long nodes = countNodes(driver, options.database());
        if (nodes > 0) {
            if (!wipe) {
                throw new IllegalStateException(Messages.format(
                        "Database `%s` is not empty (%d nodes): the import benchmark measures a fresh import. Start a "
                                + "fresh server (kedrec server start --home NEW_DIR), or pass --wipe to delete "
                                + "everything in `%s` first.",
                        options.database(), nodes, options.database()));
            }
            wipe(driver, options.database());
        }
        for (int i = 0; i < warmupRuns; i++) {
            new Importer(driver, options.withProgress(null)).importAll(dataDir);
            wipe(driver, options.database());
        }
        return new Importer(driver, options).importAll(dataDir);
    }

    /** Deletes every node and relationship of the database in batches; constraints and indexes stay. */
    public static void wipe(Driver driver, String database) {
        try (Session session = driver.session(Sessions.forDatabase(database))) {
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume();
        }
        long left = countNodes(driver, database);
        if (left > 0) {
            throw new IllegalStateException(Messages.format(
                    "Wiping database `%s` left %d nodes; another client may be writing to it.", database, left));
        }
    }

    private static long countNodes(Driver driver, String database) {
        try (Session session = driver.session(Sessions.forDatabase(database))) {
            return session.run("MATCH (n) RETURN count(n) AS c").single().get("c").asLong();
        }
    }

    /** The lines of a short human summary of a benchmark report. */
    public static List<String> summary(ImportReport report) {
        return List.of(
                Messages.format("Imported %,d nodes and %,d relationships in %.1f s: %,.0f relationships/s.",
                        report.created().nodes(), report.created().relationships(), report.seconds(),
                        report.relationshipsPerSecond()));
    }
}

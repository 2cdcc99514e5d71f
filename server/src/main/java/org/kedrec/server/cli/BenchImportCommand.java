package org.kedrec.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.progress.LoggingProgressTracker;
import org.kedrec.importer.ImportBenchmark;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.kedrec.server.ByteSize;
import org.kedrec.server.Distribution;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.ProcessMemory;
import org.kedrec.server.ServerHome;
import org.kedrec.server.TemporaryServer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec bench import}: the full demo import on a fresh database in a server of its own, reported with the
 * import report's keys ({@code nodes, relationships, created, skippedLines, seconds, relationshipsPerSecond}).
 */
@Command(
        name = "import",
        description = {
            "Start a fresh temporary Neo4j server, run the full demo import into it over Bolt, write the import "
                    + "report (with relationships per second) and stop the server again.",
            ""
        })
public final class BenchImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The KEDRec data folder (default: $KEDREC_DATA, else ../shared/data).")
    Path data;

    @Option(names = "--report", paramLabel = "FILE", required = true, description = "Where to write the JSON report.")
    Path report;

    @Option(names = "--home", paramLabel = "DIR", description = "A new or empty folder for the server home "
            + "(default: a temporary folder, deleted afterwards).")
    Path home;

    @Option(names = "--bolt", paramLabel = "PORT", defaultValue = "7687",
            description = "Bolt port of the temporary server (default: ${DEFAULT-VALUE}).")
    int bolt;

    @Option(names = "--http", paramLabel = "PORT", defaultValue = "7474",
            description = "HTTP port of the temporary server (default: ${DEFAULT-VALUE}).")
    int http;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "2g",
            description = "Heap of the temporary server (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--pagecache", paramLabel = "SIZE", defaultValue = "1g",
            description = "Page cache of the temporary server (default: ${DEFAULT-VALUE}).")
    String pageCache;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        Path dataDir = data != null ? data.toAbsolutePath().normalize() : DataDirectory.require();
        if (!Files.isDirectory(dataDir)) {
            throw new ParameterException(spec.commandLine(), Messages.format(
                    "Invalid value for option '--data': %s is not a folder. Point it at the KEDRec data (see "
                            + "README 'Data sources').",
                    dataDir));
        }
        try {
            ByteSize.parse("--heap", heap);
            ByteSize.parse("--pagecache", pageCache);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        // Every input of the demo set, checked before a server is started for nothing.
        DataDirectory.requireFile(dataDir, Importer.DEMO_NODES);
        DataDirectory.requireFile(dataDir, Importer.DEMO_EDGES);
        Importer.DEMO_PUBMED.forEach(file -> DataDirectory.requireFile(dataDir, file));
        Path reportFile = report.toAbsolutePath().normalize();
        createParent(reportFile);
        Distribution dist = Distribution.locate();

        try (TemporaryServer server = TemporaryServer.start(dist, home, bolt, http, heap, pageCache,
                line -> KedrecCli.say(spec, line))) {
            KedrecCli.say(spec, Messages.format("Temporary server ready in %.1f s at %s; importing the demo set "
                    + "from %s", server.started().elapsed().toMillis() / 1000.0, server.boltUri(), dataDir));
            ImportReport result = runImport(server, dataDir);
            result.write(reportFile);
            KedrecCli.say(spec, Messages.format("Imported %,d nodes and %,d relationships in %.1f s: %,.0f "
                            + "relationships/s.", result.created().nodes(), result.created().relationships(),
                    result.seconds(), result.relationshipsPerSecond()));
            Neo4jServer.status(new ServerHome(server.home())).residentBytes().ifPresent(bytes -> KedrecCli.say(spec,
                    "Server memory after the import: " + ProcessMemory.describe(bytes) + " resident."));
            KedrecCli.say(spec, "Report: " + reportFile);
        }
        return 0;
    }

    /** The importer's full demo import into the temporary server's (empty) default database. */
    private ImportReport runImport(TemporaryServer server, Path dataDir) {
        ImportOptions options = ImportOptions.defaults()
                .withDataDirectory(dataDir)
                .withProgress(new LoggingProgressTracker(line -> KedrecCli.say(spec, "  " + line)));
        try (Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none())) {
            // The temporary server's database is new, so the benchmark's guard against wiping data never fires.
            return ImportBenchmark.run(driver, options, dataDir, false);
        }
    }

    private static void createParent(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder for --report " + file + ": " + e.getMessage(), e);
        }
    }
}

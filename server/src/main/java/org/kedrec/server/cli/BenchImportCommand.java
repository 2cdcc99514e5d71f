package org.kedrec.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.server.ByteSize;
import org.kedrec.server.Distribution;
import org.kedrec.server.TemporaryServer;
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
        // TODO(importer): call the importer's benchmark API (issue 2) in runImport below and write its report to
        // reportFile; until the importer lands on main this guard stops before a server is started.
        requireImporter();

        Path reportFile = report.toAbsolutePath().normalize();
        createParent(reportFile);
        Distribution dist = Distribution.locate();
        try (TemporaryServer server = TemporaryServer.start(dist, home, bolt, http, heap, pageCache,
                line -> KedrecCli.say(spec, line))) {
            KedrecCli.say(spec, "Temporary server ready at " + server.boltUri() + "; importing " + dataDir);
            runImport(server, dataDir, reportFile);
        }
        return 0;
    }

    private static void requireImporter() {
        throw new IllegalStateException("kedrec bench import needs the importer's benchmark API, which has not "
                + "landed in this build yet (issue 2). The server half is ready: `kedrec server start` gives a real "
                + "server to import into once `kedrec import` exists.");
    }

    private static void runImport(TemporaryServer server, Path dataDir, Path reportFile) {
        throw new IllegalStateException("The import benchmark is not wired to the importer yet; no report was "
                + "written to " + reportFile + ".");
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

package org.kedrec.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.commandline.DataOption;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.progress.LoggingProgressTracker;
import org.kedrec.importer.ImportBenchmark;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.kedrec.importer.cli.WriteOptions;
import org.kedrec.server.Distribution;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.OfflineLoad;
import org.kedrec.server.ProcessMemory;
import org.kedrec.server.ServerHome;
import org.kedrec.server.TemporaryServer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    DataOption data;

    @Mixin
    ReportOption report;

    @Mixin
    TemporaryServerOptions temporary = new TemporaryServerOptions("2g", "1g");

    @Option(names = "--setting", paramLabel = "KEY=VALUE",
            description = "A neo4j.conf line for the temporary server (repeatable), e.g. "
                    + "server.jvm.additional=-XX:TieredStopAtLevel=1 (with server.jvm.additional="
                    + "-XX:ReservedCodeCacheSize=240m: C1 only shrinks the code cache to 48 MB).")
    List<String> settings = new ArrayList<>();

    @Option(names = "--offline", description = "Measure the offline first load instead (kedrec import offline): "
            + "read the inputs into memory, write neo4j-admin's files, run neo4j-admin database import, start the "
            + "server and create the schema.")
    boolean offline;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "0",
            description = "Untimed imports before the measured one, each followed by deleting everything: measures a "
                    + "warm server JVM on an emptied database instead of a cold one (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Mixin
    WriteOptions writes;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        Path dataDir = data.requireFolder(spec);
        temporary.validate(spec);
        // Every input of the demo set, checked before a server is started for nothing.
        DataDirectory.requireFile(dataDir, Importer.DEMO_NODES);
        DataDirectory.requireFile(dataDir, Importer.DEMO_EDGES);
        Importer.DEMO_PUBMED.forEach(file -> DataDirectory.requireFile(dataDir, file));
        Path reportFile = report.file();
        createParent(reportFile);
        Distribution dist = Distribution.locate();

        BenchMachine.Sample machineBefore = BenchMachine.sample();
        if (offline) {
            if (warmups > 0) {
                throw new ParameterException(spec.commandLine(), "--warmups measures a warm server and cannot be "
                        + "combined with --offline, which loads a new database before the server starts.");
            }
            return callOffline(dist, dataDir, reportFile, machineBefore);
        }
        try (TemporaryServer server = temporary.start(dist, settings, line -> KedrecCli.say(spec, line))) {
            double startSeconds = server.started().elapsed().toMillis() / 1000.0;
            KedrecCli.say(spec, Messages.format("Temporary server ready in %.1f s at %s; importing the demo set "
                    + "from %s", startSeconds, server.boltUri(), dataDir));
            ImportReport result;
            BenchMachine.Sample before;
            try (Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none())) {
                for (int i = 1; i <= warmups; i++) {
                    KedrecCli.say(spec, Messages.format("Warm-up import %d of %d (untimed), then deleting everything",
                            i, warmups));
                    new Importer(driver, options(dataDir).withProgress(null)).importAll(dataDir);
                    ImportBenchmark.wipe(driver, ImportOptions.DEFAULT_DATABASE);
                }
                before = BenchMachine.sample(server.started().pid());
                // The database is new (or emptied by the warm-ups), so the guard against wiping data never fires.
                result = ImportBenchmark.run(driver, options(dataDir), dataDir, false);
            }
            BenchMachine.Sample after = BenchMachine.sample(server.started().pid());
            Map<String, Object> bench = new LinkedHashMap<>();
            bench.put("mode", "online");
            bench.put("freshDatabase", warmups == 0
                    ? "a new server home: a new JVM and an empty database that nothing ran on before; the time "
                            + "starts after the server answers on Bolt"
                    : Messages.format("a new server home whose JVM first ran %d untimed import(s), each followed by "
                            + "deleting every node and relationship (schema and indexes stay): a warm JVM on an "
                            + "emptied database, not a cold one", warmups));
            bench.put("warmups", warmups);
            bench.put("serverStartSeconds", startSeconds);
            bench.put("settings", List.copyOf(settings));
            bench.put("batchSize", writes.batchSize());
            bench.put("writers", writes.writers());
            bench.putAll(BenchMachine.describe(machineBefore, before, after));
            BenchMachine.write(reportFile, result, bench);
            KedrecCli.say(spec, Messages.format("Imported %,d nodes and %,d relationships in %.1f s: %,.0f "
                            + "relationships/s.", result.created().nodes(), result.created().relationships(),
                    result.seconds(), result.relationshipsPerSecond()));
            sayDetails(result, bench);
            Neo4jServer.status(new ServerHome(server.home())).residentBytes().ifPresent(bytes -> KedrecCli.say(spec,
                    "Server memory after the import: " + ProcessMemory.describe(bytes) + " resident."));
            KedrecCli.say(spec, "Report: " + reportFile);
        }
        return 0;
    }

    private int callOffline(Distribution dist, Path dataDir, Path reportFile, BenchMachine.Sample machineBefore) {
        BenchMachine.Sample before = BenchMachine.sample();
        TemporaryServer.Loaded loaded = temporary.loadOffline(dist, settings, options(dataDir),
                importer -> importer.importAll(dataDir), line -> KedrecCli.say(spec, line));
        try (TemporaryServer server = loaded.server()) {
            BenchMachine.Sample after = BenchMachine.sample();
            OfflineLoad.Result load = loaded.result();
            ImportReport result = load.report();
            Map<String, Object> bench = new LinkedHashMap<>();
            bench.put("mode", "offline");
            bench.put("freshDatabase", "a new server home whose database neo4j-admin database import creates; "
                    + "the time covers reading the inputs, writing neo4j-admin's files, the admin import and "
                    + "creating the schema on the started server, not the server start itself (as online, where "
                    + "the server is started before the time starts)");
            bench.put("serverStartSeconds", round(load.startSeconds()));
            Map<String, Object> phases = new LinkedHashMap<>();
            phases.put("readInputs", round(load.buildSeconds()));
            phases.put("writeFiles", round(load.filesSeconds()));
            phases.put("adminImport", round(load.adminSeconds()));
            phases.put("schema", round(load.schemaSeconds()));
            bench.put("phaseSeconds", phases);
            bench.put("csvBytes", load.csvBytes());
            bench.put("settings", List.copyOf(settings));
            Map<String, Object> described = BenchMachine.describe(machineBefore, before, after);
            @SuppressWarnings("unchecked")
            Map<String, Object> cpu = (Map<String, Object>) described.get("cpuSeconds");
            cpu.put("adminImport", round(load.adminCpuSeconds()));
            cpu.put("serverDuringSchema", round(load.schemaServerCpuSeconds()));
            bench.putAll(described);
            BenchMachine.write(reportFile, result, bench);
            KedrecCli.say(spec, Messages.format("Loaded %,d nodes and %,d relationships in %.1f s (server start of "
                            + "%.1f s not counted): %,.0f relationships/s.", result.created().nodes(),
                    result.created().relationships(), result.seconds(), load.startSeconds(),
                    result.relationshipsPerSecond()));
            sayDetails(result, bench);
            KedrecCli.say(spec, "Report: " + reportFile);
        }
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private void sayDetails(ImportReport result, Map<String, Object> bench) {
        if (result.steps() != null) {
            for (ImportReport.StepReport step : result.steps()) {
                KedrecCli.say(spec, Messages.format("  %-32s %,8d relationships in %6.1f s: %,9.0f relationships/s",
                        step.step(), step.relationshipsCreated(), step.seconds(), step.relationshipsPerSecond()));
            }
        }
        KedrecCli.say(spec, Messages.format("CPU seconds during the import: %s; load average %s before, %s after "
                + "(%s cores).", bench.get("cpuSeconds"), bench.get("loadAverageBefore"), bench.get("loadAverageAfter"),
                bench.get("cores")));
    }

    private ImportOptions options(Path dataDir) {
        return writes.applyTo(ImportOptions.defaults())
                .withDataDirectory(dataDir)
                .withProgress(new LoggingProgressTracker(line -> KedrecCli.say(spec, "  " + line)));
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

package org.kedrec.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.kedrec.importer.write.AdminImportFiles;
import org.kedrec.importer.write.OfflineGraph;
import org.neo4j.driver.Driver;

/**
 * The first load of a new database with Neo4j's offline bulk importer ({@code neo4j-admin database import full},
 * run from the jars in the home's {@code lib/}): the importer reads the inputs with the same mapping as an online
 * import and builds the graph in memory ({@link Importer#offline}), writes it as the admin tool's CSV files, the
 * tool writes the store files directly (no transactions, no Bolt), then the server starts and the schema
 * ({@code cypher/schema.cypher}: constraints and indexes, which Community's importer cannot create) is applied
 * over Bolt.
 *
 * <p>Only a database that does not exist yet can be loaded this way (the tool refuses to write into one): the
 * home's server must be stopped and {@code data/databases/neo4j} absent. A failed admin import removes what it
 * wrote, so the load can simply be run again; an online import ({@code kedrec import all}) over a loaded
 * database creates nothing, since the offline graph is the graph an online import writes.
 */
public final class OfflineLoad {
    /** The only database Community can load offline: the default one, which the server creates at first start. */
    public static final String DATABASE = ImportOptions.DEFAULT_DATABASE;

    static final String ADMIN_TOOL = "org.neo4j.cli.AdminTool";

    /**
     * JVM options of the admin tool, before its JIT option: the add-opens flags Neo4j's scripts pass, without which
     * its page cache takes slower paths.
     */
    static final List<String> ADMIN_JVM_OPTIONS = List.of(
            "-Xmx1g",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED",
            "-Dlog4j2.disable.jmx=true");

    /**
     * From this many relationships on the admin tool keeps the default tiered JIT; below, C1 only. Compiling with C2
     * costs about 20 CPU seconds whatever the size, and pays back only in a long run: with integer ids the demo
     * graph (278k) took 11 CPU s with C1 against 33 with C2, 16 times that graph (4.4M) 73 with C1 against 58-64
     * with C2 (docs/scaling.md); the two lines cross near 2.5M.
     */
    static final long C2_FROM_RELATIONSHIPS = 2_000_000;

    /** The admin tool's JVM options for a load of {@code relationships}. */
    static List<String> adminJvmOptions(long relationships) {
        List<String> options = new ArrayList<>(ADMIN_JVM_OPTIONS);
        if (relationships < C2_FROM_RELATIONSHIPS) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        return options;
    }

    private static final long ADMIN_TIMEOUT_MINUTES = 60;

    private final Consumer<String> say;

    public OfflineLoad(Consumer<String> say) {
        this.say = say;
    }

    /**
     * What a load did: the report (counts read back from the running database; {@code seconds} is build, files,
     * admin import and schema, the server start excluded, which {@code startSeconds} gives), the server that
     * now runs, and the admin tool's own stages with their seconds as its log gives them ({@link #adminStages}).
     */
    public record Result(ImportReport report, Neo4jServer.StartResult started, double buildSeconds,
            double filesSeconds, double adminSeconds, double startSeconds, double schemaSeconds, long csvBytes,
            double adminCpuSeconds, double schemaServerCpuSeconds, Map<String, Double> adminStages) {}

    /** Refuses a home whose server runs or whose database exists, naming what to do instead. */
    public static void requireNewDatabase(ServerHome home) {
        if (home.runningProcess().isPresent()) {
            throw new IllegalStateException(Messages.format(
                    "Neo4j is running in %s: an offline load writes the database files directly and needs the "
                            + "server stopped and the database not yet created. Import into the running server "
                            + "instead (kedrec import all), or load a new home (--home NEW_DIR).",
                    home.root()));
        }
        Path database = databaseDirectory(home);
        if (Files.exists(database)) {
            throw new IllegalStateException(Messages.format(
                    "Database `%s` already exists in %s (%s), and an offline load can only create a database. Start "
                            + "the server and import into it (kedrec server start, then kedrec import all: it "
                            + "merges and creates nothing twice), or load a new home (--home NEW_DIR).",
                    DATABASE, home.root(), database));
        }
    }

    static Path databaseDirectory(ServerHome home) {
        return home.data().resolve("databases").resolve(DATABASE);
    }

    static Path transactionsDirectory(ServerHome home) {
        return home.data().resolve("transactions").resolve(DATABASE);
    }

    /**
     * Builds the graph of {@code build} in memory, loads it into the home's new database, starts the server with
     * {@code settings} and applies the schema; the server keeps running.
     *
     * @param build runs the import steps on an offline importer (e.g. {@code importer -> importer.importAll(dir)})
     * @param connect opens a driver on the started server
     */
    public Result load(Distribution dist, ServerSettings settings, ImportOptions options,
            Function<Importer, ImportReport> build, Function<Neo4jServer.StartResult, Driver> connect) {
        if (options.database() != null && !DATABASE.equals(options.database())) {
            throw new IllegalArgumentException(Messages.format(
                    "An offline load writes the default database `%s`, not `%s`: Community creates other databases "
                            + "only empty. Leave --database out, or import online into the running server.",
                    DATABASE, options.database()));
        }
        ServerHome home = new ServerHome(settings.home());
        requireNewDatabase(home);
        home.prepare(dist, settings);

        long t0 = System.nanoTime();
        OfflineGraph graph = new OfflineGraph();
        ImportReport built = build.apply(Importer.offline(graph, options));
        long t1 = System.nanoTime();
        Path csv = home.importDir().resolve(".kedrec-offline-" + ProcessHandle.current().pid());
        AdminImportFiles files;
        try {
            files = AdminImportFiles.write(graph, csv);
            Map<String, Long> builtNodes = graph.labelCounts();
            Map<String, Long> builtRelationships = graph.typeCounts();
            graph = null; // the files hold it now; let the collector have the memory
            long t2 = System.nanoTime();
            long csvBytes = files.bytes();
            say.accept(Messages.format("Read the inputs in %.1f s and wrote %,d nodes and %,d relationships as "
                            + "neo4j-admin files (%,d MB) in %.1f s; running neo4j-admin database import",
                    seconds(t1 - t0), files.nodes(), files.relationships(), csvBytes >> 20, seconds(t2 - t1)));
            double childCpu = childrenCpuSeconds();
            runAdminImport(home, files);
            long t3 = System.nanoTime();
            double adminCpu = childCpu < 0 ? -1 : childrenCpuSeconds() - childCpu;
            AtomicDirectory.delete(csv);
            say.accept(Messages.format("neo4j-admin database import finished in %.1f s; starting the server",
                    seconds(t3 - t2)));
            Neo4jServer.StartResult started = new Neo4jServer(say).start(dist, settings);
            long t4 = System.nanoTime();
            double serverCpu = cpuSeconds(started.pid());
            ImportReport counted;
            try (Driver driver = connect.apply(started)) {
                Importer online = new Importer(driver, options);
                online.applySchema();
                counted = online.graphReport();
            }
            long t5 = System.nanoTime();
            double schemaCpu = serverCpu < 0 ? -1 : cpuSeconds(started.pid()) - serverCpu;
            requireSameCounts(builtNodes, builtRelationships, counted, home);
            double total = seconds((t3 - t0) + (t5 - t4));
            // The database was new: everything in it was created by this load (also when the build ran several
            // imports, whose own reports each count one of them).
            ImportReport.Created created = new ImportReport.Created(files.nodes(), files.relationships());
            ImportReport report = new ImportReport(counted.nodes(), counted.relationships(), created,
                    built.skippedLines(), built.skippedByReason(), built.ignored(), round(total),
                    total > 0 ? Math.round(created.relationships() / total * 10) / 10.0 : 0,
                    built.files(), built.warnings(), DATABASE, phases(built, created, t0, t1, t2, t3, t4, t5));
            return new Result(report, started, seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2),
                    seconds(t4 - t3), seconds(t5 - t4), csvBytes, adminCpu, schemaCpu, adminStages(adminLog(home)));
        } finally {
            AtomicDirectory.delete(csv);
        }
    }

    /** The build steps (KG, trials, PubMed: reading and merging in memory), then the load's own phases. */
    private static List<ImportReport.StepReport> phases(ImportReport built, ImportReport.Created created, long t0,
            long t1, long t2, long t3, long t4, long t5) {
        List<ImportReport.StepReport> steps = new ArrayList<>();
        for (ImportReport.StepReport step : built.steps()) {
            steps.add(new ImportReport.StepReport("read " + step.step(), step.seconds(), step.nodesCreated(),
                    step.relationshipsCreated(), step.relationshipsPerSecond()));
        }
        long relationships = created.relationships();
        steps.add(phase("write neo4j-admin files", t2 - t1, 0));
        steps.add(phase("neo4j-admin database import", t3 - t2, relationships));
        steps.add(phase("schema (constraints and indexes)", t5 - t4, 0));
        return steps;
    }

    private static ImportReport.StepReport phase(String name, long nanos, long relationships) {
        double s = round(seconds(nanos));
        return new ImportReport.StepReport(name, s, 0, relationships,
                s > 0 ? Math.round(relationships / s * 10) / 10.0 : 0);
    }

    /** The database must hold exactly what was built; anything else means the tool dropped or added something. */
    private static void requireSameCounts(Map<String, Long> nodes, Map<String, Long> relationships,
            ImportReport counted, ServerHome home) {
        if (!nodes.equals(counted.nodes()) || !relationships.equals(counted.relationships())) {
            throw new IllegalStateException(Messages.format(
                    "The offline load wrote other counts than it built: built nodes %s and relationships %s, the "
                            + "database holds %s and %s. See %s. Delete %s and %s and load again, or import online.",
                    nodes, relationships, counted.nodes(), counted.relationships(),
                    adminLog(home), databaseDirectory(home), transactionsDirectory(home)));
        }
    }

    static Path adminLog(ServerHome home) {
        return home.logs().resolve("neo4j-admin-import.log");
    }

    /**
     * {@code neo4j-admin database import full neo4j ...} in a JVM of its own, output to
     * {@code logs/neo4j-admin-import.log}; strict (no bad entry tolerated). On failure, what it wrote is removed.
     */
    void runAdminImport(ServerHome home, AdminImportFiles files) {
        List<String> command = new ArrayList<>();
        command.add(Neo4jServer.javaExecutable().toString());
        command.addAll(adminJvmOptions(files.relationships()));
        command.add("-cp");
        command.add(home.lib() + "/*");
        command.add(ADMIN_TOOL);
        // --verbose: on failure the log then names the bad entry (the cause), not only "Error importing csv file".
        command.addAll(List.of("database", "import", "full", DATABASE, "--verbose", "--bad-tolerance=0",
                "--report-file=" + home.logs().resolve("neo4j-admin-import.report")));
        command.addAll(files.arguments());
        Path log = adminLog(home);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.root().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("NEO4J_HOME", home.root().toString());
        env.put("NEO4J_CONF", home.conf().toString());
        env.remove("JAVA_OPTS");
        env.remove("HEAP_SIZE");
        int exit;
        try {
            Files.createDirectories(home.logs());
            Files.writeString(log, "=== kedrec: neo4j-admin database import full at " + Instant.now() + " ==="
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            // Interrupted (Ctrl-C): stop the tool and remove its half-written database, as a failure does.
            Thread onExit = new Thread(() -> {
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                    removeDatabase(home);
                } catch (InterruptedException | RuntimeException e) {
                    // The JVM is exiting; the next load reports the leftover database and how to remove it.
                }
            }, "kedrec-admin-import-cleanup");
            Runtime.getRuntime().addShutdownHook(onExit);
            try {
                if (!process.waitFor(ADMIN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    process.waitFor();
                    exit = -1;
                } else {
                    exit = process.exitValue();
                }
            } finally {
                Runtime.getRuntime().removeShutdownHook(onExit);
            }
        } catch (IOException e) {
            removeDatabase(home);
            throw new UncheckedIOException("Cannot run neo4j-admin database import: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            removeDatabase(home);
            throw new IllegalStateException("Interrupted while neo4j-admin database import ran; what it wrote was "
                    + "removed.", e);
        }
        if (exit != 0) {
            removeDatabase(home);
            String cause = cause(log);
            throw new IllegalStateException(cause != null
                    ? Messages.format("neo4j-admin database import failed (exit code %d): %s. What it wrote was "
                            + "removed, so the load can be run again once the cause is fixed; its output is in %s.",
                            exit, cause, log)
                    : Messages.format("neo4j-admin database import failed (exit code %d). What it wrote was removed, "
                            + "so the load can be run again once the cause is fixed. Last lines of %s:%n%s",
                            exit, log, LogTail.of(log, 20)));
        }
    }

    private static final Pattern STAGE_STARTED = Pattern.compile(", started \\d{4}-\\d\\d-\\d\\d ");
    private static final Pattern STAGE_DONE = Pattern.compile(
            "(?:Done|IMPORT DONE) in (?:(\\d+)h )?(?:(\\d+)m(?!s) ?)?(?:(\\d+)s ?)?(?:(\\d+)ms)?");

    /**
     * The stages of the log's last run with their seconds ("Nodes, started ..." up to its "Done in 12s 413ms"), in
     * order, and {@code total} from its "IMPORT DONE in": where the admin step's time goes, which the wall clock
     * around the tool does not say (the rest of that is the JVM start and the tool reading samples of every file
     * before its first stage). Empty when the log cannot be read.
     */
    static Map<String, Double> adminStages(Path log) {
        Map<String, Double> stages = new LinkedHashMap<>();
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            int run = text.lastIndexOf("=== kedrec:");
            text = run < 0 ? text : text.substring(run);
            Matcher started = STAGE_STARTED.matcher(text);
            int from = 0;
            while (started.find(from)) {
                String name = stageName(text, started.start());
                Matcher done = STAGE_DONE.matcher(text);
                if (!done.find(started.end())) {
                    break;
                }
                stages.merge(name, duration(done), Double::sum);
                from = done.end();
            }
            int total = text.lastIndexOf("IMPORT DONE in ");
            if (total >= 0) {
                Matcher done = STAGE_DONE.matcher(text);
                if (done.find(total)) {
                    stages.put("total", duration(done));
                }
            }
        } catch (IOException | RuntimeException e) {
            stages.clear();
        }
        return stages;
    }

    /** The stage name before {@code end}: back to the line start or a progress bar's end, without a glued warning. */
    private static String stageName(String text, int end) {
        int start = end;
        while (start > 0 && text.charAt(start - 1) != '\n' && text.charAt(start - 1) != '\r'
                && text.charAt(start - 1) != ']') {
            start--;
        }
        String name = text.substring(start, end);
        // The tool prints its heap warning without a line break before the first stage ("... is 1.000GiBNodes").
        return name.replaceFirst("^.*\\d[KMGT]?i?B(?=[A-Z])", "").strip();
    }

    private static double duration(Matcher done) {
        double seconds = 0;
        int[] unit = {3600, 60, 1};
        for (int g = 1; g <= 3; g++) {
            if (done.group(g) != null) {
                seconds += Long.parseLong(done.group(g)) * unit[g - 1];
            }
        }
        if (done.group(4) != null) {
            seconds += Long.parseLong(done.group(4)) / 1000.0;
        }
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** The message of the innermost exception of the log's last run ("Caused by: Type: message"), if any. */
    static String cause(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String cause = null;
            for (String line : lines) {
                if (line.startsWith("=== kedrec:")) {
                    cause = null;
                } else if (line.startsWith("Caused by: ")) {
                    String text = line.substring("Caused by: ".length());
                    int colon = text.indexOf(": ");
                    cause = colon < 0 ? text : text.substring(colon + 2).strip();
                }
            }
            if (cause != null && cause.endsWith(".")) {
                cause = cause.substring(0, cause.length() - 1);
            }
            return cause == null || cause.isEmpty() ? null : cause;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void removeDatabase(ServerHome home) {
        AtomicDirectory.delete(databaseDirectory(home));
        AtomicDirectory.delete(transactionsDirectory(home));
    }

    /** CPU seconds of a process, or -1 when they cannot be read. */
    static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .map(d -> d.toMillis() / 1000.0).orElse(-1.0);
    }

    /**
     * CPU seconds of this process's children that ended and were waited for ({@code cutime + cstime} of
     * {@code /proc/self/stat}), or -1 where there is no such file: how the admin tool's CPU time is measured.
     */
    static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // Fields after the command name (which is in parentheses and may hold spaces).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // cutime and cstime are fields 16 and 17 of the whole line, 14 and 15 here (0-based: 13, 14).
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}

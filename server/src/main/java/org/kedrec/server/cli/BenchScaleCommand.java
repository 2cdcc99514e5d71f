package org.kedrec.server.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.kedrec.commandline.DataOption;
import org.kedrec.commandline.OptionChecks;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.Messages;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.core.progress.LoggingProgressTracker;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.importer.ImportBenchmark;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.dataset.DatasetBenchmark;
import org.kedrec.importer.dataset.DatasetBuildConfig;
import org.kedrec.importer.dataset.DriverCypherRunner;
import org.kedrec.server.Distribution;
import org.kedrec.server.OfflineLoad;
import org.kedrec.server.ProcessMemory;
import org.kedrec.server.ServerHome;
import org.kedrec.server.TemporaryServer;
import org.kedrec.server.bench.RecommendBenchmark;
import org.kedrec.server.data.GraphSynth;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec bench scale}: how each step grows with the graph. For each scale, a synthetic graph
 * ({@link GraphSynth}: N copies of the demo graph, rewired between copies), then on a fresh server home each: the
 * offline load (inputs, {@code neo4j-admin}, server start, schema), the dataset build, the default ranker, its load
 * and {@code kedrec.recommend} at 1 and 8 clients, the server's heap and store, one embedding (ComplEx) epoch; then
 * the online import into another fresh server. The report is rewritten after every scale, so a long run that is stopped keeps what it
 * measured.
 */
@Command(
        name = "scale",
        description = {
            "For each scale N, write a graph N times the demo graph (kedrec data synth), load it offline into a fresh "
                    + "server, build the dataset, train the default ranker, measure kedrec.recommend with it at 1 and "
                    + "8 clients, train one ComplEx epoch, then import it online into another fresh server. Writes "
                    + "a JSON report (docs/scaling.md).",
            ""
        })
public final class BenchScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scales", paramLabel = "N[,N...]", split = ",", defaultValue = "1,4,16",
            description = "The scales to measure, in order (default: ${DEFAULT-VALUE}).")
    List<Integer> scales;

    @Mixin
    ReportOption report;

    @Mixin
    DataOption data;

    @Option(names = "--work", paramLabel = "DIR", required = true, description = "Where the synthetic data "
            + "directories (reused when present and complete), datasets and server homes go; the server homes are "
            + "deleted after each scale.")
    Path work;

    @Mixin
    ServerOptions serverOptions = new ServerOptions("2g", "1g");

    @Option(names = "--recommend-seconds", paramLabel = "SECONDS", defaultValue = "20",
            description = "Measured seconds per recommend scenario (default: ${DEFAULT-VALUE}).")
    double recommendSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
            description = "Warm-up seconds before each recommend scenario (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Mixin
    SynthOptions synth;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long to wait for a server to start (default: ${DEFAULT-VALUE}).")
    int startTimeout;

    @Option(names = "--no-online", description = "Skip the online import (the slowest step at large scales).")
    boolean noOnline;

    /** The stages a run can measure, in the order it measures them. */
    static final List<String> STAGES = List.of("offline", "dataset", "ranker", "recommend", "epoch", "online");

    @Option(names = "--stages", paramLabel = "STAGE[,STAGE...]", split = ",",
            defaultValue = "offline,dataset,ranker,recommend,epoch,online",
            description = "The stages to measure, out of offline, dataset, ranker, recommend, epoch and online "
                    + "(default: all). The offline load always runs when any of dataset to epoch is asked for, "
                    + "since they use its server; recommend needs ranker. E.g. --stages offline,online measures "
                    + "the two imports only.")
    List<String> stages;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "",
            description = "A note kept in the report, e.g. how loaded the machine was.")
    String note;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        for (Integer n : scales) {
            OptionChecks.require(spec, n != null && n >= 1 && n <= 99, "--scales", n,
                    "scales from 1 to 99, e.g. --scales 1,4,16");
        }
        if (recommendSeconds <= 0 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), Messages.format("Invalid value for option "
                    + "'--recommend-seconds' or '--warmup': %s and %s. Use a positive measured time and a warm-up of "
                    + "0 or more seconds.", recommendSeconds, warmup));
        }
        for (String stage : stages) {
            OptionChecks.require(spec, STAGES.contains(stage), "--stages", stage,
                    "a comma-separated list of " + String.join(", ", STAGES) + ", e.g. --stages offline,online");
        }
        OptionChecks.require(spec, !stages.contains("recommend") || stages.contains("ranker"), "--stages",
                String.join(",", stages), "ranker with recommend (recommend serves the ranker this run trains), "
                        + "e.g. --stages offline,ranker,recommend");
        if (noOnline) {
            stages = stages.stream().filter(stage -> !"online".equals(stage)).toList();
        }
        serverOptions.requireMemory(spec);
        Path dataDir = data.require();
        Path workDir = work.toAbsolutePath().normalize();
        Path reportFile = report.file();
        Distribution dist = Distribution.locate();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("startedAt", Instant.now().toString());
        out.put("data", dataDir.toString());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("heap", serverOptions.heap());
        settings.put("pageCache", serverOptions.pageCache());
        settings.put("recommend", Map.of("k", 10, "pathsPerDrug", 3, "rationale", "none",
                "warmupSeconds", warmup, "seconds", recommendSeconds));
        settings.put("rankerDefault", "train kge (served by recommend)");
        settings.put("ranker", "train kge --kge complex --profile quick --epochs 1 --no-write-back (last)");
        settings.put("rewire", synth.rewire);
        settings.put("seed", synth.seed);
        settings.put("stages", stages);
        out.put("settings", settings);
        out.put("note", note);
        List<Map<String, Object>> rows = new ArrayList<>();
        out.put("scales", rows);
        for (int n : scales) {
            Map<String, Object> row = new LinkedHashMap<>();
            rows.add(row);
            // Written after every stage: a run stopped half-way through a large scale keeps its finished stages.
            Runnable flush = () -> {
                rows.set(rows.size() - 1, order(row));
                out.put("finishedAt", Instant.now().toString());
                BenchMachine.writeReport(reportFile, out);
            };
            measure(dist, dataDir, workDir, n, row, flush);
            KedrecCli.say(spec, "Report so far: " + reportFile);
        }
        return 0;
    }

    private void measure(Distribution dist, Path dataDir, Path workDir, int n, Map<String, Object> row,
            Runnable flush) {
        say("=== scale %d ===", n);
        row.put("scale", n);
        row.put("loadAverageBefore", BenchMachine.loadAverage());
        Path synthDir = synth(dataDir, workDir, n, row);

        if (stages.stream().anyMatch(stage -> !"online".equals(stage))) {
            offline(dist, workDir, n, synthDir, row, flush);
        }
        if (stages.contains("online")) {
            online(dist, workDir, n, synthDir, row);
        } else {
            row.put("onlineImportRelsPerSecond", null);
        }
        row.put("loadAverageAfter", BenchMachine.loadAverage());
        flush.run();
    }

    /** The offline load into a fresh home, and the stages that run on the server it starts. */
    private void offline(Distribution dist, Path workDir, int n, Path synthDir, Map<String, Object> row,
            Runnable flush) {
        // 1. Offline load into a fresh home; the server it starts serves the next steps.
        Path home = fresh(workDir.resolve("x" + n + "-offline"));
        TemporaryServer.Loaded loaded = TemporaryServer.loadOffline(dist, home, serverOptions.bolt(),
                serverOptions.http(), serverOptions.heap(), serverOptions.pageCache(),
                List.of(), options(synthDir), importer -> importer.importAll(synthDir),
                java.time.Duration.ofSeconds(startTimeout), this::sayIndented);
        try (TemporaryServer server = loaded.server()) {
            OfflineLoad.Result load = loaded.result();
            ImportReport report = load.report();
            long relationships = report.created().relationships();
            row.put("relationships", relationships);
            row.put("nodes", report.created().nodes());
            row.put("adminImportRelsPerSecond", perSecond(relationships, load.adminSeconds()));
            Map<String, Object> offline = new LinkedHashMap<>();
            offline.put("readInputsSeconds", round(load.buildSeconds()));
            offline.put("writeFilesSeconds", round(load.filesSeconds()));
            offline.put("adminImportSeconds", round(load.adminSeconds()));
            offline.put("serverStartSeconds", round(load.startSeconds()));
            offline.put("schemaSeconds", round(load.schemaSeconds()));
            offline.put("totalSeconds", round(load.buildSeconds() + load.filesSeconds() + load.adminSeconds()
                    + load.startSeconds() + load.schemaSeconds()));
            offline.put("relationshipsPerSecondWithoutStart", report.relationshipsPerSecond());
            offline.put("csvBytes", load.csvBytes());
            offline.put("adminCpuSeconds", round(load.adminCpuSeconds()));
            offline.put("adminStages", load.adminStages());
            offline.put("nodesByLabel", report.nodes());
            row.put("offline", offline);
            say("Offline load: %,d relationships, neo4j-admin %.1f s (%,.0f relationships/s), server start %.1f s",
                    relationships, load.adminSeconds(), perSecond(relationships, load.adminSeconds()),
                    load.startSeconds());

            flush.run();

            try (Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none())) {
                // 2. Dataset build.
                if (stages.contains("dataset")) {
                    Path dataset = workDir.resolve("x" + n + "-dataset");
                    AtomicDirectory.delete(dataset);
                    DatasetBenchmark.Result built = DatasetBenchmark.run(new DriverCypherRunner(driver, null),
                            DatasetBuildConfig.defaults(dataset, synthDir),
                            new LoggingProgressTracker(this::sayIndented));
                    row.put("datasetSeconds", round(built.seconds()));
                    row.put("dataset", built.toMap());
                    say("Dataset: %,d positives in %.1f s", built.positives(), built.seconds());
                }
                // What the server holds (after a full read of the graph when the dataset was built), in case a
                // later stage does not finish.
                row.put("memory", memory(server, driver));
                flush.run();

                // 3. The default ranker (metapath and evidence features, no embedding: what `train kge` gives a
                // user), which recommend then serves.
                if (stages.contains("ranker")) {
                    Path model = server.home().resolve("models").resolve("scale");
                    Map<String, Object> defaultRanker = ranker(server, synthDir, model, List.of());
                    row.put("rankerDefault", defaultRanker);
                    say("Default ranker: the whole command %s s", defaultRanker.get("commandSeconds"));
                    flush.run();
                }

                // 4. The model load and recommend at 1 and 8 clients, then what the server holds.
                if (stages.contains("recommend")) {
                    recommend(server, driver, row);
                    row.put("memory", memory(server, driver));
                    flush.run();
                }

                // 5. One embedding epoch (the quick ComplEx profile, the published split rules), last: at 16x it
                // runs for hours on two cores, and a run stopped during it keeps the stages above.
                if (stages.contains("epoch")) {
                    Map<String, Object> epoch = ranker(server, synthDir,
                            server.home().resolve("models").resolve("scale-complex"),
                            List.of("--kge", "complex", "--profile", "quick", "--epochs", "1", "--no-write-back"));
                    row.put("rankerEpochSeconds", epoch.get("epochSeconds"));
                    row.put("ranker", epoch);
                    say("Ranker: one epoch %s s, the whole command %s s", epoch.get("epochSeconds"),
                            epoch.get("commandSeconds"));
                    flush.run();
                }
            }
        }
        AtomicDirectory.delete(home);
    }

    /** 6. The online import into another fresh server. */
    private void online(Distribution dist, Path workDir, int n, Path synthDir, Map<String, Object> row) {
        Path onlineHome = fresh(workDir.resolve("x" + n + "-online"));
        try (TemporaryServer server = TemporaryServer.start(dist, onlineHome, serverOptions.bolt(),
                serverOptions.http(), serverOptions.heap(), serverOptions.pageCache(),
                List.of(), this::sayIndented);
                Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none())) {
            ImportReport online = ImportBenchmark.run(driver, options(synthDir), synthDir, false);
            row.put("onlineImportRelsPerSecond", online.relationshipsPerSecond());
            row.put("online", Map.of("seconds", online.seconds(), "relationshipsCreated",
                    online.created().relationships(), "steps", online.steps()));
            say("Online import: %,d relationships in %.1f s (%,.0f relationships/s)",
                    online.created().relationships(), online.seconds(), online.relationshipsPerSecond());
        }
        AtomicDirectory.delete(onlineHome);
    }

    /** The contract's keys first, details after. */
    private static Map<String, Object> order(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("scale", "relationships", "adminImportRelsPerSecond", "onlineImportRelsPerSecond",
                "datasetSeconds", "rankerEpochSeconds", "recommendP50Ms", "recommendP99Ms", "calls8PerSecond")) {
            out.put(key, row.get(key));
        }
        row.forEach(out::putIfAbsent);
        return out;
    }

    private Path synth(Path dataDir, Path workDir, int n, Map<String, Object> row) {
        Path synthDir = workDir.resolve("data-x" + n);
        Path stamp = synthDir.resolve("synth.json");
        String wanted = Messages.format("{\"scale\": %d, \"rewire\": %s, \"seed\": %d, \"source\": \"%s\"}", n, synth.rewire,
                synth.seed, dataDir);
        try {
            if (Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(wanted)) {
                say("Reusing %s (same scale, share and seed)", synthDir);
                row.put("synthSeconds", null);
                return synthDir;
            }
            AtomicDirectory.delete(synthDir);
            long t = System.nanoTime();
            GraphSynth.Result result = new GraphSynth(dataDir, synthDir, n, synth.rewire, synth.seed).write();
            double seconds = (System.nanoTime() - t) / 1e9;
            Files.writeString(stamp, wanted + "\n", StandardCharsets.UTF_8);
            row.put("synthSeconds", round(seconds));
            say("Synthetic graph x%d: %,d nodes, %,d Hetionet edges (%,d rewired) in %.1f s", n, result.nodes(),
                    result.edges(), result.rewired(), seconds);
            return synthDir;
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Cannot write the synthetic graph to %s: %s", synthDir,
                    e.getMessage()), e);
        }
    }

    /** Runs {@code train kge} with {@code extra} into {@code model}; its seconds and what metrics.json says. */
    private Map<String, Object> ranker(TemporaryServer server, Path synthDir, Path model, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("train", "kge", "--uri", server.boltUri(), "--password",
                "no-authentication", "--model", model.toString(), "--data", synthDir.toString()));
        args.addAll(extra);
        CommandLine cli = KedrecCli.commandLine();
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(spec.commandLine().getErr());
        long t = System.nanoTime();
        int exit = cli.execute(args.toArray(String[]::new));
        double seconds = (System.nanoTime() - t) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(Messages.format("Training the ranker on the synthetic graph failed "
                    + "(`kedrec %s` exited with %d; its message is above).", String.join(" ", args), exit));
        }
        Map<String, Object> ranker = new LinkedHashMap<>();
        ranker.put("command", String.join(" ", extra));
        ranker.put("commandSeconds", round(seconds));
        Path metrics = model.resolve("ranker").resolve(RankerFiles.METRICS);
        try {
            JsonObject json = JsonParser.parseString(Files.readString(metrics, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            JsonArray history = json.has("history") ? json.getAsJsonArray("history") : new JsonArray();
            // The default ranker trains no embedding, so it has no epoch.
            ranker.put("epochSeconds", history.isEmpty() ? null
                    : round(history.get(0).getAsJsonObject().get("seconds").getAsDouble()));
            for (String key : List.of("trainSeconds", "metapathSeconds", "kgeSeconds", "triples", "entities",
                    "triplesPerSecond")) {
                if (json.has(key)) {
                    ranker.put(key, json.get(key).getAsDouble());
                }
            }
        } catch (IOException | RuntimeException e) {
            ranker.put("error", "cannot read " + metrics + ": " + e.getMessage());
            ranker.put("epochSeconds", null);
        }
        return ranker;
    }

    private void recommend(TemporaryServer server, Driver driver, Map<String, Object> row) {
        ServerHome home = new ServerHome(server.home());
        try {
            Files.createDirectories(home.conf());
            Files.writeString(home.conf().resolve("kedrec.conf"), "kedrec.model.dir=models/scale\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + home.conf().resolve("kedrec.conf") + ": "
                    + e.getMessage(), e);
        }
        try (Session session = driver.session()) {
            Record info = session.run("CALL kedrec.model.load() YIELD state, error, loadMillis RETURN *").single();
            if (!"loaded".equals(info.get("state").asString())) {
                throw new IllegalStateException(Messages.format("The plugin did not load the scale model: state %s, "
                        + "%s. See %s.", info.get("state").asString(), info.get("error").asString(""),
                        home.logs()));
            }
            row.put("modelLoadMillis", info.get("loadMillis").asLong());
        }
        List<String> diseases = RecommendBenchmark.diseases(driver);
        RecommendBenchmark bench = new RecommendBenchmark(driver,
                new RecommendBenchmark.Settings(10, 3, warmup, recommendSeconds, 8), diseases, this::sayIndented);
        RecommendBenchmark.Scenario one = bench.run("none", 1);
        RecommendBenchmark.Scenario eight = bench.run("none", 8);
        row.put("recommendP50Ms", round(one.p50Ms()));
        row.put("recommendP99Ms", round(one.p99Ms()));
        row.put("calls8PerSecond", round(eight.callsPerSecond()));
        row.put("recommend", Map.of("diseases", diseases.size(), "clients1", one.toMap(), "clients8", eight.toMap()));
    }

    /**
     * Heap in use (JMX), resident memory, and the store on disk beside the configured page cache: Community exposes
     * no page-cache usage, and the page cache holds at most the store, so {@code min(store, page cache)} bounds
     * what it uses.
     */
    private Map<String, Object> memory(TemporaryServer server, Driver driver) {
        Map<String, Object> memory = new LinkedHashMap<>();
        try (Session session = driver.session()) {
            Record jmx = session.run("CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
                    + "RETURN attributes.HeapMemoryUsage.value.properties AS heap").single();
            Value heapUsage = jmx.get("heap");
            memory.put("heapUsedBytes", heapUsage.get("used").asLong());
            memory.put("heapCommittedBytes", heapUsage.get("committed").asLong());
            memory.put("heapMaxBytes", heapUsage.get("max").asLong());
        } catch (RuntimeException e) {
            memory.put("heapError", e.getMessage());
        }
        ProcessMemory.residentBytes(server.started().pid()).ifPresent(b -> memory.put("residentBytes", b));
        long store = directoryBytes(server.home().resolve("data").resolve("databases").resolve(OfflineLoad.DATABASE));
        long configured = bytes(serverOptions.pageCache());
        memory.put("storeBytes", store);
        memory.put("pageCacheConfiguredBytes", configured);
        memory.put("pageCacheUsedAtMostBytes", Math.min(store, configured));
        return memory;
    }

    private static long bytes(String size) {
        String s = size.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        return (long) (Double.parseDouble(digits) * unit);
    }

    private static long directoryBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static Path fresh(Path home) {
        AtomicDirectory.delete(home);
        return home;
    }

    private ImportOptions options(Path dataDir) {
        return ImportOptions.defaults()
                .withDataDirectory(dataDir)
                .withProgress(new LoggingProgressTracker(this::sayIndented));
    }

    private static double perSecond(long count, double seconds) {
        return seconds > 0 ? Math.round(count / seconds * 10) / 10.0 : 0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private void say(String format, Object... args) {
        KedrecCli.say(spec, Messages.format(format, args));
    }

    private void sayIndented(String line) {
        KedrecCli.say(spec, "  " + line);
    }
}

package org.kedrec.plugin;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.Importer;
import org.kedrec.importer.OnError;
import org.kedrec.trainer.kge.KgeTrainingConfig;
import org.kedrec.trainer.kge.RankerTrainer;
import org.kedrec.trainer.kge.graph.Neo4jGraphExport;
import org.kedrec.trainer.kge.graph.TrainingGraph;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * The module's one in-process Neo4j (started by the first test class that asks, stopped when the test JVM exits),
 * with the KEDRec procedures and a few APOC classes registered and Bolt on a port of this module's range
 * (8100-8149). At setup it loads the fixture graph (edges-10.sif, its nodes, the clinical trials and the BC5CDR
 * sample abstracts) through the importer over Bolt, trains a small ranker on it with the trainer's own API into
 * {@code target/test-models/fixture}, adds the tiny student committed for this graph, copies the ranker alone to
 * {@code target/test-models/ranker-only}, writes {@code <home>/conf/kedrec.conf} and loads the model with
 * {@code kedrec.model.load()}. Test classes must not change the graph except through procedures they undo.
 */
final class TestDb {
    static final String MODEL = "fixture";
    static final String RANKER_ONLY = "ranker-only";

    private static TestDb shared;

    final Neo4j neo4j;
    final Driver driver;
    final Path home;
    final Path modelHome;
    final Path confFile;

    private TestDb(Neo4j neo4j, Path modelHome) {
        this.neo4j = neo4j;
        this.driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        this.home = neo4j.config().get(GraphDatabaseSettings.neo4j_home).toAbsolutePath();
        this.modelHome = modelHome;
        this.confFile = home.resolve("conf").resolve(KedrecSettings.FILE_NAME);
    }

    static synchronized TestDb get() {
        if (shared == null) {
            // Data first: without it every class using the shared database skips, and none is started half set up.
            Path data = DataDirectory.forTests(Assumptions::abort);
            long start = System.nanoTime();
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "plugin-test-neo4j-stop"));
            shared.setUp(data);
            System.out.printf("[TestDb] graph loaded and models trained in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
        }
        return shared;
    }

    private static TestDb start() {
        Path target = Path.of(System.getProperty("kedrec.target", "target")).toAbsolutePath();
        int port = freePort();
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(target.resolve("neo4j-test"))
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .withProcedure(RecommendProc.class)
                .withProcedure(RecommendWriteProc.class)
                .withProcedure(ExplainProc.class)
                .withProcedure(SelectProc.class)
                .withProcedure(ModelProcs.class)
                .withFunction(ScoreFunction.class)
                .withFunction(VersionFunction.class)
                // APOC beside the plugin, as on every server (in a harness APOC must be registered class by class).
                .withProcedure(apoc.help.Help.class)
                .withProcedure(apoc.path.PathExplorer.class)
                .withFunction(apoc.version.Version.class)
                .build();
        return new TestDb(neo4j, target.resolve("test-models"));
    }

    private static int freePort() {
        for (int port = 8100; port < 8150; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException busy) {
                // next port of the range
            }
        }
        throw new IllegalStateException("No free port in 8100-8149 for the plugin's test Neo4j.");
    }

    private void setUp(Path data) {
        Importer importer = new Importer(driver, ImportOptions.defaults().withDataDirectory(data));
        importer.importHetionet(data.resolve("fixtures/hetionet-nodes-for-edges-10.tsv"),
                data.resolve("hetionet-integrate/edges-10.sif"));
        // edges-10 alone has almost no complete drug-to-disease metapath: add every demo edge among its nodes.
        importer.importHetionet(data.resolve("fixtures/hetionet-nodes-for-edges-10.tsv"), inducedEdges(data));
        long t0 = System.nanoTime();
        // The trial map covers all of Hetionet: only its rows about the fixture's drugs and diseases are imported
        // (the other trial sources are optional and left out: they would only add seconds of parsing).
        Path trialData = fixtureTrials(data);
        Importer evidence = new Importer(driver, ImportOptions.defaults().withDataDirectory(data)
                .withOnError(OnError.SKIP));
        evidence.importTrials(trialData);
        evidence.importPubmed(data.resolve("fixtures/CDR_sample.txt"));
        long t1 = System.nanoTime();
        deleteTree(modelHome);
        Path model = modelHome.resolve(MODEL);
        trainRanker(data, model);
        long t2 = System.nanoTime();
        copyStudent(model);
        long t3 = System.nanoTime();
        System.out.printf("[TestDb] import %.1f s, ranker %.1f s, student copied in %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (t3 - t2) / 1e9);
        copyRankerOnly(model, modelHome.resolve(RANKER_ONLY));
        writeConf(KedrecSettings.MODEL_DIR + "=" + model, KedrecSettings.MODEL_HOME + "=" + modelHome);
        run("CALL kedrec.model.load()");
    }

    /** The demo graph's edges between the fixture's nodes (1,299 real Hetionet edges), as a SIF file under target/. */
    private static Path inducedEdges(Path data) {
        Path file = testData().resolve("edges-induced.sif");
        try {
            java.util.Set<String> nodes = fixtureNodes(data);
            List<String> kept = new ArrayList<>(List.of("source\tmetaedge\ttarget"));
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                    Files.newInputStream(data.resolve("derived/hetionet-v1.0-edges-demo.sif.gz"))),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                in.readLine();
                String line;
                while ((line = in.readLine()) != null) {
                    String[] cols = line.split("\t");
                    if (cols.length == 3 && nodes.contains(cols[0]) && nodes.contains(cols[2])) {
                        kept.add(line);
                    }
                }
            }
            Files.createDirectories(file.getParent());
            Files.write(file, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static java.util.Set<String> fixtureNodes(Path data) throws IOException {
        java.util.Set<String> nodes = new java.util.HashSet<>();
        List<String> lines = Files.readAllLines(data.resolve("fixtures/hetionet-nodes-for-edges-10.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            nodes.add(line.split("\t")[0]);
        }
        return nodes;
    }

    private static Path testData() {
        return Path.of(System.getProperty("kedrec.target", "target")).toAbsolutePath().resolve("test-data");
    }

    /** A data folder under target/ whose trial map holds only the rows about the fixture graph's nodes. */
    private static Path fixtureTrials(Path data) {
        Path dir = testData();
        Path map = dir.resolve("clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv");
        try {
            java.util.Set<String> nodes = new java.util.HashSet<>();
            for (String id : fixtureNodes(data)) {
                nodes.add(id.substring(id.indexOf("::") + 2));
            }
            List<String> lines = Files.readAllLines(data.resolve(
                    "clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv"));
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.split("\t");
                if (cols.length >= 4 && nodes.contains(cols[1].strip()) && nodes.contains(cols[3].strip())) {
                    kept.add(line);
                }
            }
            Files.createDirectories(map.getParent());
            Files.write(map, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private void trainRanker(Path data, Path model) {
        SplitPlan plan = SplitPlan.fromDataDirectory(data);
        TrainingGraph graph = new Neo4jGraphExport(driver, null)
                .export(plan, Neo4jGraphExport.DEFAULT_SOURCES, ProgressTracker.NULL);
        KgeTrainingConfig kge = KgeTrainingConfig.quick().with(Map.of("dim", 16, "epochs", 3, "batchSize", 256,
                "negatives", 32, "treatsOversample", 2, "patience", 2));
        new RankerTrainer(new RankerTrainer.Options(kge, true, 0.4, Device.cpu(), "test"), ProgressTracker.NULL)
                .train(graph, plan, model);
    }

    /**
     * The tiny student committed under {@code src/test/resources/fixture-student}, distilled from the evidence teacher
     * on this very fixture graph by {@link StudentFixtureGenerator} (training it here would take minutes on two
     * busy cores).
     */
    private static void copyStudent(Path model) {
        Path source = Path.of(System.getProperty("kedrec.repo.root", ".."), "plugin", "src", "test", "resources",
                "fixture-student").toAbsolutePath().normalize();
        Path target = model.resolve(LoadedModel.STUDENT_DIR);
        if (!Files.isDirectory(source)) {
            System.out.println("[TestDb] no fixture student at " + source + "; the model has a ranker only");
            return;
        }
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the fixture student from " + source, e);
        }
    }

    private static void copyRankerOnly(Path model, Path target) {
        try (Stream<Path> files = Files.walk(model.resolve("ranker"))) {
            for (Path file : files.toList()) {
                Path to = target.resolve(model.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
            Files.copy(model.resolve("model.json"), target.resolve("model.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces {@code kedrec.conf} (read again by {@code kedrec.model.load}). */
    void writeConf(String... lines) {
        try {
            Files.createDirectories(confFile.getParent());
            Files.write(confFile, List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default settings of the module: the fixture model and the test model home. */
    void restoreConf() {
        writeConf(KedrecSettings.MODEL_DIR + "=" + modelHome.resolve(MODEL), KedrecSettings.MODEL_HOME + "=" + modelHome);
    }

    List<Record> run(String cypher, Map<String, Object> params) {
        try (Session session = driver.session()) {
            return session.run(cypher, params).list();
        }
    }

    List<Record> run(String cypher) {
        return run(cypher, Map.of());
    }

    /** The message a failing statement gets over Bolt, e.g. {@code Failed to invoke procedure ...}. */
    String failure(String cypher, Map<String, Object> params) {
        try (Session session = driver.session()) {
            session.run(cypher, params).consume();
        } catch (org.neo4j.driver.exceptions.ClientException e) {
            return e.getMessage();
        }
        throw new AssertionError("Expected a failure from: " + cypher);
    }

    String failure(String cypher) {
        return failure(cypher, Map.of());
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        driver.close();
        neo4j.close();
    }
}

package org.kedrec.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.testkit.FixtureGraph;
import org.kedrec.testkit.FixtureModel;
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
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * The module's one in-process Neo4j (started by the first test class that asks, stopped when the test JVM exits),
 * with the KEDRec procedures and a few APOC classes registered and Bolt on a port of this module's range
 * (8100-8149). At setup it loads the test kit's fixture graph (edges-10.sif, its nodes, the clinical trials and the
 * BC5CDR sample abstracts) and trains the kit's tiny ranker on it into {@code target/test-models/fixture}, adds the
 * tiny student committed for this graph, copies the ranker alone to
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
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(target.resolve("neo4j-test"))
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024);
        Neo4j neo4j = withKedrec(builder)
                // APOC beside the plugin, as on every server (in a harness APOC must be registered class by class).
                .withProcedure(apoc.help.Help.class)
                .withProcedure(apoc.path.PathExplorer.class)
                .withFunction(apoc.version.Version.class)
                .build();
        return new TestDb(neo4j, target.resolve("test-models"));
    }

    /** The plugin's procedures and functions, every one the plugin jar registers, on a test harness. */
    static Neo4jBuilder withKedrec(Neo4jBuilder builder) {
        return builder.withProcedure(RecommendProc.class)
                .withProcedure(RecommendWriteProc.class)
                .withProcedure(ExplainProc.class)
                .withProcedure(SelectProc.class)
                .withProcedure(ModelProcs.class)
                .withFunction(ScoreFunction.class)
                .withFunction(VersionFunction.class);
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
        long t0 = System.nanoTime();
        FixtureGraph.importInto(driver, data, testData(), true);
        long t1 = System.nanoTime();
        AtomicDirectory.delete(modelHome);
        Path model = modelHome.resolve(MODEL);
        FixtureModel.trainRanker(driver, data, model, "test");
        long t2 = System.nanoTime();
        Path repoRoot = Path.of(System.getProperty("kedrec.repo.root", ".."));
        if (!FixtureModel.copyStudent(repoRoot, model)) {
            System.out.println("[TestDb] no fixture student under " + repoRoot.toAbsolutePath().normalize()
                    + "; the model has a ranker only");
        }
        long t3 = System.nanoTime();
        System.out.printf("[TestDb] import %.1f s, ranker %.1f s, student copied in %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (t3 - t2) / 1e9);
        copyRankerOnly(model, modelHome.resolve(RANKER_ONLY));
        writeConf(KedrecSettings.MODEL_DIR + "=" + model, KedrecSettings.MODEL_HOME + "=" + modelHome);
        run("CALL kedrec.model.load()");
    }

    private static Path testData() {
        return Path.of(System.getProperty("kedrec.target", "target")).toAbsolutePath().resolve("test-data");
    }

    private static void copyRankerOnly(Path model, Path target) {
        try {
            AtomicDirectory.copy(model.resolve("ranker"), target.resolve("ranker"));
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

    /** How a procedure's refusal of bad input starts over Bolt, before the message the procedure wrote. */
    static String badInput(String procedure) {
        return "Failed to invoke procedure `" + procedure + "`: Caused by: java.lang.IllegalArgumentException: ";
    }

    private void stop() {
        driver.close();
        neo4j.close();
    }
}

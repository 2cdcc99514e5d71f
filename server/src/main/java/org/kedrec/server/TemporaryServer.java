package org.kedrec.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.kedrec.core.Messages;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

/**
 * A throw-away server on a fresh, empty database (what a benchmark needs): started on a new home, without
 * authentication (it listens on 127.0.0.1 only and lives minutes), stopped and deleted on {@link #close()}.
 */
public final class TemporaryServer implements AutoCloseable {
    private final Neo4jServer server;
    private final Neo4jServer.StartResult started;
    private final boolean deleteOnClose;

    private TemporaryServer(Neo4jServer server, Neo4jServer.StartResult started, boolean deleteOnClose) {
        this.server = server;
        this.started = started;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Starts a server on {@code home}, which must be absent or empty; with {@code home == null} a new folder under
     * {@code java.io.tmpdir} is used and deleted again on close.
     */
    public static TemporaryServer start(
            Distribution dist, Path home, int boltPort, int httpPort, String heap, String pageCache,
            Consumer<String> say) {
        return start(dist, home, boltPort, httpPort, heap, pageCache, List.of(), say);
    }

    /**
     * Like {@link #start(Distribution, Path, int, int, String, String, Consumer)}, with more neo4j.conf lines
     * ({@code key=value}, e.g. {@code db.tx_log.rotation.size=256m} or {@code server.jvm.additional=...}): they
     * go below the managed block, as a user's own lines would.
     */
    public static TemporaryServer start(
            Distribution dist, Path home, int boltPort, int httpPort, String heap, String pageCache,
            List<String> confLines, Consumer<String> say) {
        return start(dist, home, boltPort, httpPort, heap, pageCache, confLines,
                ServerSettings.DEFAULT_START_TIMEOUT, say);
    }

    /** Like the others, waiting up to {@code startTimeout} for the server (a loaded machine needs longer). */
    public static TemporaryServer start(
            Distribution dist, Path home, int boltPort, int httpPort, String heap, String pageCache,
            List<String> confLines, java.time.Duration startTimeout, Consumer<String> say) {
        return inFreshHome(home, boltPort, httpPort, heap, pageCache, confLines, startTimeout, say,
                (server, settings, created) -> new TemporaryServer(server, server.start(dist, settings), created));
    }

    /** What starts the server of a prepared home: a plain start, or an offline load that ends with one. */
    private interface Begin<T> {
        T in(Neo4jServer server, ServerSettings settings, boolean created);
    }

    /**
     * The one way a temporary server comes up: the home prepared ({@link #prepareHome}), then {@code begin}; when
     * that fails, whatever it started is stopped (a start that timed out leaves the JVM running, seen on a loaded
     * machine) and a temporary home deleted, and the failure is thrown with a failed stop suppressed in it.
     */
    private static <T> T inFreshHome(Path home, int boltPort, int httpPort, String heap, String pageCache,
            List<String> confLines, java.time.Duration startTimeout, Consumer<String> say, Begin<T> begin) {
        boolean created = home == null;
        Path root = prepareHome(home, confLines);
        ServerSettings settings = new ServerSettings(
                root, boltPort, httpPort, null, heap, pageCache, startTimeout);
        Neo4jServer server = new Neo4jServer(say);
        try {
            return begin.in(server, settings, created);
        } catch (RuntimeException e) {
            try {
                server.stop(new ServerHome(root), Neo4jServer.DEFAULT_STOP_TIMEOUT);
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            } finally {
                if (created) {
                    AtomicDirectory.delete(root);
                }
            }
            throw e;
        }
    }

    /** A new temporary folder (home == null) or the given fresh one, with the extra settings written. */
    private static Path prepareHome(Path home, List<String> confLines) {
        try {
            Path root = home == null ? Files.createTempDirectory("kedrec-bench-") : home.toAbsolutePath().normalize();
            requireFresh(root);
            writeSettings(new ServerHome(root), confLines);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary server home: " + e.getMessage(), e);
        }
    }

    /** A temporary server whose database an offline load created, with what the load did. */
    public record Loaded(TemporaryServer server, OfflineLoad.Result result) {}

    /**
     * Loads a new home offline ({@link OfflineLoad}: build in memory, neo4j-admin, start, schema) and returns the
     * running server, to be stopped and deleted on {@link #close()}. On failure nothing stays running or behind.
     */
    public static Loaded loadOffline(
            Distribution dist, Path home, int boltPort, int httpPort, String heap, String pageCache,
            List<String> confLines, ImportOptions options, Function<Importer, ImportReport> build,
            Consumer<String> say) {
        return loadOffline(dist, home, boltPort, httpPort, heap, pageCache, confLines, options, build,
                ServerSettings.DEFAULT_START_TIMEOUT, say);
    }

    /**
     * Like {@link #loadOffline(Distribution, Path, int, int, String, String, List, ImportOptions, Function,
     * Consumer)}, waiting up to {@code startTimeout} for the server (a large store on a busy machine starts slowly).
     */
    public static Loaded loadOffline(
            Distribution dist, Path home, int boltPort, int httpPort, String heap, String pageCache,
            List<String> confLines, ImportOptions options, Function<Importer, ImportReport> build,
            java.time.Duration startTimeout, Consumer<String> say) {
        return inFreshHome(home, boltPort, httpPort, heap, pageCache, confLines, startTimeout, say,
                (server, settings, created) -> {
                    OfflineLoad.Result result = new OfflineLoad(say).load(dist, settings, options, build,
                            started -> GraphDatabase.driver(started.boltUri(), AuthTokens.none()));
                    return new Loaded(new TemporaryServer(server, result.started(), created), result);
                });
    }

    /** The extra lines as the user part of neo4j.conf; {@link Neo4jConf#write} keeps them below its block. */
    static void writeSettings(ServerHome home, List<String> settings) throws IOException {
        if (settings.isEmpty()) {
            return;
        }
        for (String line : settings) {
            int eq = line.indexOf('=');
            if (eq < 1 || line.contains("\n")) {
                throw new IllegalArgumentException(Messages.format(
                        "Invalid value for option '--setting': `%s` is not a neo4j.conf line; write it as KEY=VALUE, "
                                + "e.g. db.tx_log.rotation.size=256m.",
                        line));
            }
        }
        Files.createDirectories(home.conf());
        Files.write(home.confFile(), settings, StandardCharsets.UTF_8);
    }

    private static void requireFresh(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(root)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid value for option '--home': %s is not empty. A benchmark needs a fresh database: pass a "
                            + "new or empty folder, or leave --home out for a temporary one.",
                    root));
        }
    }

    public Neo4jServer.StartResult started() {
        return started;
    }

    public String boltUri() {
        return started.boltUri();
    }

    public Path home() {
        return started.home().root();
    }

    /** Stops the server (waiting for a clean shutdown) and deletes a home this class created. */
    @Override
    public void close() {
        server.stop(started.home(), Neo4jServer.DEFAULT_STOP_TIMEOUT);
        if (deleteOnClose) {
            AtomicDirectory.delete(home());
        }
    }

    /** Deletes a folder tree: core's {@link AtomicDirectory#delete}, under the name DemoIT still calls. */
    static void deleteTree(Path root) {
        AtomicDirectory.delete(root);
    }
}

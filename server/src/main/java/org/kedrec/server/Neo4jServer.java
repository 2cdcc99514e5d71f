package org.kedrec.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.kedrec.core.Messages;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.SecurityException;

/**
 * Starts, stops and inspects a Neo4j server home the way Neo4j's own scripts do: {@code Neo4jCommand start} (the
 * class behind {@code bin/neo4j start}) forks the server JVM with the options of neo4j.conf and writes
 * {@code run/neo4j.pid}; {@code Neo4jAdminCommand dbms set-initial-password} (behind {@code bin/neo4j-admin}) sets
 * the password before the first start; stopping sends SIGTERM, which runs Neo4j's clean shutdown, and waits.
 * Progress lines go to the {@code say} callback (the command prints them).
 */
public final class Neo4jServer {
    static final String BOOTLOADER = "org.neo4j.server.startup.Neo4jCommand";
    static final String ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand";
    /** The bootloader only parses the config and forks: a small, quickly started JVM is enough. */
    static final List<String> TOOL_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(120);

    private final Consumer<String> say;

    public Neo4jServer(Consumer<String> say) {
        this.say = say;
    }

    /**
     * What a start achieved. {@code alreadyRunning} means nothing was started: the home's server was up, and
     * {@code staleJars} names the distribution's jars (the plugin, after a rebuild) it started before and so does not
     * run; empty after a real start.
     */
    public record StartResult(
            ServerHome home,
            long pid,
            int boltPort,
            int httpPort,
            boolean authEnabled,
            boolean alreadyRunning,
            String version,
            String edition,
            Duration elapsed,
            OptionalLong residentBytes,
            List<String> staleJars) {
        public String boltUri() {
            return BoltProbe.uri(boltPort);
        }

        public String browserUrl() {
            return "http://127.0.0.1:" + httpPort + "/browser/";
        }
    }

    /** What a stop did; {@code pid} is empty when nothing was running. */
    public record StopResult(ServerHome home, OptionalLong pid, Duration elapsed) {}

    public StartResult start(Distribution dist, ServerSettings settings) {
        ServerHome home = new ServerHome(settings.home());
        Optional<ProcessHandle> running = home.runningProcess();
        if (running.isPresent()) {
            return alreadyRunning(dist, home, running.get(), settings);
        }
        PortCheck.requireFree(settings.boltPort(), "Bolt", "--bolt");
        PortCheck.requireFree(settings.httpPort(), "HTTP", "--http");

        boolean fresh = !home.isInitialised();
        Instant begin = Instant.now();
        say.accept(Messages.format("Preparing %s Neo4j home %s", fresh ? "a new" : "the", home.root()));
        ServerHome.PrepareResult prepared = home.prepare(dist, settings);
        if (prepared.lib().symbolic() || prepared.plugins().symbolic()) {
            say.accept("  (linked symbolically: the home is on another file system than " + dist.root()
                    + "; do not delete that folder while the home is in use)");
        }
        if (settings.authEnabled() && fresh) {
            say.accept("Setting the initial password of user " + ServerSettings.USER);
            setInitialPassword(home, settings.password());
        }

        say.accept(Messages.format(
                "Starting Neo4j (Bolt 127.0.0.1:%d, HTTP 127.0.0.1:%d)", settings.boltPort(), settings.httpPort()));
        appendToStartLog(home, "=== kedrec server start at " + Instant.now() + " ===");
        // The bootloader waits for the server it forks; on a loaded machine that took over TOOL_TIMEOUT, so a
        // longer --timeout covers it too.
        int exit = runTool(home, BOOTLOADER, List.of("start"),
                settings.startTimeout().compareTo(TOOL_TIMEOUT) > 0 ? settings.startTimeout() : TOOL_TIMEOUT);
        if (exit != 0) {
            throw new IllegalStateException(Messages.format(
                    "Neo4j did not start (its bootloader exited with code %d).%n%s%sFix the cause and run the same "
                            + "start command again.",
                    exit, tailSection(home.startLog(), 15), tailSection(home.userLog(), 15)));
        }
        long pid = home.pidFromFile().orElseThrow(() -> new IllegalStateException(
                "Neo4j's bootloader reported success but wrote no pid file at " + home.pidFile() + "."));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> diedDuringStart(home));

        BoltProbe.Info info;
        try {
            info = BoltProbe.waitUntilReady(settings.boltPort(), settings.password(), process,
                    settings.startTimeout());
        } catch (BoltProbe.ProcessEnded e) {
            throw diedDuringStart(home);
        } catch (BoltProbe.NoAnswer e) {
            throw new IllegalStateException(e.getMessage() + " It may still be recovering its database: check with "
                    + "`kedrec server status --home " + home.root() + "` and read " + home.userLog() + ".", e);
        } catch (ClientException e) {
            if (!(e instanceof SecurityException) && !e.code().startsWith("Neo.ClientError.Security.")) {
                throw e;
            }
            // The home was initialised earlier with another password (or without one): it cannot be set now.
            stopQuietly(home, process);
            throw new IllegalStateException(Messages.format(
                    "Neo4j in %s rejected the password for user %s (%s). The password can only be chosen before "
                            + "the first start, and this home was initialised earlier with another one. Start it "
                            + "with that password, change it in Browser or cypher-shell (ALTER CURRENT USER SET "
                            + "PASSWORD FROM 'old' TO 'new'), or delete %s to begin with an empty database. Neo4j "
                            + "was stopped again.",
                    home.root(), ServerSettings.USER, e.getMessage(), home.data()), e);
        }
        return new StartResult(home, pid, settings.boltPort(), settings.httpPort(), settings.authEnabled(), false,
                info.version(), info.edition(), Duration.between(begin, Instant.now()),
                ProcessMemory.residentBytes(pid), List.of());
    }

    private StartResult alreadyRunning(Distribution dist, ServerHome home, ProcessHandle process,
                                       ServerSettings requested) {
        OptionalInt bolt = home.boltPort();
        OptionalInt http = home.httpPort();
        if (bolt.orElse(-1) != requested.boltPort() || http.orElse(-1) != requested.httpPort()) {
            throw new IllegalStateException(Messages.format(
                    "Neo4j is already running in %s (pid %d) with Bolt on port %s and HTTP on port %s, not on the "
                            + "requested %d and %d. Stop it first (kedrec server stop --home %s) to change its "
                            + "ports.",
                    home.root(), process.pid(), portText(bolt), portText(http), requested.boltPort(),
                    requested.httpPort(), home.root()));
        }
        return new StartResult(home, process.pid(), bolt.getAsInt(), http.getAsInt(), home.authEnabled(), true,
                "", "", Duration.ZERO, ProcessMemory.residentBytes(process.pid()), staleJars(dist, home, process));
    }

    /**
     * The distribution's jars that the running server does not run: rebuilt, added or written after its process
     * started. Without a start time (some platforms do not report one) only the relinked jars count.
     */
    static List<String> staleJars(Distribution dist, ServerHome home, ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.MAX);
        List<String> stale = new ArrayList<>(JarLinks.changedSince(dist.plugins(), home.plugins(), started));
        stale.addAll(JarLinks.changedSince(dist.lib(), home.lib(), started));
        return List.copyOf(stale);
    }

    private static String portText(OptionalInt port) {
        return port.isPresent() ? Integer.toString(port.getAsInt()) : "(unknown)";
    }

    private IllegalStateException diedDuringStart(ServerHome home) {
        return new IllegalStateException(Messages.format(
                "Neo4j stopped during start-up.%n%s%sFix the cause and run the same start command again.",
                tailSection(home.userLog(), 20), tailSection(home.debugLog(), 20)));
    }

    /** "Last lines of FILE:" and the lines, or nothing when the file does not exist or is empty. */
    private static String tailSection(Path file, int lines) {
        String tail = LogTail.of(file, lines);
        return tail.isEmpty() ? "" : Messages.format("Last lines of %s:%n%s", file, tail);
    }

    /** neo4j-admin dbms set-initial-password; the password travels in an argument file, never on a command line. */
    private void setInitialPassword(ServerHome home, String password) {
        Path argFile = home.run().resolve("set-initial-password.args");
        try {
            Files.deleteIfExists(argFile);
            Files.createFile(argFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(argFile, List.of("dbms", "set-initial-password", quoteArgument(password)),
                    StandardCharsets.UTF_8);
            appendToStartLog(home, "=== kedrec: neo4j-admin dbms set-initial-password at " + Instant.now() + " ===");
            int exit = runTool(home, ADMIN, List.of("@" + argFile), TOOL_TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException(Messages.format(
                        "neo4j-admin dbms set-initial-password failed with code %d.%n%s",
                        exit, tailSection(home.startLog(), 10)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + argFile + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(argFile);
            } catch (IOException e) {
                say.accept("Warning: could not delete " + argFile + " (it holds the password): " + e.getMessage());
            }
        }
    }

    /** picocli's argument files treat quotes and backslashes specially; quote so any password survives. */
    static String quoteArgument(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Runs a Neo4j command-line class from the home's lib/ with NEO4J_HOME/NEO4J_CONF; output to logs/start.log. */
    private static int runTool(ServerHome home, String mainClass, List<String> arguments, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(TOOL_JVM_OPTIONS);
        command.add("-cp");
        command.add(home.lib() + "/*");
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.root().toFile())
                .redirectErrorStream(true)
                // A file, not a pipe: the forked server inherits this stdout and outlives us.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.startLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Map<String, String> env = builder.environment();
        env.put("NEO4J_HOME", home.root().toString());
        env.put("NEO4J_CONF", home.conf().toString());
        // Either would override the heap and JVM options that neo4j.conf sets.
        env.remove("JAVA_OPTS");
        env.remove("HEAP_SIZE");
        // DJL reads these before its system properties: the home's own cache (neo4j.conf) must win. A shared cache
        // is a server.jvm.additional=-DDJL_CACHE_DIR=... line of the user's own in neo4j.conf (docs/server.md).
        env.remove("DJL_CACHE_DIR");
        env.remove("ENGINE_CACHE_DIR");
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(Messages.format(
                        "%s did not finish within %d s. See %s.", mainClass, timeout.toSeconds(),
                        home.startLog()));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + mainClass + ".", e);
        }
    }

    /** The java that runs us also runs Neo4j (Neo4j's bootloader forks the server with its own java). */
    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void appendToStartLog(ServerHome home, String line) {
        try {
            Files.createDirectories(home.logs());
            Files.writeString(home.startLog(), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + home.startLog() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the home's server and waits until its process has ended. */
    public StopResult stop(ServerHome home, Duration timeout) {
        Optional<ProcessHandle> running = home.runningProcess();
        if (running.isEmpty()) {
            deleteStalePidFile(home);
            return new StopResult(home, OptionalLong.empty(), Duration.ZERO);
        }
        ProcessHandle process = running.get();
        say.accept(Messages.format("Stopping Neo4j in %s (pid %d)", home.root(), process.pid()));
        Instant begin = Instant.now();
        // SIGTERM: Neo4j's shutdown hook checkpoints and closes the stores, as `neo4j stop` does.
        process.destroy();
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(Messages.format(
                    "Neo4j (pid %d) did not stop within %d s; it may still be writing its checkpoint. Run the stop "
                            + "command again to keep waiting (or raise --timeout), and see %s. Killing it (kill -9 "
                            + "%d) loses nothing committed, but the next start then has to recover.",
                    process.pid(), timeout.toSeconds(), home.userLog(), process.pid()), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot wait for Neo4j to stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Neo4j to stop.", e);
        }
        deleteStalePidFile(home);
        return new StopResult(home, OptionalLong.of(process.pid()), Duration.between(begin, Instant.now()));
    }

    private void stopQuietly(ServerHome home, ProcessHandle process) {
        try {
            stop(home, DEFAULT_STOP_TIMEOUT);
        } catch (RuntimeException e) {
            say.accept("Warning: could not stop Neo4j (pid " + process.pid() + "): " + e.getMessage());
        }
    }

    private static void deleteStalePidFile(ServerHome home) {
        try {
            Files.deleteIfExists(home.pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + home.pidFile() + ": " + e.getMessage(), e);
        }
    }

    /** Reads the state without changing anything (a stale pid file stays, as with Neo4j's own status). */
    public static ServerStatus status(ServerHome home) {
        Optional<ProcessHandle> running = home.runningProcess();
        OptionalInt bolt = home.boltPort();
        OptionalLong pid = running.map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
        boolean answering = running.isPresent() && bolt.isPresent() && BoltProbe.accepts(bolt.getAsInt());
        OptionalLong rss = pid.isPresent() ? ProcessMemory.residentBytes(pid.getAsLong()) : OptionalLong.empty();
        return new ServerStatus(home.root(), pid, bolt, home.httpPort(), answering, rss);
    }
}

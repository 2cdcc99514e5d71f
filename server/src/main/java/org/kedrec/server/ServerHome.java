package org.kedrec.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One Neo4j home: {@code conf/ lib/ plugins/ data/ logs/ run/ import/}, laid out as in Neo4j's own tarball so
 * that Neo4j's bootloader and admin tool work on it unchanged.
 */
public final class ServerHome {
    private final Path root;

    public ServerHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path confFile() {
        return conf().resolve("neo4j.conf");
    }

    public Path lib() {
        return root.resolve("lib");
    }

    public Path plugins() {
        return root.resolve("plugins");
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path importDir() {
        return root.resolve("import");
    }

    /** Where Neo4j's bootloader writes the server's process id (its default, {@code run/neo4j.pid}). */
    public Path pidFile() {
        return run().resolve("neo4j.pid");
    }

    /** The bootloader's own output (and the server's stdout): why a start failed, when it fails early. */
    public Path startLog() {
        return logs().resolve("start.log");
    }

    public Path userLog() {
        return logs().resolve("neo4j.log");
    }

    public Path debugLog() {
        return logs().resolve("debug.log");
    }

    /** DJL unpacks the PyTorch natives here (~430 MB on first use of the engine). */
    public Path djlCache() {
        return data().resolve("djl");
    }

    public Path jnaTmp() {
        return run().resolve("jna");
    }

    public boolean exists() {
        return Files.isDirectory(root);
    }

    /** True once Neo4j has created its system database; the initial password can only be set before that. */
    public boolean isInitialised() {
        return Files.isDirectory(data().resolve("databases").resolve("system"));
    }

    /** Creates the folders, links lib/ and plugins/ to the distribution and writes neo4j.conf. */
    public PrepareResult prepare(Distribution dist, ServerSettings settings) {
        try {
            for (Path dir : List.of(conf(), data(), logs(), run(), importDir(), djlCache(), jnaTmp())) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Neo4j home " + root + ": " + e.getMessage(), e);
        }
        JarLinks.Result lib = JarLinks.sync(dist.lib(), lib());
        JarLinks.Result plugins = JarLinks.sync(dist.plugins(), plugins());
        Neo4jConf.write(this, settings);
        return new PrepareResult(lib, plugins);
    }

    /** What {@link #prepare} linked. */
    public record PrepareResult(JarLinks.Result lib, JarLinks.Result plugins) {}

    /** The pid in {@code run/neo4j.pid}, if the file exists and holds a number. */
    public OptionalLong pidFromFile() {
        Path file = pidFile();
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.matches("[0-9]+") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The live Neo4j process of this home: the pid file names a process that is alive and, where its command line
     * can be read, was started for this home (so a reused pid of some other program never counts).
     */
    public Optional<ProcessHandle> runningProcess() {
        OptionalLong pid = pidFromFile();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive).filter(this::belongsHere);
    }

    private boolean belongsHere(ProcessHandle process) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return true;
        }
        String homeArgument = "--home-dir=" + root;
        for (String argument : arguments.get()) {
            if (argument.equals(homeArgument)) {
                return true;
            }
        }
        return false;
    }

    /** The settings of conf/neo4j.conf (empty when there is none). */
    public Map<String, String> settings() {
        return Neo4jConf.read(confFile());
    }

    public OptionalInt boltPort() {
        return port(settings().get("server.bolt.listen_address"));
    }

    public OptionalInt httpPort() {
        return port(settings().get("server.http.listen_address"));
    }

    public boolean authEnabled() {
        return !"false".equalsIgnoreCase(settings().getOrDefault("dbms.security.auth_enabled", "true"));
    }

    private static OptionalInt port(String address) {
        if (address == null || !address.matches(".*:[0-9]+")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
    }
}

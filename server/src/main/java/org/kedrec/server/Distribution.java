package org.kedrec.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.kedrec.core.Messages;

/**
 * The Neo4j distribution folder that {@code ./mvnw package} builds in {@code server/target/neo4j-dist}:
 * {@code lib/} (org.neo4j:neo4j with its run-time jars, Neo4j Browser, the Java driver) and {@code plugins/}
 * (APOC, the KEDRec plugin jar, the PyTorch natives). Server homes link to these jars instead of copying them.
 */
public record Distribution(Path root) {
    /** System property naming the folder; {@code bin/kedrec} and the tests set it. */
    public static final String PROPERTY = "kedrec.dist";
    /** Environment variable naming the folder, when the property is absent. */
    public static final String ENV = "KEDREC_DIST";
    /** The folder's name beside the CLI jar. */
    public static final String FOLDER_NAME = "neo4j-dist";

    static final String BUILD_HINT = "Build it with `./mvnw -B -ntp -Dfast -pl server -am package` from the "
            + "repository root (bin/kedrec does this on first use), or point -D" + PROPERTY + " or " + ENV
            + " at an existing one.";

    public Distribution {
        root = root.toAbsolutePath().normalize();
    }

    /** The folder named by {@value #PROPERTY} or {@value #ENV}, else {@value #FOLDER_NAME} beside this code's jar. */
    public static Distribution locate() {
        for (String candidate : new String[] {System.getProperty(PROPERTY), System.getenv(ENV)}) {
            if (candidate != null && !candidate.isBlank()) {
                return new Distribution(Path.of(candidate)).validate();
            }
        }
        Path besideCode = codeLocation()
                .map(Path::getParent)
                .map(dir -> dir.resolve(FOLDER_NAME))
                .orElseThrow(() -> new IllegalStateException(
                        "Cannot tell where the Neo4j distribution folder is. " + BUILD_HINT));
        return new Distribution(besideCode).validate();
    }

    public Path lib() {
        return root.resolve("lib");
    }

    public Path plugins() {
        return root.resolve("plugins");
    }

    public List<Path> libJars() {
        return jars(lib());
    }

    public List<Path> pluginJars() {
        return jars(plugins());
    }

    /** This distribution, if it holds the Neo4j server and the KEDRec plugin; else an error saying how to build it. */
    public Distribution validate() {
        boolean hasServer = Files.isDirectory(lib())
                && libJars().stream().anyMatch(jar -> jar.getFileName().toString().matches("neo4j-5[0-9.]*\\.jar"));
        boolean hasPlugin = Files.isDirectory(plugins())
                && pluginJars().stream().anyMatch(jar -> jar.getFileName().toString().startsWith("kedrec-plugin-"));
        if (!hasServer || !hasPlugin) {
            throw new IllegalStateException(Messages.format(
                    "The Neo4j distribution folder %s is missing or incomplete (it needs lib/neo4j-5.*.jar and "
                            + "plugins/kedrec-plugin-*.jar). %s",
                    root, BUILD_HINT));
        }
        return this;
    }

    static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** The jar (or classes folder) this class was loaded from: target/kedrec-cli.jar or target/classes. */
    private static Optional<Path> codeLocation() {
        CodeSource source = Distribution.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

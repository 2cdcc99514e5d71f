package org.kedrec.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The KEDRec image the tests start, built once per test JVM for each base: {@code docker/Dockerfile} with the staged
 * context ({@code target/context}) on either the local stand-in base ({@code docker/base/build-base.sh}, Debian
 * packages and Neo4j's Maven jars, buildable without a registry) or the official {@code neo4j:<version>-community}
 * image where it can be pulled. Where a base cannot be had, the calling test class is skipped with the reason.
 */
final class KedrecImage {
    static final String VERSION = System.getProperty("neo4j.version");
    static final String OFFICIAL_BASE = "neo4j:" + VERSION + "-community";

    private static final Map<String, String> BUILT = new HashMap<>();
    private static final Path CONTEXT = Path.of(System.getProperty("kedrec.docker.context", "target/context"));
    private static final Path DOCKER_DIR = Path.of(System.getProperty("kedrec.docker.dir", "."));
    private static final Path LOGS = Path.of("target", "docker-it").toAbsolutePath();

    private KedrecImage() {
    }

    /** The image on the local base: builds the base first (minutes on a fresh machine, then reused by its label). */
    static synchronized String onLocalBase() throws IOException, InterruptedException {
        return BUILT.computeIfAbsent("local", kind -> build(kind, localBase()));
    }

    /** The image on the official base, or the test skipped where that base can neither be found nor pulled. */
    static synchronized String onOfficialBase() throws IOException, InterruptedException {
        String missing = pullOfficialBase();
        Assumptions.assumeTrue(missing == null, missing);
        return BUILT.computeIfAbsent("official", kind -> build(kind, OFFICIAL_BASE));
    }

    private static String build(String kind, String base) {
        // A fixed name, kept after the run: the next run's build reuses its layers (the context did not change).
        return new ImageFromDockerfile("kedrec/neo4j:it-" + kind, false)
                .withFileFromPath(".", CONTEXT)
                .withBuildArg("NEO4J_VERSION", VERSION)
                .withBuildArg("BASE", base)
                .get();
    }

    private static String localBase() {
        Path lib = Path.of(System.getProperty("kedrec.neo4j.dist.lib", "../server/target/neo4j-dist/lib"));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve("base-build.log");
            Path tag = LOGS.resolve("base-tag.txt");
            Process build = new ProcessBuilder("bash", DOCKER_DIR.resolve("base/build-base.sh").toString(),
                    lib.toString()).redirectOutput(tag.toFile()).redirectError(log.toFile()).start();
            if (!build.waitFor(15, TimeUnit.MINUTES)) {
                build.destroyForcibly();
                throw new IllegalStateException("docker/base/build-base.sh took over 15 minutes; see " + log);
            }
            List<String> errors = Files.readAllLines(log);
            String last = errors.isEmpty() ? "" : errors.get(errors.size() - 1);
            // Exit code 2: this machine cannot build the base (not root, no debootstrap, no server build): a skip
            // with the script's reason, not a failure.
            Assumptions.assumeTrue(build.exitValue() != 2, "The local base image cannot be built here: " + last);
            if (build.exitValue() != 0) {
                throw new IllegalStateException("docker/base/build-base.sh failed (exit " + build.exitValue()
                        + "): " + last + "; see " + log);
            }
            return Files.readString(tag, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run docker/base/build-base.sh: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Null when the official base is here (found locally or pulled), else why not. */
    private static String pullOfficialBase() throws InterruptedException {
        var client = DockerClientFactory.instance().client();
        try {
            client.inspectImageCmd(OFFICIAL_BASE).exec();
            return null;
        } catch (RuntimeException notHere) {
            // pull below
        }
        try {
            boolean done = client.pullImageCmd(OFFICIAL_BASE).start()
                    .awaitCompletion(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS);
            return done ? null : OFFICIAL_BASE + " could not be pulled within 5 minutes";
        } catch (RuntimeException e) {
            return OFFICIAL_BASE + " cannot be pulled here (" + e.getMessage().strip()
                    + "); the same tests ran on the local base image (DockerImageIT)";
        }
    }
}

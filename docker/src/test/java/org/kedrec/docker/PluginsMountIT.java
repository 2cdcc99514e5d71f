package org.kedrec.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Neo4jContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * A folder mounted at {@code /plugins}: the base image's entrypoint then makes it {@code server.directories.plugins},
 * which hides the jars baked into {@code /var/lib/neo4j/plugins}. The image's {@code kedrec-entrypoint.sh} installs
 * them into a writable mount (Neo4j loads the plugin from there, beside the user's own jars), and refuses, naming the
 * folder and the fix, a read-only mount that lacks them or a mount holding another version of one of them. On the
 * local base image (the official entrypoint's behaviour for {@code /plugins} is reproduced there).
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginsMountIT {
    private static final List<String> BAKED = List.of(
            "apoc-core-" + System.getProperty("apoc.version") + ".jar",
            "apoc-common-" + System.getProperty("apoc.version") + ".jar",
            "kedrec-plugin-" + System.getProperty("kedrec.version") + ".jar",
            "pytorch-native-cpu-" + System.getProperty("pytorch.version") + "-linux-x86_64.jar");

    private final Path work = Path.of("target", "docker-it", "PluginsMountIT").toAbsolutePath();
    private String image;

    private String skipped;

    @BeforeAll
    void build() throws Exception {
        try {
            image = KedrecImage.onLocalBase();
        } catch (TestAbortedException noBase) {
            // Counted as skipped tests, with the reason, rather than a silently skipped class.
            skipped = noBase.getMessage();
            return;
        }
        ImageContract.deleteTree(work);
        Files.createDirectories(work);
    }

    @BeforeEach
    void skipWithoutTheBase() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    @Test
    void aWritableMountGetsTheBakedJarsAndNeo4jLoadsThePluginFromIt() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("writable"));
        // A user's own jar in the mounted folder stays and is not mistaken for one of ours.
        Files.write(plugins.resolve("README.txt"), List.of("the user's plugins folder"));
        try (Neo4jContainer<?> neo4j = new Neo4jContainer<>(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("neo4j"))
                .withoutAuthentication()
                .withEnv("NEO4J_server_memory_pagecache_size", "64m")
                .withFileSystemBind(plugins.toString(), "/plugins", BindMode.READ_WRITE)
                .withStartupTimeout(Duration.ofMinutes(3))) {
            neo4j.start();
            try (Driver driver = GraphDatabase.driver(neo4j.getBoltUrl(), AuthTokens.none());
                    Session session = driver.session()) {
                assertThat(session.run("SHOW SETTINGS YIELD name, value WHERE name = 'server.directories.plugins' "
                        + "RETURN value").single().get("value").asString()).isEqualTo("/plugins");
                assertThat(session.run("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'kedrec.' "
                        + "RETURN collect(name) AS n").single().get("n").asList(Value::asString))
                        .contains("kedrec.recommend", "kedrec.explain", "kedrec.model.info");
                assertThat(session.run("RETURN apoc.version() AS v").single().get("v").asString())
                        .isEqualTo(KedrecImage.VERSION);
            }
            assertThat(neo4j.getLogs()).contains("/plugins is mounted, so Neo4j loads plugins from there: copied");
        }
        try (Stream<Path> files = Files.list(plugins)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(BAKED.stream(), Stream.of("README.txt")).toList());
        }
    }

    @Test
    void aReadOnlyMountWithoutTheJarsIsRefusedSayingWhatToDo() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("read-only"));
        Exit exit = runToExit(plugins, AccessMode.ro);
        assertThat(exit.code()).as(exit.logs()).isEqualTo(1);
        assertThat(exit.logs()).contains("KEDRec: /plugins is mounted read-only and lacks")
                .contains(BAKED.get(2)).contains("Mount /plugins writable").doesNotContain("Started.");
    }

    @Test
    void aMountHoldingAnotherVersionOfAShippedJarIsRefusedNamingIt() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("other-version"));
        Files.write(plugins.resolve("apoc-core-5.26.0.jar"), new byte[0]);
        Exit exit = runToExit(plugins, AccessMode.rw);
        assertThat(exit.code()).as(exit.logs()).isEqualTo(1);
        assertThat(exit.logs()).contains("/plugins holds apoc-core-5.26.0.jar but this image ships " + BAKED.get(0))
                .contains("Neo4j would load both").contains("Remove apoc-core-5.26.0.jar");
        try (Stream<Path> files = Files.list(plugins)) {
            assertThat(files).hasSize(1);
        }
    }

    private record Exit(int code, String logs) {
    }

    /** Runs the image with {@code plugins} at /plugins until it exits (it must, within two minutes). */
    private Exit runToExit(Path plugins, AccessMode mode) throws InterruptedException, IOException {
        DockerClient client = DockerClientFactory.instance().client();
        String id = client.createContainerCmd(image).withEnv("NEO4J_AUTH=none")
                .withHostConfig(HostConfig.newHostConfig().withBinds(
                        new Bind(plugins.toString(), new Volume("/plugins"), mode)))
                .exec().getId();
        try {
            client.startContainerCmd(id).exec();
            int code = client.waitContainerCmd(id).start().awaitStatusCode(2, TimeUnit.MINUTES);
            StringBuilder logs = new StringBuilder();
            client.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    logs.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
            return new Exit(code, logs.toString());
        } finally {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        }
    }
}

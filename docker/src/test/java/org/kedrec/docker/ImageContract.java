package org.kedrec.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.testkit.FixtureGraph;
import org.kedrec.testkit.FixtureModel;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Path.Segment;
import org.opentest4j.TestAbortedException;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Neo4jContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The KEDRec image as a user runs it: built from {@code docker/Dockerfile} with the staged context
 * ({@code target/context}: APOC, the shaded plugin, the PyTorch natives) on the base a subclass names, started with
 * the Testcontainers Neo4j module and an empty host folder mounted read-only at {@code /models}, the fixture graph
 * imported over Bolt, the fixture ranker trained into {@code <host folder>/current} (the image's
 * {@code KEDREC_MODEL_DIR=/models/current}), the tiny committed student added, and {@code kedrec.recommend} called
 * over Bolt. Skipped where no Docker engine runs. Testcontainers maps Bolt and HTTP to free host ports, so no run
 * collides with another engineer's or another engine's.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ImageContract {
    private static final String PASSWORD = "kedrec-docker-it";
    private static final String HYPERTENSION = "DOID:10763";

    private final Path work = Path.of("target", "docker-it", getClass().getSimpleName()).toAbsolutePath();
    private final Path models = work.resolve("models");
    private final String neo4jVersion = System.getProperty("neo4j.version");
    private Neo4jContainer<?> neo4j;
    private Driver driver;

    /** The KEDRec image to test, built on this class's base (or the class skipped, saying why). */
    abstract String image() throws Exception;

    /** Why this class's base cannot be had here; each test then reports itself skipped with it. */
    private String skipped;

    @BeforeAll
    void buildAndStart() throws Exception {
        String image;
        try {
            image = image();
        } catch (TestAbortedException noBase) {
            // An assumption failing in @BeforeAll would skip the class without counting its tests.
            skipped = noBase.getMessage();
            return;
        }
        deleteTree(work);
        Files.createDirectories(models);
        neo4j = new Neo4jContainer<>(DockerImageName.parse(image).asCompatibleSubstituteFor("neo4j"))
                .withAdminPassword(PASSWORD)
                .withEnv("NEO4J_server_memory_pagecache_size", "128m")
                .withFileSystemBind(models.toString(), "/models", BindMode.READ_ONLY)
                .withStartupTimeout(Duration.ofMinutes(5));
        neo4j.start();
        driver = GraphDatabase.driver(neo4j.getBoltUrl(), AuthTokens.basic("neo4j", PASSWORD));
    }

    @BeforeEach
    void skipWithoutTheBase() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.close();
        }
        if (neo4j != null) {
            Files.writeString(work.resolve("container.log"), neo4j.getLogs());
            neo4j.stop();
        }
    }

    private List<Record> run(String cypher) {
        try (Session session = driver.session()) {
            return session.run(cypher).list();
        }
    }

    @Test
    @Order(1)
    void theImageServesThePluginBesideApocWithTheAllowlistAndOneJvmOptionPerLine() throws Exception {
        assertThat(run("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'kedrec' RETURN collect(name) AS n").get(0)
                .get("n").asList(Value::asString)).containsExactlyInAnyOrder("kedrec.explain", "kedrec.model.info",
                "kedrec.model.list", "kedrec.model.load", "kedrec.recommend", "kedrec.recommend.write",
                "kedrec.select");
        assertThat(run("RETURN apoc.version() AS v").get(0).get("v").asString()).isEqualTo(neo4jVersion);
        assertThat(run("RETURN kedrec.version() AS v").get(0).get("v").asString()).startsWith(neo4jVersion);
        assertThat(run("SHOW SETTINGS YIELD name, value WHERE name = 'dbms.security.procedures.allowlist' "
                + "RETURN value").get(0).get("value").asString()).isEqualTo("kedrec.*,apoc.*");
        assertThat(run("SHOW SETTINGS YIELD name, value WHERE name = 'server.jvm.additional' RETURN value").get(0)
                .get("value").asString().lines()).contains("-Dai.djl.offline=true",
                "-Djna.tmpdir=/var/lib/neo4j/djl/jna");
        // compose.yaml's health check, as Docker runs it inside the container.
        assertThat(neo4j.execInContainer("/startup/kedrec-healthcheck.sh").getExitCode()).isZero();
        assertThat(neo4j.execInContainer("env", "KEDREC_HEALTH_PORT=1", "/startup/kedrec-healthcheck.sh")
                .getExitCode()).isNotZero();
    }

    @Test
    @Order(2)
    void beforeAModelIsTrainedACallNamesTheSettingAndTheVariableButNoServerPath() {
        // Callers see the setting and the fix, never the server's paths (the server log keeps /models/current).
        assertThatThrownBy(() -> run("CALL kedrec.recommend('hypertension') YIELD rank RETURN rank"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("The KEDRec model directory <kedrec.model.dir> does not exist")
                .hasMessageContaining("environment variable KEDREC_MODEL_DIR")
                .hasMessageNotContaining("/models/current");
    }

    @Test
    @Order(3)
    void aModelTrainedIntoTheMountedDirectoryServesRecommendationsWithPaths() throws IOException {
        Path data = DataDirectory.forTests(Assumptions::abort);
        FixtureGraph.importInto(driver, data, work, false);
        FixtureModel.trainRanker(driver, data, models.resolve("current"), "docker-it");
        assertThat(FixtureModel.copyStudent(Path.of(System.getProperty("kedrec.repo.root", "..")),
                models.resolve("current"))).as("the committed fixture student").isTrue();

        Record info = run("CALL kedrec.model.load() YIELD name, state, path, engine, device RETURN *").get(0);
        assertThat(info.get("state").asString()).isEqualTo("loaded");
        assertThat(info.get("path").asString()).isEqualTo("/models/current");
        assertThat(info.get("engine").asString()).isEqualTo("PyTorch " + System.getProperty("pytorch.version"));

        List<Record> rows = run("""
                CALL kedrec.recommend('hypertension', {k: 5})
                YIELD rank, drug, score, paths, rationale, evidence
                RETURN rank, drug, score, paths, rationale, evidence""");
        assertThat(rows).extracting(r -> r.get("rank").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(rows).extracting(r -> r.get("score").asDouble()).isSortedAccordingTo(Comparator.reverseOrder())
                .allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
        int paths = 0;
        for (Record row : rows) {
            String drug = row.get("drug").asNode().get("id").asString();
            for (org.neo4j.driver.types.Path path : row.get("paths").asList(Value::asPath)) {
                paths++;
                assertThat(path.start().get("id").asString()).isEqualTo(HYPERTENSION);
                assertThat(path.end().get("id").asString()).isEqualTo(drug);
                for (Segment segment : path) {
                    assertThat(segment.relationship().elementId()).isNotBlank();
                }
            }
            assertThat(row.get("rationale").asString()).startsWith(row.get("drug").asNode().get("name").asString());
        }
        assertThat(paths).isPositive();

        // The committed student writes the rationale inside the container, on its CPU.
        assertThat(run("CALL kedrec.recommend('hypertension', {k: 2, rationale: 'student'}) YIELD rationale "
                + "RETURN rationale")).extracting(r -> r.get("rationale").asString()).allSatisfy(
                text -> assertThat(text).isNotBlank());
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}

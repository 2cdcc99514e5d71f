package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.server.cli.CliRun;
import org.kedrec.testkit.FixtureGraph;
import org.kedrec.testkit.FixtureModel;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Path.Segment;

/**
 * The shaded plugin jar in a real server started by {@code kedrec server start}, next to APOC: the fixture graph
 * imported over Bolt, a ranker trained on it into {@code <home>/models/fixture}, {@code kedrec.conf} written beside
 * {@code neo4j.conf}, the model loaded by the plugin, and then the procedures and the recommend benchmark called
 * over Bolt. One server for the class, on ports 8110/8111.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginServerIT {
    private static final int BOLT = 8110;
    private static final int HTTP = 8111;

    private final Path home = Path.of("target", "it-homes", "plugin").toAbsolutePath();
    private CliServer server;
    private Driver driver;

    @BeforeAll
    void start() throws IOException {
        server = CliServer.start(home, BOLT, HTTP, "768m", "128m", List.of());
        driver = server.driver();

        Path data = DataDirectory.forTests(Assumptions::abort);
        FixtureGraph.importInto(driver, data, home.resolve("import"), false);
        FixtureModel.trainRanker(driver, data, home.resolve("models/fixture"), "it");
        // A relative path resolves against the server home.
        Files.write(home.resolve("conf/kedrec.conf"), List.of("kedrec.model.dir=models/fixture"));
    }

    @AfterAll
    void stopWhatWeStarted() {
        if (server != null) {
            server.close();
        }
    }

    private List<Record> run(String cypher) {
        try (Session session = driver.session()) {
            return session.run(cypher).list();
        }
    }

    @Test
    @Order(1)
    void thePluginLoadsBesideApocWithoutComplaints() throws IOException {
        assertThat(run("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'kedrec' RETURN collect(name) AS n").get(0)
                .get("n").asList(Value::asString)).containsExactlyInAnyOrder("kedrec.explain", "kedrec.model.info",
                "kedrec.model.list", "kedrec.model.load", "kedrec.recommend", "kedrec.recommend.write",
                "kedrec.select");
        assertThat(run("RETURN apoc.version() AS v").get(0).get("v").asString())
                .isEqualTo(System.getProperty("neo4j.version"));
        List<String> debug = Files.readAllLines(home.resolve("logs/debug.log"));
        assertThat(debug).filteredOn(line -> line.contains("Failed to load")
                && !CliServer.APOC_OPTIONAL.matcher(line).matches())
                .isEmpty();
        assertThat(debug).filteredOn(line -> line.contains("SLF4J:")).isEmpty();
        assertThat(String.join("\n", Files.readAllLines(home.resolve("logs/neo4j.log"))))
                .contains("KEDRec: no default model configured");
    }

    @Test
    @Order(2)
    void theModelIsLoadedFromKedrecConf() {
        Record info = run("CALL kedrec.model.load() YIELD name, state, path, engine, device RETURN *").get(0);
        assertThat(info.get("state").asString()).isEqualTo("loaded");
        assertThat(info.get("name").asString()).isEqualTo("fixture");
        assertThat(info.get("path").asString()).isEqualTo(home.resolve("models/fixture").toString());
        assertThat(info.get("engine").asString()).isEqualTo("PyTorch 2.7.1");
        assertThat(info.get("device").asString()).isEqualTo("cpu()");
    }

    @Test
    @Order(3)
    void recommendAnswersOverBoltWithPathsFromTheDiseaseToTheDrug() {
        List<Record> rows = run("""
                CALL kedrec.recommend('hypertension', {k: 5})
                YIELD rank, drug, score, paths, rationale, evidence
                RETURN rank, drug, score, paths, rationale, evidence""");
        assertThat(rows).hasSize(5);
        int paths = 0;
        for (Record row : rows) {
            String drug = row.get("drug").asNode().get("id").asString();
            for (org.neo4j.driver.types.Path path : row.get("paths").asList(Value::asPath)) {
                paths++;
                assertThat(path.start().get("id").asString()).isEqualTo("DOID:10763");
                assertThat(path.end().get("id").asString()).isEqualTo(drug);
                for (Segment segment : path) {
                    assertThat(segment.relationship().elementId()).isNotBlank();
                }
            }
            assertThat(row.get("rationale").asString()).startsWith(row.get("drug").asNode().get("name").asString());
        }
        assertThat(paths).isPositive();
        assertThat(run("RETURN kedrec.score('hypertension', 'Ramipril') AS s").get(0).get("s").asDouble())
                .isBetween(0.0, 1.0);
        assertThat(run("CALL kedrec.recommend.write({k: 2, diseases: ['hypertension']}) YIELD relationshipsCreated "
                + "RETURN relationshipsCreated").get(0).get("relationshipsCreated").asLong()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void theRecommendBenchmarkWritesItsReport() throws IOException {
        Path report = home.resolve("bench-recommend.json");
        CliRun bench = CliRun.of("bench", "recommend", "--uri", "bolt://127.0.0.1:" + BOLT, "--report",
                report.toString(), "--seconds", "2", "--warmup", "1", "--clients", "8");
        assertThat(bench.exitCode()).as(bench.toString()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        for (String scenario : List.of("clients1", "clients8", "clients1Teacher")) {
            JsonObject figures = json.getAsJsonObject(scenario);
            for (String key : List.of("p50Ms", "p99Ms", "callsPerSecond")) {
                assertThat(figures.get(key).getAsDouble()).as(scenario + "." + key).isPositive();
            }
            assertThat(figures.get("errors").getAsLong()).as(scenario + " errors").isZero();
            assertThat(figures.get("p99Ms").getAsDouble()).isGreaterThanOrEqualTo(figures.get("p50Ms").getAsDouble());
        }
        assertThat(json.getAsJsonObject("clients8").get("clients").getAsInt()).isEqualTo(8);
        assertThat(json.getAsJsonObject("clients1Teacher").get("rationale").getAsString()).isEqualTo("teacher");
        assertThat(json.get("diseases").getAsInt()).isEqualTo(60);
        assertThat(json.get("firstCallMs").getAsDouble()).as("firstCallMs").isPositive();
        assertThat(bench.out()).contains("Report: " + report);
    }

    @Test
    @Order(5)
    void theBenchmarkRefusesAServerWithoutAModel() {
        CliRun bench = CliRun.of("bench", "recommend", "--home", home.resolve("nowhere").toString(), "--report",
                home.resolve("x.json").toString());
        assertThat(bench.exitCode()).isEqualTo(1);
        assertThat(bench.err().strip()).isEqualTo("No Neo4j is running in " + home.resolve("nowhere") + ". Start it "
                + "with `kedrec server start --home " + home.resolve("nowhere") + "`, or pass --uri.");
    }

    @Test
    @Order(6)
    void theSoakHoldsFourClientsWithAReloadAndKeepsThePasswordOutOfItsReport() throws IOException {
        Path report = home.resolve("bench-soak.json");
        String secret = "soak-secret-7d1f3a";
        CliRun soak = CliRun.of("bench", "soak", "--home", home.toString(), "--clients", "4", "--seconds", "20",
                "--interval", "5", "--warmup", "5", "--password", secret, "--report", report.toString());
        assertThat(soak.exitCode()).as(soak.toString()).isZero();
        String text = Files.readString(report);
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        assertThat(json.get("calls").getAsLong()).isGreaterThan(20);
        assertThat(json.get("errors").getAsLong()).as(text).isZero();
        assertThat(json.get("clients").getAsInt()).isEqualTo(4);
        assertThat(json.get("seconds").getAsDouble()).isBetween(20.0, 60.0);
        assertThat(json.get("p50Ms").getAsDouble()).isPositive();
        assertThat(json.get("p99Ms").getAsDouble()).isGreaterThanOrEqualTo(json.get("p50Ms").getAsDouble());
        assertThat(json.get("reloads").getAsInt()).as(text).isEqualTo(1);
        assertThat(json.get("failedDuringReload").getAsLong()).isZero();
        assertThat(json.getAsJsonArray("intervals")).hasSize(4).allSatisfy(element -> {
            JsonObject interval = element.getAsJsonObject();
            for (String key : List.of("second", "calls", "errors", "p99Ms", "heapBytes", "rssBytes")) {
                assertThat(interval.has(key)).as(key).isTrue();
            }
            assertThat(interval.get("heapBytes").getAsLong()).isPositive();
            assertThat(interval.get("rssBytes").getAsLong()).isGreaterThan(100L * 1024 * 1024);
        });
        assertThat(json.getAsJsonObject("byOperation").keySet()).containsExactly("recommend", "recommend_teacher",
                "explain", "select", "score");
        // The password given on the command line is in no report, output or server log.
        assertThat(text).doesNotContain(secret);
        assertThat(soak.out() + soak.err()).doesNotContain(secret);
        try (var logs = Files.list(home.resolve("logs"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as(log.toString())
                        .doesNotContain(secret);
            }
        }
    }
}

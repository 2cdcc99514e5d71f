package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.server.cli.CliRun;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.AuthenticationException;

/**
 * The real server process, started once for the class through the command line exactly as a user would: Bolt login,
 * the plugin and APOC loaded from plugins/, Browser served, clean logs, status, the refusals, then stop and a
 * restart of the same home.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerLifecycleIT {
    private static final String NL = System.lineSeparator();
    private static final int BOLT = 7701;
    private static final int HTTP = 7702;
    /** Quotes, a hash, a backslash and a space: all must survive neo4j-admin's argument file. */
    private static final String PASSWORD = "kedrec \"it\" #pw\\1'";
    /**
     * A user's own JVM line, one that nothing else sets (the integration tests' servers get -XX:TieredStopAtLevel=1
     * from kedrec.server.jvmFlags, so that flag could not tell whether the user's line took effect).
     */
    private static final String USER_FLAG = "-Dkedrec.it.userSetting=kept";
    private static final String USER_SETTING = "server.jvm.additional=" + USER_FLAG;

    private final Path home = Path.of("target", "it-homes", "lifecycle").toAbsolutePath();
    private CliRun started;
    private Driver driver;

    @BeforeAll
    void start() throws IOException {
        AtomicDirectory.delete(home);
        // A user setting written before the first start must survive every start. This one also saves the
        // server's JIT work on a busy 2-core test machine.
        Files.createDirectories(home.resolve("conf"));
        Files.write(home.resolve("conf/neo4j.conf"), List.of(USER_SETTING));
        started = CliRun.of(startArgs(PASSWORD));
        System.out.println("[ServerLifecycleIT] " + started.out().lines()
                .filter(line -> line.contains("is ready in")).findFirst().orElse(started.toString()));
        assertThat(started.exitCode()).as(started.toString()).isZero();
        driver = GraphDatabase.driver("bolt://127.0.0.1:" + BOLT, AuthTokens.basic("neo4j", PASSWORD));
    }

    private String[] startArgs(String password) {
        return new String[] {"server", "start", "--home", home.toString(), "--bolt", Integer.toString(BOLT), "--http",
            Integer.toString(HTTP), "--password", password, "--heap", "512m", "--pagecache", "128m"};
    }

    @AfterAll
    void stopWhatWeStarted() {
        if (driver != null) {
            driver.close();
        }
        CliRun.of("server", "stop", "--home", home.toString());
    }

    @Test
    @Order(1)
    void startSaysWhereEverythingIs() {
        List<String> lines = started.out().lines().toList();
        assertThat(lines.subList(0, 3)).containsExactly(
                "Preparing a new Neo4j home " + home,
                "Setting the initial password of user neo4j",
                "Starting Neo4j (Bolt 127.0.0.1:7701, HTTP 127.0.0.1:7702)");
        assertThat(lines.get(3)).matches(
                "Neo4j " + Pattern.quote(System.getProperty("neo4j.version"))
                        + " \\(community\\) is ready in [0-9]+\\.[0-9] s \\(pid [0-9]+, [0-9]+ MB resident\\)\\.");
        assertThat(lines.subList(4, lines.size())).containsExactly(
                "  Bolt:     bolt://127.0.0.1:7701  (user neo4j, the password given with --password)",
                "  Browser:  http://127.0.0.1:7702/browser/",
                "  Guide:    :play http://127.0.0.1:7702/kedrec/guide  (in Browser)",
                "  Home:     " + home,
                "  Logs:     " + home.resolve("logs/neo4j.log") + " (debug.log beside it)",
                "  Stop it:  kedrec server stop --home " + home);
        assertThat(started.err()).isEmpty();
        // The password never stays on disk in clear text.
        assertThat(home.resolve("run/set-initial-password.args")).doesNotExist();
    }

    @Test
    @Order(3)
    void boltAcceptsThePasswordAndOnlyThePassword() {
        try (Session session = driver.session()) {
            assertThat(session.run("RETURN 1 AS one").single().get("one").asInt()).isEqualTo(1);
        }
        try (Driver wrong = GraphDatabase.driver("bolt://127.0.0.1:" + BOLT, AuthTokens.basic("neo4j", "kedrec-demo"));
                Session session = wrong.session()) {
            assertThatThrownBy(() -> session.run("RETURN 1").consume()).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    @Order(6)
    void thePluginAndApocAreLoadedFromPlugins() {
        try (Session session = driver.session()) {
            Record record = session.run("RETURN kedrec.version() AS kedrec, apoc.version() AS apoc").single();
            assertThat(record.get("kedrec").asString()).isEqualTo(System.getProperty("kedrec.version"));
            assertThat(record.get("apoc").asString()).isEqualTo(System.getProperty("neo4j.version"));
            String description = session.run("SHOW FUNCTIONS YIELD name, description WHERE name = 'kedrec.version' "
                            + "RETURN description")
                    .single()
                    .get("description")
                    .asString();
            assertThat(description).startsWith("Returns the version of the KEDRec plugin");
        }
    }

    @Test
    @Order(4)
    void browserIsServedAndAdvertisesTheRealPorts() throws Exception {
        HttpResponse<String> browser = get("/browser/");
        assertThat(browser.statusCode()).isEqualTo(200);
        assertThat(browser.body()).contains("<title>Neo4j Browser</title>");
        HttpResponse<String> discovery = get("/");
        assertThat(discovery.body()).contains("\"bolt_direct\":\"bolt://127.0.0.1:7701\"",
                "\"neo4j_edition\":\"community\"");
    }

    @Test
    @Order(4)
    void theBrowserGuideAndStyleAreServedWithoutCredentialsAndNothingElseIs() throws Exception {
        HttpResponse<String> guide = get("/kedrec/guide");
        assertThat(guide.statusCode()).isEqualTo(200);
        assertThat(guide.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        // Browser plays it from this very server: the :style address is rewritten to the real port.
        assertThat(guide.body()).contains("<slide", "CALL kedrec.recommend(",
                ":style http://127.0.0.1:" + HTTP + "/kedrec/style.grass").doesNotContain("127.0.0.1:7474");
        HttpResponse<String> style = get("/kedrec/style.grass");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.body()).contains("node.Drug {");
        // Only /kedrec joined the paths open without credentials: the HTTP API still asks for them.
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + HTTP + "/db/neo4j/tx/commit")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statements\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
    }

    /** A GET of {@code path} on the server's HTTP port, without credentials. */
    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(5)
    void nothingListensBeyondLoopback() throws IOException {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        for (int port : new int[] {BOLT, HTTP}) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), port), 1000))
                        .as("port %d on %s", port, external.get())
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    @Order(2)
    void logsHaveNoSlf4jNoiseAndNoLoadFailuresBeyondApocsOptionalIntegrations() throws IOException {
        for (String log : List.of("neo4j.log", "debug.log", "start.log")) {
            List<String> lines = Files.readAllLines(home.resolve("logs").resolve(log), StandardCharsets.UTF_8);
            assertThat(lines).as(log).noneMatch(line -> line.contains("SLF4J:"));
            assertThat(lines).as(log)
                    .filteredOn(line -> line.contains("Failed to load"))
                    .allMatch(line -> CliServer.APOC_OPTIONAL.matcher(line).matches());
            assertThat(lines).as(log).noneMatch(line -> line.contains("kedrec-plugin") && line.contains("WARN"));
        }
        // Checked before any test logs in with a wrong password on purpose (Neo4j warns about that).
        assertThat(Files.readAllLines(home.resolve("logs/neo4j.log"), StandardCharsets.UTF_8))
                .noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
        // The user's own line below the managed block is still there, and in effect.
        List<String> conf = Files.readAllLines(home.resolve("conf/neo4j.conf"), StandardCharsets.UTF_8);
        assertThat(conf.get(conf.size() - 1)).isEqualTo(USER_SETTING);
        long pid = new ServerHome(home).pidFromFile().orElseThrow();
        assertThat(ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow())
                .contains(USER_FLAG, "-Dai.djl.offline=true", "-Xmx524288k");
    }

    @Test
    @Order(7)
    void statusSaysRunningWithPidAndPorts() {
        CliRun status = CliRun.of("server", "status", "--home", home.toString());
        assertThat(status.exitCode()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines.get(0)).matches(
                "Neo4j is running in " + Pattern.quote(home.toString()) + " \\(pid [0-9]+, [0-9]+ MB resident\\)\\.");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "  Bolt:     bolt://127.0.0.1:7701 (answering)",
                "  Browser:  http://127.0.0.1:7702/browser/",
                "  Logs:     " + home.resolve("logs/neo4j.log"));
    }

    @Test
    @Order(8)
    void startingARunningHomeSaysSo() {
        CliRun again = CliRun.of(startArgs(PASSWORD));
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).matches("Neo4j is already running in " + Pattern.quote(home.toString())
                + " \\(pid [0-9]+, [0-9]+ MB resident\\): bolt://127\\.0\\.0\\.1:7701, Browser "
                + "http://127\\.0\\.0\\.1:7702/browser/" + NL + "Nothing to do\\. Stop it with: kedrec server stop "
                + "--home " + Pattern.quote(home.toString()) + NL);

        CliRun otherPorts = CliRun.of("server", "start", "--home", home.toString(), "--bolt", "7703", "--http", "7704",
                "--no-auth");
        assertThat(otherPorts.exitCode()).isEqualTo(1);
        assertThat(otherPorts.err()).matches("Neo4j is already running in " + Pattern.quote(home.toString())
                + " \\(pid [0-9]+\\) with Bolt on port 7701 and HTTP on port 7702, not on the requested 7703 and "
                + "7704\\. Stop it first \\(kedrec server stop --home " + Pattern.quote(home.toString())
                + "\\) to change its ports\\." + NL);
    }

    @Test
    @Order(9)
    void aBusyPortIsNamedWithTheOptionToChangeIt() {
        Path other = home.resolveSibling("busy-port");
        AtomicDirectory.delete(other);
        CliRun run = CliRun.of("server", "start", "--home", other.toString(), "--bolt", "7701", "--http", "7705",
                "--no-auth");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Port 7701 on 127.0.0.1 is already in use, so Neo4j cannot listen there "
                + "for Bolt. Choose a free port with --bolt PORT, or stop whatever listens on 7701 (another KEDRec "
                + "server: kedrec server stop --home DIR)." + NL);
        run = CliRun.of("server", "start", "--home", other.toString(), "--bolt", "7705", "--http", "7702",
                "--no-auth");
        assertThat(run.err()).startsWith("Port 7702 on 127.0.0.1 is already in use, so Neo4j cannot listen there "
                + "for HTTP. Choose a free port with --http PORT,");
        assertThat(other).doesNotExist();
    }

    @Test
    @Order(10)
    void stopIsCleanAndARestartKeepsDataAndPassword() throws IOException {
        try (Session session = driver.session()) {
            session.run("CREATE (:ItMarker {id: 'kept across restarts'})").consume();
        }
        long pid = new ServerHome(home).pidFromFile().orElseThrow();

        CliRun stop = CliRun.of("server", "stop", "--home", home.toString());
        System.out.println("[ServerLifecycleIT] " + stop.out().strip().replace(NL, " | "));
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).matches("Stopping Neo4j in " + Pattern.quote(home.toString()) + " \\(pid " + pid
                + "\\)" + NL + "Stopped Neo4j in " + Pattern.quote(home.toString()) + " \\(pid " + pid
                + "\\) in [0-9]+\\.[0-9] s\\." + NL);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(home.resolve("run/neo4j.pid")).doesNotExist();
        List<String> userLog = Files.readAllLines(home.resolve("logs/neo4j.log"), StandardCharsets.UTF_8);
        assertThat(userLog.get(userLog.size() - 1)).endsWith("INFO  Stopped.");
        CliRun status = CliRun.of("server", "status", "--home", home.toString());
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.out()).isEqualTo("Neo4j is not running in " + home + "." + NL);
        assertThat(CliRun.of("server", "stop", "--home", home.toString()).out())
                .isEqualTo("Neo4j is not running in " + home + "; nothing to stop." + NL);

        // The password was fixed at the first start: another one is refused, and the server is stopped again.
        CliRun wrong = CliRun.of(startArgs("another-password"));
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("Neo4j in " + home + " rejected the password for user neo4j (")
                .endsWith("or delete " + home.resolve("data") + " to begin with an empty database. Neo4j was "
                        + "stopped again." + NL);
        assertThat(new ServerHome(home).runningProcess()).isEmpty();

        CliRun restart = CliRun.of(startArgs(PASSWORD));
        System.out.println("[ServerLifecycleIT] restart: " + restart.out().lines()
                .filter(line -> line.contains("is ready in")).findFirst().orElse(restart.toString()));
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.out()).startsWith("Preparing the Neo4j home " + home + NL + "Starting Neo4j")
                .doesNotContain("Setting the initial password");
        try (Driver again = GraphDatabase.driver("bolt://127.0.0.1:" + BOLT, AuthTokens.basic("neo4j", PASSWORD));
                Session session = again.session()) {
            assertThat(session.run("MATCH (m:ItMarker) RETURN m.id AS id").single().get("id").asString())
                    .isEqualTo("kept across restarts");
            assertThat(session.run("RETURN kedrec.version() AS v").single().get("v").asString())
                    .isEqualTo(System.getProperty("kedrec.version"));
        }
        assertThat(CliRun.of("server", "stop", "--home", home.toString()).exitCode()).isZero();
    }
}

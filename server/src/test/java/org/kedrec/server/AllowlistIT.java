package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;

/**
 * {@code dbms.security.procedures.allowlist} on a real server ({@code kedrec server start}, the plugin loaded from
 * {@code plugins/}, which the test harness bypasses): the allow-list of docs/install.md, without
 * {@code kedrec.model.load}, leaves that procedure unregistered, so calling it is refused, while the others answer.
 * No {@code dbms.security.procedures.unrestricted} is set: none of the plugin's procedures needs it. Ports
 * 7805/7806; no data needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowlistIT {
    private static final int BOLT = 7805;
    private static final int HTTP = 7806;
    /** The line docs/install.md gives for a Community server where callers must not switch models. */
    static final String ALLOWLIST = "dbms.security.procedures.allowlist=kedrec.recommend*,kedrec.explain,"
            + "kedrec.select,kedrec.model.info,kedrec.model.list,kedrec.score,kedrec.version,apoc.*";

    private final Path home = Path.of("target", "it-homes", "allowlist").toAbsolutePath();
    private CliServer server;
    private Driver driver;

    @BeforeAll
    void start() throws IOException {
        server = CliServer.start(home, BOLT, HTTP, "512m", "64m", List.of(ALLOWLIST));
        driver = server.driver();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aProcedureLeftOutOfTheAllowlistIsRefusedAndTheOthersAnswer() throws IOException {
        assertThat(Files.readAllLines(home.resolve("conf/neo4j.conf"))).contains(
                "dbms.security.procedures.allowlist=apoc.*,kedrec.recommend*,kedrec.explain,kedrec.select,"
                        + "kedrec.model.info,kedrec.model.list,kedrec.score,kedrec.version")
                .noneMatch(line -> line.startsWith("dbms.security.procedures.unrestricted"));
        try (Session session = driver.session()) {
            assertThat(session.run("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'kedrec' RETURN collect(name) "
                    + "AS n").single().get("n").asList(Value::asString)).containsExactlyInAnyOrder("kedrec.explain",
                    "kedrec.model.info", "kedrec.model.list", "kedrec.recommend", "kedrec.recommend.write",
                    "kedrec.select");
            assertThatThrownBy(() -> session.run("CALL kedrec.model.load()").consume())
                    .isInstanceOf(ClientException.class)
                    .hasMessageStartingWith("There is no procedure with the name `kedrec.model.load` registered");
            // The others are registered and run (no model is configured, so the list is empty).
            assertThat(session.run("CALL kedrec.model.list() YIELD name RETURN count(*) AS n").single().get("n")
                    .asLong()).isZero();
            assertThat(session.run("RETURN kedrec.version() AS v").single().get("v").asString())
                    .isEqualTo(System.getProperty("kedrec.version"));
            assertThat(session.run("SHOW FUNCTIONS YIELD name WHERE name STARTS WITH 'kedrec' RETURN collect(name) "
                    + "AS n").single().get("n").asList(Value::asString)).containsExactlyInAnyOrder("kedrec.score",
                    "kedrec.version");
            assertThat(session.run("RETURN apoc.version() AS v").single().get("v").asString()).isNotBlank();
        }
    }
}

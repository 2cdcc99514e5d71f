package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/** The server half of {@code kedrec bench import}: a fresh server without authentication, gone after close. */
class TemporaryServerIT {
    @Test
    void aTemporaryServerTakesWritesAndLeavesNothingBehind() {
        List<String> said = new ArrayList<>();
        Path home;
        long pid;
        try (TemporaryServer server = TemporaryServer.start(
                Distribution.locate(), null, 7711, 7712, "512m", "128m", said::add)) {
            home = server.home();
            pid = server.started().pid();
            System.out.println("[TemporaryServerIT] ready in " + server.started().elapsed().toMillis() + " ms, "
                    + server.started().residentBytes().orElse(-1) / (1024 * 1024) + " MB resident");
            assertThat(home.getFileName().toString()).startsWith("kedrec-bench-");
            assertThat(server.boltUri()).isEqualTo("bolt://127.0.0.1:7711");
            assertThat(server.started().authEnabled()).isFalse();
            try (Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none());
                    Session session = driver.session()) {
                session.run("UNWIND range(1, 10000) AS i CREATE (:Probe {i: i})").consume();
                assertThat(session.run("MATCH (p:Probe) RETURN count(p) AS n").single().get("n").asLong())
                        .isEqualTo(10000L);
                assertThat(session.run("RETURN kedrec.version() AS v").single().get("v").asString())
                        .isEqualTo(System.getProperty("kedrec.version"));
            }
        }
        assertThat(said).contains("Starting Neo4j (Bolt 127.0.0.1:7711, HTTP 127.0.0.1:7712)")
                .doesNotContain("Setting the initial password of user neo4j");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(home).doesNotExist();
        assertThat(PortCheck.isFree(7711)).isTrue();
    }
}

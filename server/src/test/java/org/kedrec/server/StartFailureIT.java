package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.server.cli.CliRun;

/** A start that Neo4j refuses shows why, from the bootloader's own output, and leaves nothing running. */
class StartFailureIT {
    @Test
    void aPluginSettingInNeo4jConfIsRejectedWithNeo4jsOwnReason() throws Exception {
        Path home = Path.of("target", "it-homes", "bad-conf").toAbsolutePath();
        AtomicDirectory.delete(home);
        Files.createDirectories(home.resolve("conf"));
        // The classic mistake (STYLE.md pitfall 5): plugin settings do not belong into neo4j.conf.
        Files.write(home.resolve("conf/neo4j.conf"), List.of("kedrec.model.dir=/models"));

        CliRun run = CliRun.of("server", "start", "--home", home.toString(), "--bolt", "7706", "--http", "7707",
                "--no-auth");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("Neo4j did not start (its bootloader exited with code 1)." + System.lineSeparator()
                        + "Last lines of " + home.resolve("logs/start.log") + ":")
                .contains("  | Error: Unrecognized setting. No declared setting with name: kedrec.model.dir.")
                .doesNotContain("neo4j.log")
                .endsWith("Fix the cause and run the same start command again." + System.lineSeparator());
        assertThat(new ServerHome(home).runningProcess()).isEmpty();
        assertThat(PortCheck.isFree(7706)).isTrue();
    }
}

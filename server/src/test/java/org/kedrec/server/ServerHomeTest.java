package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerHomeTest {
    @TempDir
    Path tmp;

    @Test
    void onlyALiveProcessStartedForThisHomeCountsAsRunning() throws Exception {
        ServerHome home = new ServerHome(tmp);
        assertThat(home.runningProcess()).isEmpty();
        Files.createDirectories(home.run());

        Files.writeString(home.pidFile(), "not a pid\n");
        assertThat(home.pidFromFile()).isEmpty();

        // A process that has ended (a stale pid file after a crash).
        Process ended = new ProcessBuilder(Neo4jServer.javaExecutable().toString(), "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        ended.waitFor();
        Files.writeString(home.pidFile(), ended.pid() + "\n");
        assertThat(home.pidFromFile()).hasValue(ended.pid());
        assertThat(home.runningProcess()).isEmpty();

        // A live process, but not a Neo4j of this home (a reused pid): this test JVM.
        Files.writeString(home.pidFile(), Long.toString(ProcessHandle.current().pid()));
        assertThat(home.runningProcess()).isEmpty();
        assertThat(Neo4jServer.status(home).running()).isFalse();
    }

    @Test
    void aBenchmarkHomeMustBeFresh() throws Exception {
        Files.createFile(tmp.resolve("leftover"));
        assertThatThrownBy(() -> TemporaryServer.start(new Distribution(tmp), tmp, 7791, 7792, "1g", "1g", line -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for option '--home': " + tmp + " is not empty. A benchmark needs a fresh "
                        + "database: pass a new or empty folder, or leave --home out for a temporary one.");
    }
}

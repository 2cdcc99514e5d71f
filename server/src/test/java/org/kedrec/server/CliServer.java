package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.server.cli.CliRun;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The real server of an integration test class, started as a user starts it ({@code kedrec server start --no-auth}
 * on the class's own ports, in a home deleted first so every run starts new) and stopped with
 * {@code kedrec server stop}; one definition for the classes that each wrote the same start, driver and stop.
 */
record CliServer(Path home, Driver driver) implements AutoCloseable {
    /**
     * The debug.log lines of APOC core's optional integrations whose libraries APOC does not ship (its build says so;
     * see docs/server.md): the only "Failed to load" lines a started server may log.
     */
    static final Pattern APOC_OPTIONAL = Pattern.compile(
            ".*Failed to load `apoc\\.(export\\.arrow\\.|load\\.LoadArrow|util\\.s3\\.|util\\.google\\.cloud\\.).*");

    /**
     * Starts the server; {@code confLines} go into {@code conf/neo4j.conf} before the first start, as a user's own
     * lines would (none: no file is written).
     */
    static CliServer start(Path home, int bolt, int http, String heap, String pageCache, List<String> confLines)
            throws IOException {
        AtomicDirectory.delete(home);
        if (!confLines.isEmpty()) {
            Files.createDirectories(home.resolve("conf"));
            Files.write(home.resolve("conf/neo4j.conf"), confLines);
        }
        CliRun started = CliRun.of("server", "start", "--home", home.toString(), "--bolt", Integer.toString(bolt),
                "--http", Integer.toString(http), "--no-auth", "--heap", heap, "--pagecache", pageCache);
        if (started.exitCode() != 0) {
            CliRun.of("server", "stop", "--home", home.toString()); // whatever it started before it failed
        }
        assertThat(started.exitCode()).as(started.toString()).isZero();
        return new CliServer(home, GraphDatabase.driver("bolt://127.0.0.1:" + bolt, AuthTokens.none()));
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        driver.close();
        CliRun.of("server", "stop", "--home", home.toString());
    }
}

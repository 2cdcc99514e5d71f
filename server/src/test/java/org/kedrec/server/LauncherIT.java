package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/kedrec} over the jars this build just packaged, called from elsewhere and through a symbolic link. */
class LauncherIT {
    private static final Path REPO = Path.of(System.getProperty("kedrec.repo.root")).toAbsolutePath();

    @TempDir
    Path elsewhere;

    record Result(int exit, String output) {}

    private Result kedrec(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true);
        // The jars are current (this build packaged them): building again inside a build must never happen.
        builder.environment().put("KEDREC_NO_BUILD", "1");
        builder.environment().remove("KEDREC_HOME");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void runsFromAnyDirectoryAndThroughALink() throws Exception {
        Result version = kedrec(REPO.resolve("bin/kedrec"), "--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("kedrec " + System.getProperty("kedrec.version") + "\n");

        Path link = Files.createSymbolicLink(elsewhere.resolve("kedrec"), REPO.resolve("bin/kedrec"));
        Result status = kedrec(link, "server", "status");
        assertThat(status.exit()).as(status.output()).isEqualTo(3);
        Path defaultHome = REPO.resolve(".kedrec/neo4j");
        if (!Files.exists(defaultHome)) {
            assertThat(status.output()).isEqualTo("There is no Neo4j home at " + defaultHome
                    + " (kedrec server start --home " + defaultHome + " creates one).\n");
        }
        Result usage = kedrec(link, "server", "start", "--bolt", "x");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.output()).isEqualTo("Invalid value for option '--bolt': 'x' is not an int\n"
                + "Try 'kedrec server start --help' for more information.\n");
    }
}

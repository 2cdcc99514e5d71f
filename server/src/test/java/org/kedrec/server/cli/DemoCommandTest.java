package org.kedrec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's option errors and its first step; nothing here starts a server. */
class DemoCommandTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path tmp;

    @Test
    void missingDataStopsBeforeAnythingIsStartedOrWritten() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path home = tmp.resolve("home");
        CliRun run = CliRun.of("demo", "--offline", "--data", data.toString(), "--home", home.toString(), "--bolt",
                "8309", "--http", "8308");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("[1/8] Data" + NL);
        assertThat(run.err()).startsWith("The data directory " + data + " is incomplete: 24 of the 24 files the demo "
                + "reads are missing:" + NL + "  hetionet/hetionet-v1.0-nodes.tsv" + NL)
                .contains("  pharmacotherapydb/indications.tsv" + NL,
                        "then run `kedrec demo --data /path/to/data` or `export KEDREC_DATA=/path/to/data`.");
        assertThat(home).doesNotExist();
    }

    @Test
    void aBusyPortStopsANewHomeBeforeTheOfflineLoadWritesAnything() throws Exception {
        Path data = tmp.resolve("data");
        for (org.kedrec.server.demo.DemoData.DataFile file : org.kedrec.server.demo.DemoData.FILES) {
            Path path = data.resolve(file.path());
            Files.createDirectories(path.getParent());
            Files.writeString(path, "x");
        }
        Path home = tmp.resolve("home");
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            CliRun run = CliRun.of("demo", "--data", data.toString(), "--home", home.toString(), "--bolt",
                    Integer.toString(port), "--http", "8307");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out()).endsWith("[2/8] Server" + NL);
            assertThat(run.err()).isEqualTo("Port " + port + " on 127.0.0.1 is already in use, so Neo4j cannot listen "
                    + "there for Bolt. Choose a free port with --bolt PORT, or stop whatever listens on " + port
                    + " (another KEDRec server: kedrec server stop --home DIR)." + NL);
        }
        assertThat(home).doesNotExist();
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun profile = CliRun.of("demo", "--home", tmp.toString(), "--profile", "fast");
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).isEqualTo("Invalid value for option '--profile': `fast`. Valid values are: "
                + "[quick, full]." + NL + "Try 'kedrec demo --help' for more information." + NL);

        CliRun k = CliRun.of("demo", "--home", tmp.toString(), "--k", "0");
        assertThat(k.exitCode()).isEqualTo(2);
        assertThat(k.err()).startsWith("Invalid value for option '--k': 0. Use a number from 1 to 100." + NL);

        CliRun ports = CliRun.of("demo", "--home", tmp.toString(), "--bolt", "8300", "--http", "8300");
        assertThat(ports.exitCode()).isEqualTo(2);
        assertThat(ports.err()).startsWith("--bolt and --http must be different ports, but both are 8300." + NL);

        CliRun password = CliRun.of("demo", "--home", tmp.toString(), "--password", "short");
        assertThat(password.exitCode()).isEqualTo(2);
        assertThat(password.err()).startsWith("Invalid value for option '--password': Neo4j needs at least 8 "
                + "characters, this one has 5.");
    }

    @Test
    void helpDocumentsQuickAndFullButNotTheTestProfile() {
        CliRun help = CliRun.of("demo", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--profile=quick|full", "--disease=ID", "--data=DIR", "docs/demo.md")
                .doesNotContain("test");
    }
}

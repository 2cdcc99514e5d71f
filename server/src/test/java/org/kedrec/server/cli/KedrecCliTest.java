package org.kedrec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KedrecCliTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Usage: kedrec [-hV] [COMMAND]").contains("  server  ", "  bench   ");
    }

    @Test
    void versionNamesTheWholeStack() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().split(NL);
        assertThat(lines[0]).isEqualTo("kedrec " + System.getProperty("kedrec.version"));
        assertThat(lines[1]).startsWith("Neo4j " + System.getProperty("neo4j.version") + " Community, APOC ");
        assertThat(lines[2]).startsWith("DJL ");
        // Subcommands inherit -V.
        assertThat(CliRun.of("server", "status", "-V").out()).isEqualTo(run.out());
    }

    @Test
    void aMissingCommandIsAUsageError() {
        assertUsageError("kedrec", CliRun.of(),
                "Missing command: choose one of demo, data, server, import, dataset, train, eval, bench, help.");
        assertUsageError("kedrec server", CliRun.of("server"), "Missing command: choose one of start, stop, status.");
    }

    @Test
    void aMistypedCommandGetsSuggestions() {
        assertUsageError("kedrec server", CliRun.of("server", "strat"), "Unmatched argument at index 1: 'strat'" + NL
                + "Did you mean: server status or server stop or server start?");
    }

    @Test
    void anUnknownOptionGetsSuggestions() {
        assertUsageError("kedrec server start", CliRun.of("server", "start", "--home", tmp.toString(), "--bolts",
                "7700"), "Unknown options: '--bolts', '7700'" + NL + "Possible solutions: --bolt");
    }

    @Test
    void passwordAndNoAuthExcludeEachOther() {
        assertUsageError("kedrec server start", CliRun.of("server", "start", "--home", tmp.toString(), "--password",
                "long-enough", "--no-auth"), "Error: --password=P, --no-auth are mutually exclusive (specify only one)");
    }

    @Test
    void badStartOptionsNameTheValueAndTheFix() {
        String home = tmp.resolve("home").toString();
        assertUsageError("kedrec server start", CliRun.of("server", "start", "--home", home, "--password", "short"),
                "Invalid value for option '--password': Neo4j needs at least 8 characters, this one has 5. "
                        + "Choose a longer one, or use --no-auth for a server without authentication.");
        assertUsageError("kedrec server start", CliRun.of("server", "start", "--home", home, "--heap", "1x"),
                "Invalid value for option '--heap': '1x' is not a memory size. Use a whole number with an optional "
                        + "unit k, m or g, e.g. 512m or 2g.");
        assertUsageError("kedrec server start", CliRun.of("server", "start", "--home", home, "--pagecache", "0"),
                "Invalid value for option '--pagecache': '0' is not a memory size. Use a whole number with an "
                        + "optional unit k, m or g, e.g. 512m or 2g.");
        assertUsageError("kedrec server start", CliRun.of("server", "start", "--home", home, "--bolt", "7700", "--http", "7700"),
                "--bolt and --http must be different ports, but both are 7700.");
        assertUsageError("kedrec server start", CliRun.of("server", "start", "--home", home, "--bolt", "70000"),
                "Invalid value for option '--bolt': 70000 is not a TCP port; use a number from 1 to 65535.");
        assertUsageError("kedrec server start", CliRun.of("server", "start", "--home", home, "--timeout", "0"),
                "Invalid value for option '--timeout': 0. Use a number of seconds of at least 1.");
        // Nothing was created for a refused start.
        assertThat(Files.exists(tmp.resolve("home"))).isFalse();
    }

    @Test
    void aMissingHomeIsAUsageError() {
        assumeTrue(System.getenv("KEDREC_HOME") == null, "KEDREC_HOME is set in this environment");
        assertUsageError("kedrec server status", CliRun.of("server", "status"), "Missing required option: '--home=DIR' (or set KEDREC_HOME).");
    }

    @Test
    void statusAndStopOfAHomeThatDoesNotExist() {
        Path home = tmp.resolve("nothing-here");
        CliRun status = CliRun.of("server", "status", "--home", home.toString());
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.out()).isEqualTo("There is no Neo4j home at " + home + " (kedrec server start --home "
                + home + " creates one)." + NL);
        CliRun stop = CliRun.of("server", "stop", "--home", home.toString());
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).isEqualTo("Neo4j is not running in " + home + "; nothing to stop." + NL);
    }

    @Test
    void dataSynthAndBenchScaleNameTheBadValueAndWriteNothing() {
        assertUsageError("kedrec data synth", CliRun.of("data", "synth", "--out", tmp.resolve("x").toString()),
                "Missing required option: '--scale=N'");
        assertUsageError("kedrec data synth", CliRun.of("data", "synth", "--scale", "0", "--out",
                tmp.resolve("x").toString()),
                "Invalid value for option '--scale': 0. Use 1 to 99 (1 writes the demo set itself).");
        CliRun missing = CliRun.of("data", "synth", "--scale", "2", "--dir", tmp.resolve("empty").toString(), "--out",
                tmp.resolve("x").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo(tmp.resolve("empty").resolve("hetionet/hetionet-v1.0-nodes.tsv")
                + " is missing, and a synthetic graph is made from it. Point --dir at the KEDRec data (run `bin/kedrec "
                + "data fetch` and `bin/kedrec data derive` first)." + NL);
        assertThat(tmp.resolve("x")).doesNotExist();
        assertUsageError("kedrec bench scale", CliRun.of("bench", "scale", "--scales", "1,0", "--work",
                tmp.resolve("w").toString(), "--report", tmp.resolve("r.json").toString()),
                "Invalid value for option '--scales': 0. Use scales from 1 to 99, e.g. --scales 1,4,16.");
        assertUsageError("kedrec bench scale", CliRun.of("bench", "scale", "--scales", "1", "--stages", "offline,import",
                "--work", tmp.resolve("w").toString(), "--report", tmp.resolve("r.json").toString()),
                "Invalid value for option '--stages': import. Use a comma-separated list of offline, dataset, ranker, "
                        + "recommend, epoch, online, e.g. --stages offline,online.");
        assertUsageError("kedrec bench scale", CliRun.of("bench", "scale", "--scales", "1", "--stages",
                "offline,recommend", "--work", tmp.resolve("w").toString(), "--report",
                tmp.resolve("r.json").toString()),
                "Invalid value for option '--stages': offline,recommend. Use ranker with recommend (recommend serves "
                        + "the ranker this run trains), e.g. --stages offline,ranker,recommend.");
        assertThat(tmp.resolve("r.json")).doesNotExist();
        assertThat(tmp.resolve("w")).doesNotExist();
    }

    @Test
    void benchImportChecksItsInputsBeforeStartingAServer() {
        assertUsageError("kedrec bench import", CliRun.of("bench", "import"), "Missing required option: '--report=FILE'");
        assertUsageError("kedrec bench import", CliRun.of("bench", "import", "--report", tmp.resolve("r.json").toString(),
                        "--data", tmp.resolve("absent").toString()),
                "Invalid value for option '--data': " + tmp.resolve("absent") + " is not a folder. Point it at the "
                        + "KEDRec data (see README 'Data sources').");
        CliRun run = CliRun.of("bench", "import", "--report", tmp.resolve("r.json").toString(), "--data",
                tmp.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Missing data file " + tmp.resolve("hetionet/hetionet-v1.0-nodes.tsv")
                + ". Expected it under KEDREC_DATA=" + tmp + "; see the README section 'Data sources' for where it "
                + "comes from." + NL);
        assertThat(run.out()).isEmpty();
        assertThat(tmp.resolve("r.json")).doesNotExist();
    }

    @Test
    void benchDatasetNamesTheServerItCannotReachAndWritesNoReport() throws Exception {
        assertUsageError("kedrec bench dataset", CliRun.of("bench", "dataset", "--out", tmp.toString(), "--report",
                tmp.resolve("r.json").toString(), "--rounds", "0"), "Invalid value for option '--rounds': 0. Use 1 to 10.");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of("bench", "dataset", "--uri", "bolt://127.0.0.1:" + closedPort, "--out",
                tmp.resolve("out").toString(), "--report", tmp.resolve("r.json").toString(), "--data", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Cannot reach Neo4j at bolt://127.0.0.1:" + closedPort + " (")
                .endsWith("Start the server (`kedrec server start`) or pass --uri." + NL);
        assertThat(tmp.resolve("r.json")).doesNotExist();
    }

    @Test
    void importOfflineJoinsTheImportCommandsAndRefusesAnExistingDatabaseBeforeReadingAnything() throws Exception {
        assertUsageError("kedrec import", CliRun.of("import"),
                "Missing subcommand: choose one of hetionet, drkg, trials, pubmed, all, offline.");
        Path home = tmp.resolve("home");
        assertUsageError("kedrec import offline", CliRun.of("import", "offline", "--home", home.toString(), "--no-auth",
                        "--data", tmp.resolve("absent").toString()),
                "Invalid value for option '--data': " + tmp.resolve("absent") + " is not a folder. Point it at the "
                        + "KEDRec data (see README 'Data sources').");
        Files.createDirectories(home.resolve("data/databases/neo4j"));
        CliRun run = CliRun.of("import", "offline", "--home", home.toString(), "--no-auth", "--data", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Database `neo4j` already exists in " + home + " (" + home.resolve(
                "data/databases/neo4j") + "), and an offline load can only create a database. Start the server and "
                + "import into it (kedrec server start, then kedrec import all: it merges and creates nothing "
                + "twice), or load a new home (--home NEW_DIR)." + NL);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theTrainersCommandsAreRegistered() {
        assertThat(CliRun.of("train", "student", "--help").out()).startsWith("Usage: kedrec train student ");
        assertThat(CliRun.of("eval", "student", "--help").out()).startsWith("Usage: kedrec eval student ");
    }

    private static void assertUsageError(String command, CliRun run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(message + NL + "Try '" + command + " --help' for more information." + NL);
    }
}

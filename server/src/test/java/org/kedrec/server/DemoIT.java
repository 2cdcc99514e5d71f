package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.server.bench.SmallDataDirectory;
import org.kedrec.server.cli.CliRun;
import org.kedrec.server.demo.DemoData;

/**
 * {@code kedrec demo} end to end on a small data directory built from the real data at test time (the 432 nodes of
 * Hetionet's {@code edges-10.sif}, its edges and the demo edges among those nodes, the trials between them, the
 * BC5CDR sample abstracts, the real side files), with the hidden {@code test} profile, on ports 8300/8301: the first
 * run does every step and prints ranked drugs with paths; the second run reuses every step and prints the same
 * table; then the server is stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
    private static final int BOLT = 8300;
    private static final int HTTP = 8301;
    private static final Pattern ROW = Pattern.compile(
            "^ +(\\d+)  (.{24})  (\\d\\.\\d{4})  (yes \\(train\\)|yes \\(held out\\)|no) +(.*)$", Pattern.MULTILINE);

    private final Path root = Path.of("target", "it-homes", "demo").toAbsolutePath();
    private final Path home = root.resolve("home");
    private final Path data = root.resolve("data");
    private CliRun first;

    @BeforeAll
    void smallDataDirectory() {
        TemporaryServer.deleteTree(root);
        SmallDataDirectory.write(DataDirectory.forTests(Assumptions::abort), data);
        assertThat(DemoData.missing(data)).isEmpty();
    }

    @AfterAll
    void stopTheServer() {
        CliRun stop = CliRun.of("server", "stop", "--home", home.toString());
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(new ServerHome(home).runningProcess()).isEmpty();
    }

    private CliRun demo() {
        // A JVM of its own per run, as `bin/kedrec demo` is: the demo trains with DJL in-process, and no engine or
        // thread state from the tests that ran before it in this JVM should take part.
        CliRun run = CliRun.inChildJvm("2g", Duration.ofMinutes(20), "demo", "--data", data.toString(), "--home", home.toString(), "--bolt",
                Integer.toString(BOLT), "--http", Integer.toString(HTTP), "--profile", "test", "--k", "5", "--heap",
                "768m", "--pagecache", "128m");
        // The step times land in the failsafe report.
        System.out.println(run.out());
        return run;
    }

    @Test
    @Order(1)
    void theFirstRunDoesEveryStepAndPrintsRankedDrugsWithPaths() {
        first = demo();
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String out = first.out();
        for (int step = 1; step <= 7; step++) {
            assertThat(out).as(first.toString()).containsPattern("(?m)^\\[" + step + "/8\\] \\w+ done in \\d+\\.\\d s: ");
        }
        assertThat(out).contains("[3/8] Import done in", "offline: ", "[5/8] Training done in",
                "ranker trained in", "student trained in");
        List<String[]> rows = rows(out);
        assertThat(rows).extracting(r -> r[0]).containsExactly("1", "2", "3", "4", "5");
        // Scores fall with the rank; most drugs have a path that starts at hypertension.
        for (int i = 1; i < rows.size(); i++) {
            assertThat(Double.parseDouble(rows.get(i)[2])).isLessThanOrEqualTo(Double.parseDouble(rows.get(i - 1)[2]));
        }
        assertThat(rows).filteredOn(r -> r[4].startsWith("hypertension ") && r[4].matches(".*(-[A-Z_]+->|<-[A-Z_]+-).*"))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(out).contains("Recommendations for hypertension (DOID:10763)", "      why: ",
                "Browser:  http://127.0.0.1:" + HTTP + "/browser/", "Bolt:     bolt://127.0.0.1:" + BOLT,
                "Guide:    :play http://127.0.0.1:" + HTTP + "/kedrec/guide",
                "Stop it:  bin/kedrec server stop --home " + home, "CALL kedrec.explain('DOID:10763', ");
        assertThat(home.resolve("conf/kedrec.conf")).hasContent("kedrec.model.dir=models/demo");
        assertThat(home.resolve("dataset/card.json")).exists();
        assertThat(home.resolve("dataset.tmp")).doesNotExist();
        assertThat(home.resolve("models/demo/ranker/config.json")).exists();
        assertThat(home.resolve("models/demo/student")).isDirectory();
        assertThat(new ServerHome(home).runningProcess()).isPresent();
    }

    @Test
    @Order(2)
    void aSecondRunReusesEveryStepAndPrintsTheSameTable() {
        CliRun second = demo();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        String out = second.out();
        assertThat(out).contains("[2/8] Server reused", "Neo4j already runs in " + home,
                "[3/8] Import reused", "of the offline import of",
                "[4/8] Dataset reused", "[5/8] Training reused",
                "ranker reused: trained with profile test on dataset sha256:",
                "student reused: trained with profile test on dataset sha256:",
                "[6/8] Model done in", "kept conf/kedrec.conf");
        assertThat(out).doesNotContain("training the", "building because", "importing online");
        assertThat(rows(out)).extracting(r -> r[1].strip()).containsExactlyElementsOf(
                rows(first.out()).stream().map(r -> r[1].strip()).toList());
    }

    /** Rank, drug, score, known, path of each table row. */
    private static List<String[]> rows(String out) {
        List<String[]> rows = new ArrayList<>();
        Matcher m = ROW.matcher(out);
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
        }
        return rows;
    }
}

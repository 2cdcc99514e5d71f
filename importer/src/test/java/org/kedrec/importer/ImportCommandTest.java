package org.kedrec.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.importer.cli.ImportCommand;
import picocli.CommandLine;

/** {@code kedrec import} as a user runs it: options, progress, summary, JSON report, exit codes and errors. */
class ImportCommandTest {
    private static TestNeo4j neo4j;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        neo4j = TestNeo4j.shared();
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ImportCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String uri() {
        return neo4j.boltUri();
    }

    @Test
    void importsWithProgressSummaryAndReport() throws Exception {
        Path report = tmp.resolve("out/report.json");
        int code = run("hetionet", "--uri", uri(), "--nodes", BadInputTest.broken("nodes.tsv").toString(),
                "--edges", BadInputTest.broken("edges-good.tsv").toString(), "--report", report.toString(),
                "--data", TestNeo4j.data().toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("hetionet nodes nodes.tsv", "hetionet edges edges-good.tsv", "100%");
        assertThat(out.toString()).contains("Drug", "TREATS", "Created 24 nodes and 12 relationships in ",
                "Skipped lines: 0", "Report written to " + report);
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertThat(json.keySet()).contains("nodes", "relationships", "created", "skippedLines", "skippedByReason",
                "seconds", "relationshipsPerSecond");
        assertThat(json.getAsJsonObject("relationships").get("TREATS").getAsLong()).isEqualTo(10);
        assertThat(json.getAsJsonObject("created").get("relationships").getAsLong()).isEqualTo(12);
        assertThat(ImportReport.fromJson(Files.readString(report)).nodes()).containsEntry("Disease", 10L);
    }

    @Test
    void aBadLineFailsWithExitCodeOneAndSkipCountsIt() {
        String edges = BadInputTest.broken("edges-malformed.tsv").toString();
        String nodes = BadInputTest.broken("nodes.tsv").toString();
        assertThat(run("hetionet", "--uri", uri(), "--nodes", nodes, "--edges", edges)).isEqualTo(1);
        assertThat(err.toString()).contains("Error: " + edges + " line 4: expected 3 tab-separated columns");
        assertThat(run("hetionet", "--uri", uri(), "--nodes", nodes, "--edges", edges, "--on-error", "SKIP"))
                .isZero();
        assertThat(out.toString()).contains("Skipped lines: 1 {malformed line=1}");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("hetionet", "--on-error", "ignore")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value `ignore` for --on-error: use fail or skip.");
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand: choose one of hetionet, drkg, trials, pubmed, all.");
    }

    @Test
    void anUnreachableServerIsNamed() {
        int code = run("all", "--uri", "bolt://127.0.0.1:7699", "--data", TestNeo4j.data().toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("Error: Cannot reach Neo4j at bolt://127.0.0.1:7699 (")
                .contains("Start the server (`kedrec server start`) or pass --uri.");
    }

    @Test
    void thePasswordNeverAppearsInTheHelp() {
        assertThat(run("hetionet", "--help")).isZero();
        assertThat(out.toString()).contains("--password", "KEDREC_NEO4J_PASSWORD").doesNotContain("${env:");
    }
}

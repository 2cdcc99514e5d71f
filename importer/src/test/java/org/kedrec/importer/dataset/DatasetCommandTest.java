package org.kedrec.importer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.ExpRxRecJson;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.rationale.EvidenceTeacher;
import picocli.CommandLine;

/** The command line and its errors: empty graph, missing split file, unknown disease, bad options. */
@ExtendWith(SharedFixtureGraph.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(2)
class DatasetCommandTest {
    @TempDir
    Path tmp;

    FixtureGraph graph;
    Path dataDir;

    @BeforeAll
    void connect() {
        // Data first: without it the class skips before starting a database.
        dataDir = DataDirectory.forTests(Assumptions::abort);
        graph = SharedFixtureGraph.graph();
    }

    record Run(int exitCode, String out, String err) {}

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new DatasetCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    DatasetBuilder builder(DatasetBuildConfig config) {
        return new DatasetBuilder(graph.runner, config, new EvidenceTeacher(), ProgressTracker.NULL);
    }

    @Test
    void buildsOneDiseaseFromTheCommandLine() {
        Path out = tmp.resolve("colon");
        Run run = cli("build", "--uri", graph.boltUri(), "--password", "", "--out", out.toString(),
                "--data", dataDir.toString(), "--disease", "colon cancer", "--seed", "3", "--no-progress");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("expRxRec dataset written to " + out + "\n"
                + "  examples per variant: {train=3, validation=1, test=1, zeroshot=0} (5 in each of vanilla, "
                + "trials, publications, both)\n"
                + "  positives in the graph: {train=85, validation=8, test=24, zeroshot=17}\n"
                + "  hard negatives by method: {nonIndication=5}\n"
                + "  teachers: {" + EvidenceTeacher.NAME + "=20}\n"
                + "  leakage check: passed\n"
                + "  data hash: sha256:");
        List<ExpRxRecExample> train = ExpRxRecJson.read(out.resolve("both/train.jsonl"));
        assertThat(train).extracting(e -> e.disease().id()).containsOnly("DOID:219");
        assertThat(ExpRxRecJson.read(out.resolve("both/zeroshot.jsonl"))).isEmpty();
        // splits.tsv always covers the whole graph, whatever the filter.
        assertThat(out.resolve("splits.tsv")).exists();
        assertThat(tmp.resolve("colon/teacher-cache")).doesNotExist();
    }

    @Test
    void anUnknownDiseaseIsNamedWithSuggestions() {
        Run run = cli("build", "--uri", graph.boltUri(), "--out", tmp.resolve("x").toString(), "--data",
                dataDir.toString(), "--disease", "hypothyroidsm", "--no-progress");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: Unknown disease `hypothyroidsm`: no Disease node has this id, xref or "
                + "name. Did you mean [hypothyroidism]?\n");
        assertThatThrownBy(() -> builder(DatasetBuildConfig.defaults(tmp.resolve("y"), dataDir)
                .withDiseases(List.of("DOID:0000000"))).build())
                .hasMessageStartingWith("Unknown disease `DOID:0000000`: no Disease node has this id, xref or name.");
    }

    @Test
    void aDiseaseWithoutTreatmentsIsRefused() {
        String lonely = (String) graph.runner.run("""
                MATCH (d:Disease) WHERE NOT EXISTS { (d)<-[:TREATS]-() } RETURN d.id AS id ORDER BY id LIMIT 1""",
                Map.of()).get(0).get("id");
        assertThatThrownBy(() -> builder(DatasetBuildConfig.defaults(tmp.resolve("z"), dataDir)
                .withDiseases(List.of(lonely))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Disease `" + lonely + "` (" + lonely + ") has no TREATS relationships, so it has no "
                        + "positives to build examples from. Pick a disease that some drug treats.");
    }

    @Test
    void aMissingSplitFileSaysWhereItWasExpected() {
        Path emptyData = tmp.resolve("no-data");
        Run run = cli("build", "--uri", graph.boltUri(), "--out", tmp.resolve("x").toString(), "--data",
                emptyData.toString(), "--no-progress");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: Missing split file " + emptyData.resolve("eval/hetionet_CtD_split.tsv")
                + ". Point KEDREC_DATA at the data directory that holds eval/hetionet_CtD_split.tsv.\n");
        Path splits = tmp.resolve("nowhere/splits.tsv");
        assertThat(cli("build", "--uri", graph.boltUri(), "--out", tmp.resolve("x").toString(), "--splits",
                splits.toString(), "--no-progress").err())
                .isEqualTo("Error: Missing split definition " + splits + ". Build the dataset first (`kedrec "
                        + "dataset build`), or omit the option to use the built-in split rules.\n");
    }

    @Test
    void aSplitsFileFromAnEarlierBuildIsReused() throws Exception {
        Path earlier = tmp.resolve("earlier");
        DatasetResult first = builder(DatasetBuildConfig.defaults(earlier, dataDir)
                .withDiseases(List.of("DOID:1936"))).build();
        Path again = tmp.resolve("again");
        DatasetResult second = builder(new DatasetBuildConfig(again, 42, 3, 1, 3, 3, null,
                earlier.resolve("splits.tsv"), List.of("DOID:1936"), false, 2, 100, 3)).build();
        assertThat(Files.readString(again.resolve("splits.tsv"))).isEqualTo(Files.readString(earlier.resolve("splits.tsv")));
        assertThat(second.examples()).isEqualTo(first.examples());
        // Without PharmacotherapyDB (no data directory) the negatives are structural.
        assertThat(second.negativeMethods()).containsOnlyKeys("structural");
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void anEmptyGraphAndAGraphWithoutTreatsAreRefused() {
        try {
            graph.clear();
            assertThatThrownBy(() -> builder(DatasetBuildConfig.defaults(tmp.resolve("e"), dataDir)).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The graph is empty: it has no nodes. Import the knowledge graph first (`kedrec "
                            + "import`), then build the dataset.");
            graph.execute(List.of("CREATE (:Drug {id: 'DrugBank:DB00945', name: 'Aspirin'})"
                    + "-[:PALLIATES]->(:Disease {id: 'DOID:6364', name: 'migraine'})"));
            Run run = cli("build", "--uri", graph.boltUri(), "--out", tmp.resolve("e").toString(), "--data",
                    dataDir.toString(), "--no-progress");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("Error: The graph has 2 nodes but no (:Drug)-[:TREATS]->(:Disease) "
                    + "relationships, so there are no positives to build examples from. Import Hetionet's CtD edges "
                    + "(`kedrec import`), then build the dataset.\n");
        } finally {
            graph.clear();
            graph.loadFixture();
        }
    }

    @Test
    void badOptionsAndUnreachableServersGetClearErrors() {
        Run zero = cli("build", "--uri", graph.boltUri(), "--out", tmp.toString(), "--data", dataDir.toString(),
                "--paths-per-pair", "0");
        assertThat(zero.exitCode()).isEqualTo(1);
        assertThat(zero.err()).isEqualTo("Error: --paths-per-pair must be between 1 and 20 but was 0.\n");

        Path file = tmp.resolve("a-file");
        try {
            Files.writeString(file, "x");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run outIsAFile = cli("build", "--uri", graph.boltUri(), "--out", file.toString(), "--data",
                dataDir.toString());
        assertThat(outIsAFile.err()).isEqualTo("Error: --out " + file + " is a file, not a directory; pass a "
                + "directory (it is created if missing).\n");

        Run missingOut = cli("build", "--uri", graph.boltUri());
        assertThat(missingOut.exitCode()).isEqualTo(2);
        assertThat(missingOut.err()).startsWith("Missing required option: '--out=<out>'");

        Run teacher = cli("build", "--out", tmp.toString(), "--teacher", "gpt");
        assertThat(teacher.exitCode()).isEqualTo(2);
        assertThat(teacher.err()).startsWith("Invalid value for option '--teacher': expected one of [evidence, openai] "
                + "(case-sensitive) but was 'gpt'");

        Run noUrl = cli("build", "--uri", graph.boltUri(), "--out", tmp.toString(), "--data", dataDir.toString(),
                "--teacher", "openai", "--openai-model", "m");
        assertThat(noUrl.err()).isEqualTo(
                "Error: --teacher openai needs the endpoint: pass --openai-url, e.g. https://api.openai.com/v1.\n");

        Run down = cli("build", "--uri", "bolt://localhost:8099", "--out", tmp.toString(), "--data",
                dataDir.toString(), "--no-progress");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).startsWith("Error: Cannot reach Neo4j at bolt://localhost:8099 (")
                .endsWith("). Start the server (`kedrec server start`) or pass --uri.\n");

        Run none = cli();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("Missing subcommand: run `dataset build --out DIR`");
    }

    /** Last: creating and dropping an index empties Neo4j's plan cache. */
    @Test
    @Order(Integer.MAX_VALUE)
    void usesTheVectorIndexOnceEmbeddingsExist() {
        try {
            // Deterministic 8-dimensional embeddings (a test stand-in for the KG-embedding trainer's output).
            graph.execute(List.of("""
                    MATCH (c:Drug)
                    WITH c, [i IN range(0, 7) | ((size(c.id) * 31 + i * 17 + toInteger(substring(c.id, 11))) % 97) / 97.0]
                         AS vector
                    SET c.embedding = vector""",
                    GraphSchema.vectorIndex(EntityKind.DRUG, 8),
                    "CALL db.awaitIndexes(120)"));
            DatasetResult result = builder(DatasetBuildConfig.defaults(tmp.resolve("emb"), dataDir)
                    .withDiseases(List.of("DOID:1459", "DOID:219"))).build();
            assertThat(result.negativeMethods()).isEqualTo(Map.of("embedding", 4, "nonIndication", 5));
            List<ExpRxRecExample> examples = new ArrayList<>();
            for (String split : List.of("train", "validation", "test")) {
                examples.addAll(ExpRxRecJson.read(tmp.resolve("emb/vanilla/" + split + ".jsonl")));
            }
            assertThat(examples).filteredOn(e -> e.disease().id().equals("DOID:1459"))
                    .extracting(ExpRxRecExample::negativeMethod).containsOnly("embedding");
        } finally {
            graph.execute(List.of("DROP INDEX drug_embedding IF EXISTS", "MATCH (c:Drug) REMOVE c.embedding"));
        }
    }
}

package org.kedrec.importer.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.kedrec.importer.trials.TrialSources;
import org.kedrec.core.data.DataDirectory;

/**
 * The offline graph merges rows with the online writer's Cypher semantics, and writes them as neo4j-admin CSV
 * files that hold every value exactly (quoting, lists, line breaks) or refuses with a message.
 */
class OfflineGraphTest {
    @TempDir
    Path tmp;

    private final OfflineGraph graph = new OfflineGraph();
    private final ImportStats stats = new ImportStats();
    private final GraphWriter writer = GraphWriter.offline(graph, "neo4j", stats);

    @Test
    void nodesAreCreatedThenUpdatedLikeTheCypherMerge() {
        GraphWriter.NodeSpec upsert = writer.nodes("Drug", GraphWriter.NodeMode.UPSERT, List.of("name", "type"),
                List.of("sources"));
        writer.node(upsert, "DrugBank:DB1", Map.of("name", "A", "type", "small"), Map.of("sources", List.of("x")),
                null);
        // Same id again: the row's values win where it has them, union lists gain only what they lack.
        writer.node(upsert, "DrugBank:DB1", Map.of("name", "B"), Map.of("sources", List.of("x", "y", "y")), null);
        GraphWriter.NodeSpec ensure = writer.nodes("Drug", GraphWriter.NodeMode.ENSURE, List.of("name"), List.of());
        writer.node(ensure, "DrugBank:DB1", Map.of("name", "C"), null, null);
        writer.node(ensure, "DrugBank:DB2", Map.of("name", "D"), null, null);

        Map<String, Map<String, Object>> drugs = graph.nodes().get("Drug");
        assertThat(drugs.get("DrugBank:DB1")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", "DrugBank:DB1", "name", "B", "type", "small", "sources", List.of("x", "y", "y")));
        assertThat(drugs.get("DrugBank:DB2")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", "DrugBank:DB2", "name", "D"));
        assertThat(stats.nodesCreated()).isEqualTo(2);
        assertThat(graph.labelCounts()).containsExactlyEntriesOf(Map.of("Drug", 2L));
    }

    @Test
    void relationshipsMergeOnTheirEndsAndKeyProperties() {
        GraphWriter.RelSpec hetionet = writer.relationships("BINDS", "Drug", "Gene",
                Map.of("source", "Hetionet", "relation", "CbG"), List.of("license"), List.of("pmids"), List.of());
        GraphWriter.RelSpec drkg = writer.relationships("BINDS", "Drug", "Gene",
                Map.of("source", "DRUGBANK", "relation", "target"), List.of(), List.of(), List.of("count"));
        writer.relationship(hetionet, "d", "g", Map.of("license", "CC0"), Map.of("pmids", List.of(1, 2)), null);
        writer.relationship(hetionet, "d", "g", Map.of(), Map.of("pmids", List.of(2L, 3L)), null);
        writer.relationship(drkg, "d", "g", null, null, Map.of("count", 2));
        writer.relationship(drkg, "d", "g", null, null, Map.of("count", 5));
        writer.relationship(drkg, "d", "g", null, null, Map.of("count", 4));

        assertThat(stats.relationshipsCreated()).isEqualTo(2);
        assertThat(graph.typeCounts()).containsExactlyEntriesOf(Map.of("BINDS", 2L));
        List<Map<String, Object>> rels = graph.relationships().values().stream()
                .flatMap(m -> m.values().stream()).toList();
        // Integers become longs as the driver sends them, so 2 and 2L are one value.
        assertThat(rels).containsExactly(Map.of("license", "CC0", "pmids", List.of(1L, 2L, 3L)),
                Map.of("count", 5L));
    }

    @Test
    void filesQuoteTextAndJoinListsSoNothingIsLost() throws IOException {
        GraphWriter.NodeSpec trials = writer.nodes("Trial", GraphWriter.NodeMode.UPSERT,
                List.of("title", "phase", "enrollment", "score"), List.of("sources"));
        writer.node(trials, "NCT:1", Map.of("title", "A \"quoted\", comma\nand a line break", "enrollment", 12,
                "score", 0.5), Map.of("sources", List.of("hint", "ctgov; v2")), null);
        writer.node(trials, "NCT:2", Map.of("phase", "phase 2"), null, null);
        GraphWriter.RelSpec tests = writer.relationships("TESTS", "Trial", "Drug", Map.of(), List.of(),
                List.of("pmids"), List.of());
        writer.node(writer.nodes("Drug", GraphWriter.NodeMode.UPSERT, List.of(), List.of()), "DrugBank:DB1",
                Map.of(), null, null);
        writer.relationship(tests, "NCT:1", "DrugBank:DB1", null, Map.of("pmids", List.of(7L, 8L)), null);

        AdminImportFiles files = AdminImportFiles.write(graph, tmp.resolve("csv"));

        Path trialFile = tmp.resolve("csv/nodes-Trial.csv");
        assertThat(Files.readString(trialFile, StandardCharsets.UTF_8)).isEqualTo(
                ":ID(Trial),id:string,enrollment:long,phase:string,score:double,sources:string[],title:string\n"
                        + "0,\"NCT:1\",12,,0.5,\"hint\u001Fctgov; v2\",\"A \"\"quoted\"\", comma\nand a line break\"\n"
                        + "1,\"NCT:2\",,\"phase 2\",,,\n");
        Path testsFile = tmp.resolve("csv/rels-001-TESTS-Trial-Drug.csv");
        assertThat(Files.readString(testsFile, StandardCharsets.UTF_8)).isEqualTo(
                ":START_ID(Trial),:END_ID(Drug),pmids:long[]\n0,0,7\u001F8\n");
        assertThat(files.arguments()).containsExactly(
                "--array-delimiter=U+001F",
                "--id-type=integer",
                "--nodes=Trial=" + trialFile,
                "--nodes=Drug=" + tmp.resolve("csv/nodes-Drug.csv"),
                "--relationships=TESTS=" + testsFile,
                "--multiline-fields-format=v2",
                "--multiline-fields=" + trialFile);
        assertThat(files.nodes()).isEqualTo(3);
        assertThat(files.relationships()).isEqualTo(1);
    }

    @Test
    void refusesARelationshipToANodeTheGraphDoesNotHold() {
        writer.node(writer.nodes("Drug", GraphWriter.NodeMode.UPSERT, List.of(), List.of()), "DrugBank:DB1",
                Map.of(), null, null);
        writer.relationship(writer.relationships("TREATS", "Drug", "Disease", Map.of("source", "test"), List.of(),
                List.of(), List.of()), "DrugBank:DB1", "DOID:0", null, null, null);
        assertThatThrownBy(() -> AdminImportFiles.write(graph, tmp.resolve("m")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The offline import cannot write the relationship DrugBank:DB1 (Drug)-[TREATS]->DOID:0 "
                        + "(Disease): no Disease node has the id DOID:0. Import the nodes that define it first or fix "
                        + "the id, or import into a running server instead (kedrec import all), which reports such "
                        + "rows by line.");
    }

    @Test
    void refusesValuesACsvColumnCannotHold() {
        GraphWriter.NodeSpec genes = writer.nodes("Gene", GraphWriter.NodeMode.UPSERT, List.of("score", "tags"),
                List.of());
        writer.node(genes, "NCBIGene:1", Map.of("score", 1), null, null);
        writer.node(genes, "NCBIGene:2", Map.of("score", 1.5), null, null);
        assertThatThrownBy(() -> AdminImportFiles.write(graph, tmp.resolve("a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The offline import cannot write property `score` of label Gene: it holds values of types "
                        + "long and double. Import into a running server instead (kedrec import all), which stores "
                        + "any value Neo4j accepts.");

        OfflineGraph other = new OfflineGraph();
        GraphWriter second = GraphWriter.offline(other, "neo4j", new ImportStats());
        GraphWriter.NodeSpec tagged = second.nodes("Gene", GraphWriter.NodeMode.UPSERT, List.of(), List.of("tags"));
        second.node(tagged, "NCBIGene:1", Map.of(), Map.of("tags", List.of()), null);
        assertThatThrownBy(() -> AdminImportFiles.write(other, tmp.resolve("b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The offline import cannot write property `tags` of label Gene: it holds an empty list, "
                        + "which the admin tool's CSV cannot express. Import into a running server instead (kedrec "
                        + "import all), which stores any value Neo4j accepts.");
    }

    /** The inputs and expected counts of EvidenceImportTest, which imports them over Bolt. */
    @Test
    void theEvidenceFixtureBuiltOfflineHasTheOnlineCounts() {
        Path data = DataDirectory.forTests(Assumptions::abort);
        OfflineGraph fixture = new OfflineGraph();
        Importer importer = Importer.offline(fixture, ImportOptions.defaults().withDataDirectory(data));
        ImportReport hetionet = importer.importHetionet(data.resolve("hetionet/hetionet-v1.0-nodes.tsv"),
                data.resolve("hetionet-integrate/edges-10.sif"));
        // A second run on the same graph sees the first one's nodes, as an online run sees the database.
        ImportReport trials = importer.importTrials(TrialSources.ctgovJson(data.resolve("fixtures/ctg-studies-5.json")));

        assertThat(hetionet.totalNodes()).isEqualTo(47_031);
        assertThat(hetionet.created()).isEqualTo(new ImportReport.Created(47_031, 240));
        assertThat(trials.nodes()).containsEntry("Trial", 5L);
        assertThat(trials.relationships()).containsEntry("TESTS", 6L).containsEntry("STUDIES", 4L);
        assertThat(trials.created()).isEqualTo(new ImportReport.Created(5, 10));
    }
}

package org.kedrec.importer.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.ExpRxRecJson;
import org.kedrec.core.evidence.Citations;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.rationale.EvidenceTeacher;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;

/**
 * The whole flow on a graph written by the real importer: {@code hetionet-integrate/edges-10.sif} (the first 10
 * edges of each of Hetionet's 24 metaedges) over its 432 nodes, imported through the {@link Importer} API, then
 * built. Runs last on the shared harness and puts the fixture graph back afterwards.
 */
@ExtendWith(SharedFixtureGraph.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(3)
class DatasetFromImportTest {
    @TempDir
    static Path tmp;

    @AfterAll
    void restoreTheFixture() {
        FixtureGraph graph = SharedFixtureGraph.graph();
        graph.clear();
        graph.loadFixture();
    }

    @Test
    void buildsEveryTreatsPairOfTheImportedGraph() throws Exception {
        Path data = DataDirectory.forTests(Assumptions::abort);
        FixtureGraph graph = SharedFixtureGraph.graph();
        graph.clear();
        ImportReport report = new Importer(graph.driver, ImportOptions.defaults().withDataDirectory(data))
                .importHetionet(data.resolve("fixtures/hetionet-nodes-for-edges-10.tsv"),
                        data.resolve("hetionet-integrate/edges-10.sif"));
        assertThat(report.relationships()).containsEntry("TREATS", 10L);

        DatasetResult result = new DatasetBuilder(graph.runner, DatasetBuildConfig.defaults(tmp.resolve("out"), data),
                new EvidenceTeacher(), ProgressTracker.NULL).build();
        assertThat(result.positives()).isEqualTo(Map.of("train", 6, "validation", 2, "test", 2, "zeroshot", 0));
        assertThat(result.examples()).isEqualTo(result.positives());
        assertThat(result.leakagePassed()).isTrue();
        assertThat(result.missing()).isEmpty();
        // The ten CtD lines of edges-10.sif, with the splits of the published file and the zero-shot rule.
        assertThat(Files.readAllLines(tmp.resolve("out/splits.tsv"))).containsExactly(
                "kind\tid\tsplit",
                "pair\tDrugBank:DB00178|DOID:9352\tvalidation",
                "pair\tDrugBank:DB00442|DOID:2043\ttrain",
                "pair\tDrugBank:DB00445|DOID:1612\ttrain",
                "pair\tDrugBank:DB00501|DOID:9970\ttrain",
                "pair\tDrugBank:DB00588|DOID:2841\ttest",
                "pair\tDrugBank:DB00630|DOID:5408\ttest",
                "pair\tDrugBank:DB00700|DOID:3393\ttrain",
                "pair\tDrugBank:DB00762|DOID:2531\ttrain",
                "pair\tDrugBank:DB00959|DOID:9008\tvalidation",
                "pair\tDrugBank:DB01248|DOID:1793\ttrain");
        List<ExpRxRecExample> both = ExpRxRecJson.read(tmp.resolve("out/both/train.jsonl"));
        assertThat(both).hasSize(6);
        for (ExpRxRecExample example : both) {
            assertThat(example.disease().name()).isNotBlank();
            assertThat(example.candidates()).allSatisfy(c -> assertThat(c.name()).isNotBlank());
            assertThat(Citations.unknown(example, example.output())).isEmpty();
        }
        // None of edges-10's ten diseases is a zero-shot disease; the file is still written, empty.
        assertThat(ExpRxRecJson.read(tmp.resolve("out/vanilla/zeroshot.jsonl"))).isEmpty();
    }
}

package org.kedrec.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStateTest {
    private static final Map<String, Long> NODES = Map.of("Drug", 10L, "Disease", 5L);
    private static final Map<String, Long> RELS = Map.of("TREATS", 7L, "BINDS", 20L);
    private static final DemoState.ImportRecord IMPORTED = new DemoState.ImportRecord("/data", "sha256:f", "offline",
            "2026-11-26T01:00:00Z", NODES, RELS, 12.5);

    @TempDir
    Path tmp;

    @Test
    void theImportIsReusedOnlyWhenTheGraphHoldsWhatItWrote() {
        DemoState.Decision same = DemoState.importDecision(IMPORTED, "sha256:f", NODES, RELS);
        assertThat(same).isEqualTo(new DemoState.Decision(true, "the graph holds the 15 nodes and 27 relationships of "
                + "the offline import of 2026-11-26T01:00:00Z"));
        // Relationships the import did not write (predictions) do not matter.
        assertThat(DemoState.importDecision(IMPORTED, "sha256:f", NODES,
                Map.of("TREATS", 7L, "BINDS", 20L, "PREDICTED_TREATS", 100L)).reuse()).isTrue();

        assertThat(DemoState.importDecision(IMPORTED, "sha256:f", Map.of("Drug", 10L, "Disease", 4L), RELS))
                .isEqualTo(new DemoState.Decision(false, "the graph no longer holds what the import of "
                        + "2026-11-26T01:00:00Z wrote (nodes Disease: 5 then, 4 now)"));
        assertThat(DemoState.importDecision(IMPORTED, "sha256:f", NODES, Map.of("TREATS", 7L)))
                .isEqualTo(new DemoState.Decision(false, "the graph no longer holds what the import of "
                        + "2026-11-26T01:00:00Z wrote (relationships BINDS: 20 then, 0 now)"));
        assertThat(DemoState.importDecision(IMPORTED, "sha256:other", NODES, RELS))
                .isEqualTo(new DemoState.Decision(false, "the data files changed since the import of "
                        + "2026-11-26T01:00:00Z (from /data)"));
    }

    @Test
    void withoutARecordAnEmptyGraphIsImportedAndAFullOneMerged() {
        assertThat(DemoState.importDecision(null, "sha256:f", Map.of(), Map.of()))
                .isEqualTo(new DemoState.Decision(false, "the database is empty"));
        assertThat(DemoState.importDecision(null, "sha256:f", Map.of("Drug", 1_552L), Map.of()))
                .isEqualTo(new DemoState.Decision(false, "the graph holds 1,552 nodes but no record of a demo import "
                        + "(demo/import.json): importing online, which merges and creates nothing twice"));
    }

    @Test
    void theDatasetIsReusedOnlyWhenCompleteAndBuiltFromTheCurrentImport() throws IOException {
        Path dataset = tmp.resolve("dataset");
        assertThat(DemoState.datasetDecision(dataset, IMPORTED))
                .isEqualTo(new DemoState.Decision(false, "no dataset yet"));
        Files.createDirectories(dataset);
        assertThat(DemoState.datasetDecision(dataset, IMPORTED))
                .isEqualTo(new DemoState.Decision(false, dataset + " has no card.json"));
        Files.writeString(dataset.resolve("card.json"), "{\"dataHash\": \"sha256:d\"}");
        assertThat(DemoState.datasetDecision(dataset, IMPORTED)).isEqualTo(new DemoState.Decision(false,
                dataset + " has no demo-source.json saying which import it was built from"));
        DemoState.writeJson(dataset.resolve(DemoState.DATASET_STAMP),
                new DemoState.DatasetStamp("2026-11-25T00:00:00Z", "sha256:d"));
        assertThat(DemoState.datasetDecision(dataset, IMPORTED)).isEqualTo(new DemoState.Decision(false,
                "it was built from the import of 2026-11-25T00:00:00Z, the graph now holds the import of "
                        + "2026-11-26T01:00:00Z"));
        DemoState.writeJson(dataset.resolve(DemoState.DATASET_STAMP),
                new DemoState.DatasetStamp("2026-11-26T01:00:00Z", "sha256:d"));
        // an earlier teacher's rationales: rebuilt, so the student learns the wording it will be decoded in
        Files.writeString(dataset.resolve("card.json"), "{\"dataHash\": \"sha256:d\", "
                + "\"teacher\": \"evidence-teacher/1\"}");
        assertThat(DemoState.datasetDecision(dataset, IMPORTED)).isEqualTo(new DemoState.Decision(false,
                "its rationales were written by evidence-teacher/1, this KEDRec's teacher is "
                        + org.kedrec.core.rationale.EvidenceTeacher.NAME));
        Files.writeString(dataset.resolve("card.json"), "{\"dataHash\": \"sha256:d\", \"teacher\": \""
                + org.kedrec.core.rationale.EvidenceTeacher.NAME + "\"}");
        assertThat(DemoState.datasetDecision(dataset, IMPORTED)).isEqualTo(new DemoState.Decision(true,
                dataset + " (data hash sha256:d) was built from the import of 2026-11-26T01:00:00Z"));
    }

    @Test
    void aComponentIsReusedForTheSameDatasetAndProfileOnly() throws IOException {
        Path model = tmp.resolve("models/demo");
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:d", "quick", "--profile quick"))
                .isEqualTo(new DemoState.Decision(false, "not trained yet"));
        DemoState.writeComponentStamp(model, "ranker",
                new DemoState.ComponentStamp("sha256:d", "quick", "--profile quick", "2026-11-26T01:10:00Z", 90.0));
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:d", "quick", "--profile quick"))
                .isEqualTo(new DemoState.Decision(false, model.resolve("ranker") + " is missing"));
        Files.createDirectories(model.resolve("ranker"));
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:d", "quick", "--profile quick"))
                .isEqualTo(new DemoState.Decision(true, "trained with profile quick on dataset sha256:d at "
                        + "2026-11-26T01:10:00Z"));
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:e", "quick", "--profile quick"))
                .isEqualTo(new DemoState.Decision(false, "trained on dataset sha256:d, the dataset is now sha256:e"));
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:d", "full", "--profile quick"))
                .isEqualTo(new DemoState.Decision(false, "trained with profile quick, this run asks for full"));
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:d", "quick",
                "--profile quick --dim 8"))
                .isEqualTo(new DemoState.Decision(false, "trained with the quick arguments `--profile quick`, profile "
                        + "quick now means `--profile quick --dim 8`"));

        DemoState.writeComponentStamp(model, "ranker",
                new DemoState.ComponentStamp("sha256:d", "quick", null, "2026-11-26T01:10:00Z", 90.0));
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:d", "quick", "--profile quick"))
                .isEqualTo(new DemoState.Decision(false, "its stamp does not say with which arguments profile quick "
                        + "trained it"));

        // The student's stamp keeps the ranker's; forgetting one keeps the other.
        DemoState.writeComponentStamp(model, "student",
                new DemoState.ComponentStamp("sha256:d", "quick", "--preset small", "2026-11-26T01:20:00Z", 300.0));
        assertThat(DemoState.readModelStamp(model)).containsOnlyKeys("ranker", "student");
        DemoState.forgetComponent(model, "ranker");
        assertThat(DemoState.readModelStamp(model)).containsOnlyKeys("student");
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:d", "quick", "--profile quick")
                .reuse()).isFalse();
    }

    @Test
    void anUnreadableStampTrustsNothing() throws IOException {
        Path model = tmp.resolve("m");
        Files.createDirectories(model.resolve("ranker"));
        Files.writeString(model.resolve(DemoState.MODEL_STAMP), "{\"ranker\": {\"datasetHash\": ");
        assertThat(DemoState.componentDecision(model, "ranker", "ranker", "sha256:d", "quick", "--profile quick"))
                .isEqualTo(new DemoState.Decision(false, "not trained yet"));
        assertThat(DemoState.read(model.resolve(DemoState.MODEL_STAMP), DemoState.DatasetStamp.class)).isNull();
    }

    @Test
    void recordsAreWrittenWholeThroughATemporaryFile() throws IOException {
        Path file = tmp.resolve("demo/import.json");
        DemoState.writeJson(file, IMPORTED);
        assertThat(DemoState.read(file, DemoState.ImportRecord.class)).isEqualTo(IMPORTED);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("import.json");
        }
    }

    @Test
    void theFingerprintChangesWhenADataFileChanges() throws IOException {
        for (Path path : DemoDataTest.writeEveryFile(tmp)) {
            Files.setLastModifiedTime(path, FileTime.fromMillis(1_000_000L));
        }
        String before = DemoState.fingerprint(tmp);
        assertThat(DemoState.fingerprint(tmp)).isEqualTo(before).startsWith("sha256:");
        Path edges = tmp.resolve(DemoData.FILES.get(1).path());
        Files.write(edges, List.of("a", "b"));
        Files.setLastModifiedTime(edges, FileTime.fromMillis(1_000_000L));
        assertThat(DemoState.fingerprint(tmp)).isNotEqualTo(before);
    }
}

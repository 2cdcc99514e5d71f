package org.kedrec.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendTableTest {
    @Test
    void aPathReadsFromTheDiseaseToTheDrugWithEachRelationshipsDirection() {
        assertThat(RecommendTable.pathText(List.of("hypertension", "ACE", "Ramipril"), List.of("ASSOCIATES", "BINDS"),
                List.of(true, false))).isEqualTo("hypertension -ASSOCIATES-> ACE <-BINDS- Ramipril");
        assertThat(RecommendTable.pathText(List.of("hypertension"), List.of(), List.of())).isEqualTo("hypertension");
        assertThat(RecommendTable.pathText(List.of(), List.of(), List.of())).isEmpty();
        assertThatThrownBy(() -> RecommendTable.pathText(List.of("a", "b"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A path of 2 nodes has 1 relationships, but 0 types and 0 directions were given.");
    }

    @Test
    void theTableHasOneLinePerDrugAndItsRationaleUnderIt() {
        List<String> lines = RecommendTable.format("hypertension (DOID:10763)", List.of(
                new RecommendTable.Row(1, "Ramipril", "DrugBank:DB00178", 0.91234, "yes (train)",
                        "hypertension <-TREATS- Ramipril", "Ramipril.  Ramipril binds ACE [E1]."),
                new RecommendTable.Row(2, "A drug with a very long name indeed", "DrugBank:DB1", 0.5, "no", "",
                        "")));
        assertThat(lines).containsExactly(
                "Recommendations for hypertension (DOID:10763) (best explanation path from the disease to the drug):",
                "rank  drug                       score  known treatment     top explanation path",
                "-".repeat(140),
                "   1  Ramipril                  0.9123  yes (train)         hypertension <-TREATS- Ramipril",
                "      why: Ramipril. Ramipril binds ACE [E1].",
                "   2  A drug with a very lo...  0.5000  no                  (no path within 3 steps)");
    }

    @Test
    void longPathsAndRationalesAreCut() {
        String path = "hypertension" + " <-ASSOCIATES- GENE".repeat(10);
        String rationale = "word ".repeat(60);
        List<String> lines = RecommendTable.format("d", List.of(
                new RecommendTable.Row(1, "X", "X", 0.1, "no", path, rationale)));
        assertThat(lines.get(3)).endsWith(path.substring(0, RecommendTable.PATH_WIDTH - 3) + "...");
        assertThat(lines.get(4)).isEqualTo("      why: " + rationale.substring(0, RecommendTable.RATIONALE_WIDTH - 3)
                + "...");
        assertThat(RecommendTable.format("d", List.of())).contains(
                "  (no drugs: the model returned nothing for this disease)");
    }
}

package org.kedrec.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.core.data.DataDirectory;

/** Derives from the data directory's originals into an empty folder and compares with the shipped copies. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeriverTest {
    @TempDir
    static Path out;

    private Path data;
    private List<Deriver.Written> written;

    @BeforeAll
    void derive() throws IOException {
        data = DataDirectory.forTests(Assumptions::abort);
        written = new Deriver(data, out).deriveAll();
    }

    @Test
    void everyRecipeReproducesTheShippedRowsAndCounts() throws IOException {
        assertThat(written).extracting(w -> w.recipe().path() + " " + w.rows()).containsExactly(
                "derived/hetionet-v1.0-edges-demo.sif.gz 193242",
                "eval/hetionet_CtD_split.tsv 755",
                "fixtures/hetionet-nodes-for-edges-10.tsv 432",
                "crosswalk/mesh_to_hetionet_disease.tsv 450",
                "crosswalk/uniprot_to_entrez.tsv 4040",
                "clinicaltrials/trials_hint_x_hetionet.tsv 1194",
                "fixtures/ctg-studies-5.json 5");
        for (Deriver.Recipe recipe : Deriver.RECIPES) {
            Map<String, Integer> shipped = rows(data.resolve(recipe.path()));
            Map<String, Integer> derived = rows(out.resolve(recipe.path()));
            assertThat(derived).as(recipe.path()).isEqualTo(shipped);
        }
    }

    /** Stronger than the rows: the same order too, so `data verify` accepts a derived directory as pinned. */
    @Test
    void theDerivedFilesVerifyAgainstTheCatalogue() {
        for (Deriver.Recipe recipe : Deriver.RECIPES) {
            DataCatalogue.Entry entry = DataCatalogue.pinned().entry(recipe.path()).orElseThrow();
            assertThat(entry.recipe()).isEqualTo(recipe.name());
            assertThat(DataVerifier.check(out, List.of(entry))).singleElement()
                    .satisfies(c -> assertThat(c.state()).as(c.entry().path() + " " + c.detail())
                            .isEqualTo(DataVerifier.State.OK));
        }
        assertThat(out.resolve("eval/hetionet_CtD_split.tsv.part")).doesNotExist();
    }

    @Test
    void missingOriginalsAreNamedWithTheFetchCommand(@TempDir Path empty) {
        assertThatThrownBy(() -> new Deriver(empty, empty).deriveAll())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot derive: 18 original files are missing under " + empty + ": "
                        + "hetionet/hetionet-v1.0-nodes.tsv, hetionet-integrate/edges-5k.sif.gz, "
                        + "hetionet-sources/CbG-binding.tsv, hetionet-sources/DaG-association.tsv, "
                        + "hetionet-sources/pathways.tsv, hetionet-integrate/edges-10.sif, "
                        + "disease-ontology/xrefs-slim.tsv, disease-ontology/xrefs-prop-slim.tsv, "
                        + "drugbank-dhimmel/proteins.tsv, drugcentral/drug_target.tsv, "
                        + "clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv, clinicaltrials/hint/phase_III_test.csv, "
                        + "clinicaltrials/hint/phase_III_valid.csv, clinicaltrials/hint/phase_II_valid.csv, "
                        + "clinicaltrials/hint/phase_I_test.csv, clinicaltrials/hint/phase_I_train.csv, "
                        + "clinicaltrials/hint/phase_I_valid.csv, clinicaltrials/ctgov-api-v2/ctg-studies.json. "
                        + "Run `bin/kedrec data fetch --dir " + empty + "` first.");
        assertThat(empty.resolve("derived")).doesNotExist();
    }

    /**
     * The shipped MeSH-to-DrugBank crosswalk joins DrugCentral with DrugMechDB, which is not in the catalogue, so no
     * recipe writes it; the DrugCentral join reproduces exactly its DrugCentral rows (their DrugMechDB mark removed),
     * and the rest is exactly the rows that only DrugMechDB gives.
     */
    @Test
    void theDrugCentralPartOfMeshToDrugbankIsReproducedAndOnlyDrugMechDbIsMissing() throws IOException {
        List<String> shipped = Files.readAllLines(data.resolve("crosswalk/mesh_to_drugbank.tsv"),
                StandardCharsets.UTF_8);
        List<String> fromDrugCentral = shipped.stream().skip(1).filter(line -> line.contains("\tDrugCentral:"))
                .map(line -> line.replace("|DrugMechDB", "")).toList();
        List<String> derived = new Deriver(data, out).meshToDrugbankFromDrugCentral();
        assertThat(derived).hasSize(2487).containsExactlyElementsOf(fromDrugCentral);
        assertThat(shipped.stream().skip(1).filter(line -> !line.contains("\tDrugCentral:")))
                .hasSize(227).allSatisfy(line -> assertThat(line).endsWith("\tDrugMechDB"));
    }

    @Test
    void derivedFilesWithoutARecipeAreExactlyThoseThatNeedASourceOutsideTheCatalogue() {
        List<String> withoutRecipe = DataCatalogue.pinned().of(DataCatalogue.Kind.DERIVED).stream()
                .filter(e -> e.recipe() == null).map(DataCatalogue.Entry::path).toList();
        assertThat(withoutRecipe).containsExactlyInAnyOrderElementsOf(Deriver.NOT_DERIVABLE.keySet());
    }

    @Test
    void pythonListsReadAsLiteralEvalReadsThem() {
        assertThat(Deriver.pythonList("[\"crohn's disease\", 'a\\'b', 'x\\\\y', ' sp ']", "f.csv", "NCT1"))
                .containsExactly("crohn's disease", "a'b", "x\\y", " sp ");
        assertThat(Deriver.pythonList("[]", "f.csv", "NCT1")).isEmpty();
        assertThatThrownBy(() -> Deriver.pythonList("asthma", "phase_I_test.csv", "NCT2"))
                .hasMessageContaining("phase_I_test.csv, trial NCT2: expected a Python list");
    }

    @Test
    void numbersPrintAsPythonReprPrintsThem() {
        assertThat(List.of("101.00", "0.00", "10.1200", "-27.46794", "12", "1e-05", "0.0001", "1E16", "123456789012345.0",
                "-0.0", "2.5e3")).map(Deriver::pythonNumber).containsExactly("101.0", "0.0", "10.12", "-27.46794",
                "12", "1e-05", "0.0001", "1e+16", "123456789012345.0", "-0.0", "2500.0");
    }

    /** Each line with how often it occurs: order-insensitive, duplicates counted. */
    private static Map<String, Integer> rows(Path file) throws IOException {
        Map<String, Integer> rows = new HashMap<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.merge(line, 1, Integer::sum);
            }
        }
        return rows;
    }
}

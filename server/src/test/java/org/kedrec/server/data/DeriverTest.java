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

    /**
     * Without the full crosswalk, derive writes the DrugCentral part with its own pin and a provenance note, and
     * verify calls it partial (not corrupt, not missing); a second derive rewrites it identically.
     */
    @Test
    void withoutTheFullCrosswalkDeriveWritesTheDrugCentralPartMarkedPartial(@TempDir Path target) throws IOException {
        Deriver.Partial partial = Deriver.MESH_TO_DRUGBANK;
        List<Deriver.PartialOutcome> outcomes = new Deriver(data, target).derivePartials();
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(Deriver.PartialAction.WRITTEN);
            assertThat(o.line()).isEqualTo("crosswalk/mesh_to_drugbank.tsv: 2,487 rows, derived from DrugCentral "
                    + "only: 2,487 of the shipped 2,714 rows; the 227 DrugMechDB rows (and the DrugMechDB mark of "
                    + "1,321 rows) need DrugMechDB (SuLab/DrugMechDB), which is not in the catalogue: `bin/kedrec data "
                    + "fetch --mirror URL|DIR` from a copy of the data replaces it with the full file");
        });
        Path file = target.resolve(partial.path());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(Files.readAllLines(data.resolve(partial.path()), StandardCharsets.UTF_8)
                .get(0));
        assertThat(lines.subList(1, lines.size())).isEqualTo(new Deriver(data, target).meshToDrugbankFromDrugCentral());
        assertThat(Files.size(file)).isEqualTo(partial.bytes());
        assertThat(DataCatalogue.sha256(file)).isEqualTo(partial.sha256());
        assertThat(Files.readString(target.resolve(partial.notePath()))).startsWith("crosswalk/mesh_to_drugbank.tsv "
                + "was written by `bin/kedrec data derive` from the catalogue's public originals, DrugCentral only:")
                .contains("2,487 of the 2,714 rows", partial.sha256());
        DataCatalogue.Entry entry = DataCatalogue.pinned().entry(partial.path()).orElseThrow();
        assertThat(DataVerifier.check(target, List.of(entry))).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(DataVerifier.State.PARTIAL);
            assertThat(c.detail()).isEqualTo(partial.summary());
        });
        assertThat(new Deriver(data, target).derivePartials()).singleElement()
                .satisfies(o -> assertThat(o.action()).isEqualTo(Deriver.PartialAction.WRITTEN));
        assertThat(DataCatalogue.sha256(file)).isEqualTo(partial.sha256());
        assertThat(target.resolve(partial.path() + DataFetcher.PART)).doesNotExist();
    }

    /** A full crosswalk that verifies is never replaced by the smaller one; a stale note beside it goes. */
    @Test
    void aVerifiedFullCrosswalkIsKept(@TempDir Path target) throws IOException {
        Deriver.Partial partial = Deriver.MESH_TO_DRUGBANK;
        Path file = target.resolve(partial.path());
        Files.createDirectories(file.getParent());
        Files.copy(data.resolve(partial.path()), file);
        Files.writeString(target.resolve(partial.notePath()), "stale");
        assertThat(new Deriver(data, target).derivePartials()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(Deriver.PartialAction.KEPT_FULL);
            assertThat(o.line()).isEqualTo("crosswalk/mesh_to_drugbank.tsv: kept the full file (2,714 rows, verified "
                    + "against the catalogue); not derived");
        });
        assertThat(Files.mismatch(file, data.resolve(partial.path()))).isEqualTo(-1L);
        assertThat(target.resolve(partial.notePath())).doesNotExist();
    }

    /** A crosswalk that is neither the full nor the partial one may be the user's: left as it is, with the way out. */
    @Test
    void anUnknownCrosswalkIsLeftAsItIs(@TempDir Path target) throws IOException {
        Deriver.Partial partial = Deriver.MESH_TO_DRUGBANK;
        Path file = target.resolve(partial.path());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "mesh_id\tdrugbank_id\thetionet_id\thetionet_name\tsources\nD1\tDB1\t\t\tmine\n");
        String sha = DataCatalogue.sha256(file);
        assertThat(new Deriver(data, target).derivePartials()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(Deriver.PartialAction.KEPT_OTHER);
            assertThat(o.line()).isEqualTo("crosswalk/mesh_to_drugbank.tsv: left as it is: it is neither the "
                    + "catalogue's full file nor the DrugCentral-only one (SHA-256 " + sha + "). Delete it and run "
                    + "`bin/kedrec data derive` again to get the DrugCentral-only one, or fetch the full one with "
                    + "`bin/kedrec data fetch --mirror URL|DIR`");
        });
        assertThat(DataCatalogue.sha256(file)).isEqualTo(sha);
        assertThat(target.resolve(partial.notePath())).doesNotExist();
        DataCatalogue.Entry entry = DataCatalogue.pinned().entry(partial.path()).orElseThrow();
        assertThat(DataVerifier.check(target, List.of(entry))).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(DataVerifier.State.CORRUPT));
    }

    @Test
    void derivedFilesWithoutARecipeAreExactlyThoseThatNeedASourceOutsideTheCatalogue() {
        List<String> withoutRecipe = DataCatalogue.pinned().of(DataCatalogue.Kind.DERIVED).stream()
                .filter(e -> e.recipe() == null).map(DataCatalogue.Entry::path).toList();
        assertThat(withoutRecipe).containsExactlyInAnyOrderElementsOf(Deriver.NOT_DERIVABLE.keySet());
        assertThat(Deriver.WITHOUT.keySet()).containsExactlyInAnyOrderElementsOf(Deriver.NOT_DERIVABLE.keySet());
        assertThat(Deriver.PARTIALS).extracting(Deriver.Partial::path).isSubsetOf(Deriver.NOT_DERIVABLE.keySet());
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

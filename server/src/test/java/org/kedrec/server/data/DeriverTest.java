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
                "crosswalk/mesh_to_hetionet_disease.tsv 450");
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
                .hasMessage("Cannot derive: 8 original files are missing under " + empty + ": "
                        + "hetionet/hetionet-v1.0-nodes.tsv, hetionet-integrate/edges-5k.sif.gz, "
                        + "hetionet-sources/CbG-binding.tsv, hetionet-sources/DaG-association.tsv, "
                        + "hetionet-sources/pathways.tsv, hetionet-integrate/edges-10.sif, "
                        + "disease-ontology/xrefs-slim.tsv, disease-ontology/xrefs-prop-slim.tsv. Run `bin/kedrec data fetch "
                        + "--dir " + empty + "` first.");
        assertThat(empty.resolve("derived")).doesNotExist();
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

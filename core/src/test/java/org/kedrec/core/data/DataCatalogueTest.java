package org.kedrec.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kedrec.core.data.DataCatalogue.Entry;
import org.kedrec.core.data.DataCatalogue.Kind;

class DataCatalogueTest {
    private final DataCatalogue catalogue = DataCatalogue.pinned();

    @Test
    void pinsEveryOriginalToARawFileAddressOfItsCommit() {
        List<Entry> originals = catalogue.of(Kind.ORIGINAL);
        assertThat(originals).hasSize(69);
        for (Entry e : originals) {
            assertThat(e.url()).as(e.path())
                    .startsWith("https://raw.githubusercontent.com/" + e.repository() + "/" + e.commit() + "/")
                    .doesNotContain("/blob/").doesNotContain(" ");
        }
        assertThat(originals.stream().mapToLong(Entry::bytes).sum()).isEqualTo(37_884_753L);
    }

    @Test
    void pinsTheFullHetionetEdgesToTheirGitLfsObject() {
        assertThat(catalogue.of(Kind.FULL)).singleElement().satisfies(e -> {
            assertThat(e.bytes()).isEqualTo(12_401_407L);
            assertThat(e.sha256()).isEqualTo("611f0411ac666be4e0270e54bbca67407e14720bfc3099311f0f5eec25c5a947");
            assertThat(e.url()).isEqualTo("https://media.githubusercontent.com/media/hetio/hetionet/"
                    + "38873689199f81b0e6e11554d9803b94f0c4a12c/hetnet/tsv/hetionet-v1.0-edges.sif.gz");
        });
    }

    @Test
    void namesTheNonCommercialSources() {
        assertThat(catalogue.of(Kind.ORIGINAL).stream().filter(Entry::nonCommercial).map(Entry::path))
                .contains("drugbank-dhimmel/drugbank-slim.tsv", "drugbank-dhimmel/proteins.tsv",
                        "clinicaltrials/hint/phase_I_train.csv")
                .noneMatch(p -> p.startsWith("hetionet/") || p.startsWith("pubmed/"));
    }

    @Test
    void badCatalogueLinesNameTheProblem() {
        String header = "path\tkind\tbytes\tsha256\tterms\tlicence\trepository\tcommit\tsource_path\turl\trecipe\n";
        assertThatThrownBy(() -> DataCatalogue.parse(header + "a.tsv\toriginal\t1\tabc\topen\tCC0\t-\t-\t-\t-\t-\n"))
                .hasMessage("Data catalogue line 2: `abc` is not a SHA-256 (64 lower-case hex digits).");
        assertThatThrownBy(() -> DataCatalogue.parse(header + "../a.tsv\toriginal\t1\t" + "0".repeat(64)
                + "\topen\tCC0\t-\t-\t-\t-\t-\n"))
                .hasMessage("Data catalogue line 2: `../a.tsv` must be a relative path inside the data directory.");
        assertThatThrownBy(() -> DataCatalogue.parse("path\tkind\n"))
                .hasMessageStartingWith("Data catalogue line 1: expected the header path kind bytes");
    }

    /** The pins were computed from the shared data: every file there must still match its size and hash. */
    @Test
    void matchesTheDataDirectory() throws IOException {
        List<String> all = catalogue.of(Kind.ORIGINAL, Kind.DERIVED).stream().map(Entry::path).toList();
        Path dir = DataDirectory.forTests(Assumptions::abort, all.toArray(String[]::new));
        List<String> wrong = new ArrayList<>();
        for (String path : all) {
            Entry e = catalogue.entry(path).orElseThrow();
            if (!DataCatalogue.measure(e, dir.resolve(path)).matches(e)) {
                wrong.add(path);
            }
        }
        assertThat(wrong).isEmpty();
    }
}

package org.kedrec.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path tmp;

    @Test
    void aCompleteDirectoryPasses() throws IOException {
        writeEveryFile(tmp);
        assertThat(DemoData.missing(tmp)).isEmpty();
        assertThat(DemoData.require(tmp)).isEqualTo(tmp);
    }

    @Test
    void everyFileNamesAPublicSourceAndALicence() {
        assertThat(DemoData.FILES).hasSize(24);
        for (DemoData.DataFile file : DemoData.FILES) {
            assertThat(file.source()).as(file.path()).containsPattern("^https://raw\\.githubusercontent\\.com/|^derived")
                    .doesNotContain("/blob/");
            assertThat(file.licence()).as(file.path()).isNotBlank();
        }
        assertThat(DemoData.FILES).extracting(DemoData.DataFile::path).doesNotHaveDuplicates()
                .contains("hetionet/hetionet-v1.0-nodes.tsv", "derived/hetionet-v1.0-edges-demo.sif.gz",
                        "eval/hetionet_CtD_split.tsv", "pharmacotherapydb/indications.tsv");
    }

    @Test
    void anIncompleteDirectoryNamesEachMissingFileWithSourceAndLicence() throws IOException {
        for (DemoData.DataFile file : DemoData.FILES.subList(2, DemoData.FILES.size())) {
            Path path = tmp.resolve(file.path());
            Files.createDirectories(path.getParent());
            Files.writeString(path, "x");
        }
        assertThatThrownBy(() -> DemoData.require(tmp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The data directory " + tmp + " is incomplete: 2 of the 24 files the demo reads are "
                        + "missing:" + NL
                        + "  hetionet/hetionet-v1.0-nodes.tsv" + NL
                        + "      Hetionet v1.0 nodes (all 47,031)" + NL
                        + "      source:  https://raw.githubusercontent.com/hetio/hetionet/8a6cc0c5604d0e2908786e4de3"
                        + "8af67b8e46ee4a/hetnet/tsv/hetionet-v1.0-nodes.tsv" + NL
                        + "      licence: CC0 1.0" + NL
                        + "  derived/hetionet-v1.0-edges-demo.sif.gz" + NL
                        + "      the demo edges (193,242): Hetionet's edges-5k.sif.gz plus the complete CbG, DaG and "
                        + "GpPW edges of the hetionet-sources files" + NL
                        + "      source:  derived by `bin/kedrec data derive` (recipe demo-edges)" + NL
                        + "      licence: CC0 1.0 (integrated sources keep their terms)" + NL
                        + "Run `bin/kedrec data fetch --dir /path/to/data` and `bin/kedrec data derive --dir "
                        + "/path/to/data` (or copy the files into one folder under these relative paths; docs/data.md "
                        + "describes each), then run `kedrec demo --data /path/to/data` or "
                        + "`export KEDREC_DATA=/path/to/data`.");
    }

    @Test
    void noDirectoryListsEveryFile() {
        String message = messageOf(null);
        assertThat(message).startsWith("No KEDRec data directory found: neither --data nor $KEDREC_DATA is set, and "
                + "there is no ../shared/data beside the repository. The demo reads these 24 files:" + NL);
        for (DemoData.DataFile file : DemoData.FILES) {
            assertThat(message).contains("  " + file.path() + NL, "source:  " + file.source() + NL,
                    "licence: " + file.licence() + NL);
        }
        assertThat(message).contains("HINT benchmark usage agreement", "CC BY-NC 4.0", "ClinicalTrials.gov terms",
                "NCBI public-domain notice");
        assertThat(messageOf(tmp.resolve("nowhere"))).startsWith("The data directory " + tmp.resolve("nowhere")
                + " does not exist. The demo reads these 24 files:" + NL);
    }

    private static String messageOf(Path dir) {
        try {
            DemoData.require(dir);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + dir);
    }

    @Test
    void onlyMissingFilesAreListed() throws IOException {
        Path one = tmp.resolve(DemoData.FILES.get(0).path());
        Files.createDirectories(one.getParent());
        Files.writeString(one, "x");
        List<DemoData.DataFile> missing = DemoData.missing(tmp);
        assertThat(missing).hasSize(23).doesNotContain(DemoData.FILES.get(0));
    }

    /** Every file of the demo data set under {@code dir}, each holding {@code x}; returns their paths. */
    static List<Path> writeEveryFile(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (DemoData.DataFile file : DemoData.FILES) {
            Path path = dir.resolve(file.path());
            Files.createDirectories(path.getParent());
            Files.writeString(path, "x");
            written.add(path);
        }
        return written;
    }
}

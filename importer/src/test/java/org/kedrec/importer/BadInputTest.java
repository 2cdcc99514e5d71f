package org.kedrec.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.importer.trials.TrialSources;

/**
 * Every kind of bad input gives a message naming the file, the line and the fix (pinned here); {@code skip} counts
 * bad lines by reason; a failed import leaves complete batches only and can be re-run.
 */
class BadInputTest {
    private static TestNeo4j neo4j;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        neo4j = TestNeo4j.shared();
    }

    @BeforeEach
    void empty() {
        neo4j.wipe();
    }

    static Path broken(String name) {
        try {
            return Paths.get(BadInputTest.class.getResource("/broken/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Importer importer(OnError onError) {
        return importer(onError, ImportOptions.DEFAULT_BATCH_SIZE);
    }

    private static Importer importer(OnError onError, int batchSize) {
        return new Importer(neo4j.driver(), ImportOptions.defaults().withOnError(onError).withBatchSize(batchSize)
                // The bad inputs are hand-written fixtures: the data directory is optional here (side files only).
                .withDataDirectory(org.kedrec.core.data.DataDirectory.find().orElse(null)));
    }

    private static ImportReport hetionet(Importer importer, String edges) {
        return importer.importHetionet(broken("nodes.tsv"), broken(edges));
    }

    private static final String SKIP = ", or import with --on-error skip to skip such lines.";

    /** An import of the broken edge file {@code name} with --on-error fail stops with the file's name, then this. */
    private static void assertStopsAt(String name, String lineAndFix) {
        assertThatThrownBy(() -> hetionet(importer(OnError.FAIL), name))
                .hasMessage(broken(name) + lineAndFix + SKIP);
    }

    @Test
    void theGoodFileImportsAndDuplicateLinesGiveOneRelationship() {
        ImportReport good = hetionet(importer(OnError.FAIL), "edges-good.tsv");
        assertThat(good.relationships()).containsExactlyInAnyOrderEntriesOf(Map.of("TREATS", 10L, "BINDS", 2L));
        neo4j.wipe();
        ImportReport duplicates = hetionet(importer(OnError.FAIL), "edges-duplicates.tsv");
        assertThat(duplicates.relationships()).containsExactlyInAnyOrderEntriesOf(Map.of("TREATS", 10L, "BINDS", 2L));
        assertThat(duplicates.created()).isEqualTo(new ImportReport.Created(24, 12));
        assertThat(duplicates.files()).extracting(ImportReport.FileReport::lines).containsExactly(25L, 16L);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("no-such-edges.sif");
        assertThatThrownBy(() -> importer(OnError.SKIP).importHetionet(broken("nodes.tsv"), missing))
                .isInstanceOf(ImportException.class)
                .hasMessage("Input file " + missing + " does not exist. Check the path, or point --data (or "
                        + "KEDREC_DATA) at the data directory that holds it.");
        assertThat(neo4j.count("MATCH (n) RETURN count(n)")).as("nothing written").isZero();
    }

    @Test
    void aWrongColumnLayoutFailsOnTheHeader() {
        Path edges = broken("edges-good.tsv");
        assertThatThrownBy(() -> importer(OnError.SKIP).importHetionet(edges, edges))
                .hasMessage(edges + " line 1: expected the columns [id, name, kind] of a Hetionet nodes file but "
                        + "found [source, metaedge, target]. Pass the nodes TSV (e.g. hetionet/hetionet-v1.0-nodes.tsv) "
                        + "as the nodes file.");
        assertThat(neo4j.count("MATCH (n) RETURN count(n)")).as("nothing written").isZero();
    }

    @Test
    void aTruncatedGzipIsReportedWithTheLastGoodLine() throws IOException {
        Path gz = tmp.resolve("edges.sif.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(broken("edges-good.tsv")));
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, 20));
        assertThatThrownBy(() -> importer(OnError.SKIP).importHetionet(broken("nodes.tsv"), gz))
                .hasMessage(gz + " is truncated or not valid gzip: reading stopped after line 0 (Unexpected end of "
                        + "ZLIB input stream). Copy or download the file again; a failed import can simply be re-run.");
        // The same file intact is read as gzip whatever its name.
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp.resolve("edges.txt")))) {
            out.write(Files.readAllBytes(broken("edges-good.tsv")));
        }
        assertThat(importer(OnError.FAIL).importHetionet(broken("nodes.tsv"), tmp.resolve("edges.txt"))
                .created().relationships()).isEqualTo(12);
    }

    @Test
    void aMalformedLineStopsTheImportOrIsSkipped() {
        Path edges = broken("edges-malformed.tsv");
        assertThatThrownBy(() -> hetionet(importer(OnError.FAIL), "edges-malformed.tsv"))
                .isInstanceOf(ImportException.class)
                .hasMessage(edges + " line 4: expected 3 tab-separated columns (source, metaedge, target) but found 2. "
                        + "Fix or remove the line" + SKIP);
        ImportReport skipped = hetionet(importer(OnError.SKIP), "edges-malformed.tsv");
        assertThat(skipped.skippedLines()).isEqualTo(1);
        assertThat(skipped.skippedByReason()).containsExactly(Map.entry("malformed line", 1L));
        assertThat(skipped.relationships()).containsExactlyInAnyOrderEntriesOf(Map.of("TREATS", 9L, "BINDS", 2L));
    }

    @Test
    void anUnknownNodeIdNamesTheIdAndTheFix() {
        assertStopsAt("edges-unknown-id.tsv", " line 3: unknown node id `Gene::999999999`: no Gene NCBIGene:999999999 "
                + "in the graph or in the nodes file. Import the nodes file that defines it first or fix the id");
        ImportReport skipped = hetionet(importer(OnError.SKIP), "edges-unknown-id.tsv");
        assertThat(skipped.skippedByReason()).containsExactly(Map.entry("unknown node id", 1L));
        assertThat(skipped.created().relationships()).isEqualTo(12);
    }

    @Test
    void anUnknownMetaedgeSuggestsTheClosest() {
        assertStopsAt("edges-unknown-metaedge.tsv", " line 2: unknown metaedge `CxD` (did you mean [CpD, CtD, CbG]?). "
                + "Fix the metaedge or add a Hetionet row for it to relation-types.tsv");
    }

    @Test
    void aBadIdSaysWhatAnIdLooksLike() {
        assertStopsAt("edges-bad-id.tsv", " line 2: `DB00700` is not a Hetionet node id: expected `Kind::identifier`, "
                + "e.g. `Compound::DB00997`. Fix the id");
    }

    @Test
    void aFailedRunLeavesCompleteBatchesOnlyAndCanBeRerun() {
        Path edges = broken("edges-partial.tsv");
        // Batches of 2: lines 2-5 are two committed batches, line 6 waits in the buffer when line 7 fails.
        assertThatThrownBy(() -> hetionet(importer(OnError.FAIL, 2), "edges-partial.tsv"))
                .hasMessage(edges + " line 7: expected 3 tab-separated columns (source, metaedge, target) but found 1. "
                        + "Fix or remove the line" + SKIP);
        assertThat(neo4j.count("MATCH ()-[r:TREATS]->() RETURN count(r)")).isEqualTo(4);
        assertThat(neo4j.count("MATCH (n) RETURN count(n)")).isEqualTo(24);
        // The fixed file completes the import without duplicating what the failed run wrote.
        ImportReport rerun = hetionet(importer(OnError.FAIL, 2), "edges-good.tsv");
        assertThat(rerun.created()).isEqualTo(new ImportReport.Created(0, 8));
        assertThat(rerun.relationships()).containsExactlyInAnyOrderEntriesOf(Map.of("TREATS", 10L, "BINDS", 2L));
    }

    @Test
    void evidenceFilesNameTheirProblems() {
        Importer importer = importer(OnError.FAIL);
        hetionet(importer, "edges-good.tsv");
        Path pubtator = broken("pubtator-malformed.txt");
        assertThatThrownBy(() -> importer.importPubmed(pubtator))
                .hasMessage(pubtator + " line 4: `26094\\tthis line is not PubTator` is neither a title, an abstract, "
                        + "a mention (6 or more tab-separated fields: PMID, start, end, text, type, ids) nor a relation "
                        + "(PMID, type, id, id). Fix or remove the line" + SKIP);
        Path drkg = broken("drkg-unknown-relation.tsv");
        assertThatThrownBy(() -> importer.importDrkg(drkg))
                .hasMessage(drkg + " line 1: unknown DRKG relation `DRUGBANK::cures::Compound:Disease`. Add a DRKG "
                        + "row for it to relation-types.tsv or fix the relation" + SKIP);
        Path json = broken("ctg-truncated.json");
        assertThatThrownBy(() -> importer.importTrials(TrialSources.ctgovJson(json)))
                .hasMessageStartingWith(json + " is not valid ClinicalTrials.gov API v2 JSON: ")
                .hasMessageEndingWith(". Download the studies again (format=json).");
        Path xml = broken("NCT00000001.xml");
        assertThatThrownBy(() -> importer.importTrials(new TrialSources(null, java.util.List.of(xml), null, null, null,
                        null)))
                .hasMessageStartingWith(xml + " is not a well-formed ClinicalTrials.gov XML record: ")
                .hasMessageEndingWith(". Download the record again.");
        Path csv = broken("hint-unterminated.csv");
        Path links = TestNeo4j.data().resolve("clinicaltrials/trials_hint_x_hetionet.tsv");
        // (skip: the links file names Hetionet ids this small graph lacks; an unclosed quote is fatal anyway)
        assertThatThrownBy(() -> importer(OnError.SKIP).importTrials(new TrialSources(null, null,
                        java.util.List.of(csv), links, null, null)))
                .hasMessage(csv + " line 2: a quoted field opened in this record is never closed. Add the closing "
                        + "double quote (a quote inside a field is written \"\").");
        // The PubTator skip mode drops the bad line and keeps the document.
        ImportReport skipped = importer(OnError.SKIP).importPubmed(pubtator);
        assertThat(skipped.skippedByReason()).containsExactly(Map.entry("malformed line", 1L));
        assertThat(skipped.nodes()).containsEntry("Publication", 1L);
    }

    /** What an import of {@code nodes} and {@code edges} ends with: its counts, or the message it failed with. */
    private String outcome(OnError onError, Path nodes, Path edges) {
        neo4j.wipe();
        try {
            ImportReport report = importer(onError).importHetionet(nodes, edges);
            return "imported " + report.created().nodes() + " nodes, " + report.created().relationships()
                    + " relationships, skipped " + report.skippedByReason();
        } catch (RuntimeException e) {
            return e.getMessage().replace(tmp.toString(), "<tmp>");
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String good(String name) throws IOException {
        return Files.readString(broken(name));
    }

    @Test
    void theCatalogueOfBadFiles() throws IOException {
        Path nodes = broken("nodes.tsv");
        String edges = good("edges-good.tsv");
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        // An empty edges file, and an empty nodes file.
        soft.assertThat(outcome(OnError.FAIL, nodes, write("empty.sif", ""))).as("empty edges")
                .isEqualTo("<tmp>/empty.sif line 1: expected the columns [source, metaedge, target] of a Hetionet edges SIF "
                        + "file but found an empty file. Pass the edges SIF (e.g. derived/hetionet-v1.0-edges-demo.sif.gz) as "
                        + "the edges file.");
        soft.assertThat(outcome(OnError.FAIL, write("empty-nodes.tsv", ""), broken("edges-good.tsv")))
                .as("empty nodes").isEqualTo("<tmp>/empty-nodes.tsv line 1: expected the columns [id, name, kind] of a "
                        + "Hetionet nodes file but found an empty file. Pass the nodes TSV (e.g. "
                        + "hetionet/hetionet-v1.0-nodes.tsv) as the nodes file.");
        // A nodes file without the kind column.
        soft.assertThat(outcome(OnError.FAIL, write("nodes-2col.tsv", good("nodes.tsv").lines()
                        .map(l -> l.substring(0, l.lastIndexOf('\t'))).collect(java.util.stream.Collectors
                                .joining("\n", "", "\n"))), broken("edges-good.tsv")))
                .as("missing column").isEqualTo("<tmp>/nodes-2col.tsv line 1: expected the columns [id, name, kind] of a "
                        + "Hetionet nodes file but found [id, name]. Pass the nodes TSV (e.g. "
                        + "hetionet/hetionet-v1.0-nodes.tsv) as the nodes file.");
        // A byte-order mark, and Windows line ends: read as the same file.
        soft.assertThat(outcome(OnError.FAIL, nodes, write("bom.sif", "\uFEFF" + edges))).as("BOM")
                .isEqualTo("imported 24 nodes, 12 relationships, skipped {}");
        soft.assertThat(outcome(OnError.FAIL, nodes, write("crlf.sif", edges.replace("\n", "\r\n"))))
                .as("CRLF").isEqualTo("imported 24 nodes, 12 relationships, skipped {}");
        // Bytes that are not UTF-8 in a node name.
        byte[] latin1 = good("nodes.tsv").replace("Ramipril", "Ramipril\u00e9").getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1);
        soft.assertThat(outcome(OnError.FAIL, write("latin1-nodes.tsv", latin1), broken("edges-good.tsv")))
                .as("bad UTF-8").isEqualTo("<tmp>/latin1-nodes.tsv is not valid UTF-8 at or after line 1 (Input "
                        + "length = 1). Save the file as UTF-8 and re-run the import.");
        // A 10 MB line.
        String huge = "Compound::DB00178\tCtD\tDisease::" + "x".repeat(10 * 1024 * 1024) + "\n";
        soft.assertThat(outcome(OnError.FAIL, nodes, write("huge.sif", edges + huge))).as("10 MB line")
                .isEqualTo("<tmp>/huge.sif line 14: unknown node id `Disease::" + "x".repeat(191) + "… (10485769 "
                        + "characters in all)`: no Disease DOID:" + "x".repeat(195) + "… (10485765 characters in all) in the graph "
                        + "or in the nodes file. Import the nodes file that defines it first or fix the id, or import with --on-error skip to skip such lines.");
        soft.assertThat(outcome(OnError.SKIP, nodes, write("huge-skip.sif", edges + huge))).as("10 MB line, skip")
                .isEqualTo("imported 24 nodes, 12 relationships, skipped {unknown node id=1}");
        // The same node id twice in the nodes file.
        soft.assertThat(outcome(OnError.FAIL, write("dup-nodes.tsv", good("nodes.tsv")
                        + "Compound::DB00178\tRamipril (again)\tCompound\n"), broken("edges-good.tsv")))
                .as("duplicate node id").isEqualTo("imported 24 nodes, 12 relationships, skipped {}");
        // Edges only, no header.
        soft.assertThat(outcome(OnError.FAIL, nodes, write("no-header.sif", edges.substring(edges.indexOf('\n') + 1))))
                .as("no header").isEqualTo("<tmp>/no-header.sif line 1: expected the columns [source, metaedge, target] of "
                        + "a Hetionet edges SIF file but found [Compound::DB00700, CtD, Disease::DOID:3393]. Pass the edges SIF "
                        + "(e.g. derived/hetionet-v1.0-edges-demo.sif.gz) as the edges file.");
        // A binary file.
        soft.assertThat(outcome(OnError.FAIL, nodes, write("binary.sif", new byte[] {0, 1, 2, (byte) 0xff, 10, 0})))
                .as("binary").isEqualTo("<tmp>/binary.sif is not valid UTF-8 at or after line 1 (Input length = 1). "
                        + "Save the file as UTF-8 and re-run the import.");
        soft.assertAll();
    }
}

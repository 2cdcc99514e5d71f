package org.kedrec.server.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.core.data.DataCatalogue.Entry;
import org.kedrec.core.data.DataCatalogue.Kind;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.server.cli.CliRun;

/**
 * Serves the real originals of the data directory over HTTP on 127.0.0.1 (JDK HttpServer, with Range support and
 * faults the test switches on: a connection cut mid-file, a flipped byte) and fetches them into empty folders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataFetchIT {
    private static final String NL = System.lineSeparator();
    private static final String MEDIUM = "hetionet-sources/DaG-association.tsv"; // 723,827 bytes
    private static final String SMALL = "hetionet/metaedges.tsv";

    private Path data;
    /** A mirror of the test's own files, for pins the test sets. */
    private Path own;
    private HttpServer server;
    private String base;
    /** The same server, serving only the catalogue's original files: what the public sources can give. */
    private String originalsBase;
    /** Per path: serve only this many bytes of the next response, then drop the connection. */
    private final Map<String, Long> cutAfter = new ConcurrentHashMap<>();
    /** Per path: flip the byte at this offset in every response. */
    private final Map<String, Long> flip = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();

    @TempDir
    Path tmp;

    @BeforeAll
    void serve() throws IOException {
        data = DataDirectory.forTests(Assumptions::abort);
        own = Files.createTempDirectory("kedrec-own-mirror");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data/", exchange -> handle(exchange, "/data/", data));
        server.createContext("/own/", exchange -> handle(exchange, "/own/", own));
        java.util.Set<String> originals = new java.util.HashSet<>(DataCatalogue.pinned().of(Kind.ORIGINAL).stream()
                .map(Entry::path).toList());
        server.createContext("/originals/", exchange -> handle(exchange, "/originals/", data, originals::contains));
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/data/";
        originalsBase = base.replace("/data/", "/originals/");
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        if (own != null) {
            try (var files = Files.walk(own)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @BeforeEach
    void reset() {
        cutAfter.clear();
        flip.clear();
        requests.clear();
    }

    private void handle(HttpExchange exchange, String prefix, Path root) throws IOException {
        handle(exchange, prefix, root, path -> true);
    }

    private void handle(HttpExchange exchange, String prefix, Path root, java.util.function.Predicate<String> serves)
            throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8)
                    .substring(prefix.length());
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(path + (range == null ? "" : " " + range));
            Path file = root.resolve(path).normalize();
            if (!serves.test(path) || !file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            Long at = flip.get(path);
            if (at != null) {
                bytes[at.intValue()] ^= 0x01;
            }
            int from = 0;
            if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                from = Integer.parseInt(range.substring(6, range.length() - 1));
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
                exchange.sendResponseHeaders(206, bytes.length - from);
            } else {
                exchange.sendResponseHeaders(200, bytes.length);
            }
            Long cut = cutAfter.remove(path);
            OutputStream body = exchange.getResponseBody();
            if (cut != null) {
                body.write(bytes, from, cut.intValue());
                body.flush();
                served.incrementAndGet();
                // Closing the exchange before Content-Length bytes were sent drops the connection mid-file.
                throw new IOException("cut on purpose");
            }
            body.write(bytes, from, bytes.length - from);
            served.incrementAndGet();
        }
    }

    private DataFetcher fetcher(Path dir, String mirror) {
        return new DataFetcher(new DataFetcher.Settings(dir, mirror, 4, Duration.ofSeconds(20)),
                FetchProgress.silent());
    }

    private static Entry entry(String path) {
        return DataCatalogue.pinned().entry(path).orElseThrow();
    }

    @Test
    void fetchesEveryOriginalIntoAnEmptyFolderThenDownloadsNothing() {
        Path dir = tmp.resolve("fresh");
        CliRun first = CliRun.of("data", "fetch", "--dir", dir.toString(), "--mirror", base);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Fetching 72 of 72 files (38.1 MB) into " + dir + " from " + base + "." + NL,
                "NOTICE: ", "drugbank-dhimmel/drugbank-slim.tsv - DrugBank content CC BY-NC 4.0",
                "clinicaltrials/hint/phase_I_train.csv - HINT benchmark usage agreement: non-commercial use only",
                dir + ": 72 downloaded (38.1 MB, 0 resumed), 0 already verified, 0 failed." + NL);
        for (Entry e : DataCatalogue.pinned().of(Kind.ORIGINAL)) {
            assertThat(dir.resolve(e.path() + DataFetcher.PART)).doesNotExist();
        }
        assertThat(DataVerifier.check(dir, DataCatalogue.pinned().of(Kind.ORIGINAL)))
                .allSatisfy(c -> assertThat(c.state()).as(c.entry().path()).isEqualTo(DataVerifier.State.OK));
        CliRun verify = CliRun.of("data", "verify", "--dir", dir.toString());
        assertThat(verify.out()).contains("ok       drugbank-dhimmel/drugbank-slim.tsv",
                "NON-COMMERCIAL DrugBank content CC BY-NC 4.0", "MISSING  derived/hetionet-v1.0-edges-demo.sif.gz");

        requests.clear();
        CliRun second = CliRun.of("data", "fetch", "--dir", dir.toString(), "--mirror", base);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).startsWith(dir + ": 0 downloaded (0.0 MB, 0 resumed), 72 already verified, 0 "
                + "failed." + NL).doesNotContain("NOTICE");
        assertThat(requests).isEmpty();
    }

    @Test
    void aConnectionCutMidFileResumesWithARangeRequest() throws IOException {
        cutAfter.put(MEDIUM, 300_000L);
        Path dir = tmp.resolve("cut");
        List<DataFetcher.Outcome> outcomes = fetcher(dir, base).fetch(List.of(entry(MEDIUM)));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).as(String.valueOf(o.error())).isEqualTo(DataFetcher.Status.DOWNLOADED);
            assertThat(o.resumes()).isEqualTo(1);
            assertThat(o.bytes()).isEqualTo(entry(MEDIUM).bytes());
        });
        // The server wrote 300,000 bytes before dropping the connection; under load the client may have read a
        // little less of them, and resumes from exactly what it kept.
        assertThat(requests).hasSize(2).first().isEqualTo(MEDIUM);
        assertThat(requests.get(1)).startsWith(MEDIUM + " bytes=").endsWith("-");
        String resumed = requests.get(1);
        long from = Long.parseLong(resumed.substring((MEDIUM + " bytes=").length(), resumed.length() - 1));
        assertThat(from).isPositive().isLessThanOrEqualTo(300_000L);
        assertThat(DataCatalogue.sha256(dir.resolve(MEDIUM))).isEqualTo(entry(MEDIUM).sha256());
    }

    @Test
    void aPartialFileOfAnEarlierRunIsResumedNotRestarted() throws IOException {
        Path dir = tmp.resolve("earlier");
        Path part = dir.resolve(MEDIUM + DataFetcher.PART);
        Files.createDirectories(part.getParent());
        byte[] whole = Files.readAllBytes(data.resolve(MEDIUM));
        Files.write(part, java.util.Arrays.copyOf(whole, 500_000));
        List<DataFetcher.Outcome> outcomes = fetcher(dir, base).fetch(List.of(entry(MEDIUM)));
        assertThat(outcomes.get(0).status()).isEqualTo(DataFetcher.Status.DOWNLOADED);
        assertThat(outcomes.get(0).bytes()).isEqualTo(whole.length - 500_000L);
        assertThat(requests).containsExactly(MEDIUM + " bytes=500000-");
        assertThat(dir.resolve(MEDIUM)).hasBinaryContent(whole);
        assertThat(part).doesNotExist();
    }

    @Test
    void aCorruptedByteFailsNamingTheFileAndBothHashesAndKeepsNothing() throws IOException {
        flip.put(SMALL, 100L);
        Path dir = tmp.resolve("corrupt");
        byte[] bad = Files.readAllBytes(data.resolve(SMALL));
        bad[100] ^= 0x01;
        String actual = java.util.HexFormat.of().formatHex(DataCatalogue.newDigest().digest(bad));
        List<DataFetcher.Outcome> outcomes = fetcher(dir, base).fetch(List.of(entry(SMALL)));
        assertThat(outcomes.get(0).status()).isEqualTo(DataFetcher.Status.FAILED);
        assertThat(outcomes.get(0).error()).isEqualTo(SMALL + ": SHA-256 mismatch: expected " + entry(SMALL).sha256()
                + ", got " + actual + " (from " + base + SMALL + "). The download was deleted; "
                + dir.resolve(SMALL) + " was left as it was. Check the mirror or the source and run the fetch again.");
        assertThat(dir.resolve(SMALL)).doesNotExist();
        assertThat(dir.resolve(SMALL + DataFetcher.PART)).doesNotExist();
    }

    @Test
    void aMissingFileNamesTheAddress() {
        String header = "path\tkind\tbytes\tsha256\tterms\tlicence\trepository\tcommit\tsource_path\turl\trecipe\n";
        Entry missing = DataCatalogue.parse(header + "nowhere/gone.tsv\toriginal\t10\t" + "0".repeat(64)
                + "\topen\tCC0 1.0\t-\t-\t-\t-\t-\n").entries().get(0);
        List<DataFetcher.Outcome> outcomes = fetcher(tmp.resolve("404"), base).fetch(List.of(missing));
        assertThat(outcomes.get(0).error()).isEqualTo("nowhere/gone.tsv: HTTP 404 from " + base + "nowhere/gone.tsv "
                + "(not found: check --mirror, or the pinned source in the catalogue)");
    }

    /**
     * A fresh machine: the demo fetches from the mirror and derives before step 1, so step 1 finds all 24 files;
     * a busy Bolt port then stops it at step 2, before a server starts or a home is written.
     */
    @Test
    void theDemoFetchesAndDerivesWhatIsMissingBeforeStepOne() throws IOException {
        Path dir = tmp.resolve("demo-data");
        Path home = tmp.resolve("demo-home");
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("demo", "--data", dir.toString(), "--mirror", base, "--home", home.toString(),
                    "--bolt", Integer.toString(busy.getLocalPort()), "--http", "7742");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out()).startsWith("[0/8] Data: 24 of the 24 files the demo reads are missing in " + dir
                    + "; fetching 72 files (38.1 MB) from " + base + " and deriving the rest (`kedrec demo --offline` "
                    + "skips this)." + NL)
                    .contains("      derived derived/hetionet-v1.0-edges-demo.sif.gz (193,242 rows)" + NL,
                            "[1/8] Data" + NL)
                    .endsWith("[2/8] Server" + NL);
        }
        assertThat(DataVerifier.check(dir, DataCatalogue.pinned().of(Kind.ORIGINAL, Kind.DERIVED)))
                .allSatisfy(c -> assertThat(c.state()).as(c.entry().path()).isEqualTo(DataVerifier.State.OK));
        assertThat(home).doesNotExist();
    }

    /**
     * The three commands from an empty folder, with a mirror that serves only the catalogue's originals (what
     * the public sources give, no derived file): {@code data fetch --mirror} notes the three recipe-less derived files
     * it lacks without failing, {@code data derive} writes the seven recipes and the DrugCentral-only MeSH-to-DrugBank
     * crosswalk, {@code data verify} passes with that one marked partial, and {@code demo --offline} finds all 24
     * files at step 1 and fetches nothing (a busy Bolt port stops it at step 2; the rest of the demo, up to the
     * recommendation table, was run by hand on the same kind of folder: docs/data.md).
     */
    @Test
    void fetchThenDeriveThenOfflineDemoPassesTheDataStep() throws IOException {
        Path dir = tmp.resolve("three-commands");
        CliRun fetch = CliRun.of("data", "fetch", "--dir", dir.toString(), "--mirror", originalsBase);
        assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
        assertThat(fetch.out()).contains(dir + ": 69 downloaded (37.9 MB, 0 resumed), 0 already verified, 0 failed."
                + NL + "3 derived files without a recipe are not on the mirror (it serves the originals only); "
                + "optional:" + NL + "  crosswalk/mesh_to_drugbank.tsv - `bin/kedrec data derive --dir " + dir
                + "` writes the part from DrugCentral (2,487 of 2,714 rows)" + NL);
        List<String> derivable = Deriver.RECIPES.stream().map(Deriver.Recipe::path).toList();
        assertThat(requests).isNotEmpty().noneMatch(derivable::contains);
        CliRun derive = CliRun.of("data", "derive", "--dir", dir.toString());
        assertThat(derive.exitCode()).as(derive.toString()).isZero();
        assertThat(derive.out()).contains("crosswalk/mesh_to_drugbank.tsv: 2,487 rows, derived from DrugCentral only: "
                + "2,487 of the shipped 2,714 rows; the 227 DrugMechDB rows");
        CliRun verify = CliRun.of("data", "verify", "--dir", dir.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("partial  crosswalk/mesh_to_drugbank.tsv",
                dir + ": 76 of 80 files verified, 1 partial (derived from the public originals only; see above), 0 "
                        + "missing, 0 corrupt.");
        Map<String, DataVerifier.State> states = new java.util.TreeMap<>();
        DataVerifier.check(dir, DataCatalogue.pinned().of(Kind.ORIGINAL, Kind.DERIVED))
                .forEach(c -> states.put(c.entry().path(), c.state()));
        assertThat(states).containsEntry("crosswalk/mesh_to_drugbank.tsv", DataVerifier.State.PARTIAL)
                .containsEntry("eval/disease_coverage.tsv", DataVerifier.State.MISSING)
                .containsEntry("drkg/drkg_relation_types.tsv", DataVerifier.State.MISSING);
        assertThat(states.values().stream().filter(s -> s == DataVerifier.State.OK)).hasSize(76);

        requests.clear();
        Path home = tmp.resolve("three-commands-home");
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun demo = CliRun.of("demo", "--offline", "--data", dir.toString(), "--home", home.toString(),
                    "--bolt", Integer.toString(busy.getLocalPort()), "--http", "7742");
            assertThat(demo.exitCode()).as(demo.toString()).isEqualTo(1);
            assertThat(demo.out()).startsWith("[1/8] Data" + NL).contains("holds the 24 files the demo reads")
                    .endsWith("[2/8] Server" + NL);
        }
        assertThat(requests).isEmpty();
        assertThat(home).doesNotExist();
    }

    /**
     * The one command on a fresh machine whose sources give only the originals: the demo's step 0 fetches them,
     * derives the recipes and the DrugCentral-only crosswalk, and step 1 finds all 24 files. A later fetch from a
     * whole copy replaces the partial crosswalk with the full one and removes its note.
     */
    @Test
    void theDemoFromTheOriginalsAloneDerivesThePartialCrosswalkBeforeStepOne() throws IOException {
        Path dir = tmp.resolve("demo-originals");
        Path home = tmp.resolve("demo-originals-home");
        Deriver.Partial partial = Deriver.MESH_TO_DRUGBANK;
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("demo", "--data", dir.toString(), "--mirror", originalsBase, "--home",
                    home.toString(), "--bolt", Integer.toString(busy.getLocalPort()), "--http", "7742");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out()).startsWith("[0/8] Data: 24 of the 24 files the demo reads are missing in " + dir
                    + "; fetching 72 files (38.1 MB) from " + originalsBase + " and deriving the rest")
                    .contains("      derived crosswalk/mesh_to_drugbank.tsv: 2,487 rows, derived from DrugCentral "
                            + "only: 2,487 of the shipped 2,714 rows;", "[1/8] Data" + NL)
                    .endsWith("[2/8] Server" + NL);
        }
        assertThat(home).doesNotExist();
        assertThat(DataCatalogue.sha256(dir.resolve(partial.path()))).isEqualTo(partial.sha256());
        assertThat(dir.resolve(partial.notePath())).exists();

        CliRun full = CliRun.of("data", "fetch", "--dir", dir.toString(), "--mirror", base);
        assertThat(full.exitCode()).as(full.toString()).isZero();
        assertThat(DataVerifier.check(dir, List.of(entry(partial.path())))).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(DataVerifier.State.OK));
        assertThat(dir.resolve(partial.notePath())).doesNotExist();
    }

    /** --full goes through the same path; the real 12 MB file cannot be downloaded here, so the test pins its own. */
    @Test
    void aFullOnlyFileComesThroughTheMirrorWithItsOwnPin() throws IOException {
        Path mirror = tmp.resolve("mirror");
        Path own = mirror.resolve("hetionet/hetionet-v1.0-edges.sif.gz");
        Files.createDirectories(own.getParent());
        byte[] bytes = Files.readAllBytes(data.resolve("hetionet-integrate/edges-5k.sif.gz"));
        Files.write(own, bytes);
        String sha = DataCatalogue.sha256(own);
        String header = "path\tkind\tbytes\tsha256\tterms\tlicence\trepository\tcommit\tsource_path\turl\trecipe\n";
        Entry full = DataCatalogue.parse(header + "hetionet/hetionet-v1.0-edges.sif.gz\tfull\t" + bytes.length + "\t"
                + sha + "\topen\tCC0 1.0\thetio/hetionet\t38873689199f81b0e6e11554d9803b94f0c4a12c\t"
                + "hetnet/tsv/hetionet-v1.0-edges.sif.gz\thttps://media.githubusercontent.com/x\t-\n").entries().get(0);
        Path dir = tmp.resolve("full");
        assertThat(fetcher(dir, mirror.toString()).fetch(List.of(full)).get(0).status())
                .isEqualTo(DataFetcher.Status.DOWNLOADED);
        assertThat(dir.resolve(full.path())).hasBinaryContent(bytes);
        assertThat(fetcher(dir, mirror.toString()).fetch(List.of(full)).get(0).status())
                .isEqualTo(DataFetcher.Status.VERIFIED);
    }

    /**
     * {@code data fetch --full} over HTTP, through the same {@link FetchRun} the command runs. The real 12.4 MB file
     * cannot be downloaded here, so the mirror serves a real Hetionet SIF of the test's own (the 5,000-per-metaedge
     * cut, 99,676 edges) under the full file's path, and a catalogue of the test's own pins it. Without --full it is
     * not fetched; with it, it is downloaded, verified and readable as the edge list that {@code import hetionet
     * --edges FILE} takes; a second run downloads nothing; a pin that does not match fails naming both hashes.
     */
    @Test
    void theFullEdgeFileComesOverHttpOnlyWithFullAndVerifiesAgainstTheTestsPin() throws IOException {
        String path = "hetionet/hetionet-v1.0-edges.sif.gz";
        Files.createDirectories(own.resolve(path).getParent());
        Files.copy(data.resolve("hetionet-integrate/edges-5k.sif.gz"), own.resolve(path),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String sha = DataCatalogue.sha256(own.resolve(path));
        long bytes = Files.size(own.resolve(path));
        String header = "path\tkind\tbytes\tsha256\tterms\tlicence\trepository\tcommit\tsource_path\turl\trecipe\n";
        String row = path + "\tfull\t%d\t%s\topen\tCC0 1.0\thetio/hetionet\t38873689199f81b0e6e11554d9803b94f0c4a12c\t"
                + "hetnet/tsv/hetionet-v1.0-edges.sif.gz\thttps://media.githubusercontent.com/media/hetio/hetionet/"
                + "38873689199f81b0e6e11554d9803b94f0c4a12c/hetnet/tsv/hetionet-v1.0-edges.sif.gz\t-\n";
        DataCatalogue catalogue = DataCatalogue.parse(header + String.format(java.util.Locale.ROOT, row, bytes, sha));
        String mirror = base.replace("/data/", "/own/");
        assertThat(FetchRun.entries(catalogue, false, mirror)).isEmpty();
        List<Entry> entries = FetchRun.entries(catalogue, true, mirror);
        assertThat(entries).extracting(Entry::path).containsExactly(path);

        Path dir = tmp.resolve("full-http");
        java.io.StringWriter text = new java.io.StringWriter();
        List<DataFetcher.Outcome> outcomes = FetchRun.run(dir, mirror, entries, 4, new java.io.PrintWriter(text),
                FetchProgress.silent());
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(
                DataFetcher.Status.DOWNLOADED));
        assertThat(text.toString()).startsWith(String.format(java.util.Locale.ROOT,
                "Fetching 1 of 1 files (%.1f MB) into %s from %s.", bytes / 1e6, dir, mirror));
        assertThat(requests).containsExactly(path);
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
                Files.newInputStream(dir.resolve(path))), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("source\tmetaedge\ttarget");
            assertThat(in.lines().filter(l -> l.split("\t").length == 3)).hasSize(99_676);
        }

        requests.clear();
        assertThat(FetchRun.run(dir, mirror, entries, 4, new java.io.PrintWriter(new java.io.StringWriter()),
                FetchProgress.silent())).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(
                DataFetcher.Status.VERIFIED));
        assertThat(requests).isEmpty();

        String wrong = "0".repeat(64);
        List<Entry> wrongPin = FetchRun.entries(DataCatalogue.parse(header
                + String.format(java.util.Locale.ROOT, row, bytes, wrong)), true, mirror);
        Path other = tmp.resolve("full-wrong-pin");
        assertThatThrownBy(() -> FetchRun.run(other, mirror, wrongPin, 4, new java.io.PrintWriter(
                new java.io.StringWriter()), FetchProgress.silent()))
                .hasMessageContaining(path + ": SHA-256 mismatch: expected " + wrong + ", got " + sha);
        assertThat(other.resolve(path)).doesNotExist();
    }
}

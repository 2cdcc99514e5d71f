package org.kedrec.server.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.kedrec.core.Messages;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.importer.Importer;
import org.kedrec.importer.trials.TrialsImport;

/**
 * {@code kedrec data synth}: a data directory shaped like the demo one at {@code scale} times its size, in the same
 * files and formats, so that the importer, the offline load and the dataset build run on it unchanged.
 *
 * <p>The graph is {@code scale} relabelled copies of the demo graph (copy 0 keeps the original ids and names, so a
 * scale-1 synth is the demo set itself). A share of the edges ({@code rewire}) is rewired between copies: the edge
 * {@code (u, v)} of the demo graph becomes {@code (u_c, v_(c+r) mod scale)} in copy {@code c}, with one random shift
 * {@code r} per demo edge. Because the shift is a permutation of the copies, every copy of a node keeps exactly the
 * demo node's degree per metaedge on both sides, and the copies form one connected graph rather than {@code scale}
 * disjoint ones. Clinical trials (the trial map), abstracts (PubTator files), the CtD split and the two MeSH
 * crosswalks are copied per copy with the same relabelling, so trials, publications and their links grow in
 * proportion; the other side files (DrugBank and Disease Ontology properties, xrefs, edge evidence, HINT and the XML
 * and API v2 trial records) are copied unchanged, so they annotate copy 0 only.
 *
 * <p>Relabelling of copy {@code c >= 1}: MeSH ids (symptoms, and the MeSH ids of abstracts and crosswalks) become
 * the same letter with {@code c * 10^10} added to the number, since the importer normalises MeSH numbers; NCT ids
 * become {@code NCT9…} numbers (the importer checks eight digits); PMIDs get {@code c * 10^8} added; every other id
 * gets the suffix {@code _c}, and names the suffix {@code " [c]"}. Deterministic for a seed.
 */
public final class GraphSynth {
    // The inputs the importer and the split read, named where they are defined.
    public static final String NODES = Importer.DEMO_NODES;
    public static final String EDGES = Importer.DEMO_EDGES;
    static final String TRIAL_MAP = TrialsImport.DHIMMEL;
    static final String SPLIT = SplitPlan.SPLIT_FILE;
    static final String MESH_DRUG = "crosswalk/mesh_to_drugbank.tsv";
    static final String MESH_DISEASE = "crosswalk/mesh_to_hetionet_disease.tsv";
    static final String DRUGBANK = "drugbank-dhimmel/drugbank-slim.tsv";
    static final String DISEASE_DESCRIPTIONS = "disease-ontology/description.tsv";
    static final List<String> PUBTATOR = Importer.DEMO_PUBMED;

    /** Side files copied unchanged (those present): they annotate copy 0. */
    static final List<String> UNCHANGED = List.of(
            "drugcentral/identifiers.tsv",
            "disease-ontology/slim-terms.tsv",
            "disease-ontology/xrefs-slim.tsv",
            "disease-ontology/xrefs-prop-slim.tsv",
            "disease-ontology/DO-slim-to-mesh.tsv",
            "crosswalk/uniprot_to_entrez.tsv",
            "hetionet-sources/CbG-binding.tsv",
            "hetionet-sources/DaG-association.tsv",
            TrialsImport.HINT_LINKS,
            TrialsImport.CTGOV_JSON);
    static final List<String> UNCHANGED_DIRS = List.of(TrialsImport.XML_DIR, TrialsImport.HINT_DIR);

    static final long MESH_STEP = 10_000_000_000L;
    static final long PMID_STEP = 100_000_000L;
    static final long NCT_BASE = 90_000_000L;

    /** What a run wrote. */
    public record Result(int scale, long nodes, long edges, long rewired, long trials, long publications,
            Map<String, Long> files) {}

    private final Path source;
    private final Path out;
    private final int scale;
    private final double rewire;
    private final long seed;
    /** Dense numbering of the source's NCT ids, so copies get distinct eight-digit ids. */
    private final Map<String, Integer> nctIndex = new HashMap<>();

    public GraphSynth(Path source, Path out, int scale, double rewire, long seed) {
        if (scale < 1 || scale > 99) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid value for option '--scale': %d. Use 1 to 99 (1 writes the demo set itself).", scale));
        }
        if (!(rewire >= 0 && rewire <= 1)) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid value for option '--rewire': %s. Use a share between 0 and 1, e.g. 0.1.", rewire));
        }
        if (source.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid value for option '--out': %s is the data directory itself. Write the synthetic graph "
                            + "to a folder of its own.", out));
        }
        this.source = source;
        this.out = out;
        this.scale = scale;
        this.rewire = rewire;
        this.seed = seed;
    }

    /** Writes the synthetic data directory; files are written as {@code FILE.part} and moved when complete. */
    public Result write() throws IOException {
        for (String required : List.of(NODES, EDGES)) {
            if (!Files.isRegularFile(source.resolve(required))) {
                throw new IllegalArgumentException(Messages.format(
                        "%s is missing, and a synthetic graph is made from it. Point --dir at the KEDRec data (run "
                                + "`bin/kedrec data fetch` and `bin/kedrec data derive` first).",
                        source.resolve(required)));
            }
        }
        Files.createDirectories(out);
        Map<String, Long> files = new LinkedHashMap<>();
        long nodes = nodes(files);
        long[] edges = edges(files);
        long trials = trialMap(files);
        split(files);
        crosswalk(MESH_DRUG, files);
        crosswalk(MESH_DISEASE, files);
        keyed(DRUGBANK, "drugbank_id", "Compound", files);
        keyed(DISEASE_DESCRIPTIONS, "disease_id", "Disease", files);
        long publications = 0;
        for (String file : PUBTATOR) {
            publications += pubtator(file, files);
        }
        for (String file : UNCHANGED) {
            copy(file, files);
        }
        for (String dir : UNCHANGED_DIRS) {
            Path from = source.resolve(dir);
            if (Files.isDirectory(from)) {
                try (Stream<Path> list = Files.list(from)) {
                    for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                        copy(dir + "/" + f.getFileName(), files);
                    }
                }
            }
        }
        return new Result(scale, nodes, edges[0], edges[1], trials, publications, files);
    }

    // --- relabelling --------------------------------------------------------------------------------------------

    /** A Hetionet node id ({@code Kind::identifier}) in copy {@code c}. */
    static String nodeId(String hetionetId, int c) {
        if (c == 0) {
            return hetionetId;
        }
        int sep = hetionetId.indexOf("::");
        String kind = hetionetId.substring(0, sep);
        return kind + "::" + identifier(kind, hetionetId.substring(sep + 2), c);
    }

    /** A bare identifier of a Hetionet kind in copy {@code c}. */
    static String identifier(String kind, String id, int c) {
        if (c == 0 || id.isEmpty()) {
            return id;
        }
        return kind.equals("Symptom") ? mesh(id, c) : id + "_" + c;
    }

    /** A MeSH id ({@code D006973}, {@code MESH:D006973}) in copy {@code c}: the number moved by {@code c * 10^10}. */
    static String mesh(String id, int c) {
        if (c == 0 || id.isEmpty() || id.equals("-") || id.equals("-1")) {
            return id;
        }
        String prefix = id.regionMatches(true, 0, "MESH:", 0, 5) ? id.substring(0, 5) : "";
        String raw = id.substring(prefix.length());
        if (raw.length() < 2 || !Character.isLetter(raw.charAt(0))) {
            return id + "_" + c;
        }
        try {
            return prefix + raw.charAt(0) + (c * MESH_STEP + Long.parseLong(raw.substring(1)));
        } catch (NumberFormatException e) {
            return id + "_" + c;
        }
    }

    static String name(String name, int c) {
        return c == 0 || name.isEmpty() ? name : name + " [" + c + "]";
    }

    private String nct(String nct, int c) {
        if (c == 0) {
            return nct;
        }
        Integer index = nctIndex.get(nct);
        if (index == null) {
            return nct + "_" + c; // not eight digits: the importer reports it, as it would the original
        }
        return Messages.format("NCT%08d", NCT_BASE + (long) (c - 1) * nctIndex.size() + index);
    }

    // --- files --------------------------------------------------------------------------------------------------

    private long nodes(Map<String, Long> files) throws IOException {
        return rewrite(NODES, 0, (f, c) -> {
            f[0] = nodeId(f[0], c);
            f[1] = name(f[1], c);
        }, files);
    }

    /** Returns {edges written, edges rewired}. */
    private long[] edges(Map<String, Long> files) throws IOException {
        List<String> lines = readLines(EDGES);
        SplittableRandom random = new SplittableRandom(seed);
        long rows = 0;
        long rewired = 0;
        // One shift per demo edge, drawn in file order: the same seed gives the same graph.
        int[] shift = new int[lines.size()];
        for (int i = 1; i < lines.size(); i++) {
            boolean moved = scale > 1 && random.nextDouble() < rewire;
            shift[i] = moved ? 1 + random.nextInt(scale - 1) : 0;
        }
        try (BufferedWriter w = writer(EDGES)) {
            w.write(lines.get(0));
            w.write('\n');
            for (int c = 0; c < scale; c++) {
                for (int i = 1; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    int target = (c + shift[i]) % scale;
                    w.write(nodeId(f[0], c) + "\t" + f[1] + "\t" + nodeId(f[2], target));
                    w.write('\n');
                    rows++;
                    if (shift[i] != 0) {
                        rewired++;
                    }
                }
            }
        }
        done(EDGES, rows, files);
        return new long[] {rows, rewired};
    }

    /** nct_id, compound_id, compound_name, disease_id, disease_name. */
    private long trialMap(Map<String, Long> files) throws IOException {
        if (!Files.isRegularFile(source.resolve(TRIAL_MAP))) {
            return 0;
        }
        List<String> lines = readLines(TRIAL_MAP);
        TreeSet<String> ncts = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                ncts.add(line.split("\t", -1)[0]);
            }
        }
        for (String nct : ncts) {
            nctIndex.put(nct, nctIndex.size());
        }
        rewrite(TRIAL_MAP, 0, (f, c) -> {
            f[0] = nct(f[0], c);
            f[1] = identifier("Compound", f[1], c);
            f[2] = name(f[2], c);
            f[3] = identifier("Disease", f[3], c);
            f[4] = name(f[4], c);
        }, files);
        return (long) ncts.size() * scale;
    }

    /** compound_id, disease_id (Hetionet ids), compound_name, disease_name, split. */
    private void split(Map<String, Long> files) throws IOException {
        perCopy(SPLIT, (f, c) -> {
            f[0] = nodeId(f[0], c);
            f[1] = nodeId(f[1], c);
            f[2] = name(f[2], c);
            f[3] = name(f[3], c);
        }, files);
    }

    /** mesh_id, drugbank_id or doid, hetionet_id, hetionet_name, ... */
    private void crosswalk(String file, Map<String, Long> files) throws IOException {
        String kind = file.equals(MESH_DRUG) ? "Compound" : "Disease";
        perCopy(file, (f, c) -> {
            f[0] = mesh(f[0], c);
            f[1] = identifier(kind, f[1], c);
            f[2] = f[2].isEmpty() ? f[2] : nodeId(f[2], c);
            f[3] = name(f[3], c);
        }, files);
    }

    /** A side file keyed by one id column, with a {@code name} column, copied per copy. */
    private void keyed(String file, String idColumn, String kind, Map<String, Long> files) throws IOException {
        if (!Files.isRegularFile(source.resolve(file))) {
            return;
        }
        List<String> header = List.of(readLines(file).get(0).split("\t", -1));
        int id = header.indexOf(idColumn);
        int name = header.indexOf("name");
        if (id < 0) {
            copy(file, files);
            return;
        }
        perCopy(file, (f, c) -> {
            f[id] = identifier(kind, f[id], c);
            if (name >= 0 && name < f.length) {
                f[name] = name(f[name], c);
            }
        }, files);
    }

    private interface RowRelabel {
        void apply(String[] fields, int copy);
    }

    /** A side file that may be missing; rows with fewer than four fields are copied unchanged. */
    private void perCopy(String file, RowRelabel relabel, Map<String, Long> files) throws IOException {
        if (Files.isRegularFile(source.resolve(file))) {
            rewrite(file, 4, relabel, files);
        }
    }

    /**
     * The one per-copy rewriting of a TSV file with a header: the header once, then every non-blank row once per
     * copy, relabelled for that copy when it has at least {@code minFields} fields. Returns the rows written.
     */
    private long rewrite(String file, int minFields, RowRelabel relabel, Map<String, Long> files) throws IOException {
        List<String> lines = readLines(file);
        long rows = 0;
        try (BufferedWriter w = writer(file)) {
            w.write(lines.get(0));
            w.write('\n');
            for (int c = 0; c < scale; c++) {
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    if (f.length >= minFields) {
                        relabel.apply(f, c);
                    }
                    w.write(String.join("\t", f));
                    w.write('\n');
                    rows++;
                }
            }
        }
        done(file, rows, files);
        return rows;
    }

    /**
     * PubTator: {@code PMID|t|title}, {@code PMID|a|abstract}, annotations {@code PMID\tstart\tend\ttext\ttype\tids}
     * and relations {@code PMID\ttype\tid1\tid2[...]}. Returns the documents written.
     */
    private long pubtator(String file, Map<String, Long> files) throws IOException {
        if (!Files.isRegularFile(source.resolve(file))) {
            return 0;
        }
        List<String> lines = readLines(file);
        long documents = 0;
        try (BufferedWriter w = writer(file)) {
            for (int c = 0; c < scale; c++) {
                for (String line : lines) {
                    w.write(pubtatorLine(line, c));
                    w.write('\n');
                    if (line.contains("|t|")) {
                        documents++;
                    }
                }
            }
        }
        done(file, documents, files);
        return documents;
    }

    static String pubtatorLine(String line, int c) {
        if (c == 0 || line.isEmpty()) {
            return line;
        }
        int bar = line.indexOf('|');
        int tab = line.indexOf('\t');
        int end = bar >= 0 && (tab < 0 || bar < tab) ? bar : tab;
        if (end <= 0) {
            return line;
        }
        String pmid;
        try {
            pmid = Long.toString(c * PMID_STEP + Long.parseLong(line.substring(0, end)));
        } catch (NumberFormatException e) {
            return line;
        }
        if (end == bar) {
            return pmid + line.substring(end);
        }
        String[] f = line.split("\t", -1);
        f[0] = pmid;
        if (f.length >= 6 && isNumber(f[1])) {
            // annotation: the type decides how its ids are relabelled
            f[5] = relabelIds(f[4], f[5], c);
        } else {
            // relation: PMID, type, two entity ids, then flags (BioRED's novelty) that stay as they are
            for (int i = 2; i < Math.min(4, f.length); i++) {
                f[i] = relabelIds(null, f[i], c);
            }
        }
        return String.join("\t", f);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** Gene ids (digits) get the suffix, MeSH ids move, OMIM ids get the suffix; lists split on , ; and |. */
    static String relabelIds(String type, String ids, int c) {
        if (ids.isEmpty() || ids.equals("-") || ids.equals("-1")) {
            return ids;
        }
        StringBuilder b = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= ids.length(); i++) {
            if (i == ids.length() || ids.charAt(i) == ',' || ids.charAt(i) == ';' || ids.charAt(i) == '|') {
                String id = ids.substring(start, i);
                b.append(relabelId(type, id, c));
                if (i < ids.length()) {
                    b.append(ids.charAt(i));
                }
                start = i + 1;
            }
        }
        return b.toString();
    }

    private static String relabelId(String type, String id, int c) {
        if (id.isEmpty() || id.equals("-") || id.equals("-1")) {
            return id;
        }
        if (isNumber(id) || id.regionMatches(true, 0, "OMIM:", 0, 5)) {
            return id + "_" + c;
        }
        if (type != null && type.startsWith("Gene")) {
            return id + "_" + c;
        }
        return mesh(id, c);
    }

    private void copy(String file, Map<String, Long> files) throws IOException {
        Path from = source.resolve(file);
        if (!Files.isRegularFile(from)) {
            return;
        }
        Path to = out.resolve(file);
        Files.createDirectories(to.getParent());
        Path part = to.resolveSibling(to.getFileName() + ".part");
        Files.copy(from, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        files.put(file, -1L);
    }

    private List<String> readLines(String file) throws IOException {
        Path path = source.resolve(file);
        InputStream in = Files.newInputStream(path);
        if (file.endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(Messages.format("%s is empty; a synthetic graph needs its rows. "
                    + "Fetch the data again (`bin/kedrec data fetch`).", path));
        }
        return lines;
    }

    private BufferedWriter writer(String file) throws IOException {
        Path to = out.resolve(file);
        Files.createDirectories(to.getParent());
        Path part = to.resolveSibling(to.getFileName() + ".part");
        OutputStream os = Files.newOutputStream(part);
        if (file.endsWith(".gz")) {
            os = new GZIPOutputStream(os, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    }

    private void done(String file, long rows, Map<String, Long> files) {
        Path to = out.resolve(file);
        try {
            Files.move(to.resolveSibling(to.getFileName() + ".part"), to, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + to + ".part into place: " + e.getMessage(), e);
        }
        files.put(file, rows);
    }
}

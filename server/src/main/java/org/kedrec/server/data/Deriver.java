package org.kedrec.server.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.core.split.StableHash;

/**
 * {@code kedrec data derive}: writes the derived files of the data directory from its originals, following the
 * recipes of docs/data.md (joins and filters only, no randomness). Each recipe writes {@code FILE.part} and
 * moves it over {@code FILE} when complete, so a failed run leaves no half-written derived file.
 */
public final class Deriver {
    /** One derived file: the catalogue recipe name, the path it writes and the originals it reads. */
    public record Recipe(String name, String path, List<String> inputs) {}

    /** What one recipe wrote. */
    public record Written(Recipe recipe, long rows) {}

    static final String NODES = "hetionet/hetionet-v1.0-nodes.tsv";
    static final String EDGES_5K = "hetionet-integrate/edges-5k.sif.gz";
    static final String EDGES_10 = "hetionet-integrate/edges-10.sif";
    static final String CBG = "hetionet-sources/CbG-binding.tsv";
    static final String DAG = "hetionet-sources/DaG-association.tsv";
    static final String PATHWAYS = "hetionet-sources/pathways.tsv";
    static final String XREFS = "disease-ontology/xrefs-slim.tsv";
    static final String XREFS_PROP = "disease-ontology/xrefs-prop-slim.tsv";

    /** The recipes this class implements, in the order they run. */
    public static final List<Recipe> RECIPES = List.of(
            new Recipe("demo-edges", "derived/hetionet-v1.0-edges-demo.sif.gz",
                    List.of(NODES, EDGES_5K, CBG, DAG, PATHWAYS)),
            new Recipe("ctd-split", "eval/hetionet_CtD_split.tsv", List.of(NODES, EDGES_5K)),
            new Recipe("fixture-nodes", "fixtures/hetionet-nodes-for-edges-10.tsv", List.of(NODES, EDGES_10)),
            new Recipe("mesh-disease", "crosswalk/mesh_to_hetionet_disease.tsv", List.of(NODES, XREFS, XREFS_PROP)));

    /** The metaedges whose complete edge sets replace the 5,000-edge cut in the demo edge set. */
    static final List<String> COMPLETED = List.of("CbG", "DaG", "GpPW");

    private final Path originals;
    private final Path target;

    /** Reads the originals under {@code originals} and writes the derived files under {@code target}. */
    public Deriver(Path originals, Path target) {
        this.originals = originals;
        this.target = target;
    }

    /** Runs every recipe; an {@link IllegalStateException} naming the missing originals when some are absent. */
    public List<Written> deriveAll() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Recipe recipe : RECIPES) {
            for (String input : recipe.inputs()) {
                if (!Files.isRegularFile(originals.resolve(input)) && !missing.contains(input)) {
                    missing.add(input);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(Messages.format("Cannot derive: %d original file%s missing under %s: %s. "
                    + "Run `%s --dir %s` first.", missing.size(), missing.size() == 1 ? " is" : "s are", originals,
                    String.join(", ", missing), DataCatalogue.FETCH_COMMAND, originals));
        }
        List<Written> written = new ArrayList<>();
        for (Recipe recipe : RECIPES) {
            long rows = switch (recipe.name()) {
                case "demo-edges" -> demoEdges(recipe.path());
                case "ctd-split" -> ctdSplit(recipe.path());
                case "fixture-nodes" -> fixtureNodes(recipe.path());
                case "mesh-disease" -> meshDisease(recipe.path());
                default -> throw new IllegalStateException("No code for recipe " + recipe.name());
            };
            written.add(new Written(recipe, rows));
        }
        return written;
    }

    /**
     * Hetionet's {@code edges-5k.sif.gz} (the first 5,000 edges of each metaedge in graph order) without its CbG,
     * DaG and GpPW rows, then the complete CbG, DaG and GpPW edges rebuilt from the integrate sources, each set
     * restricted to edges whose two ends are Hetionet nodes, de-duplicated and sorted: 193,242 edges.
     */
    private long demoEdges(String path) throws IOException {
        Set<String> nodes = nodeIds();
        List<String> lines = new ArrayList<>();
        String header;
        try (BufferedReader in = reader(EDGES_5K)) {
            header = in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split("\t", -1);
                if (!COMPLETED.contains(cells[1])) {
                    lines.add(line);
                }
            }
        }
        lines.addAll(edges(CBG, "drugbank_id", "Compound::", "CbG", "entrez_gene_id", nodes));
        lines.addAll(edges(DAG, "doid_id", "Disease::", "DaG", "entrez_gene_id", nodes));
        TreeSet<List<String>> pathways = new TreeSet<>(TUPLE_ORDER);
        for (Map<String, String> row : table(PATHWAYS)) {
            String pathway = "Pathway::" + row.get("identifier");
            if (!nodes.contains(pathway)) {
                continue;
            }
            for (String gene : row.get("genes").split("\\|")) {
                if (!gene.isEmpty() && nodes.contains("Gene::" + gene)) {
                    pathways.add(List.of("Gene::" + gene, "GpPW", pathway));
                }
            }
        }
        pathways.forEach(edge -> lines.add(String.join("\t", edge)));
        write(path, header, lines, true);
        return lines.size();
    }

    /** Python's tuple order, which the shipped files use: element by element, each by its UTF-16 units. */
    private static final Comparator<List<String>> TUPLE_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private List<String> edges(String file, String sourceColumn, String sourceKind, String metaedge,
            String geneColumn, Set<String> nodes) throws IOException {
        TreeSet<List<String>> edges = new TreeSet<>(TUPLE_ORDER);
        for (Map<String, String> row : table(file)) {
            String source = sourceKind + row.get(sourceColumn);
            String gene = "Gene::" + row.get(geneColumn);
            if (nodes.contains(source) && nodes.contains(gene)) {
                edges.add(List.of(source, metaedge, gene));
            }
        }
        return edges.stream().map(edge -> String.join("\t", edge)).toList();
    }

    /**
     * All 755 Compound-treats-Disease edges with their names and {@code split}: {@code holdout} when the SHA-1 of
     * {@code DB…|DOID:…} is 0 modulo 5 ({@link StableHash}), else {@code train}; sorted by compound, disease.
     */
    private long ctdSplit(String path) throws IOException {
        Map<String, String> names = nodeNames();
        TreeSet<List<String>> pairs = new TreeSet<>(TUPLE_ORDER);
        try (BufferedReader in = reader(EDGES_5K)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split("\t", -1);
                if ("CtD".equals(cells[1])) {
                    pairs.add(List.of(cells[0], cells[2]));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> pair : pairs) {
            String compound = pair.get(0);
            String disease = pair.get(1);
            boolean holdout = StableHash.bucket(local(compound) + "|" + local(disease), 5) == 0;
            lines.add(String.join("\t", compound, disease, names.get(compound), names.get(disease),
                    holdout ? "holdout" : "train"));
        }
        write(path, "compound_id\tdisease_id\tcompound_name\tdisease_name\tsplit", lines, false);
        return lines.size();
    }

    /** The rows of nodes.tsv, in its order, for exactly the endpoints of {@code edges-10.sif}: 432 nodes. */
    private long fixtureNodes(String path) throws IOException {
        Set<String> ends = new HashSet<>();
        try (BufferedReader in = reader(EDGES_10)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split("\t", -1);
                ends.add(cells[0]);
                ends.add(cells[2]);
            }
        }
        List<String> lines = new ArrayList<>();
        String header;
        try (BufferedReader in = reader(NODES)) {
            header = in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (ends.contains(line.substring(0, line.indexOf('\t')))) {
                    lines.add(line);
                }
            }
        }
        write(path, header, lines, false);
        return lines.size();
    }

    /**
     * MeSH to Hetionet disease: every MSH xref of the Disease Ontology slim with the xrefs of its subsumed terms
     * rolled up ({@code xrefs-prop-slim.tsv}); {@code direct_xref} when the slim term itself carries it
     * ({@code xrefs-slim.tsv}), else {@code xref_of_subsumed_term}; sorted by MeSH id, DOID.
     */
    private long meshDisease(String path) throws IOException {
        Map<String, String> names = nodeNames();
        Set<String> direct = new HashSet<>();
        for (Map<String, String> row : table(XREFS)) {
            if ("MSH".equals(row.get("resource"))) {
                direct.add(row.get("resource_id") + "|" + row.get("doid_code"));
            }
        }
        TreeSet<List<String>> rows = new TreeSet<>(TUPLE_ORDER);
        for (Map<String, String> row : table(XREFS_PROP)) {
            String mesh = row.get("resource_id");
            String doid = row.get("doid_code");
            String node = "Disease::" + doid;
            if ("MSH".equals(row.get("resource")) && names.containsKey(node)) {
                rows.add(List.of(mesh, doid, node, names.get(node),
                        direct.contains(mesh + "|" + doid) ? "direct_xref" : "xref_of_subsumed_term"));
            }
        }
        List<String> lines = rows.stream().map(r -> String.join("\t", r)).toList();
        write(path, "mesh_id\tdoid\thetionet_id\thetionet_name\tmatch_type", lines, false);
        return lines.size();
    }

    private static String local(String id) {
        return id.substring(id.indexOf("::") + 2);
    }

    private Set<String> nodeIds() throws IOException {
        return nodeNames().keySet();
    }

    private Map<String, String> nodeNames() throws IOException {
        Map<String, String> names = new HashMap<>();
        for (Map<String, String> row : table(NODES)) {
            names.put(row.get("id"), row.get("name"));
        }
        return names;
    }

    /** A TSV with a header line as maps (the sources quote nothing). */
    private List<Map<String, String>> table(String file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader in = reader(file)) {
            String[] header = in.readLine().split("\t", -1);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = Arrays.copyOf(line.split("\t", -1), header.length);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i] == null ? "" : cells[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private BufferedReader reader(String file) throws IOException {
        InputStream in = Files.newInputStream(originals.resolve(file));
        if (file.endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private void write(String path, String header, List<String> lines, boolean gzip) throws IOException {
        Path file = target.resolve(path);
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling(file.getFileName() + DataFetcher.PART);
        try (OutputStream raw = Files.newOutputStream(part);
                OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            writer.write(header);
            writer.write('\n');
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

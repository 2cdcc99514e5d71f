package org.kedrec.server.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataCatalogue;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.split.StableHash;
import org.kedrec.importer.io.CsvReader;

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
    static final String DRUGBANK_PROTEINS = "drugbank-dhimmel/proteins.tsv";
    static final String DC_TARGETS = "drugcentral/drug_target.tsv";
    static final String DC_IDENTIFIERS = "drugcentral/identifiers.tsv";
    static final String TRIAL_MAP = "clinicaltrials/dhimmel-clintrials/DrugBank-DO-slim.tsv";
    static final String CTG_STUDIES = "clinicaltrials/ctgov-api-v2/ctg-studies.json";
    /** HINT's CSVs in Python's sorted order of their names, the order the shipped link table lists them in. */
    static final List<String> HINT = List.of("phase_III_test.csv", "phase_III_valid.csv", "phase_II_valid.csv",
            "phase_I_test.csv", "phase_I_train.csv", "phase_I_valid.csv").stream()
            .map(name -> "clinicaltrials/hint/" + name).toList();

    /** The recipes this class implements, in the order they run. */
    public static final List<Recipe> RECIPES = List.of(
            new Recipe("demo-edges", "derived/hetionet-v1.0-edges-demo.sif.gz",
                    List.of(NODES, EDGES_5K, CBG, DAG, PATHWAYS)),
            new Recipe("ctd-split", "eval/hetionet_CtD_split.tsv", List.of(NODES, EDGES_5K)),
            new Recipe("fixture-nodes", "fixtures/hetionet-nodes-for-edges-10.tsv", List.of(NODES, EDGES_10)),
            new Recipe("mesh-disease", "crosswalk/mesh_to_hetionet_disease.tsv", List.of(NODES, XREFS, XREFS_PROP)),
            new Recipe("uniprot-entrez", "crosswalk/uniprot_to_entrez.tsv",
                    List.of(NODES, DRUGBANK_PROTEINS, DC_TARGETS)),
            new Recipe("hint-links", "clinicaltrials/trials_hint_x_hetionet.tsv",
                    concat(List.of(TRIAL_MAP), HINT)),
            new Recipe("ctg-studies-5", "fixtures/ctg-studies-5.json", List.of(CTG_STUDIES)));

    /**
     * Derived files no recipe can make from the catalogue's originals, with what they lack (docs/data.md). They come
     * with a copy of the data ({@code data fetch --mirror}).
     */
    public static final Map<String, String> NOT_DERIVABLE = new LinkedHashMap<>(Map.of(
            "crosswalk/mesh_to_drugbank.tsv", "DrugMechDB (227 rows and the DrugMechDB mark of 1,321 more); "
                    + "`data derive` writes the DrugCentral part (MESH_TO_DRUGBANK)",
            "eval/disease_coverage.tsv", "DrugMechDB (column n_drugmechdb_paths)",
            "drkg/drkg_relation_types.tsv", "the DRKG triple file drkg.tsv (column n_edges), only in DRKG's S3 "
                    + "tarball"));

    /**
     * A stand-in for a derived file without a recipe: what {@code data derive} writes from the catalogue's originals
     * alone when the full file (from a copy of the data) is not there, pinned by its own size and SHA-256 so that
     * {@code data verify} can tell it from the full file and from a corrupt one.
     *
     * @param rows the data rows it has
     * @param fullRows the data rows of the full (shipped) file
     * @param lacks what the full file has that this one does not, and where that comes from
     */
    public record Partial(String path, String from, long rows, long fullRows, long bytes, String sha256,
            String lacks) {
        /** One line for {@code data derive}, {@code data verify} and the demo: what this file is and is not. */
        public String summary() {
            return Messages.format("derived from %s only: %,d of the shipped %,d rows; %s", from, rows, fullRows,
                    lacks);
        }

        /** The sibling note that says how the file was made (the TSV itself has no room for a comment). */
        public String notePath() {
            return path + NOTE_SUFFIX;
        }
    }

    /** Suffix of the provenance note beside a {@link Partial} file. */
    public static final String NOTE_SUFFIX = ".provenance.txt";

    /**
     * The MeSH-to-DrugBank crosswalk from DrugCentral alone (docs/data.md): the demo reads this file (MeSH ids link
     * drugs to the PubMed abstracts), and its DrugMechDB rows have no public source in the catalogue. Its size and
     * hash are those of {@link #meshToDrugbankFromDrugCentral()} written with the shipped header; DeriverTest checks
     * both.
     */
    public static final Partial MESH_TO_DRUGBANK = new Partial("crosswalk/mesh_to_drugbank.tsv", "DrugCentral", 2487,
            2714, 193510, "9bded98a158e9a5466be5104359b25e9a6c0977249589fb85744a985086188c5",
            "the 227 DrugMechDB rows (and the DrugMechDB mark of 1,321 rows) need DrugMechDB (SuLab/DrugMechDB), "
                    + "which is not in the catalogue: `bin/kedrec data fetch --mirror URL|DIR` from a copy of the "
                    + "data replaces it with the full file");

    /** The originals the partial stand-ins read. */
    static final List<String> PARTIAL_INPUTS = List.of(NODES, DC_IDENTIFIERS);

    /** The partial stand-ins {@code data derive} writes, in order. */
    public static final List<Partial> PARTIALS = List.of(MESH_TO_DRUGBANK);

    /** What {@link #derivePartials()} did with one partial file. */
    public enum PartialAction {
        /** Written (or rewritten) from the originals, with its provenance note. */
        WRITTEN,
        /** The full file is there and verifies against the catalogue: kept, never replaced by less. */
        KEPT_FULL,
        /** A file that is neither the full nor the partial one: left as it is (it may be the user's). */
        KEPT_OTHER
    }

    /** One partial file's outcome, with a line that says it. */
    public record PartialOutcome(Partial partial, PartialAction action, String line) {}

    /**
     * What is lost without each {@link #NOT_DERIVABLE} file, for the one-line notes of {@code data fetch} and
     * {@code data verify}: the demo, the importer and the dataset builder read only the first (docs/data.md).
     */
    public static final Map<String, String> WITHOUT = new LinkedHashMap<>(Map.of(
            "crosswalk/mesh_to_drugbank.tsv", "drugs get no MeSH xrefs, so no PubMed abstract is linked to a drug; "
                    + "`bin/kedrec data derive` writes the DrugCentral part",
            "eval/disease_coverage.tsv", "nothing the demo, import, dataset build or evaluation reads: only DrugMechDB's "
                    + "path count per disease, a statistic of the data README",
            "drkg/drkg_relation_types.tsv", "nothing the demo, import or dataset build reads: only RelationTypesTest's "
                    + "check that relation-types.tsv maps all 107 DRKG relations is skipped"));

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
                case "uniprot-entrez" -> uniprotEntrez(recipe.path());
                case "hint-links" -> hintLinks(recipe.path());
                case "ctg-studies-5" -> ctgStudies5(recipe.path());
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

    /**
     * UniProt to Entrez: every (UniProt, Entrez) pair of DrugBank's proteins, and every pair of DrugCentral's targets
     * whose HGNC symbol is a Hetionet gene's name (multi-component targets paired position by position, skipped when
     * the two lists differ in length, since then the positions do not line up); sorted by UniProt id, Entrez id.
     */
    private long uniprotEntrez(String path) throws IOException {
        Map<String, String> names = nodeNames();
        Map<String, List<String>> genesBySymbol = new HashMap<>();
        names.forEach((id, name) -> {
            if (id.startsWith("Gene::")) {
                genesBySymbol.computeIfAbsent(name, k -> new ArrayList<>()).add(local(id));
            }
        });
        Map<List<String>, TreeSet<String>> pairs = new TreeMap<>(TUPLE_ORDER);
        for (Map<String, String> row : table(DRUGBANK_PROTEINS)) {
            if (!row.get("uniprot_id").isEmpty() && !row.get("entrez_gene_id").isEmpty()) {
                pairs.computeIfAbsent(List.of(row.get("uniprot_id"), row.get("entrez_gene_id")), k -> new TreeSet<>())
                        .add("DrugBank-proteins");
            }
        }
        for (Map<String, String> row : table(DC_TARGETS)) {
            String[] uniprots = row.get("UNIPROT").split("\\|", -1);
            String[] symbols = row.get("GENE").split("\\|", -1);
            if (uniprots.length != symbols.length) {
                continue;
            }
            for (int i = 0; i < uniprots.length; i++) {
                for (String entrez : genesBySymbol.getOrDefault(symbols[i], List.of())) {
                    pairs.computeIfAbsent(List.of(uniprots[i], entrez), k -> new TreeSet<>())
                            .add("DrugCentral-target+HetionetSymbol");
                }
            }
        }
        List<String> lines = crosswalkLines(pairs, "Gene", names);
        write(path, "uniprot_id\tentrez_gene_id\thetionet_id\thetionet_symbol\tsources", lines, false);
        return lines.size();
    }

    /**
     * Writes each {@link #PARTIALS} file that the target lacks, or holds only in its partial form, from the originals,
     * with a provenance note beside it. A full copy that verifies against the catalogue is kept (and a stale note
     * beside it removed); a file that is neither is left alone, and the line says how to replace it.
     */
    public List<PartialOutcome> derivePartials() throws IOException {
        List<String> missing = PARTIAL_INPUTS.stream().filter(f -> !Files.isRegularFile(originals.resolve(f)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(Messages.format("Cannot derive %s: %s missing under %s. Run `%s --dir %s` "
                    + "first.", MESH_TO_DRUGBANK.path(), String.join(", ", missing), originals,
                    DataCatalogue.FETCH_COMMAND, originals));
        }
        List<PartialOutcome> outcomes = new ArrayList<>();
        for (Partial partial : PARTIALS) {
            Path file = target.resolve(partial.path());
            Path note = target.resolve(partial.notePath());
            DataCatalogue.Entry full = DataCatalogue.pinned().entry(partial.path()).orElseThrow();
            if (Files.isRegularFile(file)) {
                DataCatalogue.Measured measured = DataCatalogue.measure(full, file);
                if (measured.matches(full)) {
                    Files.deleteIfExists(note);
                    outcomes.add(new PartialOutcome(partial, PartialAction.KEPT_FULL, Messages.format(
                            "%s: kept the full file (%,d rows, verified against the catalogue); not derived",
                            partial.path(), partial.fullRows())));
                    continue;
                }
                if (!(measured.bytes() == partial.bytes() && measured.sha256().equals(partial.sha256()))) {
                    outcomes.add(new PartialOutcome(partial, PartialAction.KEPT_OTHER, Messages.format(
                            "%s: left as it is: it is neither the catalogue's full file nor the %s-only one (SHA-256 "
                                    + "%s). Delete it and run `bin/kedrec data derive` again to get the %s-only one, "
                                    + "or fetch the full one with `bin/kedrec data fetch --mirror URL|DIR`",
                            partial.path(), partial.from(), measured.sha256(), partial.from())));
                    continue;
                }
            }
            List<String> lines = switch (partial.path()) {
                case "crosswalk/mesh_to_drugbank.tsv" -> meshToDrugbankFromDrugCentral();
                default -> throw new IllegalStateException("No code for partial file " + partial.path());
            };
            write(partial.path(), "mesh_id\tdrugbank_id\thetionet_id\thetionet_name\tsources", lines, false);
            writeNote(partial, note);
            outcomes.add(new PartialOutcome(partial, PartialAction.WRITTEN, Messages.format("%s: %,d rows, %s",
                    partial.path(), lines.size(), partial.summary())));
        }
        return outcomes;
    }

    private static void writeNote(Partial partial, Path note) throws IOException {
        String text = Messages.format("%s was written by `bin/kedrec data derive` from the catalogue's public "
                + "originals, %s only:%n%,d of the %,d rows of the shipped file. Missing: %s.%n"
                + "What that loses in the demo and how it was measured: docs/data.md (\"What the DrugCentral-only "
                + "crosswalk changes\").%n"
                + "This note describes the file while its SHA-256 is %s (`bin/kedrec data verify` prints `partial` "
                + "for it); `bin/kedrec data derive` removes the note once the full file is there.%n",
                partial.path(), partial.from(), partial.rows(), partial.fullRows(), partial.lacks(), partial.sha256());
        Path part = note.resolveSibling(note.getFileName() + DataFetcher.PART);
        Files.writeString(part, text, StandardCharsets.UTF_8);
        Files.move(part, note, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The DrugCentral part of {@code crosswalk/mesh_to_drugbank.tsv}: every MeSH descriptor or supplementary id of a
     * DrugCentral drug paired with each of its DrugBank ids, the MeSH id in {@link Curies#mesh}'s width. The shipped
     * file adds DrugMechDB pairs, which no original in the catalogue holds, so no recipe reproduces that file;
     * {@link #derivePartials()} writes this part as its stand-in ({@link #MESH_TO_DRUGBANK}).
     */
    List<String> meshToDrugbankFromDrugCentral() throws IOException {
        Map<String, String> names = nodeNames();
        Map<String, List<String>> drugbank = new HashMap<>();
        Map<String, List<String[]>> mesh = new LinkedHashMap<>();
        for (Map<String, String> row : table(DC_IDENTIFIERS)) {
            String type = unquote(row.get("ID_TYPE"));
            String value = unquote(row.get("IDENTIFIER"));
            if ("DRUGBANK_ID".equals(type)) {
                drugbank.computeIfAbsent(row.get("DRUG_ID"), k -> new ArrayList<>()).add(value);
            } else if ("MESH_DESCRIPTOR_UI".equals(type) || "MESH_SUPPLEMENTAL_RECORD_UI".equals(type)) {
                mesh.computeIfAbsent(row.get("DRUG_ID"), k -> new ArrayList<>()).add(new String[] {value, type});
            }
        }
        Map<List<String>, List<String>> pairs = new TreeMap<>(TUPLE_ORDER);
        mesh.forEach((drug, ids) -> {
            for (String[] id : ids) {
                String meshId = Curies.mesh(id[0]).substring("MESH:".length());
                for (String db : drugbank.getOrDefault(drug, List.of())) {
                    pairs.computeIfAbsent(List.of(meshId, db), k -> new ArrayList<>())
                            .add("DrugCentral:" + drug + ":" + id[1]);
                }
            }
        });
        return crosswalkLines(pairs, "Compound", names);
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1)
                : cell;
    }

    /**
     * HINT trials linked to Hetionet: every HINT record (file by file, in file order) whose NCT id is in dhimmel's
     * trial map ({@code DrugBank-DO-slim.tsv}, which maps trials to Hetionet's own compound and disease ids), with
     * its outcome columns and the sorted compound and disease ids the map gives that trial. HINT's list cells are
     * Python literals; their items are joined with {@code |}.
     */
    private long hintLinks(String path) throws IOException {
        Map<String, TreeSet<String>> compounds = new HashMap<>();
        Map<String, TreeSet<String>> diseases = new HashMap<>();
        for (Map<String, String> row : table(TRIAL_MAP)) {
            compounds.computeIfAbsent(row.get("nct_id"), k -> new TreeSet<>()).add("Compound::" + row.get("compound_id"));
            diseases.computeIfAbsent(row.get("nct_id"), k -> new TreeSet<>()).add("Disease::" + row.get("disease_id"));
        }
        List<String> lines = new ArrayList<>();
        for (String file : HINT) {
            try (CsvReader csv = CsvReader.open(originals.resolve(file))) {
                List<String> header = csv.next();
                Map<String, Integer> column = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    column.put(header.get(i), i);
                }
                for (List<String> record = csv.next(); record != null; record = csv.next()) {
                    String nct = record.get(column.get("nctid"));
                    if (!compounds.containsKey(nct)) {
                        continue;
                    }
                    lines.add(String.join("\t", nct, file.substring(file.lastIndexOf('/') + 1),
                            record.get(column.get("phase")), record.get(column.get("status")),
                            record.get(column.get("label")),
                            record.get(column.get("why_stop")).strip().replace('\n', ' '),
                            String.join("|", pythonList(record.get(column.get("diseases")), file, nct)),
                            String.join("|", pythonList(record.get(column.get("drugs")), file, nct)),
                            String.join("|", compounds.get(nct)), String.join("|", diseases.get(nct))));
                }
            }
        }
        write(path, "nct_id\thint_file\tphase\tstatus\toutcome_label\twhy_stop\thint_diseases\thint_drugs\t"
                + "hetionet_compound_ids\thetionet_disease_ids", lines, false);
        return lines.size();
    }

    /**
     * The strings of a Python list literal as {@code ast.literal_eval} reads them, e.g. {@code ["crohn's", 'ibd']}:
     * items kept as written (not stripped, not de-duplicated), since the shipped table keeps them so.
     */
    static List<String> pythonList(String cell, String file, String nct) {
        String s = cell.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new IllegalStateException(Messages.format("%s, trial %s: expected a Python list such as ['asthma'] "
                    + "but read %s. The file differs from the pinned HINT CSV: run `bin/kedrec data verify`.", file,
                    nct, cell));
        }
        List<String> items = new ArrayList<>();
        int i = 1;
        while (i < s.length() - 1) {
            char quote = s.charAt(i);
            if (quote != '\'' && quote != '"') {
                i++;
                continue;
            }
            StringBuilder item = new StringBuilder();
            int j = i + 1;
            for (; j < s.length() && s.charAt(j) != quote; j++) {
                char c = s.charAt(j);
                if (c != '\\' || j + 1 >= s.length()) {
                    item.append(c);
                    continue;
                }
                char e = s.charAt(++j);
                switch (e) {
                    case 'n' -> item.append('\n');
                    case 't' -> item.append('\t');
                    case 'r' -> item.append('\r');
                    case '\\', '\'', '"' -> item.append(e);
                    case 'x' -> {
                        item.append((char) Integer.parseInt(s.substring(j + 1, j + 3), 16));
                        j += 2;
                    }
                    case 'u' -> {
                        item.append((char) Integer.parseInt(s.substring(j + 1, j + 5), 16));
                        j += 4;
                    }
                    // Python keeps an unknown escape as written, backslash included.
                    default -> item.append('\\').append(e);
                }
            }
            items.add(item.toString());
            i = j + 1;
        }
        return items;
    }

    /**
     * The first 5 studies of the ClinicalTrials.gov API v2 sample, re-indented as Python's
     * {@code json.dumps(studies[:5], indent=1, ensure_ascii=False)} writes them (no final newline): a small fixture
     * the trial import tests read.
     */
    private long ctgStudies5(String path) throws IOException {
        JsonArray studies;
        try (BufferedReader in = reader(CTG_STUDIES)) {
            studies = JsonParser.parseReader(in).getAsJsonArray();
        }
        JsonArray first = new JsonArray();
        for (int i = 0; i < Math.min(5, studies.size()); i++) {
            first.add(studies.get(i));
        }
        StringBuilder json = new StringBuilder();
        pythonJson(first, 0, json);
        Path file = target.resolve(path);
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling(file.getFileName() + DataFetcher.PART);
        Files.writeString(part, json, StandardCharsets.UTF_8);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return first.size();
    }

    private static void pythonJson(JsonElement element, int depth, StringBuilder out) {
        if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if (object.size() == 0) {
                out.append("{}");
                return;
            }
            out.append('{');
            String sep = "\n";
            for (Map.Entry<String, JsonElement> member : object.entrySet()) {
                out.append(sep).append(" ".repeat(depth + 1));
                pythonString(member.getKey(), out);
                out.append(": ");
                pythonJson(member.getValue(), depth + 1, out);
                sep = ",\n";
            }
            out.append('\n').append(" ".repeat(depth)).append('}');
        } else if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            if (array.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            String sep = "\n";
            for (JsonElement item : array) {
                out.append(sep).append(" ".repeat(depth + 1));
                pythonJson(item, depth + 1, out);
                sep = ",\n";
            }
            out.append('\n').append(" ".repeat(depth)).append(']');
        } else if (element.isJsonNull()) {
            out.append("null");
        } else if (element.getAsJsonPrimitive().isString()) {
            pythonString(element.getAsString(), out);
        } else if (element.getAsJsonPrimitive().isNumber()) {
            out.append(pythonNumber(element.getAsJsonPrimitive().getAsString()));
        } else {
            out.append(element.getAsJsonPrimitive().getAsBoolean());
        }
    }

    /**
     * A JSON number as Python writes it after reading it: an integer as written, a float as {@code repr(float)}
     * (the shortest digits that read back to the same double, {@code 101.00} → {@code 101.0}, exponent form below
     * 1e-4 and from 1e16 on).
     */
    static String pythonNumber(String text) {
        if (text.chars().noneMatch(c -> c == '.' || c == 'e' || c == 'E')) {
            return text;
        }
        double value = Double.parseDouble(text);
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale();
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                out.append("0.").append("0".repeat(-point)).append(digits);
            } else if (point >= digits.length()) {
                out.append(digits).append("0".repeat(point - digits.length())).append(".0");
            } else {
                out.append(digits, 0, point).append('.').append(digits.substring(point));
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits.substring(1));
            }
            int exponent = point - 1;
            out.append(exponent < 0 ? "e-" : "e+").append(Messages.format("%02d", Math.abs(exponent)));
        }
        return out.toString();
    }

    /** A string as Python's json module escapes it with ensure_ascii=False: only quote, backslash and controls. */
    private static void pythonString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(Messages.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
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

    /**
     * Crosswalk rows, one per (source id, target id) pair in the map's order: the two ids, the Hetionet node id
     * {@code kind::target} and its name where Hetionet has that node (empty otherwise), and the sources joined by
     * {@code |}.
     */
    private static List<String> crosswalkLines(Map<List<String>, ? extends Collection<String>> pairs, String kind,
            Map<String, String> names) {
        List<String> lines = new ArrayList<>();
        pairs.forEach((pair, sources) -> {
            String node = kind + "::" + pair.get(1);
            boolean inHetionet = names.containsKey(node);
            lines.add(String.join("\t", pair.get(0), pair.get(1), inHetionet ? node : "",
                    inHetionet ? names.get(node) : "", String.join("|", sources)));
        });
        return lines;
    }
}

package org.kedrec.importer.hetionet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.importer.ImportContext;
import org.kedrec.importer.io.TsvReader;

/**
 * Properties and cross-references of Hetionet nodes, from the side files of the data directory, keyed by CURIE:
 *
 * <ul>
 *   <li>drugs: DrugBank's {@code type}, {@code groups}, {@code atcCodes}, {@code categories}, {@code inchikey},
 *       {@code description} ({@code drugbank-dhimmel/drugbank-slim.tsv}); MeSH xrefs
 *       ({@code crosswalk/mesh_to_drugbank.tsv}); ChEMBL, UNII, RxNorm and PubChem xrefs
 *       ({@code drugcentral/identifiers.tsv});
 *   <li>diseases: {@code description} ({@code disease-ontology/description.tsv}), {@code pathophysiology}
 *       ({@code slim-terms.tsv}); {@code xrefs} from the Disease Ontology's own cross-references
 *       ({@code xrefs-slim.tsv}), its MeSH supplements ({@code DO-slim-to-mesh.tsv}) and the crosswalk's
 *       {@code direct_xref} rows, so that a MeSH id names one disease; {@code narrowerXrefs} from the terms each
 *       disease subsumes ({@code xrefs-prop-slim.tsv}, the crosswalk's {@code xref_of_subsumed_term} rows), which
 *       the trial and publication linkers fall back to;
 *   <li>genes: UniProt xrefs ({@code crosswalk/uniprot_to_entrez.tsv}).
 * </ul>
 *
 * A missing side file is a warning in the report, not an error: the graph is then just poorer.
 */
public final class NodeAnnotations {
    /** Disease Ontology cross-reference resources and the CURIE prefixes they become. */
    private static final Map<String, String> DO_PREFIXES = Map.ofEntries(
            Map.entry("MSH", "MESH"), Map.entry("OMIM", "OMIM"), Map.entry("UMLS", "UMLS"),
            Map.entry("SNOMEDCT", "SNOMEDCT"), Map.entry("NCI", "NCIT"), Map.entry("ICD9", "ICD9CM"),
            Map.entry("ICD10", "ICD10CM"), Map.entry("EFO", "EFO"), Map.entry("ORDO", "Orphanet"),
            Map.entry("KEGG", "KEGG"), Map.entry("HP", "HP"), Map.entry("CSP", "CSP"), Map.entry("MEDDRA", "MedDRA"),
            Map.entry("NDFRT", "NDFRT"), Map.entry("CTV3", "CTV3"), Map.entry("WHO", "WHO"));

    /** DrugCentral identifier types kept as drug xrefs, with their CURIE prefixes. */
    private static final Map<String, String> DRUGCENTRAL_PREFIXES = Map.of(
            "ChEMBL_ID", "ChEMBL", "UNII", "UNII", "RXNORM", "RxNorm", "PUBCHEM_CID", "PubChem");

    private static final List<String> COMMON = List.of("name", "source", "xrefs", "narrowerXrefs");
    private static final List<String> DRUG = List.of("type", "groups", "atcCodes", "categories", "inchikey",
            "description");
    private static final List<String> DISEASE = List.of("description", "pathophysiology");

    private final Map<String, Map<String, Object>> props = new HashMap<>();
    private final Map<String, Set<String>> xrefs = new HashMap<>();
    private final Map<String, Set<String>> narrower = new HashMap<>();

    private NodeAnnotations() {}

    /** Reads every side file that is present. */
    public static NodeAnnotations load(ImportContext ctx) {
        NodeAnnotations a = new NodeAnnotations();
        ctx.optionalDataFile("drugbank-dhimmel/drugbank-slim.tsv", "DrugBank drug properties").ifPresent(a::drugbank);
        ctx.optionalDataFile("crosswalk/mesh_to_drugbank.tsv", "MeSH xrefs of drugs").ifPresent(a::meshToDrugbank);
        ctx.optionalDataFile("drugcentral/identifiers.tsv", "DrugCentral xrefs of drugs").ifPresent(a::drugcentral);
        ctx.optionalDataFile("disease-ontology/description.tsv", "Disease descriptions").ifPresent(a::descriptions);
        ctx.optionalDataFile("disease-ontology/slim-terms.tsv", "Disease pathophysiology").ifPresent(a::slimTerms);
        ctx.optionalDataFile("disease-ontology/xrefs-slim.tsv", "Disease Ontology xrefs").ifPresent(f -> a.doXrefs(f, false));
        ctx.optionalDataFile("disease-ontology/DO-slim-to-mesh.tsv", "Disease MeSH supplements").ifPresent(a::doSlimToMesh);
        ctx.optionalDataFile("crosswalk/mesh_to_hetionet_disease.tsv", "MeSH xrefs of diseases")
                .ifPresent(a::meshToDisease);
        ctx.optionalDataFile("disease-ontology/xrefs-prop-slim.tsv", "Subsumed Disease Ontology xrefs")
                .ifPresent(f -> a.doXrefs(f, true));
        ctx.optionalDataFile("crosswalk/uniprot_to_entrez.tsv", "UniProt xrefs of genes").ifPresent(a::uniprot);
        // A term listed as a disease's own xref is not also "narrower" for that disease.
        a.narrower.forEach((id, set) -> set.removeAll(a.xrefs.getOrDefault(id, Set.of())));
        return a;
    }

    /** Every property a Hetionet node of this kind may get. */
    public static List<String> propertiesOf(EntityKind kind) {
        List<String> all = new ArrayList<>(COMMON);
        if (kind == EntityKind.DRUG) {
            all.addAll(DRUG);
        } else if (kind == EntityKind.DISEASE) {
            all.addAll(DISEASE);
        }
        return all;
    }

    /** Extra properties of the node with this CURIE (empty map when none). */
    public Map<String, Object> properties(String curie) {
        return props.getOrDefault(curie, Map.of());
    }

    /** Other CURIEs of the same entity. */
    public List<String> xrefs(String curie) {
        Set<String> set = xrefs.get(curie);
        return set == null ? List.of() : new ArrayList<>(set);
    }

    /** CURIEs of more specific terms the node subsumes (diseases only). */
    public List<String> narrowerXrefs(String curie) {
        Set<String> set = narrower.get(curie);
        return set == null ? List.of() : new ArrayList<>(set);
    }

    private void drugbank(Path file) {
        eachRow(file, "the DrugBank slim table", List.of("drugbank_id", "type", "groups", "atc_codes", "categories",
                "inchikey", "description"), cells -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("type", blankToNull(cells[1]));
                    p.put("groups", pipeList(cells[2]));
                    p.put("atcCodes", pipeList(cells[3]));
                    p.put("categories", pipeList(cells[4]));
                    String key = cells[5].strip();
                    p.put("inchikey", key.startsWith("InChIKey=") ? key.substring(9) : blankToNull(key));
                    p.put("description", blankToNull(cells[6]));
                    props.computeIfAbsent("DrugBank:" + cells[0].strip(), k -> new LinkedHashMap<>()).putAll(p);
                });
    }

    private void meshToDrugbank(Path file) {
        eachRow(file, "the MeSH-to-DrugBank crosswalk", List.of("mesh_id", "drugbank_id"), cells -> {
            if (!cells[1].isBlank()) {
                String drugbank = "DrugBank:" + cells[1].strip();
                meshCurie(cells[0]).ifPresent(m -> add(xrefs, drugbank, m));
            }
        });
    }

    private void drugcentral(Path file) {
        Map<String, List<String>> drugbankIds = new HashMap<>();
        List<String[]> others = new ArrayList<>();
        eachRow(file, "the DrugCentral identifiers table", List.of("DRUG_ID", "ID_TYPE", "IDENTIFIER"), cells -> {
            String drugId = TsvReader.unquote(cells[0]);
            String idType = TsvReader.unquote(cells[1]);
            String identifier = TsvReader.unquote(cells[2]);
            if (identifier.isEmpty()) {
                return;
            }
            if (idType.equals("DRUGBANK_ID")) {
                drugbankIds.computeIfAbsent(drugId, k -> new ArrayList<>()).add(identifier);
            } else if (DRUGCENTRAL_PREFIXES.containsKey(idType)) {
                others.add(new String[] {drugId, DRUGCENTRAL_PREFIXES.get(idType) + ":" + identifier});
            }
        });
        for (String[] other : others) {
            for (String drugbank : drugbankIds.getOrDefault(other[0], List.of())) {
                add(xrefs, "DrugBank:" + drugbank, other[1]);
            }
        }
    }

    private void descriptions(Path file) {
        eachRow(file, "the Disease Ontology descriptions", List.of("disease_id", "description"), cells -> {
            if (!cells[1].isBlank()) {
                props.computeIfAbsent(cells[0].strip(), k -> new LinkedHashMap<>())
                        .put("description", cells[1].strip());
            }
        });
    }

    private void slimTerms(Path file) {
        eachRow(file, "the Disease Ontology slim terms", List.of("doid", "pathophysiology"), cells -> {
            if (!cells[1].isBlank()) {
                props.computeIfAbsent(cells[0].strip(), k -> new LinkedHashMap<>())
                        .put("pathophysiology", cells[1].strip());
            }
        });
    }

    private void doXrefs(Path file, boolean propagated) {
        eachRow(file, "a Disease Ontology xrefs table", List.of("doid_code", "resource", "resource_id"), cells ->
                doCurie(cells[1].strip(), cells[2].strip())
                        .ifPresent(c -> add(propagated ? narrower : xrefs, cells[0].strip(), c)));
    }

    private void doSlimToMesh(Path file) {
        eachRow(file, "the DO-slim-to-MeSH table", List.of("doid_code", "mesh_id"),
                cells -> meshCurie(cells[1]).ifPresent(m -> add(xrefs, cells[0].strip(), m)));
    }

    private void meshToDisease(Path file) {
        eachRow(file, "the MeSH-to-Hetionet-disease crosswalk", List.of("mesh_id", "doid", "match_type"), cells -> {
            boolean direct = cells[2].strip().equals("direct_xref");
            meshCurie(cells[0]).ifPresent(m -> add(direct ? xrefs : narrower, cells[1].strip(), m));
        });
    }

    private void uniprot(Path file) {
        eachRow(file, "the UniProt-to-Entrez crosswalk", List.of("uniprot_id", "entrez_gene_id"), cells -> {
            if (!cells[1].isBlank() && !cells[0].isBlank()) {
                add(xrefs, "NCBIGene:" + cells[1].strip(), "UniProt:" + cells[0].strip());
            }
        });
    }

    /**
     * Hands {@code row} the cells of {@code columns}, in that order, for every row of a side file that has them all
     * (a cut last line is passed over); a file without those columns is an error that names them.
     */
    private static void eachRow(Path file, String what, List<String> columns, Consumer<String[]> row) {
        try (TsvReader tsv = TsvReader.open(file, columns, what, "Point --data at the KEDRec data directory.")) {
            int[] at = columns.stream().mapToInt(tsv::column).toArray();
            int width = Arrays.stream(at).max().orElse(-1) + 1;
            String[] cells;
            while ((cells = tsv.next()) != null) {
                if (cells.length >= width) {
                    String[] picked = new String[at.length];
                    for (int i = 0; i < at.length; i++) {
                        picked[i] = cells[at[i]];
                    }
                    row.accept(picked);
                }
            }
        }
    }

    static Optional<String> doCurie(String resource, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (resource.equals("MSH")) {
            return meshCurie(value);
        }
        String prefix = DO_PREFIXES.getOrDefault(resource, resource);
        // Some resource ids already carry their prefix (UMLS:C0031347 in xrefs-slim).
        String local = value.regionMatches(true, 0, resource + ":", 0, resource.length() + 1)
                ? value.substring(resource.length() + 1)
                : value;
        return Optional.of(prefix + ":" + local);
    }

    private static Optional<String> meshCurie(String value) {
        try {
            return value.isBlank() ? Optional.empty() : Optional.of(Curies.mesh(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void add(Map<String, Set<String>> map, String key, String value) {
        map.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value);
    }

    private static List<String> pipeList(String cell) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        return Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

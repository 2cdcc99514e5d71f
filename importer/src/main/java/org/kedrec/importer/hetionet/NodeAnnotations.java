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
        try (TsvReader tsv = TsvReader.open(file, List.of("drugbank_id", "type", "groups", "atc_codes", "categories",
                "inchikey", "description"), "the DrugBank slim table", "Point --data at the KEDRec data directory.")) {
            int id = tsv.column("drugbank_id");
            int type = tsv.column("type");
            int groups = tsv.column("groups");
            int atc = tsv.column("atc_codes");
            int categories = tsv.column("categories");
            int inchikey = tsv.column("inchikey");
            int description = tsv.column("description");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length <= description) {
                    continue;
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("type", blankToNull(row[type]));
                p.put("groups", pipeList(row[groups]));
                p.put("atcCodes", pipeList(row[atc]));
                p.put("categories", pipeList(row[categories]));
                String key = row[inchikey].strip();
                p.put("inchikey", key.startsWith("InChIKey=") ? key.substring(9) : blankToNull(key));
                p.put("description", blankToNull(row[description]));
                props.computeIfAbsent("DrugBank:" + row[id].strip(), k -> new LinkedHashMap<>()).putAll(p);
            }
        }
    }

    private void meshToDrugbank(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("mesh_id", "drugbank_id"), "the MeSH-to-DrugBank crosswalk",
                "Point --data at the KEDRec data directory.")) {
            int mesh = tsv.column("mesh_id");
            int drug = tsv.column("drugbank_id");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length > drug && !row[drug].isBlank()) {
                    String drugbank = "DrugBank:" + row[drug].strip();
                    meshCurie(row[mesh]).ifPresent(m -> add(xrefs, drugbank, m));
                }
            }
        }
    }

    private void drugcentral(Path file) {
        Map<String, List<String>> drugbankIds = new HashMap<>();
        List<String[]> others = new ArrayList<>();
        try (TsvReader tsv = TsvReader.open(file, List.of("DRUG_ID", "ID_TYPE", "IDENTIFIER"),
                "the DrugCentral identifiers table", "Point --data at the KEDRec data directory.")) {
            int drug = tsv.column("DRUG_ID");
            int type = tsv.column("ID_TYPE");
            int value = tsv.column("IDENTIFIER");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length <= value) {
                    continue;
                }
                String idType = TsvReader.unquote(row[type]);
                String identifier = TsvReader.unquote(row[value]);
                String drugId = TsvReader.unquote(row[drug]);
                if (identifier.isEmpty()) {
                    continue;
                }
                if (idType.equals("DRUGBANK_ID")) {
                    drugbankIds.computeIfAbsent(drugId, k -> new ArrayList<>()).add(identifier);
                } else if (DRUGCENTRAL_PREFIXES.containsKey(idType)) {
                    others.add(new String[] {drugId, DRUGCENTRAL_PREFIXES.get(idType) + ":" + identifier});
                }
            }
        }
        for (String[] other : others) {
            for (String drugbank : drugbankIds.getOrDefault(other[0], List.of())) {
                add(xrefs, "DrugBank:" + drugbank, other[1]);
            }
        }
    }

    private void descriptions(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("disease_id", "description"),
                "the Disease Ontology descriptions", "Point --data at the KEDRec data directory.")) {
            int id = tsv.column("disease_id");
            int description = tsv.column("description");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length > description && !row[description].isBlank()) {
                    props.computeIfAbsent(row[id].strip(), k -> new LinkedHashMap<>())
                            .put("description", row[description].strip());
                }
            }
        }
    }

    private void slimTerms(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("doid", "pathophysiology"), "the Disease Ontology slim terms",
                "Point --data at the KEDRec data directory.")) {
            int id = tsv.column("doid");
            int patho = tsv.column("pathophysiology");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length > patho && !row[patho].isBlank()) {
                    props.computeIfAbsent(row[id].strip(), k -> new LinkedHashMap<>())
                            .put("pathophysiology", row[patho].strip());
                }
            }
        }
    }

    private void doXrefs(Path file, boolean propagated) {
        try (TsvReader tsv = TsvReader.open(file, List.of("doid_code", "resource", "resource_id"),
                "a Disease Ontology xrefs table", "Point --data at the KEDRec data directory.")) {
            int id = tsv.column("doid_code");
            int resource = tsv.column("resource");
            int value = tsv.column("resource_id");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length <= value) {
                    continue;
                }
                Optional<String> curie = doCurie(row[resource].strip(), row[value].strip());
                String doid = row[id].strip();
                curie.ifPresent(c -> add(propagated ? narrower : xrefs, doid, c));
            }
        }
    }

    private void doSlimToMesh(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("doid_code", "mesh_id"), "the DO-slim-to-MeSH table",
                "Point --data at the KEDRec data directory.")) {
            int id = tsv.column("doid_code");
            int mesh = tsv.column("mesh_id");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length > mesh) {
                    String doid = row[id].strip();
                    meshCurie(row[mesh]).ifPresent(m -> add(xrefs, doid, m));
                }
            }
        }
    }

    private void meshToDisease(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("mesh_id", "doid", "match_type"),
                "the MeSH-to-Hetionet-disease crosswalk", "Point --data at the KEDRec data directory.")) {
            int mesh = tsv.column("mesh_id");
            int doid = tsv.column("doid");
            int match = tsv.column("match_type");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length <= match) {
                    continue;
                }
                boolean direct = row[match].strip().equals("direct_xref");
                String id = row[doid].strip();
                meshCurie(row[mesh]).ifPresent(m -> add(direct ? xrefs : narrower, id, m));
            }
        }
    }

    private void uniprot(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("uniprot_id", "entrez_gene_id"),
                "the UniProt-to-Entrez crosswalk", "Point --data at the KEDRec data directory.")) {
            int uniprot = tsv.column("uniprot_id");
            int entrez = tsv.column("entrez_gene_id");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length > entrez && !row[entrez].isBlank() && !row[uniprot].isBlank()) {
                    add(xrefs, "NCBIGene:" + row[entrez].strip(), "UniProt:" + row[uniprot].strip());
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

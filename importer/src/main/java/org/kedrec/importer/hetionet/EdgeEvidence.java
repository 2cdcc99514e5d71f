package org.kedrec.importer.hetionet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.importer.ImportContext;
import org.kedrec.importer.io.TsvReader;

/**
 * Edge properties Hetionet's SIF lacks, restored from the files Hetionet was built from: on {@code CbG}
 * (BINDS) edges {@code sources}, {@code pmids}, {@code actions}, {@code affinityNm} and {@code license}
 * ({@code hetionet-sources/CbG-binding.tsv}); on {@code DaG} (ASSOCIATES) edges {@code sources} and {@code license}
 * ({@code hetionet-sources/DaG-association.tsv}).
 */
public final class EdgeEvidence {
    private final Map<String, Map<String, Object>> binding = new HashMap<>();
    private final Map<String, Map<String, Object>> association = new HashMap<>();

    private EdgeEvidence() {}

    public static EdgeEvidence load(ImportContext ctx) {
        EdgeEvidence e = new EdgeEvidence();
        ctx.optionalDataFile("hetionet-sources/CbG-binding.tsv", "Binding edge evidence (pmids, sources)")
                .ifPresent(e::binding);
        ctx.optionalDataFile("hetionet-sources/DaG-association.tsv", "Association edge evidence (sources)")
                .ifPresent(e::association);
        return e;
    }

    /** The properties a Hetionet metaedge's relationships may get. */
    public static List<String> propertiesOf(String metaedge) {
        return switch (metaedge) {
            case "CbG" -> List.of("sources", "pmids", "actions", "affinityNm", "license");
            case "DaG" -> List.of("sources", "license");
            default -> List.of();
        };
    }

    /** Properties of the CbG edge between a DrugBank id and an Entrez gene id (both without prefix). */
    public Map<String, Object> binding(String drugbankId, String entrezId) {
        return binding.get(drugbankId + '|' + entrezId);
    }

    /** Properties of the DaG edge between a DOID and an Entrez gene id. */
    public Map<String, Object> association(String doid, String entrezId) {
        return association.get(doid + '|' + entrezId);
    }

    private void binding(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("drugbank_id", "entrez_gene_id", "sources", "pubmed_ids",
                "actions", "affinity_nM", "license"), "Hetionet's CbG-binding table",
                "Point --data at the KEDRec data directory.")) {
            int drug = tsv.column("drugbank_id");
            int gene = tsv.column("entrez_gene_id");
            int sources = tsv.column("sources");
            int pmids = tsv.column("pubmed_ids");
            int actions = tsv.column("actions");
            int affinity = tsv.column("affinity_nM");
            int license = tsv.column("license");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length <= license) {
                    continue;
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("sources", pipeList(row[sources]));
                p.put("pmids", pmids(row[pmids]));
                p.put("actions", pipeList(row[actions]));
                p.put("affinityNm", number(row[affinity]));
                p.put("license", row[license].isBlank() ? null : row[license].strip());
                binding.put(row[drug].strip() + '|' + row[gene].strip(), p);
            }
        }
    }

    private void association(Path file) {
        try (TsvReader tsv = TsvReader.open(file, List.of("doid_id", "entrez_gene_id", "sources", "license"),
                "Hetionet's DaG-association table", "Point --data at the KEDRec data directory.")) {
            int disease = tsv.column("doid_id");
            int gene = tsv.column("entrez_gene_id");
            int sources = tsv.column("sources");
            int license = tsv.column("license");
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length <= license) {
                    continue;
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("sources", pipeList(row[sources]));
                p.put("license", row[license].isBlank() ? null : row[license].strip());
                association.put(row[disease].strip() + '|' + row[gene].strip(), p);
            }
        }
    }

    static List<String> pipeList(String cell) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        return Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** PubMed ids as numbers, in file order, without duplicates; non-numeric entries are dropped. */
    static List<Long> pmids(String cell) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (String part : cell.split("\\|")) {
            try {
                long id = Long.parseLong(part.strip());
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            } catch (NumberFormatException ignored) {
                // A stray token in a pmid list carries no citation.
            }
        }
        return ids.isEmpty() ? null : ids;
    }

    private static Double number(String cell) {
        try {
            return cell == null || cell.isBlank() ? null : Double.valueOf(cell.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package org.kedrec.importer.hetionet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
        read(file, "Hetionet's CbG-binding table", "drugbank_id", "entrez_gene_id", List.of(
                new Column("sources", "sources", EdgeEvidence::pipeList),
                new Column("pubmed_ids", "pmids", EdgeEvidence::pmids),
                new Column("actions", "actions", EdgeEvidence::pipeList),
                new Column("affinity_nM", "affinityNm", EdgeEvidence::number),
                new Column("license", "license", EdgeEvidence::text)), binding);
    }

    private void association(Path file) {
        read(file, "Hetionet's DaG-association table", "doid_id", "entrez_gene_id", List.of(
                new Column("sources", "sources", EdgeEvidence::pipeList),
                new Column("license", "license", EdgeEvidence::text)), association);
    }

    /** A column of a source table and the edge property it becomes. */
    private record Column(String name, String property, Function<String, Object> parse) {}

    /**
     * Reads a table keyed by its {@code from} and {@code to} columns into {@code from|to} -> properties; rows
     * shorter than the last column are skipped.
     */
    private static void read(Path file, String what, String from, String to, List<Column> columns,
            Map<String, Map<String, Object>> into) {
        List<String> header = new ArrayList<>(List.of(from, to));
        columns.forEach(c -> header.add(c.name()));
        try (TsvReader tsv = TsvReader.open(file, header, what, "Point --data at the KEDRec data directory.")) {
            int start = tsv.column(from);
            int end = tsv.column(to);
            int[] at = columns.stream().mapToInt(c -> tsv.column(c.name())).toArray();
            int last = Arrays.stream(at).max().orElse(end);
            String[] row;
            while ((row = tsv.next()) != null) {
                if (row.length <= last) {
                    continue;
                }
                Map<String, Object> p = new LinkedHashMap<>();
                for (int c = 0; c < at.length; c++) {
                    p.put(columns.get(c).property(), columns.get(c).parse().apply(row[at[c]]));
                }
                into.put(row[start].strip() + '|' + row[end].strip(), p);
            }
        }
    }

    private static String text(String cell) {
        return cell == null || cell.isBlank() ? null : cell.strip();
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

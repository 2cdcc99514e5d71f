package org.kedrec.trainer.ranking.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.kedrec.core.Messages;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.core.text.NumberedLines;

/**
 * DEVELOPMENT PATH ONLY: reads a Hetionet edge list ({@code source<TAB>metaedge<TAB>target}, e.g. the demo
 * {@code derived/hetionet-v1.0-edges-demo.sif.gz}) and {@code hetionet-v1.0-nodes.tsv} straight from files, mapping
 * each metaedge to the relationship type the importer writes (the graph schema of the common brief), so that a
 * model trained this way has exactly the relations of one trained from the Neo4j export. The product path is
 * {@link Neo4jGraphExport}; this reader exists so the ranker can be developed and measured before the importer
 * lands, and is reached only through the clearly named {@code --dev-hetionet-sif} option.
 */
public final class HetionetSif {
    /** Hetionet metaedge abbreviation to relationship type (direction as Hetionet writes it). */
    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("CtD", "TREATS"), Map.entry("CpD", "PALLIATES"), Map.entry("CbG", "BINDS"),
            Map.entry("CuG", "UPREGULATES"), Map.entry("CdG", "DOWNREGULATES"), Map.entry("CrC", "RESEMBLES"),
            Map.entry("CcSE", "CAUSES"), Map.entry("PCiC", "INCLUDES"), Map.entry("DaG", "ASSOCIATES"),
            Map.entry("DuG", "UPREGULATES"), Map.entry("DdG", "DOWNREGULATES"), Map.entry("DrD", "RESEMBLES"),
            Map.entry("DlA", "LOCALIZES"), Map.entry("DpS", "PRESENTS"), Map.entry("AeG", "EXPRESSES"),
            Map.entry("AuG", "UPREGULATES"), Map.entry("AdG", "DOWNREGULATES"), Map.entry("GiG", "INTERACTS"),
            Map.entry("GcG", "COVARIES"), Map.entry("Gr>G", "REGULATES"), Map.entry("GpBP", "PARTICIPATES"),
            Map.entry("GpCC", "PARTICIPATES"), Map.entry("GpMF", "PARTICIPATES"), Map.entry("GpPW", "PARTICIPATES"));

    private HetionetSif() {}

    /** Builds the training graph from a SIF edge list and the Hetionet nodes file, under {@code plan}. */
    public static TrainingGraph read(Path sif, Path nodesTsv, SplitPlan plan) {
        List<String[]> edges = readEdges(sif);
        TrainingGraphBuilder builder = new TrainingGraphBuilder(plan);
        for (String[] e : edges) {
            if (e[1].equals("CtD")) {
                builder.treatsPair(Curies.fromHetionet(e[0]), Curies.fromHetionet(e[2]));
            }
        }
        readNodes(nodesTsv, builder);
        for (String[] e : edges) {
            String type = TYPES.get(e[1]);
            if (type == null) {
                throw new IllegalArgumentException(Messages.format(
                        "%s: unknown Hetionet metaedge `%s`; known metaedges are %s.", sif, e[1],
                        new java.util.TreeSet<>(TYPES.keySet())));
            }
            builder.edge(Curies.fromHetionet(e[0]), label(e[0]), type, Curies.fromHetionet(e[2]), label(e[2]));
        }
        return builder.build();
    }

    private static String label(String hetionetId) {
        return EntityKind.requireHetionetKind(hetionetId.substring(0, hetionetId.indexOf("::"))).label();
    }

    private static List<String[]> readEdges(Path sif) {
        List<String[]> edges = new ArrayList<>();
        try (BufferedReader in = reader(sif)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals("source\tmetaedge\ttarget")) {
                throw new IllegalArgumentException(Messages.format(
                        "%s line 1: expected the header `source<TAB>metaedge<TAB>target` but found `%s`.", sif,
                        header));
            }
            NumberedLines.forEachNonBlank(in, 1, (number, line) -> {
                String[] cols = line.strip().split("\t", -1);
                if (cols.length != 3) {
                    throw new IllegalArgumentException(Messages.format(
                            "%s line %d: expected `source<TAB>metaedge<TAB>target` but found `%s`.", sif, number,
                            line.strip()));
                }
                edges.add(cols);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + sif, e);
        }
        return edges;
    }

    /** Every compound and disease becomes a node (so every one is ranked); other kinds enter through edges. */
    private static void readNodes(Path nodesTsv, TrainingGraphBuilder builder) {
        try (BufferedReader in = reader(nodesTsv)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals("id\tname\tkind")) {
                throw new IllegalArgumentException(Messages.format(
                        "%s line 1: expected the header `id<TAB>name<TAB>kind` but found `%s`.", nodesTsv, header));
            }
            String line;
            while ((line = in.readLine()) != null) {
                String[] cols = line.strip().split("\t", -1);
                if (cols.length == 3 && (cols[2].equals("Compound") || cols[2].equals("Disease"))) {
                    builder.node(Curies.fromHetionet(cols[0]), label(cols[0]), cols[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + nodesTsv, e);
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}

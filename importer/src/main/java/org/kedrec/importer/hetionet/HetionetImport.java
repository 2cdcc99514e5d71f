package org.kedrec.importer.hetionet;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.graph.RelationTypes;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.text.DidYouMean;
import org.kedrec.importer.ImportContext;
import org.kedrec.importer.io.Problems;
import org.kedrec.importer.io.TsvReader;
import org.kedrec.importer.write.EntityIndex;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.GraphWriter.NodeMode;
import org.kedrec.importer.write.GraphWriter.NodeSpec;
import org.kedrec.importer.write.GraphWriter.RelSpec;

/**
 * Hetionet's nodes TSV ({@code id name kind}, CRLF line ends) and edges SIF ({@code source metaedge target}, plain
 * or gzip). Node ids become CURIEs ({@code Compound::DB00997} is {@code DrugBank:DB00997}), kinds become labels,
 * metaedges become relationship types through the relation mapping table, and the side files add node properties,
 * xrefs and edge evidence. Every relationship carries {@code source: 'Hetionet'} and {@code relation} (the
 * metaedge), which together with its ends identify it.
 */
public final class HetionetImport {
    public static final String SOURCE = "Hetionet";
    static final List<String> NODE_COLUMNS = List.of("id", "name", "kind");
    static final List<String> EDGE_COLUMNS = List.of("source", "metaedge", "target");

    private final ImportContext ctx;
    private final Problems problems;
    private final EntityIndex index;
    private final GraphWriter writer;
    private final Map<String, EntityKind> kinds = new HashMap<>();

    public HetionetImport(ImportContext ctx) {
        this.ctx = ctx;
        this.problems = ctx.problems();
        this.index = ctx.index();
        this.writer = ctx.writer();
    }

    /** Imports the nodes file, then (after its nodes are committed) the edges file. */
    public void run(Path nodesTsv, Path edgesSif) {
        // Open both first: a wrong edges file should fail before anything is written.
        try (TsvReader nodes = TsvReader.open(nodesTsv, NODE_COLUMNS, "a Hetionet nodes file",
                        "Pass the nodes TSV (e.g. hetionet/hetionet-v1.0-nodes.tsv) as the nodes file.");
                TsvReader edges = TsvReader.open(edgesSif, EDGE_COLUMNS, "a Hetionet edges SIF file",
                        "Pass the edges SIF (e.g. derived/hetionet-v1.0-edges-demo.sif.gz) as the edges file.")) {
            nodes(nodes, NodeAnnotations.load(ctx));
            edges(edges, EdgeEvidence.load(ctx));
        }
    }

    private void nodes(TsvReader tsv, NodeAnnotations annotations) {
        int idCol = tsv.column("id");
        int nameCol = tsv.column("name");
        int kindCol = tsv.column("kind");
        int width = Math.max(idCol, Math.max(nameCol, kindCol)) + 1;
        Map<EntityKind, NodeSpec> specs = new HashMap<>();
        ImportContext.FileProgress progress = ctx.begin("hetionet nodes", tsv.lines());
        String[] row;
        while ((row = tsv.next()) != null) {
            progress.tick();
            if (row.length < width) {
                problems.malformed(tsv.file(), tsv.lineNumber(), 3, "id, name, kind", row.length);
                continue;
            }
            EntityKind kind;
            String curie;
            try {
                kind = kindOf(row[idCol]);
                curie = curie(kind, row[idCol]);
            } catch (IllegalArgumentException e) {
                problems.line(tsv.file(), tsv.lineNumber(), Problems.BAD_ID, e.getMessage(), "Fix the id");
                continue;
            }
            if (!kind.hetionetKind().equals(row[kindCol])) {
                problems.line(tsv.file(), tsv.lineNumber(), Problems.MALFORMED, Messages.format(
                        "the kind column says `%s` but the id `%s` is a %s.", Messages.echo(row[kindCol]), Messages.echo(row[idCol]),
                        kind.hetionetKind()), "Fix the line");
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>(annotations.properties(curie));
            props.put("name", row[nameCol]);
            props.put("source", SOURCE);
            List<String> xrefs = annotations.xrefs(curie);
            List<String> narrower = annotations.narrowerXrefs(curie);
            if (!xrefs.isEmpty()) {
                props.put("xrefs", xrefs);
            }
            if (!narrower.isEmpty()) {
                props.put("narrowerXrefs", narrower);
            }
            NodeSpec spec = specs.computeIfAbsent(kind, k -> writer.nodes(k.label(), NodeMode.UPSERT,
                    NodeAnnotations.propertiesOf(k), List.of()));
            writer.node(spec, curie, props, null, new EntityIndex.Entry(curie, row[nameCol], xrefs, narrower));
        }
        progress.end();
    }

    private void edges(TsvReader tsv, EdgeEvidence evidence) {
        int sourceCol = tsv.column("source");
        int metaedgeCol = tsv.column("metaedge");
        int targetCol = tsv.column("target");
        int width = Math.max(sourceCol, Math.max(metaedgeCol, targetCol)) + 1;
        RelationTypes types = ctx.relationTypes();
        Map<String, RelSpec> specs = new HashMap<>();
        Map<String, RelationTypes.Row> rows = new HashMap<>();
        ImportContext.FileProgress progress = ctx.begin("hetionet edges", tsv.lines());
        String[] line;
        while ((line = tsv.next()) != null) {
            progress.tick();
            if (line.length < width) {
                problems.malformed(tsv.file(), tsv.lineNumber(), 3, "source, metaedge, target", line.length);
                continue;
            }
            String metaedge = line[metaedgeCol];
            RelationTypes.Row mapping = rows.computeIfAbsent(metaedge, m -> {
                List<RelationTypes.Row> found = types.find(SOURCE, m);
                return found.isEmpty() ? null : found.get(0);
            });
            if (mapping == null) {
                List<String> known = types.ofSource(SOURCE).stream().map(RelationTypes.Row::relation).toList();
                List<String> close = DidYouMean.suggest(metaedge, known, 3);
                problems.line(tsv.file(), tsv.lineNumber(), Problems.UNKNOWN_RELATION, Messages.format(
                        "unknown metaedge `%s`%s.", Messages.echo(metaedge),
                        close.isEmpty() ? "; known metaedges are " + known : " (did you mean " + close + "?)"),
                        "Fix the metaedge or add a Hetionet row for it to relation-types.tsv");
                continue;
            }
            String start = endpoint(tsv, line[sourceCol], mapping.startLabel(), metaedge);
            if (start == null) {
                continue;
            }
            String end = endpoint(tsv, line[targetCol], mapping.endLabel(), metaedge);
            if (end == null) {
                continue;
            }
            Map<String, Object> props = null;
            if (metaedge.equals("CbG")) {
                props = evidence.binding(Curies.localPart(start), Curies.localPart(end));
            } else if (metaedge.equals("DaG")) {
                props = evidence.association(start, Curies.localPart(end));
            }
            RelSpec spec = specs.computeIfAbsent(metaedge, m -> writer.relationships(mapping.type(),
                    mapping.startLabel(), mapping.endLabel(), Map.of("source", SOURCE, "relation", m),
                    EdgeEvidence.propertiesOf(m), List.of(), List.of()));
            writer.relationship(spec, start, end, props, null, null);
        }
        progress.end();
    }

    /** The kind of a Hetionet id, memoised per kind name (the core lookup streams over all kinds each time). */
    private EntityKind kindOf(String hetionetId) {
        int sep = hetionetId.indexOf("::");
        if (sep < 0) {
            Curies.fromHetionet(hetionetId); // throws the standard message for an id without a kind
        }
        String name = hetionetId.substring(0, sep);
        EntityKind kind = kinds.get(name);
        if (kind == null) {
            kind = EntityKind.requireHetionetKind(name);
            kinds.put(name, kind);
        }
        return kind;
    }

    /** {@link Curies#fromHetionet} for an id whose kind is known. */
    private static String curie(EntityKind kind, String hetionetId) {
        return Curies.of(kind, hetionetId.substring(hetionetId.indexOf("::") + 2));
    }

    /** The CURIE of an edge end, or null after reporting why it cannot be used. */
    private String endpoint(TsvReader tsv, String hetionetId, String label, String metaedge) {
        String curie;
        EntityKind kind;
        try {
            kind = kindOf(hetionetId);
            curie = curie(kind, hetionetId);
        } catch (IllegalArgumentException e) {
            problems.line(tsv.file(), tsv.lineNumber(), Problems.BAD_ID, e.getMessage(), "Fix the id");
            return null;
        }
        if (!kind.label().equals(label)) {
            problems.line(tsv.file(), tsv.lineNumber(), Problems.MALFORMED, Messages.format(
                    "metaedge %s needs a %s here but `%s` is a %s.", metaedge, label, Messages.echo(hetionetId),
                    kind.label()),
                    "Fix the line");
            return null;
        }
        if (!index.contains(label, curie)) {
            problems.line(tsv.file(), tsv.lineNumber(), Problems.UNKNOWN_ID, Messages.format(
                    "unknown node id `%s`: no %s %s in the graph or in the nodes file.", Messages.echo(hetionetId), label,
                    Messages.echo(curie)),
                    "Import the nodes file that defines it first or fix the id");
            return null;
        }
        return curie;
    }
}

package org.kedrec.importer.drkg;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;
import org.kedrec.core.graph.RelationTypes;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.importer.ImportContext;
import org.kedrec.importer.io.Problems;
import org.kedrec.importer.io.TsvReader;
import org.kedrec.importer.write.EntityIndex;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.GraphWriter.NodeMode;
import org.kedrec.importer.write.GraphWriter.RelSpec;

/**
 * DRKG-format triples: {@code head<TAB>relation<TAB>tail} with entities {@code Kind::identifier} (DRKG's kinds are
 * Hetionet's: {@code Compound::DB00997}, {@code Gene::1234}, {@code Disease::MESH:D003920}) and relations
 * {@code SOURCE::code::HeadKind:TailKind}. Each relation is looked up in the mapping table (source {@code DRKG}),
 * which gives the type and the direction; the relationship's {@code source} is DRKG's data source
 * ({@code DRUGBANK}, {@code GNBR}, {@code Hetionet}…) and {@code relation} its code, so DRKG's copy of a Hetionet
 * edge is the same relationship as Hetionet's.
 *
 * <p>Entities resolve to existing nodes first: a disease given by a MeSH (or OMIM) id becomes the Hetionet disease
 * that lists it among its xrefs, a compound given by a MeSH or ChEMBL id the drug that does. An entity not in the
 * graph is created (with {@code source: 'DRKG'}) when its kind is a KEDRec label; triples with other kinds (DRKG's
 * Atc and Tax) are counted as ignored.
 */
public final class DrkgImport {
    public static final String TABLE_SOURCE = "DRKG";
    private static final Pattern DRUGBANK = Pattern.compile("DB\\d{5}");
    private static final Pattern ENTREZ = Pattern.compile("\\d+");

    private final ImportContext ctx;
    private final Problems problems;
    private final EntityIndex index;
    private final GraphWriter writer;
    private final Map<String, RelSpec> specs = new HashMap<>();

    public DrkgImport(ImportContext ctx) {
        this.ctx = ctx;
        this.problems = ctx.problems();
        this.index = ctx.index();
        this.writer = ctx.writer();
    }

    public void run(List<Path> files) {
        for (Path file : files) {
            try (TsvReader tsv = TsvReader.openHeaderless(file)) {
                triples(tsv);
            }
        }
    }

    private void triples(TsvReader tsv) {
        RelationTypes types = ctx.relationTypes();
        ImportContext.FileProgress progress = ctx.begin("drkg", tsv.lines());
        String[] line;
        while ((line = tsv.next()) != null) {
            progress.tick();
            if (line.length != 3) {
                problems.malformed(tsv.file(), tsv.lineNumber(), 3, "head, relation, tail", line.length);
                continue;
            }
            String relation = line[1].strip();
            List<RelationTypes.Row> rows = types.find(TABLE_SOURCE, relation);
            if (rows.isEmpty()) {
                problems.line(tsv.file(), tsv.lineNumber(), Problems.UNKNOWN_RELATION, Messages.format(
                        "unknown DRKG relation `%s`.", Messages.echo(relation)),
                        "Add a DRKG row for it to relation-types.tsv or fix the relation");
                continue;
            }
            RelationTypes.Row mapping = rows.get(0);
            Entity head = entity(tsv, line[0]);
            Entity tail = head == null ? null : entity(tsv, line[2]);
            if (head == null || tail == null) {
                continue;
            }
            if (head.kind == null || tail.kind == null) {
                ctx.stats().ignore(Messages.format("DRKG triples with an entity kind outside the KEDRec schema (%s)",
                        head.kind == null ? head.kindName : tail.kindName));
                continue;
            }
            boolean forward = head.kind.label().equals(mapping.startLabel()) && tail.kind.label().equals(mapping.endLabel());
            boolean backward = head.kind.label().equals(mapping.endLabel()) && tail.kind.label().equals(mapping.startLabel());
            if (!forward && !backward) {
                problems.line(tsv.file(), tsv.lineNumber(), Problems.MALFORMED, Messages.format(
                        "relation `%s` connects %s and %s but the line has %s and %s.", relation,
                        mapping.startLabel(), mapping.endLabel(), head.kind.label(), tail.kind.label()),
                        "Fix the line");
                continue;
            }
            List<String> heads = resolve(head);
            List<String> tails = resolve(tail);
            RelSpec spec = specs.computeIfAbsent(relation, r -> {
                String[] parts = r.split("::");
                String source = parts[0];
                String code = parts.length > 1 ? parts[1] : r;
                return writer.relationships(mapping.type(), mapping.startLabel(), mapping.endLabel(),
                        Map.of("source", source, "relation", code), List.of(), List.of(), List.of());
            });
            for (String h : heads) {
                for (String t : tails) {
                    if (forward) {
                        writer.relationship(spec, h, t, null, null, null);
                    } else {
                        writer.relationship(spec, t, h, null, null, null);
                    }
                }
            }
        }
        progress.end();
    }

    /** A parsed DRKG entity; {@code kind} is null for kinds outside the KEDRec schema. */
    private record Entity(String kindName, EntityKind kind, String identifier) {}

    private Entity entity(TsvReader tsv, String text) {
        int sep = text.indexOf("::");
        if (sep <= 0 || sep + 2 >= text.length()) {
            problems.line(tsv.file(), tsv.lineNumber(), Problems.BAD_ID, Messages.format(
                    "`%s` is not a DRKG entity: expected `Kind::identifier`, e.g. `Compound::DB00997`.",
                    Messages.echo(text)),
                    "Fix the entity");
            return null;
        }
        String kindName = text.substring(0, sep);
        return new Entity(kindName, EntityKind.fromHetionetKind(kindName).orElse(null), text.substring(sep + 2).strip());
    }

    /** The graph ids of an entity: existing nodes it names, else a new node (created here). */
    private List<String> resolve(Entity e) {
        String label = e.kind.label();
        Optional<String> curie = curie(e.kind, e.identifier);
        String id = curie.orElse("DRKG:" + e.identifier);
        List<String> found = index.resolve(label, id);
        if (!found.isEmpty()) {
            return found;
        }
        writer.node(writer.nodes(label, NodeMode.ENSURE, List.of("source"), List.of()), id, Map.of("source", TABLE_SOURCE), null, null);
        return List.of(id);
    }

    /** The CURIE DRKG's identifier stands for, when its form is known. */
    static Optional<String> curie(EntityKind kind, String identifier) {
        try {
            return switch (kind) {
                case DRUG -> DRUGBANK.matcher(identifier).matches() ? Optional.of("DrugBank:" + identifier)
                        : identifier.startsWith("MESH:") ? Optional.of(Curies.mesh(identifier))
                        : identifier.startsWith("CHEMBL") ? Optional.of("ChEMBL:" + identifier)
                        : Optional.empty();
                case GENE -> ENTREZ.matcher(identifier).matches() ? Optional.of("NCBIGene:" + identifier)
                        : Optional.empty();
                case DISEASE -> identifier.startsWith("MESH:") ? Optional.of(Curies.mesh(identifier))
                        : identifier.startsWith("DOID:") || identifier.startsWith("OMIM:") ? Optional.of(identifier)
                        : Optional.empty();
                case ANATOMY -> Optional.of(identifier.startsWith("Uberon:") ? identifier.substring(7) : identifier)
                        .filter(i -> i.startsWith("UBERON:"));
                case SYMPTOM -> Optional.of(Curies.mesh(identifier));
                case BIOLOGICAL_PROCESS, MOLECULAR_FUNCTION, CELLULAR_COMPONENT -> Optional.of(identifier)
                        .filter(i -> i.startsWith("GO:"));
                default -> Optional.of(Curies.of(kind, identifier));
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

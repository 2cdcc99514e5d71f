package org.kedrec.importer.pubmed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.graph.RelationTypes;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.importer.ImportContext;
import org.kedrec.importer.io.LineReader;
import org.kedrec.importer.write.EntityIndex;
import org.kedrec.importer.write.GraphWriter;
import org.kedrec.importer.write.GraphWriter.NodeMode;
import org.kedrec.importer.write.GraphWriter.NodeSpec;
import org.kedrec.importer.write.GraphWriter.RelSpec;

/**
 * PubTator corpora (BC5CDR, BioRED) into {@code (:Publication {id: 'PMID:…', title, abstract, corpora})} merged by
 * PMID across corpora, {@code (:Publication)-[:MENTIONS {count}]->(n)} to the drugs, diseases, symptoms and genes the
 * mentions link to, and each corpus' asserted relations as relationships between the linked entities (types from
 * the relation mapping table, {@code source} = the corpus, {@code relation} = the corpus' relation name,
 * {@code pmids} merged without duplicates on re-import).
 *
 * <p>Linking: a chemical's MeSH id to the drugs listing it among their xrefs; a disease's MeSH or OMIM id to the
 * disease listing it among its xrefs, else among the terms it subsumes ({@code narrowerXrefs}), else to the Symptom
 * with that MeSH id; a gene's Entrez id to the Gene. Mentions that link nowhere are counted as ignored. A mention
 * count is the number of times the abstract mentions the entity; when two corpora annotate the same abstract the
 * larger count is kept (order-independent, so re-imports agree).
 */
public final class PubmedImport {
    private static final String DRUG = EntityKind.DRUG.label();
    private static final String DISEASE = EntityKind.DISEASE.label();
    private static final String SYMPTOM = EntityKind.SYMPTOM.label();
    private static final String GENE = EntityKind.GENE.label();
    private static final String PUBLICATION = EntityKind.PUBLICATION.label();

    private final ImportContext ctx;
    private final EntityIndex index;
    private final Map<Long, Publication> publications = new LinkedHashMap<>();
    private final Map<String, Optional<String>> meshCache = new HashMap<>();
    /** (corpus, relation, type, start label, end label) to (start id, end id) to PMIDs. */
    private final Map<List<String>, Map<List<String>, Set<Long>>> relations = new LinkedHashMap<>();

    record Node(String label, String id) {}

    private static final class Publication {
        String title;
        String abstractText;
        final Set<String> corpora = new LinkedHashSet<>();
        final Map<Node, Integer> mentions = new LinkedHashMap<>();
    }

    public PubmedImport(ImportContext ctx) {
        this.ctx = ctx;
        this.index = ctx.index();
    }

    /** The corpus a PubTator file belongs to, from its name: {@code CDR_*} is BC5CDR, under {@code biored/} BioRED. */
    public static String corpusOf(Path file) {
        String name = file.getFileName().toString();
        if (name.toUpperCase(Locale.ENGLISH).startsWith("CDR")) {
            return "BC5CDR";
        }
        for (Path part : file.toAbsolutePath()) {
            if (part.toString().toLowerCase(Locale.ENGLISH).contains("biored")) {
                return "BioRED";
            }
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public void run(List<Path> files) {
        // Open every file first, so that a missing one fails before anything is written.
        List<LineReader> readers = new ArrayList<>();
        try {
            for (Path file : files) {
                readers.add(LineReader.open(file));
            }
            for (LineReader reader : readers) {
                read(reader, corpusOf(reader.file()));
            }
        } finally {
            readers.forEach(LineReader::close);
        }
        write();
    }

    private void read(LineReader lines, String corpus) {
        PubTatorReader reader = new PubTatorReader(lines, ctx.problems());
        ImportContext.FileProgress progress = ctx.begin("pubmed " + corpus, lines);
        PubTatorReader.Document doc;
        while ((doc = reader.next()) != null) {
            progress.tick();
            Publication pub = publications.computeIfAbsent(doc.pmid, k -> new Publication());
            pub.corpora.add(corpus);
            if (doc.title != null) {
                pub.title = doc.title;
            }
            if (doc.abstractText != null) {
                pub.abstractText = doc.abstractText;
            }
            Map<String, String> typeOfId = new HashMap<>();
            Map<Node, Integer> counts = new LinkedHashMap<>();
            for (PubTatorReader.Mention m : doc.mentions) {
                Category category = Category.of(m.type());
                if (category == null) {
                    ctx.stats().ignore("PubTator mentions of other entity types (variants, species, cell lines)");
                    continue;
                }
                List<Node> linked = new ArrayList<>();
                for (String id : ids(m.ids())) {
                    typeOfId.put(id, m.type());
                    for (Node node : link(category, id)) {
                        if (!linked.contains(node)) {
                            linked.add(node);
                        }
                    }
                }
                if (linked.isEmpty()) {
                    ctx.stats().ignore("PubTator mentions not linked to a graph node");
                }
                linked.forEach(n -> counts.merge(n, 1, Integer::sum));
            }
            counts.forEach((node, count) -> pub.mentions.merge(node, count, Math::max));
            for (PubTatorReader.Relation r : doc.relations) {
                relation(corpus, doc.pmid, r, typeOfId);
            }
        }
        progress.end();
    }

    private void relation(String corpus, long pmid, PubTatorReader.Relation r, Map<String, String> typeOfId) {
        boolean cid = r.type().equals("CID");
        Category a = Category.of(cid ? "Chemical" : typeOfId.getOrDefault(r.id1(), ""));
        Category b = Category.of(cid ? "Disease" : typeOfId.getOrDefault(r.id2(), ""));
        if (a == null || b == null) {
            ctx.stats().ignore("asserted relations involving other entity types");
            return;
        }
        List<Node> starts = link(a, r.id1());
        List<Node> ends = link(b, r.id2());
        if (starts.isEmpty() || ends.isEmpty()) {
            ctx.stats().ignore("asserted relations with an end not in the graph");
            return;
        }
        RelationTypes types = ctx.relationTypes();
        for (Node s : starts) {
            for (Node e : ends) {
                if (s.equals(e)) {
                    continue;
                }
                Optional<RelationTypes.Row> mapping = types.find(corpus, r.type(), s.label(), e.label());
                if (mapping.isEmpty()) {
                    ctx.stats().ignore("asserted relations without a row in relation-types.tsv for their kinds");
                    continue;
                }
                RelationTypes.Row row = mapping.get();
                boolean forward = row.startLabel().equals(s.label()) && row.endLabel().equals(e.label());
                Node start = forward ? s : e;
                Node end = forward ? e : s;
                relations.computeIfAbsent(List.of(corpus, r.type(), row.type(), row.startLabel(), row.endLabel()),
                                k -> new LinkedHashMap<>())
                        .computeIfAbsent(List.of(start.id(), end.id()), k -> new LinkedHashSet<>())
                        .add(pmid);
            }
        }
    }

    private enum Category {
        CHEMICAL, DISEASE, GENE;

        static Category of(String pubtatorType) {
            if (pubtatorType.startsWith("Chemical")) {
                return CHEMICAL;
            }
            if (pubtatorType.startsWith("Disease")) {
                return DISEASE;
            }
            if (pubtatorType.startsWith("Gene")) {
                return GENE;
            }
            return null;
        }
    }

    private static List<String> ids(String cell) {
        List<String> ids = new ArrayList<>();
        for (String id : cell.split("[|,;]")) {
            String s = id.strip();
            if (!s.isEmpty() && !s.equals("-1") && !s.equals("-")) {
                ids.add(s);
            }
        }
        return ids;
    }

    private List<Node> link(Category category, String id) {
        List<Node> nodes = new ArrayList<>();
        switch (category) {
            case CHEMICAL -> mesh(id).ifPresent(m -> index.resolve(DRUG, m).forEach(n -> nodes.add(new Node(DRUG, n))));
            case DISEASE -> {
                Optional<String> curie = id.regionMatches(true, 0, "OMIM:", 0, 5) ? Optional.of("OMIM:" + id.substring(5))
                        : mesh(id);
                curie.ifPresent(c -> {
                    index.resolveBroadly(DISEASE, c).forEach(n -> nodes.add(new Node(DISEASE, n)));
                    if (nodes.isEmpty() && index.contains(SYMPTOM, c)) {
                        nodes.add(new Node(SYMPTOM, c));
                    }
                });
            }
            case GENE -> {
                String curie = "NCBIGene:" + id;
                if (id.chars().allMatch(Character::isDigit) && index.contains(GENE, curie)) {
                    nodes.add(new Node(GENE, curie));
                }
            }
            default -> throw new IllegalStateException("Unhandled category " + category);
        }
        return nodes;
    }

    /** Normalised MeSH CURIEs, memoised: the corpora repeat the same ids thousands of times. */
    private Optional<String> mesh(String id) {
        return meshCache.computeIfAbsent(id, i -> {
            try {
                return Optional.of(Curies.mesh(i));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private void write() {
        GraphWriter writer = ctx.writer();
        NodeSpec pubs = writer.nodes(PUBLICATION, NodeMode.UPSERT, List.of("name", "title", "abstract"),
                List.of("corpora"));
        for (Map.Entry<Long, Publication> e : publications.entrySet()) {
            Publication p = e.getValue();
            String id = "PMID:" + e.getKey();
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("name", p.title);
            props.put("title", p.title);
            props.put("abstract", p.abstractText);
            writer.node(pubs, id, props, Map.of("corpora", new ArrayList<>(p.corpora)),
                    new EntityIndex.Entry(id, p.title, List.of(), List.of()));
        }
        Map<String, RelSpec> mentionSpecs = new HashMap<>();
        for (Map.Entry<Long, Publication> e : publications.entrySet()) {
            String id = "PMID:" + e.getKey();
            e.getValue().mentions.forEach((node, count) -> writer.relationship(
                    mentionSpecs.computeIfAbsent(node.label(), label -> writer.relationships(GraphSchema.MENTIONS,
                            PUBLICATION, label, Map.of(), List.of(), List.of(), List.of("count"))),
                    id, node.id(), null, null, Map.of("count", count)));
        }
        relations.forEach((key, pairs) -> {
            RelSpec spec = writer.relationships(key.get(2), key.get(3), key.get(4),
                    Map.of("source", key.get(0), "relation", key.get(1)), List.of(), List.of("pmids"), List.of());
            pairs.forEach((pair, pmids) -> writer.relationship(spec, pair.get(0), pair.get(1), null,
                    Map.of("pmids", new ArrayList<>(pmids)), null));
        });
    }
}

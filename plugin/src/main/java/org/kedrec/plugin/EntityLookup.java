package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.evidence.LuceneQuery;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.text.DidYouMean;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Finds a disease or a drug the way a user names it: by its CURIE {@code id} (a unique-index seek), by any of its
 * {@code xrefs} (e.g. {@code MESH:D006973} for hypertension), or by its exact name, compared case-insensitively.
 * What is not found gets an error listing the closest names.
 */
final class EntityLookup {
    static final int SUGGESTIONS = 5;

    private static final String BY_XREF_OR_NAME = """
            MATCH (n:%s)
            WHERE $input IN n.xrefs OR toLower(n.name) = $lower
            RETURN n, $input IN coalesce(n.xrefs, []) AS byXref
            ORDER BY byXref DESC, n.id""";
    private static final String ALL_NAMES = "MATCH (n:%s) RETURN n.id AS id, n.name AS name";
    private static final String FULLTEXT = """
            CALL db.index.fulltext.queryNodes('entity_name', $query) YIELD node, score
            WHERE node:%s
            // Lucene breaks score ties by segment order, which differs between builds of the same graph:
            // ties go by name so that the same mistake always gets the same suggestions.
            RETURN node.id AS id, node.name AS name
            ORDER BY round(score, 4) DESC, name, id
            LIMIT %d""";

    private final Transaction tx;
    private final LookupCache cache;
    private final String database;

    EntityLookup(Transaction tx, LookupCache cache, String database) {
        this.tx = tx;
        this.cache = cache;
        this.database = database;
    }

    /** The node the input names, or an {@link IllegalArgumentException} saying what is close. */
    Node find(EntityKind kind, String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException(Messages.format(
                    "No %s given: name it by its id (e.g. %s), an xref or its name.", kind,
                    kind == EntityKind.DISEASE ? "'DOID:10763'" : "'DrugBank:DB00381'"));
        }
        Label label = Label.label(kind.label());
        String text = input.strip();
        Node byId = tx.findNode(label, "id", text);
        if (byId != null) {
            return byId;
        }
        String hint = cache.get(database, kind.label(), text);
        if (hint != null) {
            Node cached = tx.findNode(label, "id", hint);
            if (cached != null && matches(cached, text)) {
                return cached;
            }
        }
        List<Node> xrefMatches = new ArrayList<>();
        List<Node> nameMatches = new ArrayList<>();
        Map<String, Object> params = Map.of("input", text, "lower", text.toLowerCase(Locale.ROOT));
        // cypher-safe: the label is Drug or Disease (EntityKind.DRUG or DISEASE); the text goes in as a parameter
        try (Result result = tx.execute(Messages.format(BY_XREF_OR_NAME, kind.label()), params)) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                ((Boolean) row.get("byXref") ? xrefMatches : nameMatches).add((Node) row.get("n"));
            }
        }
        List<Node> matches = xrefMatches.isEmpty() ? nameMatches : xrefMatches;
        if (matches.size() == 1) {
            Node node = matches.get(0);
            cache.put(database, kind.label(), text, Nodes.id(node));
            return node;
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException(Messages.format(
                    "`%s` names %d %ss: %s. Pass one of their ids instead.", Messages.echo(text), matches.size(), kind,
                    String.join(", ", matches.stream().map(Nodes::describe).toList())));
        }
        // A name far longer than any real one gets no suggestions: comparing it costs time and finds nothing.
        List<String> close = text.length() > 4 * Messages.ECHO_LIMIT ? List.of() : suggestions(kind, text);
        String tail = close.isEmpty()
                ? Messages.format(" List them with MATCH (n:%s) RETURN n.id, n.name.", kind.label())
                : Messages.format(" Did you mean: %s?", String.join(", ", close));
        throw new IllegalArgumentException(Messages.format(
                "Unknown %s `%s`: no %s has this id, xref or name (names are compared case-insensitively).%s",
                kind, Messages.echo(text), kind.label(), tail));
    }

    private static boolean matches(Node node, String text) {
        Object xrefs = node.getProperty("xrefs", null);
        if (xrefs instanceof String[] array) {
            for (String xref : array) {
                if (xref.equals(text)) {
                    return true;
                }
            }
        }
        Object name = node.getProperty("name", null);
        return name instanceof String s && s.equalsIgnoreCase(text);
    }

    /** The closest names (with their ids): by edit distance, else from the {@code entity_name} full-text index. */
    List<String> suggestions(EntityKind kind, String text) {
        Map<String, String> idByName = new LinkedHashMap<>();
        Map<String, String> nameById = new LinkedHashMap<>();
        // cypher-safe: the label is Drug or Disease (EntityKind.DRUG or DISEASE); the text goes in as a parameter
        try (Result result = tx.execute(Messages.format(ALL_NAMES, kind.label()))) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                String id = (String) row.get("id");
                String name = (String) row.get("name");
                if (id != null) {
                    nameById.put(id, name);
                    if (name != null) {
                        idByName.putIfAbsent(name, id);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String name : DidYouMean.suggest(text, idByName.keySet(), SUGGESTIONS)) {
            out.add(name + " (" + idByName.get(name) + ")");
        }
        if (out.isEmpty() && text.contains(":")) {
            // Ids differ by a digit or two from many others: only the closest ones are worth naming.
            List<String> close = DidYouMean.suggest(text, nameById.keySet(), SUGGESTIONS);
            int best = close.stream().mapToInt(id -> DidYouMean.levenshtein(text, id)).min().orElse(0);
            for (String id : close) {
                if (DidYouMean.levenshtein(text, id) == best) {
                    out.add(nameById.get(id) + " (" + id + ")");
                }
            }
        }
        if (out.isEmpty()) {
            out.addAll(fullText(kind, text));
        }
        return out;
    }

    private boolean hasIndex(String name) {
        try {
            tx.schema().getIndexByName(name);
            return true;
        } catch (IllegalArgumentException missing) {
            return false;
        }
    }

    private List<String> fullText(EntityKind kind, String text) {
        List<String> terms = new ArrayList<>();
        for (String word : text.split("[\\s,;]+")) {
            if (word.length() >= 3) {
                terms.add(LuceneQuery.escape(word) + "~");
            }
        }
        if (terms.isEmpty() || !hasIndex("entity_name")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        // cypher-safe: the label is Drug or Disease (EntityKind.DRUG or DISEASE); the text goes in as a parameter
        try (Result result = tx.execute(Messages.format(FULLTEXT, kind.label(), SUGGESTIONS),
                Map.of("query", String.join(" ", terms)))) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                out.add(row.get("name") + " (" + row.get("id") + ")");
            }
        } catch (RuntimeException e) {
            // No entity_name index in this database (the schema was not applied): the message goes without hints.
            return List.of();
        }
        return out;
    }
}

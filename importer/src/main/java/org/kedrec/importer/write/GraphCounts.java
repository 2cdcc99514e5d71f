package org.kedrec.importer.write;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Nodes per label and relationships per type, from Neo4j's count store. One call of
 * {@code db.stats.retrieve('GRAPH COUNTS')} answers for every label and type at once (one plan instead of one per
 * label and type, which matters on a cold server); where that procedure is not allowed, one count query per label
 * and type does the same. Labels and types with no entities are left out.
 */
public record GraphCounts(Map<String, Long> labels, Map<String, Long> types) {
    public static GraphCounts read(Session session) {
        try {
            Record record = session.run("CALL db.stats.retrieve('GRAPH COUNTS') YIELD data "
                    + "RETURN data.nodes AS nodes, data.relationships AS relationships").single();
            Map<String, Long> labels = new TreeMap<>();
            for (Value n : record.get("nodes").values()) {
                if (n.containsKey("label") && n.get("count").asLong() > 0) {
                    labels.put(n.get("label").asString(), n.get("count").asLong());
                }
            }
            Map<String, Long> types = new TreeMap<>();
            for (Value r : record.get("relationships").values()) {
                if (r.containsKey("relationshipType") && !r.containsKey("startLabel") && !r.containsKey("endLabel")
                        && r.get("count").asLong() > 0) {
                    types.put(r.get("relationshipType").asString(), r.get("count").asLong());
                }
            }
            return new GraphCounts(labels, types);
        } catch (ClientException notAllowed) {
            return byQueries(session);
        }
    }

    /** The same counts, one count-store query per label and type. */
    static GraphCounts byQueries(Session session) {
        // cypher-safe: the label is quoted by CypherNames.quote
        Map<String, Long> labels = nonZero(session, "CALL db.labels() YIELD label RETURN label",
                label -> "MATCH (n:" + CypherNames.quote(label) + ") RETURN count(n) AS c");
        // cypher-safe: the type is quoted by CypherNames.quote
        Map<String, Long> types = nonZero(session,
                "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
                type -> "MATCH ()-[r:" + CypherNames.quote(type) + "]->() RETURN count(r) AS c");
        return new GraphCounts(labels, types);
    }

    /** For each name {@code namesQuery} lists, the count {@code countQuery} gives for it (column c), where not 0. */
    private static Map<String, Long> nonZero(Session session, String namesQuery, UnaryOperator<String> countQuery) {
        Map<String, Long> counts = new TreeMap<>();
        for (String name : session.run(namesQuery).list(r -> r.get(0).asString())) {
            long count = session.run(countQuery.apply(name)).single().get("c").asLong();
            if (count > 0) {
                counts.put(name, count);
            }
        }
        return counts;
    }
}

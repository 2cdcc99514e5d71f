package org.kedrec.trainer.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.EntityIndex;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Values;

/**
 * Writes the ranker's drug and disease embeddings back to the graph ({@code embedding} on {@code :Drug} and
 * {@code :Disease}, in batches through the driver) and keeps the vector indexes {@code drug_embedding} and
 * {@code disease_embedding} (cosine) in step: created if missing, dropped and recreated when the dimension changed.
 * Nodes the model does not know lose a stale {@code embedding}, so the index never mixes two models. Idempotent.
 */
public final class EmbeddingWriter {
    public static final int BATCH = 500;

    private final Driver driver;
    private final String database;

    public EmbeddingWriter(Driver driver, String database) {
        this.driver = driver;
        this.database = database;
    }

    /** What was written. */
    public record Written(long drugs, long diseases, int dimensions, List<String> indexActions) {}

    public Written write(DrugRanker ranker) {
        EntityIndex entities = ranker.entities();
        int dims = ranker.info().dims();
        long drugs = writeLabel(ranker, entities, EntityKind.DRUG.label());
        long diseases = writeLabel(ranker, entities, EntityKind.DISEASE.label());
        List<String> actions = new ArrayList<>();
        actions.add(ensureIndex(EntityKind.DRUG, dims));
        actions.add(ensureIndex(EntityKind.DISEASE, dims));
        try (Session session = session()) {
            session.run("CALL db.awaitIndexes(300)").consume();
        }
        return new Written(drugs, diseases, dims, actions);
    }

    private long writeLabel(DrugRanker ranker, EntityIndex entities, String label) {
        int[] members = entities.withLabel(label);
        List<String> ids = new ArrayList<>();
        long written = 0;
        // the label comes from EntityKind, never from user input, so it is safe to put into the query text
        // cypher-safe: the label comes from EntityKind and the index name from the code, never from input
        String set = "UNWIND $rows AS row MATCH (n:`" + label + "` {id: row.id}) SET n." + GraphSchema.EMBEDDING
                + " = row.embedding RETURN count(n) AS n";
        try (Session session = session()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < members.length; i++) {
                String id = entities.id(members[i]);
                ids.add(id);
                rows.add(Map.of("id", id, "embedding", Values.value(ranker.embedding(id))));
                if (rows.size() == BATCH || i == members.length - 1) {
                    List<Map<String, Object>> batch = rows;
                    written += session.executeWrite(tx -> tx.run(set, Map.of("rows", batch)).single().get("n").asLong());
                    rows = new ArrayList<>();
                }
            }
            // cypher-safe: the label comes from EntityKind and the index name from the code, never from input
            String clear = "MATCH (n:`" + label + "`) WHERE n." + GraphSchema.EMBEDDING + " IS NOT NULL AND NOT n.id IN $ids "
                    + "REMOVE n." + GraphSchema.EMBEDDING;
            session.executeWrite(tx -> tx.run(clear, Map.of("ids", ids)).consume());
        }
        return written;
    }

    /** Creates the index, or drops and recreates it when its dimension differs; returns what it did. */
    private String ensureIndex(EntityKind kind, int dims) {
        String name = GraphSchema.embeddingIndex(kind);
        try (Session session = session()) {
            List<Record> existing = session.run(
                    "SHOW INDEXES YIELD name, type, options WHERE name = $name RETURN type, options",
                    Map.of("name", name)).list();
            String action = "created";
            if (!existing.isEmpty()) {
                Record r = existing.get(0);
                Object configured = r.get("options").asMap().get("indexConfig") instanceof Map<?, ?> m
                        ? m.get("vector.dimensions") : null;
                if ("VECTOR".equals(r.get("type").asString()) && configured instanceof Number n && n.intValue() == dims) {
                    return name + " kept (" + dims + " dimensions)";
                }
                // cypher-safe: the label comes from EntityKind and the index name from the code, never from input
                session.run("DROP INDEX `" + name + "`").consume();
                action = Messages.format("recreated (was %s dimensions)", configured);
            }
            session.run(GraphSchema.vectorIndex(kind, dims)).consume();
            return name + " " + action + " (" + dims + " dimensions)";
        }
    }

    private Session session() {
        return database == null || database.isBlank()
                ? driver.session()
                : driver.session(SessionConfig.forDatabase(database));
    }
}

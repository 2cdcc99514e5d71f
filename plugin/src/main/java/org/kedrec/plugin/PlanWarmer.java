package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.serving.Explainer;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.pagecache.PageCache;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Log;

/**
 * Makes the first calls after a server start as fast as later ones: once the default model has loaded and the
 * default database is available, calls {@code kedrec.recommend} (every column, with the teacher's rationale) and
 * {@code kedrec.explain} (paths of length 4) for a few diseases the model knows, so that Neo4j has planned the
 * evidence queries (planning is most of a cold call: seconds on two busy cores) and the JIT has compiled the path
 * walk before a user asks, after reading what calls read into the page cache (bounded by half of it). On a thread of
 * its own; read only;
 * a failure is logged and changes nothing.
 */
final class PlanWarmer {
    /** Diseases warmed: a few, so the JIT sees varied graph neighbourhoods, in well under the load time. */
    static final int DISEASES = 3;

    private static final String RECOMMEND = "CALL kedrec.recommend($disease, {k: 10, pathsPerDrug: 3, rationale: "
            + "$rationale}) YIELD rank, drug, score, paths, rationale, evidence RETURN count(*) AS rows";
    private static final String EXPLAIN = "CALL kedrec.explain($disease, $drug, {paths: 10, maxPathLength: 4, "
            + "rationale: 'teacher'}) YIELD path, metapath, kind, score, rationale, evidence RETURN count(*) AS rows";

    private PlanWarmer() {}

    /** Starts warming {@code database} with {@code model} on a daemon thread. */
    static void warmLater(DatabaseManagementService dbms, String database, LoadedModel model,
            AdjacencyCache adjacency, Log log) {
        Thread thread = new Thread(() -> {
            try {
                if (dbms.database(database).isAvailable(300_000)) {
                    // Before the warm-up calls, so they (and the JIT) walk the arrays the users' calls will walk.
                    adjacency.readNow(database);
                }
            } catch (RuntimeException e) {
                // The arrays are an optimisation: calls walk through cursors; warm() reports a missing database.
                log.info("KEDRec: path walk arrays not read: %s", e.getMessage());
            }
            warm(dbms, database, model, log);
        }, "kedrec-plan-warmer");
        thread.setDaemon(true);
        thread.start();
    }

    static void warm(DatabaseManagementService dbms, String database, LoadedModel model, Log log) {
        long start = System.nanoTime();
        try {
            GraphDatabaseService db = dbms.database(database);
            if (!db.isAvailable(300_000)) {
                log.info("KEDRec: query plans not warmed: database `%s` did not become available", database);
                return;
            }
            long records = touchStore(db);
            List<String[]> pairs = pairs(db, model);
            for (String[] pair : pairs) {
                for (String rationale : List.of("none", "teacher")) {
                    db.executeTransactionally(RECOMMEND, Map.of("disease", pair[0], "rationale", rationale));
                }
                db.executeTransactionally(EXPLAIN, Map.of("disease", pair[0], "drug", pair[1]));
            }
            log.info("KEDRec: query plans warmed with model `%s` (%d diseases, %d nodes and relationships read) in %d "
                    + "ms", model.name(), pairs.size(), records, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // Warming is an optimisation: the first user call then plans the queries itself, as before.
            log.info("KEDRec: query plans not warmed: %s", e.getMessage());
        }
    }

    /**
     * Reads what a call reads (the nodes of the labels the path catalogue and the evidence walk, their {@code id} and
     * {@code name}, degrees and relationships of the types walked), drugs and diseases first, so that the first call
     * for a hub disease finds it in the page cache: after a start, the first recommendation for hypertension took
     * 6.5 s on the loaded machine while a disease whose neighbourhood the warm-up had read took 1.9 s. Bounded by
     * {@link #budgetBytes}: on a graph larger than the page cache, reading the whole store would only evict what it
     * read first (and take minutes at every model load).
     */
    static long touchStore(GraphDatabaseService db) {
        long budget = budgetBytes(db);
        long spent = 0;
        long records = 0;
        List<Metapath> catalogue = Explainer.metapaths(Explainer.MAX_PATH_LENGTH);
        Set<String> labels = new LinkedHashSet<>(List.of(EntityKind.DRUG.label(), EntityKind.DISEASE.label()));
        Set<RelationshipType> types = new LinkedHashSet<>();
        for (Metapath metapath : catalogue) {
            labels.addAll(metapath.labels());
            metapath.types().forEach(type -> types.add(RelationshipType.withName(type)));
        }
        for (String type : List.of(GraphSchema.TESTS, GraphSchema.STUDIES, GraphSchema.MENTIONS)) {
            types.add(RelationshipType.withName(type));
        }
        RelationshipType[] walked = types.toArray(RelationshipType[]::new);
        try (Transaction tx = db.beginTx()) {
            for (String label : labels) {
                try (ResourceIterator<Node> nodes = tx.findNodes(Label.label(label))) {
                    while (nodes.hasNext()) {
                        if (spent > budget) {
                            return records;
                        }
                        Node node = nodes.next();
                        node.getProperty("id", null);
                        node.getProperty("name", null);
                        node.getDegree();
                        records++;
                        spent += NODE_BYTES;
                        try (ResourceIterable<Relationship> relationships =
                                node.getRelationships(Direction.OUTGOING, walked)) {
                            for (Relationship relationship : relationships) {
                                relationship.getEndNode();
                                records++;
                                spent += RELATIONSHIP_BYTES;
                            }
                        }
                    }
                }
            }
        }
        return records;
    }

    /** Store bytes a node costs the warm-up: its record, a property record and a relationship group record. */
    private static final long NODE_BYTES = 15 + 41 + 25;
    /** Store bytes a relationship record costs (Neo4j's standard record format). */
    private static final long RELATIONSHIP_BYTES = 34;

    /**
     * Half the page cache: the warm-up reads at most that much of the store, and leaves the rest to the evidence's
     * trials and publications and to what users read.
     */
    static long budgetBytes(GraphDatabaseService db) {
        try {
            PageCache pageCache = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(PageCache.class);
            return pageCache.maxCachedPages() * (long) pageCache.pageSize() / 2;
        } catch (RuntimeException | LinkageError e) {
            // Not a kernel-backed database (never on a server): a bound that keeps the demo graph whole.
            return 256L * 1024 * 1024;
        }
    }

    /** A few (disease, drug) ids the model knows that are in the graph. */
    private static List<String[]> pairs(GraphDatabaseService db, LoadedModel model) {
        List<String[]> out = new ArrayList<>();
        List<String> drugs = model.ranker().drugs();
        try (Transaction tx = db.beginTx()) {
            String drug = null;
            for (String id : drugs) {
                if (tx.findNode(Label.label(EntityKind.DRUG.label()), "id", id) != null) {
                    drug = id;
                    break;
                }
            }
            if (drug == null) {
                return out;
            }
            for (String disease : model.ranker().diseases()) {
                if (tx.findNode(Label.label(EntityKind.DISEASE.label()), "id", disease) != null) {
                    out.add(new String[] {disease, drug});
                    if (out.size() == DISEASES) {
                        break;
                    }
                }
            }
        }
        return out;
    }
}

package org.kedrec.importer.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportException;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.BookmarkManagerConfig;
import org.neo4j.driver.BookmarkManagers;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.ResultSummary;
import org.neo4j.driver.summary.SummaryCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batched, idempotent writes over the Java driver. Rows are buffered per query shape, one shape per label (nodes)
 * or per (type, start label, end label, key properties) (relationships), so every statement is a plain
 * {@code UNWIND $rows AS row} with static labels and types whose nodes are found by a seek: on the label's unique
 * {@code id} index, or, for relationship ends this writer created or loaded, by element id (no index lookup and no
 * index-entry lock). Each batch is one transaction ({@code session.executeWrite}, retried on transient errors), so a
 * failure leaves no half-written batch. Batches run on a few writer threads while the caller reads the next rows.
 *
 * <p>Idempotence without paying for {@code MERGE} everywhere:
 *
 * <ul>
 *   <li>Nodes: the {@link EntityIndex} knows which ids exist, so new nodes are {@code CREATE}d and existing ones
 *       {@code MERGE}d (updated). A re-run finds every node and creates none.
 *   <li>Relationships: a type with no relationship in the database when this writer first meets it is owned by
 *       this run; its relationships are {@code CREATE}d, with duplicates (same ends and key properties) caught in
 *       memory and merged instead. Types that exist already are {@code MERGE}d on their ends and key properties,
 *       so re-running, or resuming after a failure, changes no counts.
 *   <li>Relationship batches wait until every node batch before them has committed, so their {@code MATCH}es find
 *       their ends; an update of a row created earlier in the same run waits for that creation.
 * </ul>
 *
 * <p>Assumes it is the only writer of the labels and types it touches while it runs. Not thread-safe: one reading
 * thread calls it.
 */
public final class GraphWriter implements AutoCloseable {
    /** Reason key of a batch the database refused. */
    public static final String WRITE_FAILED = "write failed";

    private static final Logger LOG = LoggerFactory.getLogger(GraphWriter.class);

    /** How many batches' worth of relationship rows may wait in buffers before the fullest is written early. */
    private static final int MAX_BUFFERED_BATCHES = 8;

    /**
     * Plans once: the graph grows fast during an import, and Neo4j would otherwise re-plan each statement whenever
     * its statistics drift (the plans, seeks on the unique {@code id} indexes, never change).
     */
    static final String PREFIX = System.getProperty("kedrec.import.prefix", "CYPHER replan=skip\n");

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final String database;
    private final int batchSize;
    private final ImportStats stats;
    private final EntityIndex index;
    private final ExecutorService pool;
    private final Semaphore permits;
    private final Map<String, NodeSpec> nodeSpecs = new LinkedHashMap<>();
    private final Map<String, RelSpec> relSpecs = new LinkedHashMap<>();
    private final Map<String, Boolean> ownedTypes = new HashMap<>();
    /** Relationship counts when this writer first needed them: the types it found empty are its own. */
    private GraphCounts startCounts;
    private final Map<String, KeySet> createdKeys = new HashMap<>();
    /** Relationship rows buffered across all shapes; beyond a few batches' worth the fullest buffer is written. */
    private int bufferedRelationships;
    private final List<Pending> nodeBatches = new ArrayList<>();
    private final List<Pending> relBatches = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /**
     * Label and id to Neo4j element id, for every node this writer created or loaded: relationship batches find
     * their ends by element id, which is cheaper than a locking seek on the unique index.
     */
    private final Map<String, String> elementIds = new ConcurrentHashMap<>();
    /** Where rows go instead of the database in an offline import (null when writing over Bolt). */
    private final OfflineGraph offline;

    /** How a node row is written. */
    public enum NodeMode {
        /** Create the node or update its properties. */
        UPSERT,
        /** Create the node only if it does not exist; leave an existing one untouched. */
        ENSURE
    }

    public GraphWriter(Driver driver, String database, int batchSize, int writers, ImportStats stats) {
        this(driver, database, batchSize, writers, stats, null);
    }

    /**
     * A writer that builds the graph in memory for {@code neo4j-admin database import} (a first load of an empty
     * database) instead of writing over Bolt; rows are merged with the same semantics as the Cypher statements.
     */
    public static GraphWriter offline(OfflineGraph graph, String database, ImportStats stats) {
        return new GraphWriter(null, database, 10_000, 1, stats,
                Objects.requireNonNull(graph, "graph"));
    }

    private GraphWriter(Driver driver, String database, int batchSize, int writers, ImportStats stats,
            OfflineGraph offline) {
        this.offline = offline;
        this.driver = driver;
        this.database = database;
        BookmarkManager bookmarks = BookmarkManagers.defaultManager(BookmarkManagerConfig.builder().build());
        SessionConfig.Builder session = SessionConfig.builder().withBookmarkManager(bookmarks);
        if (database != null) {
            session.withDatabase(database);
        }
        this.sessionConfig = session.build();
        this.batchSize = batchSize;
        this.stats = stats;
        this.index = new EntityIndex(this::loadLabel);
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "kedrec-import-writer-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // At most one batch queued per writer besides the running ones: bounded memory, reader never far ahead.
        this.permits = new Semaphore(writers * 2);
    }

    /** The index of what the graph holds, kept up to date by this writer. */
    public EntityIndex index() {
        return index;
    }

    /** A session on the import's database that sees everything this writer committed. */
    public Session session() {
        if (offline != null) {
            throw new IllegalStateException("An offline import has no database session: it builds the graph in "
                    + "memory for neo4j-admin.");
        }
        return driver.session(sessionConfig);
    }

    public String database() {
        return database;
    }

    // ---------------------------------------------------------------------------------------------------- nodes

    /**
     * The node query shape for a label.
     *
     * @param props the properties rows may set (each by name, so the planner sees no read/write conflict and needs
     *     no Eager); on an existing node a property the row lacks keeps its value
     * @param unionLists list properties merged without duplicates
     */
    public NodeSpec nodes(String label, NodeMode mode, List<String> props, List<String> unionLists) {
        String key = label + "|" + mode + "|" + props + "|" + unionLists;
        return nodeSpecs.computeIfAbsent(key, k -> new NodeSpec(label, mode, props, unionLists));
    }

    /**
     * Writes a node: created when the index does not know it, else updated ({@link NodeMode#UPSERT}) or left alone
     * ({@link NodeMode#ENSURE}).
     *
     * @param props properties to set (null values are dropped, never written as removals)
     * @param unions values to add to the spec's union-list properties
     * @param entry name and xrefs to index for linking, or null to index the id only
     */
    public void node(NodeSpec spec, String id, Map<String, Object> props, Map<String, List<?>> unions,
            EntityIndex.Entry entry) {
        boolean existed = index.contains(spec.label, id);
        if (entry != null) {
            index.add(spec.label, id, entry.name(), entry.xrefs(), entry.narrowerXrefs());
        } else {
            index.add(spec.label, id);
        }
        if (existed && spec.mode == NodeMode.ENSURE) {
            return;
        }
        if (offline != null) {
            if (offline.node(spec, id, checked(withoutNulls(props), spec.props, spec.label), unions)) {
                stats.nodesCreated.increment();
            }
            return;
        }
        Map<String, Object> row = new HashMap<>(4);
        row.put("id", id);
        row.put("p", checked(withoutNulls(props), spec.props, spec.label));
        if (unions != null && !unions.isEmpty()) {
            row.put("u", unions);
        }
        if (existed) {
            spec.merge.add(row);
            if (spec.merge.size() >= batchSize) {
                submitNodeMerge(spec);
            }
        } else {
            spec.create.add(row);
            if (spec.create.size() >= batchSize) {
                submitNodes(spec.label, spec.createQuery, spec.create, "create");
                spec.create = new ArrayList<>();
            }
        }
    }

    private void submitNodeMerge(NodeSpec spec) {
        // Rows created earlier in this run must be committed before an update can MERGE onto them.
        for (NodeSpec other : nodeSpecs.values()) {
            if (other.label.equals(spec.label) && !other.create.isEmpty()) {
                submitNodes(other.label, other.createQuery, other.create, "create");
                other.create = new ArrayList<>();
            }
        }
        await(nodeBatches, spec.label);
        submitNodes(spec.label, spec.mergeQuery, spec.merge, "update");
        spec.merge = new ArrayList<>();
    }

    private void submitNodes(String label, String query, List<Map<String, Object>> rows, String verb) {
        String what = Messages.format("%s %d %s nodes", verb, rows.size(), label);
        nodeBatches.add(submit(label, query, Map.of("rows", rows), what, label));
    }

    private void flushNodes() {
        for (NodeSpec spec : nodeSpecs.values()) {
            if (!spec.create.isEmpty()) {
                submitNodes(spec.label, spec.createQuery, spec.create, "create");
                spec.create = new ArrayList<>();
            }
        }
        for (NodeSpec spec : nodeSpecs.values()) {
            if (!spec.merge.isEmpty()) {
                submitNodeMerge(spec);
            }
        }
        await(nodeBatches, null);
    }

    // ------------------------------------------------------------------------------------------- relationships

    /**
     * The relationship query shape for a type between two labels.
     *
     * @param keyProps properties that tell parallel relationships apart (e.g. {@code source}, {@code relation});
     *     constant for the shape, part of the MERGE pattern
     * @param props other properties rows may set (by name; on an existing relationship a property the row lacks
     *     keeps its value)
     * @param unionLists list properties merged without duplicates (e.g. {@code pmids})
     * @param maxProps numeric properties that keep their largest value (e.g. a mention {@code count})
     */
    public RelSpec relationships(String type, String startLabel, String endLabel, Map<String, Object> keyProps,
            List<String> props, List<String> unionLists, List<String> maxProps) {
        String key = type + "|" + startLabel + "|" + endLabel + "|" + keyProps + "|" + props + "|" + unionLists + "|"
                + maxProps;
        RelSpec existing = relSpecs.get(key);
        if (existing != null) {
            return existing;
        }
        boolean owned = ownedTypes.computeIfAbsent(type, t -> countRelationships(t) == 0);
        RelSpec spec = new RelSpec(type, startLabel, endLabel, keyProps, props, unionLists, maxProps, owned);
        relSpecs.put(key, spec);
        return spec;
    }

    /** Writes a relationship between two nodes whose ids the caller checked against the {@link #index()}. */
    public void relationship(RelSpec spec, String startId, String endId, Map<String, Object> props,
            Map<String, List<?>> unions, Map<String, Object> max) {
        if (offline != null) {
            if (offline.relationship(spec, startId, endId, checked(withoutNulls(props), spec.props, spec.type),
                    unions, max)) {
                stats.relationshipsCreated.increment();
            }
            return;
        }
        Map<String, Object> row = new HashMap<>(8);
        row.put("s", startId);
        row.put("e", endId);
        if (props != null && !props.isEmpty()) {
            row.put("p", checked(withoutNulls(props), spec.props, spec.type));
        }
        if (unions != null && !unions.isEmpty()) {
            row.put("u", unions);
        }
        if (max != null && !max.isEmpty()) {
            row.put("m", max);
        }
        if (spec.owned) {
            if (createdKeys.computeIfAbsent(spec.type, t -> new KeySet()).add(startId, endId, spec.keyString)) {
                spec.create.add(row);
                bufferedRelationships++;
                if (spec.create.size() >= batchSize) {
                    submitCreates(spec);
                }
            } else {
                // Seen before in this run: update it once everything created so far has committed.
                spec.late.add(row);
            }
        } else {
            spec.merge.add(row);
            bufferedRelationships++;
            if (spec.merge.size() >= batchSize) {
                submitMerges(spec);
            }
        }
        if (bufferedRelationships > MAX_BUFFERED_BATCHES * batchSize) {
            // Many shapes each short of a full batch (DRKG has a hundred): write the fullest one.
            RelSpec fullest = null;
            for (RelSpec candidate : relSpecs.values()) {
                if (fullest == null || Math.max(candidate.create.size(), candidate.merge.size())
                        > Math.max(fullest.create.size(), fullest.merge.size())) {
                    fullest = candidate;
                }
            }
            if (fullest.create.size() >= fullest.merge.size()) {
                submitCreates(fullest);
            } else {
                submitMerges(fullest);
            }
        }
    }

    private void submitCreates(RelSpec spec) {
        bufferedRelationships -= spec.create.size();
        submitRels(spec, true, spec.create, "create");
        spec.create = new ArrayList<>();
    }

    private void submitMerges(RelSpec spec) {
        bufferedRelationships -= spec.merge.size();
        submitRels(spec, false, spec.merge, "merge");
        spec.merge = new ArrayList<>();
    }

    private void submitRels(RelSpec spec, boolean create, List<Map<String, Object>> rows, String verb) {
        flushNodes();
        // Every end node is committed now: find the batch's ends by element id when all of them are known.
        List<String[]> ends = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            String s = elementIds.get(key(spec.startLabel, (String) row.get("s")));
            String e = elementIds.get(key(spec.endLabel, (String) row.get("e")));
            if (s == null || e == null) {
                ends = null;
                break;
            }
            ends.add(new String[] {s, e});
        }
        if (ends != null) {
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).put("s", ends.get(i)[0]);
                rows.get(i).put("e", ends.get(i)[1]);
            }
        }
        String query = ends != null
                ? (create ? spec.createByElementQuery : spec.mergeByElementQuery)
                : (create ? spec.createQuery : spec.mergeQuery);
        String what = Messages.format("%s %d %s relationships (%s)->(%s)%s", verb, rows.size(), spec.type,
                spec.startLabel, spec.endLabel, spec.keyProps.isEmpty() ? "" : " " + spec.keyProps);
        relBatches.add(submit(spec.type, query, Map.of("rows", rows, "k", spec.keyProps), what, null));
    }

    /**
     * Writes everything buffered and waits until it is committed: call at the end of each input, before reading
     * the graph, and before reporting.
     */
    public void flush() {
        flushNodes();
        for (RelSpec spec : relSpecs.values()) {
            if (!spec.create.isEmpty()) {
                submitCreates(spec);
            }
            if (!spec.merge.isEmpty()) {
                submitMerges(spec);
            }
        }
        await(relBatches, null);
        for (RelSpec spec : relSpecs.values()) {
            for (int from = 0; from < spec.late.size(); from += batchSize) {
                List<Map<String, Object>> rows = spec.late.subList(from, Math.min(spec.late.size(), from + batchSize));
                submitRels(spec, false, new ArrayList<>(rows), "update");
            }
            spec.late = new ArrayList<>();
        }
        await(relBatches, null);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private Pending submit(String key, String query, Map<String, Object> params, String what, String createdLabel) {
        throwIfFailed();
        permits.acquireUninterruptibly();
        Future<?> future;
        try {
            future = pool.submit(() -> {
                try {
                    if (failure.get() == null) {
                        run(query, params, what, createdLabel);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, new ImportException(WRITE_FAILED, Messages.format(
                            "Could not %s in database `%s`: %s The batch was rolled back (each batch is one "
                                    + "transaction); fix the cause and run the import again, it is idempotent.",
                            what, database, firstSentence(e)), e));
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        return new Pending(key, future);
    }

    private void run(String query, Map<String, Object> params, String what, String createdLabel) {
        long start = System.nanoTime();
        try (Session session = driver.session(sessionConfig)) {
            ResultSummary summary = session.executeWrite(tx -> {
                Result result = tx.run(query, params);
                if (createdLabel != null) {
                    result.forEachRemaining(r -> {
                        if (r.size() == 2) {
                            elementIds.put(key(createdLabel, r.get(0).asString()), r.get(1).asString());
                        }
                    });
                }
                return result.consume();
            });
            SummaryCounters counters = summary.counters();
            stats.nodesCreated.add(counters.nodesCreated());
            stats.relationshipsCreated.add(counters.relationshipsCreated());
            stats.propertiesSet.add(counters.propertiesSet());
            stats.batches.increment();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} in {} ms", what, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static String firstSentence(RuntimeException e) {
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()).strip();
        return message.endsWith(".") ? message : message + ".";
    }

    /** Waits for the batches with the given key (all when null), then rethrows the first failure. */
    private void await(List<Pending> batches, String key) {
        Iterator<Pending> it = batches.iterator();
        while (it.hasNext()) {
            Pending pending = it.next();
            if (key == null || pending.key.equals(key)) {
                try {
                    pending.future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("The import was interrupted while waiting for a batch.", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("A writer thread failed unexpectedly.", e.getCause());
                }
                it.remove();
            }
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private long countRelationships(String type) {
        return startCounts().types().getOrDefault(type, 0L);
    }

    /**
     * The counts before this writer's first write: taken when it first needs a label or a type, before it writes
     * any (a label's index is loaded, and a type's ownership decided, before its first row is written).
     */
    private GraphCounts startCounts() {
        if (startCounts == null && offline != null) {
            // An offline import's database is its in-memory graph (empty, or built by earlier runs).
            startCounts = new GraphCounts(offline.labelCounts(), offline.typeCounts());
        }
        if (startCounts == null) {
            try (Session session = session()) {
                startCounts = GraphCounts.read(session);
            }
        }
        return startCounts;
    }

    private List<EntityIndex.Entry> loadLabel(String label) {
        if (startCounts().labels().getOrDefault(label, 0L) == 0) {
            return List.of();
        }
        if (offline != null) {
            return offline.entries(label);
        }
        // cypher-safe: labels, types and keys are quoted by CypherNames.quote; values go in as $rows
        String query = "MATCH (n:" + CypherNames.quote(label) + ") RETURN n.id AS id, n.name AS name, "
                + "n.xrefs AS xrefs, n.narrowerXrefs AS narrower, elementId(n) AS e";
        try (Session session = session()) {
            return session.executeRead(tx -> {
                List<EntityIndex.Entry> entries = new ArrayList<>();
                tx.run(query).forEachRemaining(r -> {
                    if (!r.get("id").isNull()) {
                        elementIds.put(key(label, r.get("id").asString()), r.get("e").asString());
                    }
                    entries.add(new EntityIndex.Entry(
                        r.get("id").asString(null),
                        r.get("name").asString(null),
                        r.get("xrefs").isNull() ? List.of() : r.get("xrefs").asList(v -> v.asString()),
                        r.get("narrower").isNull() ? List.of() : r.get("narrower").asList(v -> v.asString())));
                });
                return entries;
            });
        }
    }

    private static String key(String label, String id) {
        return label + '\u0001' + id;
    }

    /** A row may only set the properties its shape names: the query sets exactly those. */
    private static Map<String, Object> checked(Map<String, Object> props, List<String> allowed, String what) {
        for (String key : props.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalStateException(Messages.format(
                        "Property `%s` is not among the properties %s declared for %s.", key, allowed, what));
            }
        }
        return props;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> props) {
        if (props == null || props.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new HashMap<>(props.size() * 2);
        props.forEach((k, v) -> {
            if (v != null && !(v instanceof Collection<?> c && c.isEmpty()) && !(v instanceof String s && s.isEmpty())) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /**
     * Lets the batches already handed to the writer threads finish (each commits or rolls back whole), drops what
     * is still buffered, and stops the threads. Call {@link #flush()} first to keep what is buffered. After a failed
     * import the database thus holds complete batches only, and re-running the import completes it.
     */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(String key, Future<?> future) {}

    /** The queries of one node label. */
    public static final class NodeSpec {
        final String label;
        final NodeMode mode;
        final List<String> props;
        final List<String> unionLists;
        final String createQuery;
        final String mergeQuery;
        List<Map<String, Object>> create = new ArrayList<>();
        List<Map<String, Object>> merge = new ArrayList<>();

        NodeSpec(String label, NodeMode mode, List<String> props, List<String> unionLists) {
            this.label = label;
            this.mode = mode;
            this.props = List.copyOf(props);
            this.unionLists = List.copyOf(unionLists);
            String l = CypherNames.quote(label);
            List<String> createSets = new ArrayList<>();
            List<String> mergeSets = new ArrayList<>();
            propertySets("n", props, unionLists, createSets, mergeSets);
            // cypher-safe: labels, types and keys are quoted by CypherNames.quote; values go in as $rows
            this.createQuery = PREFIX + "UNWIND $rows AS row\nCREATE (n:" + l + " {id: row.id})" + set(createSets)
                    + "\nRETURN n.id AS id, elementId(n) AS e";
            this.mergeQuery = PREFIX + "UNWIND $rows AS row\nMERGE (n:" + l + " {id: row.id})" + set(mergeSets);
        }

        public String label() {
            return label;
        }

        public String createQuery() {
            return createQuery;
        }

        public String mergeQuery() {
            return mergeQuery;
        }
    }

    /** The queries of one relationship shape. */
    public static final class RelSpec {
        final String type;
        final String startLabel;
        final String endLabel;
        final Map<String, Object> keyProps;
        final List<String> props;
        final List<String> unionLists;
        final List<String> maxProps;
        final String keyString;
        final boolean owned;
        final String createQuery;
        final String mergeQuery;
        final String createByElementQuery;
        final String mergeByElementQuery;
        List<Map<String, Object>> create = new ArrayList<>();
        List<Map<String, Object>> merge = new ArrayList<>();
        List<Map<String, Object>> late = new ArrayList<>();

        RelSpec(String type, String startLabel, String endLabel, Map<String, Object> keyProps, List<String> props,
                List<String> unionLists, List<String> maxProps, boolean owned) {
            this.type = type;
            this.startLabel = startLabel;
            this.endLabel = endLabel;
            this.keyProps = Map.copyOf(keyProps);
            this.props = List.copyOf(props);
            this.unionLists = List.copyOf(unionLists);
            this.maxProps = List.copyOf(maxProps);
            this.keyString = new TreeMap<>(keyProps).toString();
            this.owned = owned;
            // cypher-safe: labels, types and keys are quoted by CypherNames.quote; values go in as $rows
            String match = PREFIX + "UNWIND $rows AS row\nMATCH (a:" + CypherNames.quote(startLabel) + " {id: row.s})\n"
                    + "MATCH (b:" + CypherNames.quote(endLabel) + " {id: row.e})\n";
            String t = CypherNames.quote(type);
            List<String> keys = new ArrayList<>();
            for (String k : new TreeSet<>(keyProps.keySet())) {
                String p = CypherNames.quote(k);
                keys.add(p + ": $k." + p);
            }
            String pattern = "(a)-[r:" + t + (keys.isEmpty() ? "" : " {" + String.join(", ", keys) + "}") + "]->(b)";
            List<String> createSets = new ArrayList<>();
            List<String> mergeSets = new ArrayList<>();
            propertySets("r", props, unionLists, createSets, mergeSets);
            for (String max : maxProps) {
                String p = CypherNames.quote(max);
                createSets.add("r." + p + " = row.m." + p);
                mergeSets.add(Messages.format(
                        "r.%1$s = CASE WHEN r.%1$s IS NULL OR r.%1$s < row.m.%1$s THEN row.m.%1$s ELSE r.%1$s END", p));
            }
            // cypher-safe: labels, types and keys are quoted by CypherNames.quote; values go in as $rows
            String matchByElement = PREFIX + "UNWIND $rows AS row\nMATCH (a:" + CypherNames.quote(startLabel)
                    + ") WHERE elementId(a) = row.s\nMATCH (b:" + CypherNames.quote(endLabel)
                    + ") WHERE elementId(b) = row.e\n";
            // cypher-safe: labels, types and keys are quoted by CypherNames.quote; values go in as $rows
            this.createQuery = match + "CREATE " + pattern + set(createSets);
            this.mergeQuery = match + "MERGE " + pattern + set(mergeSets);
            this.createByElementQuery = matchByElement + "CREATE " + pattern + set(createSets);
            // cypher-safe: as above
            this.mergeByElementQuery = matchByElement + "MERGE " + pattern + set(mergeSets);
        }

        public String type() {
            return type;
        }

        public String startLabel() {
            return startLabel;
        }

        public String endLabel() {
            return endLabel;
        }

        public boolean owned() {
            return owned;
        }

        public String createQuery() {
            return createQuery;
        }

        public String mergeQuery() {
            return mergeQuery;
        }

        public String createByElementQuery() {
            return createByElementQuery;
        }

        public String mergeByElementQuery() {
            return mergeByElementQuery;
        }
    }

    /**
     * The SET assignments of a node's or relationship's plain properties and union lists: a created entity takes
     * the row's values; a merged one keeps what it has where the row has nothing, and unions the lists.
     */
    private static void propertySets(String var, List<String> props, List<String> unionLists,
            List<String> createSets, List<String> mergeSets) {
        for (String prop : props) {
            String p = CypherNames.quote(prop);
            createSets.add(var + "." + p + " = row.p." + p);
            mergeSets.add(var + "." + p + " = coalesce(row.p." + p + ", " + var + "." + p + ")");
        }
        for (String list : unionLists) {
            String p = CypherNames.quote(list);
            createSets.add(var + "." + p + " = row.u." + p);
            mergeSets.add(unionSet(var, p));
        }
    }

    private static String set(List<String> assignments) {
        return assignments.isEmpty() ? "" : "\nSET " + String.join(",\n    ", assignments);
    }

    private static String unionSet(String var, String p) {
        return Messages.format(
                "%1$s.%2$s = CASE WHEN row.u.%2$s IS NULL THEN %1$s.%2$s "
                        + "ELSE coalesce(%1$s.%2$s, []) + [v IN row.u.%2$s WHERE NOT v IN coalesce(%1$s.%2$s, [])] END",
                var, p);
    }
}

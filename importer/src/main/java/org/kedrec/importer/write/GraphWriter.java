package org.kedrec.importer.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportException;
import org.neo4j.driver.BookmarkManager;
import org.neo4j.driver.BookmarkManagerConfig;
import org.neo4j.driver.BookmarkManagers;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.ResultSummary;
import org.neo4j.driver.summary.SummaryCounters;

/**
 * Batched, idempotent writes over the Java driver. Rows are buffered per query shape, one shape per label (nodes)
 * or per (type, start label, end label, key properties) (relationships), so every statement is a plain
 * {@code UNWIND $rows AS row} whose {@code MATCH}/{@code MERGE} on {@code id} uses the label's unique index. Each
 * batch is one transaction ({@code session.executeWrite}, retried on transient errors), so a failure leaves no
 * half-written batch. Batches run on a few writer threads while the caller reads the next rows.
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
    private final Map<String, Set<String>> createdKeys = new HashMap<>();
    private final List<Pending> nodeBatches = new ArrayList<>();
    private final List<Pending> relBatches = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    /** How a node row is written. */
    public enum NodeMode {
        /** Create the node or update its properties. */
        UPSERT,
        /** Create the node only if it does not exist; leave an existing one untouched. */
        ENSURE
    }

    public GraphWriter(Driver driver, String database, int batchSize, int writers, ImportStats stats) {
        this.driver = driver;
        this.database = database;
        BookmarkManager bookmarks = BookmarkManagers.defaultManager(BookmarkManagerConfig.builder().build());
        this.sessionConfig = SessionConfig.builder().withDatabase(database).withBookmarkManager(bookmarks).build();
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
        return driver.session(sessionConfig);
    }

    public String database() {
        return database;
    }

    // ---------------------------------------------------------------------------------------------------- nodes

    /** The node query shape for a label; {@code unionLists} are list properties merged without duplicates. */
    public NodeSpec nodes(String label, NodeMode mode, String... unionLists) {
        String key = label + "|" + mode + "|" + String.join(",", unionLists);
        return nodeSpecs.computeIfAbsent(key, k -> new NodeSpec(label, mode, List.of(unionLists)));
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
        Map<String, Object> row = new HashMap<>(4);
        row.put("id", id);
        row.put("p", withoutNulls(props));
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
        nodeBatches.add(submit(label, query, Map.of("rows", rows), what));
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
     * @param unionLists list properties merged without duplicates (e.g. {@code pmids})
     * @param maxProps numeric properties that keep their largest value (e.g. a mention {@code count})
     */
    public RelSpec relationships(String type, String startLabel, String endLabel, Map<String, Object> keyProps,
            List<String> unionLists, List<String> maxProps) {
        String key = type + "|" + startLabel + "|" + endLabel + "|" + keyProps + "|" + unionLists + "|" + maxProps;
        RelSpec existing = relSpecs.get(key);
        if (existing != null) {
            return existing;
        }
        boolean owned = ownedTypes.computeIfAbsent(type, t -> countRelationships(t) == 0);
        RelSpec spec = new RelSpec(type, startLabel, endLabel, keyProps, unionLists, maxProps, owned);
        relSpecs.put(key, spec);
        return spec;
    }

    /** Writes a relationship between two nodes whose ids the caller checked against the {@link #index()}. */
    public void relationship(RelSpec spec, String startId, String endId, Map<String, Object> props,
            Map<String, List<?>> unions, Map<String, Object> max) {
        Map<String, Object> row = new HashMap<>(8);
        row.put("s", startId);
        row.put("e", endId);
        if (props != null && !props.isEmpty()) {
            row.put("p", withoutNulls(props));
        }
        if (unions != null && !unions.isEmpty()) {
            row.put("u", unions);
        }
        if (max != null && !max.isEmpty()) {
            row.put("m", max);
        }
        if (spec.owned) {
            String key = startId + '\u0001' + endId + '\u0001' + spec.keyString;
            if (createdKeys.computeIfAbsent(spec.type, t -> new HashSet<>()).add(key)) {
                spec.create.add(row);
                if (spec.create.size() >= batchSize) {
                    submitRels(spec, spec.createQuery, spec.create, "create");
                    spec.create = new ArrayList<>();
                }
            } else {
                // Seen before in this run: update it once everything created so far has committed.
                spec.late.add(row);
            }
        } else {
            spec.merge.add(row);
            if (spec.merge.size() >= batchSize) {
                submitRels(spec, spec.mergeQuery, spec.merge, "merge");
                spec.merge = new ArrayList<>();
            }
        }
    }

    private void submitRels(RelSpec spec, String query, List<Map<String, Object>> rows, String verb) {
        flushNodes();
        String what = Messages.format("%s %d %s relationships (%s)->(%s)%s", verb, rows.size(), spec.type,
                spec.startLabel, spec.endLabel, spec.keyProps.isEmpty() ? "" : " " + spec.keyProps);
        relBatches.add(submit(spec.type, query, Map.of("rows", rows, "k", spec.keyProps), what));
    }

    /**
     * Writes everything buffered and waits until it is committed: call at the end of each input, before reading
     * the graph, and before reporting.
     */
    public void flush() {
        flushNodes();
        for (RelSpec spec : relSpecs.values()) {
            if (!spec.create.isEmpty()) {
                submitRels(spec, spec.createQuery, spec.create, "create");
                spec.create = new ArrayList<>();
            }
            if (!spec.merge.isEmpty()) {
                submitRels(spec, spec.mergeQuery, spec.merge, "merge");
                spec.merge = new ArrayList<>();
            }
        }
        await(relBatches, null);
        for (RelSpec spec : relSpecs.values()) {
            for (int from = 0; from < spec.late.size(); from += batchSize) {
                List<Map<String, Object>> rows = spec.late.subList(from, Math.min(spec.late.size(), from + batchSize));
                submitRels(spec, spec.mergeQuery, new ArrayList<>(rows), "update");
            }
            spec.late = new ArrayList<>();
        }
        await(relBatches, null);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private Pending submit(String key, String query, Map<String, Object> params, String what) {
        throwIfFailed();
        permits.acquireUninterruptibly();
        Future<?> future;
        try {
            future = pool.submit(() -> {
                try {
                    if (failure.get() == null) {
                        run(query, params, what);
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

    private void run(String query, Map<String, Object> params, String what) {
        try (Session session = driver.session(sessionConfig)) {
            ResultSummary summary = session.executeWrite(tx -> tx.run(query, params).consume());
            SummaryCounters counters = summary.counters();
            stats.nodesCreated.add(counters.nodesCreated());
            stats.relationshipsCreated.add(counters.relationshipsCreated());
            stats.propertiesSet.add(counters.propertiesSet());
            stats.batches.increment();
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
        try (Session session = session()) {
            return session.executeRead(tx -> tx.run(
                            "MATCH ()-[r:" + CypherNames.quote(type) + "]->() RETURN count(r) AS c")
                    .single().get("c").asLong());
        }
    }

    private List<EntityIndex.Entry> loadLabel(String label) {
        String query = "MATCH (n:" + CypherNames.quote(label) + ") RETURN n.id AS id, n.name AS name, "
                + "n.xrefs AS xrefs, n.narrowerXrefs AS narrower";
        try (Session session = session()) {
            return session.executeRead(tx -> {
                List<EntityIndex.Entry> entries = new ArrayList<>();
                tx.run(query).forEachRemaining(r -> entries.add(new EntityIndex.Entry(
                        r.get("id").asString(null),
                        r.get("name").asString(null),
                        r.get("xrefs").isNull() ? List.of() : r.get("xrefs").asList(v -> v.asString()),
                        r.get("narrower").isNull() ? List.of() : r.get("narrower").asList(v -> v.asString()))));
                return entries;
            });
        }
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

    /** Stops the writer threads; call {@link #flush()} first to keep what is buffered. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private record Pending(String key, Future<?> future) {}

    /** The queries of one node label. */
    public static final class NodeSpec {
        final String label;
        final NodeMode mode;
        final String createQuery;
        final String mergeQuery;
        List<Map<String, Object>> create = new ArrayList<>();
        List<Map<String, Object>> merge = new ArrayList<>();

        NodeSpec(String label, NodeMode mode, List<String> unionLists) {
            this.label = label;
            this.mode = mode;
            String l = CypherNames.quote(label);
            StringBuilder create = new StringBuilder("UNWIND $rows AS row\nCREATE (n:" + l + " {id: row.id})\n"
                    + "SET n += row.p");
            StringBuilder merge = new StringBuilder("UNWIND $rows AS row\nMERGE (n:" + l + " {id: row.id})\n"
                    + "SET n += row.p");
            for (String list : unionLists) {
                String p = CypherNames.quote(list);
                create.append(", n.").append(p).append(" = row.u.").append(p);
                merge.append(unionSet("n", p));
            }
            this.createQuery = create.toString();
            this.mergeQuery = merge.toString();
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
        final String keyString;
        final boolean owned;
        final String createQuery;
        final String mergeQuery;
        List<Map<String, Object>> create = new ArrayList<>();
        List<Map<String, Object>> merge = new ArrayList<>();
        List<Map<String, Object>> late = new ArrayList<>();

        RelSpec(String type, String startLabel, String endLabel, Map<String, Object> keyProps, List<String> unionLists,
                List<String> maxProps, boolean owned) {
            this.type = type;
            this.startLabel = startLabel;
            this.endLabel = endLabel;
            this.keyProps = Map.copyOf(keyProps);
            this.keyString = new java.util.TreeMap<>(keyProps).toString();
            this.owned = owned;
            String match = "UNWIND $rows AS row\nMATCH (a:" + CypherNames.quote(startLabel) + " {id: row.s})\n"
                    + "MATCH (b:" + CypherNames.quote(endLabel) + " {id: row.e})\n";
            String t = CypherNames.quote(type);
            StringBuilder keys = new StringBuilder();
            for (String k : new java.util.TreeSet<>(keyProps.keySet())) {
                String p = CypherNames.quote(k);
                keys.append(keys.length() == 0 ? " {" : ", ").append(p).append(": $k.").append(p);
            }
            if (keys.length() > 0) {
                keys.append('}');
            }
            StringBuilder create = new StringBuilder(match + "CREATE (a)-[r:" + t + keys + "]->(b)\nSET r += coalesce(row.p, {})");
            StringBuilder merge = new StringBuilder(match + "MERGE (a)-[r:" + t + keys + "]->(b)\nSET r += coalesce(row.p, {})");
            for (String list : unionLists) {
                String p = CypherNames.quote(list);
                create.append(", r.").append(p).append(" = row.u.").append(p);
                merge.append(unionSet("r", p));
            }
            for (String max : maxProps) {
                String p = CypherNames.quote(max);
                create.append(", r.").append(p).append(" = row.m.").append(p);
                merge.append(Messages.format(
                        "%nSET r.%1$s = CASE WHEN r.%1$s IS NULL OR r.%1$s < row.m.%1$s THEN row.m.%1$s ELSE r.%1$s END",
                        p));
            }
            this.createQuery = create.toString();
            this.mergeQuery = merge.toString();
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
    }

    private static String unionSet(String var, String p) {
        return Messages.format(
                "%nSET %1$s.%2$s = CASE WHEN row.u.%2$s IS NULL THEN %1$s.%2$s "
                        + "ELSE coalesce(%1$s.%2$s, []) + [v IN row.u.%2$s WHERE NOT v IN coalesce(%1$s.%2$s, [])] END",
                var, p);
    }
}

package org.kedrec.plugin;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.explain.PathGraph;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.CursorFactory;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.RelationshipTraversalCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.token.api.TokenConstants;

/**
 * Core's {@link PathGraph} over the procedure's own transaction, through Neo4j's Core API: the explanation paths are
 * walked relationship by relationship (typed degrees read from the node's relationship groups) instead of planning
 * and running the path query. One per call (a transaction is not thread-safe).
 */
final class TxPathGraph implements PathGraph<Node> {
    /** Path walks since the server started: the tests read it, as they read {@link TxCypherRunner#QUERIES}. */
    static final AtomicLong WALKS = new AtomicLong();
    /** Calls whose walk was given current arrays ({@link AdjacencyCache}): the tests read it. */
    static final AtomicLong ARRAY_WALKS = new AtomicLong();

    private final InternalTransaction tx;
    private final Map<String, Node> byId;
    private final Map<String, Label> labels = new HashMap<>();
    private final Map<String, RelationshipType> types = new HashMap<>();
    private final Map<ExpandKey, Expansion> expansions = new HashMap<>();
    private final Map<Node, String> names = new HashMap<>();
    private final Map<String, Integer> typeTokens = new HashMap<>();
    private final Map<String, Integer> labelTokens = new HashMap<>();
    /** Neighbour counts the walk asked for ({@link #neighbours}), by node and metaedge. */
    private final Map<ExpandKey, Long> counts = new HashMap<>();
    private Set<Node> lastOnly;
    private int[] lastOnlyIds;
    private final AdjacencySnapshot snapshot;

    TxPathGraph(Transaction tx) {
        this(tx, new HashMap<>(), null);
    }

    /**
     * @param byId filled with every node whose id the walk reads, so that turning the found paths into graph paths
     *     ({@link GraphPaths#toPath}) takes the walk's nodes instead of looking each up in the index again
     * @param snapshot the database's relationships as arrays, current when the call started
     *     ({@link AdjacencyCache#current}), or null to read every expansion through cursors
     */
    TxPathGraph(Transaction tx, Map<String, Node> byId, AdjacencySnapshot snapshot) {
        // The procedure's transaction is always the kernel's own (the Core API's Transaction is implemented only by
        // InternalTransaction), so the walk can read through the kernel's cursors.
        this.tx = (InternalTransaction) tx;
        this.byId = byId;
        this.snapshot = snapshot;
        if (snapshot != null) {
            ARRAY_WALKS.incrementAndGet();
        }
    }

    /** {@inheritDoc} */
    @Override
    public Node find(String label, String id) {
        // The disease and drugs the call named were found by its lookup already.
        Node known = byId.get(id);
        if (known != null && known.hasLabel(label(label))) {
            return known;
        }
        // Like the query's `{id: ...}` match: the first node if an import left duplicates, never an exception.
        try (ResourceIterator<Node> found = tx.findNodes(label(label), "id", id)) {
            return found.hasNext() ? found.next() : null;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void expand(Node node, String type, Metapath.Direction direction, String otherLabel,
            Neighbour<Node> visitor) {
        Expansion expansion = expansion(node, type, direction, otherLabel);
        for (int i = 0; i < expansion.size; i++) {
            visitor.accept(expansion.others[i], expansion.nodeIsStart[i]);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Over current arrays, a neighbour not in {@code only} is skipped by its id, before a node object is made for
     * it or the expansion is kept: the walk's last step into the join node reads the hubs on one side only to meet
     * the few nodes of the other.
     */
    @Override
    public void expand(Node node, String type, Metapath.Direction direction, String otherLabel, Set<Node> only,
            Neighbour<Node> visitor) {
        Expansion known = expansions.get(new ExpandKey(node, type, direction, otherLabel));
        AdjacencySnapshot arrays = known == null ? usableSnapshot(node) : null;
        int typeIndex = arrays == null ? -1 : arrays.typeIndex(typeToken(type));
        int labelToken = arrays == null ? TokenConstants.NO_TOKEN : labelToken(otherLabel);
        if (typeIndex < 0 || labelToken == TokenConstants.NO_TOKEN) {
            PathGraph.super.expand(node, type, direction, otherLabel, only, visitor);
            return;
        }
        int[] ids = ids(only);
        byte wanted = ends(direction);
        int id = (int) node.getId();
        for (int e = arrays.from(id, typeIndex), to = arrays.to(id, typeIndex); e < to; e++) {
            byte ends = arrays.ends(e);
            int other = arrays.other(e);
            if ((ends & wanted) == 0 || Arrays.binarySearch(ids, other) < 0 || !arrays.hasLabel(other, labelToken)) {
                continue;
            }
            visitor.accept(tx.newNodeEntity(other), direction == Metapath.Direction.OUT
                    || (direction == Metapath.Direction.BOTH && (ends & AdjacencySnapshot.START) != 0));
        }
    }

    /** The node ids of {@code only}, sorted; kept for the set last asked about (one join step asks for each node). */
    private int[] ids(Set<Node> only) {
        if (only != lastOnly) {
            int[] ids = new int[only.size()];
            int n = 0;
            for (Node node : only) {
                long id = node.getId();
                if (id <= Integer.MAX_VALUE) {
                    ids[n++] = (int) id;
                }
            }
            lastOnlyIds = Arrays.copyOf(ids, n);
            Arrays.sort(lastOnlyIds);
            lastOnly = only;
        }
        return lastOnlyIds;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counted on current arrays without keeping the expansion: the walk asks both sides of a join how many chains
     * they would make, and expands only one of them in full.
     */
    @Override
    public long neighbours(Node node, String type, Metapath.Direction direction, String otherLabel) {
        ExpandKey key = new ExpandKey(node, type, direction, otherLabel);
        Long count = counts.get(key);
        if (count == null) {
            count = degree(node, type, direction, otherLabel);
            counts.put(key, count);
        }
        return count;
    }

    /** {@inheritDoc} */
    @Override
    public long degree(Node node, String type, Metapath.Direction direction, String otherLabel) {
        if (otherLabel == null) {
            AdjacencySnapshot arrays = usableSnapshot(node);
            int typeIndex = arrays == null ? -1 : arrays.typeIndex(typeToken(type));
            if (typeIndex < 0) {
                return node.getDegree(type(type), direction(direction));
            }
            return count(arrays, node, typeIndex, direction, TokenConstants.NO_TOKEN);
        }
        Expansion known = expansions.get(new ExpandKey(node, type, direction, otherLabel));
        if (known != null) {
            return known.size;
        }
        // Counted on the arrays without making the neighbours' node objects: a path's degrees are read for hub
        // genes and pathways whose neighbours the walk never visits.
        AdjacencySnapshot arrays = usableSnapshot(node);
        int typeToken = typeToken(type);
        int labelToken = labelToken(otherLabel);
        int typeIndex = arrays == null ? -1 : arrays.typeIndex(typeToken);
        if (typeIndex < 0 || labelToken == TokenConstants.NO_TOKEN) {
            return expansion(node, type, direction, otherLabel).size;
        }
        return count(arrays, node, typeIndex, direction, labelToken);
    }

    /**
     * The entries of {@code node}'s relationships of type index {@code typeIndex} in {@code direction}, only those
     * whose other end has {@code labelToken} unless it is {@link TokenConstants#NO_TOKEN}.
     */
    private static long count(AdjacencySnapshot arrays, Node node, int typeIndex, Metapath.Direction direction,
            int labelToken) {
        int id = (int) node.getId();
        byte wanted = ends(direction);
        long count = 0;
        for (int e = arrays.from(id, typeIndex), to = arrays.to(id, typeIndex); e < to; e++) {
            if ((arrays.ends(e) & wanted) != 0
                    && (labelToken == TokenConstants.NO_TOKEN || arrays.hasLabel(arrays.other(e), labelToken))) {
                count++;
            }
        }
        return count;
    }

    /**
     * The neighbours over one metaedge, read once per call: the catalogue's metapaths share their first and last
     * steps (a drug's BINDS genes start ten of them, a disease's ASSOCIATES genes end as many), and under JFR
     * reading the same relationship chains again for each metapath was most of the walk. Read with the kernel's
     * cursors, three per expansion, instead of the Core API's relationship and node objects per relationship
     * (the same relationships in the same order: the Core API iterates the same cursor with the same selection);
     * only the neighbours that pass the label check become {@link Node}s.
     */
    private Expansion expansion(Node node, String type, Metapath.Direction direction, String otherLabel) {
        ExpandKey key = new ExpandKey(node, type, direction, otherLabel);
        Expansion expansion = expansions.get(key);
        if (expansion != null) {
            return expansion;
        }
        expansion = new Expansion();
        expansions.put(key, expansion);
        KernelTransaction kernel = tx.kernelTransaction();
        int typeId = typeToken(type);
        int labelId = labelToken(otherLabel);
        if (typeId == TokenConstants.NO_TOKEN || labelId == TokenConstants.NO_TOKEN) {
            return expansion;
        }
        long nodeId = node.getId();
        AdjacencySnapshot arrays = usableSnapshot(node);
        int typeIndex = arrays == null ? -1 : arrays.typeIndex(typeId);
        if (typeIndex >= 0) {
            fromSnapshot(arrays, (int) nodeId, typeIndex, labelId, direction, expansion);
            return expansion;
        }
        Read read = kernel.dataRead();
        CursorFactory cursors = kernel.cursors();
        try (NodeCursor start = cursors.allocateNodeCursor(kernel.cursorContext(), kernel.memoryTracker());
                RelationshipTraversalCursor relationships = cursors.allocateRelationshipTraversalCursor(
                        kernel.cursorContext(), kernel.memoryTracker());
                NodeCursor other = cursors.allocateNodeCursor(kernel.cursorContext(), kernel.memoryTracker())) {
            read.singleNode(nodeId, start);
            if (!start.next()) {
                return expansion;
            }
            Direction neo = direction(direction);
            start.relationships(relationships, RelationshipSelection.selection(typeId, neo));
            while (relationships.next()) {
                long otherId = relationships.otherNodeReference();
                read.singleNode(otherId, other);
                if (other.next() && other.hasLabel(labelId)) {
                    expansion.add(tx.newNodeEntity(otherId), neo == Direction.OUTGOING
                            || (neo == Direction.BOTH && relationships.sourceNodeReference() == nodeId));
                }
            }
        }
        return expansion;
    }

    /**
     * The snapshot when it holds {@code node} and this transaction has written nothing (its own writes are only in
     * its state, which cursors merge in and the snapshot does not have).
     */
    private AdjacencySnapshot usableSnapshot(Node node) {
        if (snapshot == null || !snapshot.covers(node.getId())
                || tx.kernelTransaction().dataRead().transactionStateHasChanges()) {
            return null;
        }
        return snapshot;
    }

    /** The expansion from the snapshot's arrays: the same neighbours in the same order as the cursors below. */
    private void fromSnapshot(AdjacencySnapshot arrays, int nodeId, int typeIndex, int labelId,
            Metapath.Direction direction, Expansion expansion) {
        byte wanted = ends(direction);
        for (int e = arrays.from(nodeId, typeIndex), to = arrays.to(nodeId, typeIndex); e < to; e++) {
            byte ends = arrays.ends(e);
            if ((ends & wanted) == 0) {
                continue;
            }
            int other = arrays.other(e);
            if (arrays.hasLabel(other, labelId)) {
                // A loop seen in both directions is one relationship whose start is the node, as the cursor says.
                expansion.add(tx.newNodeEntity(other), direction == Metapath.Direction.OUT
                        || (direction == Metapath.Direction.BOTH && (ends & AdjacencySnapshot.START) != 0));
            }
        }
    }

    /** The entry flags a direction seen from the node selects: outgoing means the node is the start. */
    private static byte ends(Metapath.Direction direction) {
        return switch (direction) {
            case OUT -> AdjacencySnapshot.START;
            case IN -> AdjacencySnapshot.END;
            case BOTH -> AdjacencySnapshot.START | AdjacencySnapshot.END;
        };
    }

    /** A relationship type's token, looked up once per call (the walk asks for a few types thousands of times). */
    private int typeToken(String type) {
        return typeTokens.computeIfAbsent(type, name -> tokens().relationshipType(name));
    }

    /** A label's token, looked up once per call. */
    private int labelToken(String label) {
        return labelTokens.computeIfAbsent(label, name -> tokens().nodeLabel(name));
    }

    private TokenRead tokens() {
        return tx.kernelTransaction().tokenRead();
    }

    private record ExpandKey(Node node, String type, Metapath.Direction direction, String otherLabel) {}

    /** A node's neighbours over one metaedge, in the order the relationships were read. */
    private static final class Expansion {
        Node[] others = new Node[4];
        boolean[] nodeIsStart = new boolean[4];
        int size;

        void add(Node other, boolean start) {
            if (size == others.length) {
                others = java.util.Arrays.copyOf(others, size * 2);
                nodeIsStart = java.util.Arrays.copyOf(nodeIsStart, size * 2);
            }
            others[size] = other;
            nodeIsStart[size] = start;
            size++;
        }
    }

    /** {@inheritDoc} */
    @Override
    public String id(Node node) {
        // The id and the name in one read of the node's property chain: the walk needs both of every node of a
        // candidate path (GraphPath carries the names), and each getProperty walks the chain from its start.
        Map<String, Object> read = node.getProperties("id", "name");
        String id = String.valueOf(read.get("id"));
        byId.putIfAbsent(id, node);
        if (!names.containsKey(node)) {
            Object name = read.get("name");
            names.put(node, name == null ? null : String.valueOf(name));
        }
        return id;
    }

    /** {@inheritDoc} */
    @Override
    public String name(Node node) {
        // Read once per node and call: the disease and each drug stand in every path of theirs.
        String name = names.get(node);
        if (name == null && !names.containsKey(node)) {
            Object value = node.getProperty("name", null);
            name = value == null ? null : String.valueOf(value);
            names.put(node, name);
        }
        return name;
    }

    private Label label(String name) {
        return labels.computeIfAbsent(name, Label::label);
    }

    private RelationshipType type(String name) {
        return types.computeIfAbsent(name, RelationshipType::withName);
    }

    private static Direction direction(Metapath.Direction direction) {
        return switch (direction) {
            case OUT -> Direction.OUTGOING;
            case IN -> Direction.INCOMING;
            case BOTH -> Direction.BOTH;
        };
    }
}

package org.kedrec.plugin;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.explain.PathGraph;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * Core's {@link PathGraph} over the procedure's own transaction, through Neo4j's Core API: the explanation paths are
 * walked relationship by relationship (typed degrees read from the node's relationship groups) instead of planning
 * and running the path query. One per call (a transaction is not thread-safe).
 */
final class TxPathGraph implements PathGraph<Node> {
    /** Path walks since the server started: the tests read it, as they read {@link TxCypherRunner#QUERIES}. */
    static final AtomicLong WALKS = new AtomicLong();

    private final Transaction tx;
    private final Map<String, Node> byId;
    private final Map<String, Label> labels = new HashMap<>();
    private final Map<String, RelationshipType> types = new HashMap<>();
    private final Map<ExpandKey, Expansion> expansions = new HashMap<>();

    TxPathGraph(Transaction tx) {
        this(tx, new HashMap<>());
    }

    /**
     * @param byId filled with every node whose id the walk reads, so that turning the found paths into graph paths
     *     ({@link GraphPaths#toPath}) takes the walk's nodes instead of looking each up in the index again
     */
    TxPathGraph(Transaction tx, Map<String, Node> byId) {
        this.tx = tx;
        this.byId = byId;
    }

    /** {@inheritDoc} */
    @Override
    public Node find(String label, String id) {
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

    /** {@inheritDoc} */
    @Override
    public long neighbours(Node node, String type, Metapath.Direction direction, String otherLabel) {
        return expansion(node, type, direction, otherLabel).size;
    }

    /** {@inheritDoc} */
    @Override
    public long degree(Node node, String type, Metapath.Direction direction, String otherLabel) {
        if (otherLabel == null) {
            return node.getDegree(type(type), direction(direction));
        }
        Expansion known = expansions.get(new ExpandKey(node, type, direction, otherLabel));
        if (known != null) {
            return known.size;
        }
        Label label = label(otherLabel);
        long count = 0;
        try (ResourceIterable<Relationship> relationships = node.getRelationships(direction(direction), type(type))) {
            for (Relationship relationship : relationships) {
                if (relationship.getOtherNode(node).hasLabel(label)) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * The neighbours over one metaedge, read once per call: the catalogue's metapaths share their first and last
     * steps (a drug's BINDS genes start ten of them, a disease's ASSOCIATES genes end as many), and under JFR
     * reading the same relationship chains again for each metapath was most of the walk.
     */
    private Expansion expansion(Node node, String type, Metapath.Direction direction, String otherLabel) {
        ExpandKey key = new ExpandKey(node, type, direction, otherLabel);
        Expansion expansion = expansions.get(key);
        if (expansion != null) {
            return expansion;
        }
        expansion = new Expansion();
        Label label = label(otherLabel);
        Direction neo = direction(direction);
        try (ResourceIterable<Relationship> relationships = node.getRelationships(neo, type(type))) {
            for (Relationship relationship : relationships) {
                Node other = relationship.getOtherNode(node);
                if (other.hasLabel(label)) {
                    expansion.add(other, neo == Direction.OUTGOING
                            || (neo == Direction.BOTH && relationship.getStartNode().equals(node)));
                }
            }
        }
        expansions.put(key, expansion);
        return expansion;
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
        String id = String.valueOf(node.getProperty("id", null));
        byId.putIfAbsent(id, node);
        return id;
    }

    /** {@inheritDoc} */
    @Override
    public String name(Node node) {
        Object name = node.getProperty("name", null);
        return name == null ? null : String.valueOf(name);
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

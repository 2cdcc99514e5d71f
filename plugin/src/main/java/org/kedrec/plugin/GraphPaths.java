package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.kedrec.core.Messages;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.graph.Metapath;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;

/**
 * Turns the explanation layer's paths (CURIEs, types and directions, drug first) into real graph {@link Path}s that
 * start at the disease and end at the drug, made of the very relationships of the graph, so Browser draws them and
 * Cypher can walk them.
 */
final class GraphPaths {
    private GraphPaths() {}

    /**
     * The graph path for {@code path}.
     *
     * @param nodes nodes already looked up in this call, by CURIE (filled as a side effect)
     * @param output the node the output carries for a graph node (one {@link ResultNode} per node and call)
     * @param graph counts typed degrees ({@link #between})
     */
    static Path toPath(Transaction tx, GraphPath path, Map<String, Node> nodes, UnaryOperator<Node> output,
            TxPathGraph graph) {
        List<String> ids = path.ids();
        int n = ids.size();
        Node[] along = new Node[n];
        for (int i = 0; i < n; i++) {
            along[i] = node(tx, path.labels().get(i), ids.get(i), nodes);
        }
        // From the disease (the last of `along`) to the drug.
        Node[] pathNodes = new Node[n];
        Relationship[] relationships = new Relationship[n - 1];
        for (int i = 0; i < n; i++) {
            pathNodes[i] = output.apply(along[n - 1 - i]);
        }
        for (int i = 0; i < n - 1; i++) {
            int j = n - 2 - i;
            relationships[i] = between(along[j], along[j + 1], path.rels().get(j), path.directions().get(j), graph);
        }
        return new ResultPath(pathNodes, relationships);
    }

    static Node node(Transaction tx, String label, String id, Map<String, Node> nodes) {
        Node node = nodes.get(id);
        if (node == null) {
            node = tx.findNode(Label.label(label), "id", id);
            if (node == null) {
                throw new IllegalStateException(Messages.format(
                        "The node %s (:%s) of an explanation path disappeared while the path was read; run the call "
                                + "again.", id, label));
            }
            nodes.put(id, node);
        }
        return node;
    }

    /**
     * The relationship of {@code type} between {@code a} (drug side) and {@code b}; {@code aToB} is its direction.
     * Read from the side with fewer such relationships, so a hub gene costs no more than its partner; the degrees
     * are counted by {@code graph} (on its arrays while they are current: under JFR the store's degree reads were a
     * tenth of a recommendation).
     */
    static Relationship between(Node a, Node b, String type, boolean aToB, TxPathGraph graph) {
        RelationshipType relType = RelationshipType.withName(type);
        Direction fromA = aToB ? Direction.OUTGOING : Direction.INCOMING;
        Metapath.Direction walkA = aToB ? Metapath.Direction.OUT : Metapath.Direction.IN;
        Metapath.Direction walkB = aToB ? Metapath.Direction.IN : Metapath.Direction.OUT;
        boolean fromSmallA = graph.degree(a, type, walkA, null) <= graph.degree(b, type, walkB, null);
        Node from = fromSmallA ? a : b;
        Node to = fromSmallA ? b : a;
        try (ResourceIterable<Relationship> relationships =
                from.getRelationships(fromSmallA ? fromA : fromA.reverse(), relType)) {
            for (Relationship relationship : relationships) {
                // By id: the other node's object is not needed to compare (one object fewer per relationship read).
                if (relationship.getOtherNodeId(from.getId()) == to.getId()) {
                    return relationship;
                }
            }
        }
        throw new IllegalStateException(Messages.format(
                "The relationship %s-[:%s]-%s of an explanation path disappeared while the path was read; run the call "
                        + "again.", Nodes.id(a), type, Nodes.id(b)));
    }
}

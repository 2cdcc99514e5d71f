package org.kedrec.plugin;

import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.explain.GraphPath;
import org.neo4j.graphalgo.impl.util.PathImpl;
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
     */
    static Path toPath(Transaction tx, GraphPath path, Map<String, Node> nodes) {
        List<String> ids = path.ids();
        int n = ids.size();
        Node[] along = new Node[n];
        for (int i = 0; i < n; i++) {
            along[i] = node(tx, path.labels().get(i), ids.get(i), nodes);
        }
        PathImpl.Builder builder = new PathImpl.Builder(along[n - 1]);
        for (int i = n - 2; i >= 0; i--) {
            builder = builder.push(between(along[i], along[i + 1], path.rels().get(i), path.directions().get(i)));
        }
        return builder.build();
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
     * Read from the side with fewer such relationships, so a hub gene costs no more than its partner.
     */
    static Relationship between(Node a, Node b, String type, boolean aToB) {
        RelationshipType relType = RelationshipType.withName(type);
        Direction fromA = aToB ? Direction.OUTGOING : Direction.INCOMING;
        boolean fromSmallA = a.getDegree(relType, fromA) <= b.getDegree(relType, fromA.reverse());
        Node from = fromSmallA ? a : b;
        Node to = fromSmallA ? b : a;
        try (ResourceIterable<Relationship> relationships =
                from.getRelationships(fromSmallA ? fromA : fromA.reverse(), relType)) {
            for (Relationship relationship : relationships) {
                if (relationship.getOtherNode(from).equals(to)) {
                    return relationship;
                }
            }
        }
        throw new IllegalStateException(Messages.format(
                "The relationship %s-[:%s]-%s of an explanation path disappeared while the path was read; run the call "
                        + "again.", Nodes.id(a), type, Nodes.id(b)));
    }
}

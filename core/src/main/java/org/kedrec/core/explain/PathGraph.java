package org.kedrec.core.explain;

import java.util.Set;

import org.kedrec.core.graph.Metapath;

/**
 * Read access to a property graph for {@link PathTraversal}: node lookup by label and id, typed expansion and typed
 * degrees, as a graph database's own API offers them (the plugin implements it over Neo4j's Core API on the
 * procedure's transaction; core never sees a Neo4j class). {@code N} is the database's node handle; it must have
 * value equality and a hash code, as Neo4j's {@code Node} has.
 *
 * @param <N> the node handle
 */
public interface PathGraph<N> {
    /** The node with {@code label} whose {@code id} property is {@code id}, or null when there is none. */
    N find(String label, String id);

    /**
     * Calls {@code visitor} once per relationship of {@code type} at {@code node} in {@code direction} (seen from
     * {@code node}) whose other end has {@code otherLabel}.
     */
    void expand(N node, String type, Metapath.Direction direction, String otherLabel, Neighbour<N> visitor);

    /**
     * {@link #expand}, calling {@code visitor} only for the other ends in {@code only} (in the same order). A graph
     * that can test membership before it makes a node handle should: {@link PathTraversal} joins its two sides
     * through this, and most neighbours of a hub are not on the other side.
     */
    default void expand(N node, String type, Metapath.Direction direction, String otherLabel, Set<N> only,
            Neighbour<N> visitor) {
        expand(node, type, direction, otherLabel, (other, nodeIsStart) -> {
            if (only.contains(other)) {
                visitor.accept(other, nodeIsStart);
            }
        });
    }

    /**
     * How many times {@link #expand} with the same arguments calls its visitor. A graph that keeps what
     * {@code expand} reads should answer from it: {@link PathTraversal} asks before it expands the same node.
     */
    default long neighbours(N node, String type, Metapath.Direction direction, String otherLabel) {
        long[] count = new long[1];
        expand(node, type, direction, otherLabel, (other, nodeIsStart) -> count[0]++);
        return count[0];
    }

    /**
     * The number of relationships of {@code type} at {@code node} in {@code direction}; with {@code otherLabel}
     * not null, only those whose other end has that label.
     */
    long degree(N node, String type, Metapath.Direction direction, String otherLabel);

    /** The node's {@code id} property (its CURIE), as a string. */
    String id(N node);

    /** The node's {@code name} property as a string, or null. */
    String name(N node);

    /** One relationship met by {@link #expand}. */
    @FunctionalInterface
    interface Neighbour<N> {
        /**
         * @param other the node at the other end
         * @param nodeIsStart whether the expanded node is the relationship's start node
         */
        void accept(N other, boolean nodeIsStart);
    }
}

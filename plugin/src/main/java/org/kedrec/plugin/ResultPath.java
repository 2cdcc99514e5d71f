package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;

/**
 * A path of one call's output over its {@link ResultNode}s: the Core API's path ({@code PathImpl}) gives the nodes of
 * its relationships, new objects each time, which Bolt would read in full again.
 */
final class ResultPath implements Path {
    private final List<Node> nodes;
    private final List<Relationship> relationships;

    /** {@code nodes} from start to end, {@code relationships[i]} between {@code nodes[i]} and {@code nodes[i + 1]}. */
    ResultPath(Node[] nodes, Relationship[] relationships) {
        if (nodes.length != relationships.length + 1) {
            throw new IllegalArgumentException("A path of " + relationships.length + " relationships has "
                    + (relationships.length + 1) + " nodes, not " + nodes.length + ".");
        }
        this.nodes = Collections.unmodifiableList(Arrays.asList(nodes.clone()));
        this.relationships = Collections.unmodifiableList(Arrays.asList(relationships.clone()));
    }

    @Override
    public Node startNode() {
        return nodes.get(0);
    }

    @Override
    public Node endNode() {
        return nodes.get(nodes.size() - 1);
    }

    @Override
    public Relationship lastRelationship() {
        return relationships.isEmpty() ? null : relationships.get(relationships.size() - 1);
    }

    @Override
    public Iterable<Relationship> relationships() {
        return relationships;
    }

    @Override
    public Iterable<Relationship> reverseRelationships() {
        return reversed(relationships);
    }

    @Override
    public Iterable<Node> nodes() {
        return nodes;
    }

    @Override
    public Iterable<Node> reverseNodes() {
        return reversed(nodes);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> out = new ArrayList<>(list);
        Collections.reverse(out);
        return out;
    }

    @Override
    public int length() {
        return relationships.size();
    }

    /** Node, relationship, node, ... from the start, as the Core API's paths iterate. */
    @Override
    public Iterator<Entity> iterator() {
        List<Entity> all = new ArrayList<>(2 * nodes.size() - 1);
        for (int i = 0; i < nodes.size(); i++) {
            all.add(nodes.get(i));
            if (i < relationships.size()) {
                all.add(relationships.get(i));
            }
        }
        return all.iterator();
    }

    /** The Core API's form: {@code (1)--[TYPE,7]-->(2)}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            out.append('(').append(node.getId()).append(')');
            if (i < relationships.size()) {
                Relationship relationship = relationships.get(i);
                boolean forward = relationship.getStartNodeId() == node.getId();
                out.append(forward ? "-[" : "<-[").append(relationship.getType().name()).append(',')
                        .append(relationship.getId()).append(forward ? "]->" : "]-");
            }
        }
        return out.toString();
    }
}

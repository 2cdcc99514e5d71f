package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;

/**
 * A node of one call's output that reads its labels and properties from the store once. Bolt writes every node of
 * every returned path in full, and Neo4j wraps each occurrence anew ({@code ValueUtils.wrapNodeEntity}), so a
 * recommendation's disease, in all thirty of its paths, had its property chain read thirty times, and each drug four
 * times: under JFR on the demo home, reading those properties (a 64-number embedding array on the drugs and diseases
 * of a graph that a ComplEx ranker wrote back to) was an eighth of the server's time. The call's
 * {@link CallContext} keeps one per node; everything else is the node's own.
 *
 * <p>Lives for one call, in its transaction: a write through this object drops what it remembered.
 */
final class ResultNode implements Node {
    private final Node node;
    private Map<String, Object> properties;
    private List<Label> labels;

    ResultNode(Node node) {
        this.node = node;
    }

    /** The node this one stands for. */
    Node node() {
        return node;
    }

    @Override
    public Map<String, Object> getAllProperties() {
        if (properties == null) {
            properties = Collections.unmodifiableMap(node.getAllProperties());
        }
        return properties;
    }

    @Override
    public Iterable<Label> getLabels() {
        if (labels == null) {
            List<Label> read = new ArrayList<>();
            node.getLabels().forEach(read::add);
            labels = Collections.unmodifiableList(read);
        }
        return labels;
    }

    @Override
    public Object getProperty(String key) {
        return node.getProperty(key);
    }

    @Override
    public Object getProperty(String key, Object defaultValue) {
        return node.getProperty(key, defaultValue);
    }

    @Override
    public boolean hasProperty(String key) {
        return node.hasProperty(key);
    }

    @Override
    public Iterable<String> getPropertyKeys() {
        return node.getPropertyKeys();
    }

    @Override
    public Map<String, Object> getProperties(String... keys) {
        return node.getProperties(keys);
    }

    @Override
    public void setProperty(String key, Object value) {
        properties = null;
        node.setProperty(key, value);
    }

    @Override
    public Object removeProperty(String key) {
        properties = null;
        return node.removeProperty(key);
    }

    @Override
    public void addLabel(Label label) {
        labels = null;
        node.addLabel(label);
    }

    @Override
    public void removeLabel(Label label) {
        labels = null;
        node.removeLabel(label);
    }

    @Override
    public boolean hasLabel(Label label) {
        return node.hasLabel(label);
    }

    @Override
    public long getId() {
        return node.getId();
    }

    @Override
    public String getElementId() {
        return node.getElementId();
    }

    @Override
    public void delete() {
        node.delete();
    }

    @Override
    public ResourceIterable<Relationship> getRelationships() {
        return node.getRelationships();
    }

    @Override
    public boolean hasRelationship() {
        return node.hasRelationship();
    }

    @Override
    public ResourceIterable<Relationship> getRelationships(RelationshipType... types) {
        return node.getRelationships(types);
    }

    @Override
    public ResourceIterable<Relationship> getRelationships(Direction direction, RelationshipType... types) {
        return node.getRelationships(direction, types);
    }

    @Override
    public boolean hasRelationship(RelationshipType... types) {
        return node.hasRelationship(types);
    }

    @Override
    public boolean hasRelationship(Direction direction, RelationshipType... types) {
        return node.hasRelationship(direction, types);
    }

    @Override
    public ResourceIterable<Relationship> getRelationships(Direction direction) {
        return node.getRelationships(direction);
    }

    @Override
    public boolean hasRelationship(Direction direction) {
        return node.hasRelationship(direction);
    }

    @Override
    public Relationship getSingleRelationship(RelationshipType type, Direction direction) {
        return node.getSingleRelationship(type, direction);
    }

    @Override
    public Relationship createRelationshipTo(Node other, RelationshipType type) {
        return node.createRelationshipTo(other instanceof ResultNode result ? result.node : other, type);
    }

    @Override
    public Iterable<RelationshipType> getRelationshipTypes() {
        return node.getRelationshipTypes();
    }

    @Override
    public int getDegree() {
        return node.getDegree();
    }

    @Override
    public int getDegree(RelationshipType type) {
        return node.getDegree(type);
    }

    @Override
    public int getDegree(Direction direction) {
        return node.getDegree(direction);
    }

    @Override
    public int getDegree(RelationshipType type, Direction direction) {
        return node.getDegree(type, direction);
    }

    /** Equal to any node of the same id, as the Core API's nodes are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Node that && that.getId() == getId();
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        return node.toString();
    }
}

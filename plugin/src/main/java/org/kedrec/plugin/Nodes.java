package org.kedrec.plugin;

import org.neo4j.graphdb.Node;

/** Reading the KEDRec properties of a node. */
final class Nodes {
    private Nodes() {}

    /** The node's CURIE ({@code id}). */
    static String id(Node node) {
        Object id = node.getProperty("id", null);
        return id == null ? null : id.toString();
    }

    /** The node's name, or its id when it has none. */
    static String name(Node node) {
        Object name = node.getProperty("name", null);
        return name == null ? id(node) : name.toString();
    }

    /** {@code hypertension (DOID:10763)}. */
    static String describe(Node node) {
        return name(node) + " (" + id(node) + ")";
    }
}

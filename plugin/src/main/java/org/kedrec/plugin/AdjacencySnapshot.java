package org.kedrec.plugin;

import java.util.Arrays;
import java.util.Collection;
import org.neo4j.graphdb.Direction;
import org.neo4j.internal.kernel.api.CursorFactory;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.RelationshipTraversalCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.internal.kernel.api.TokenSet;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.storageengine.api.RelationshipSelection;
import org.neo4j.token.api.TokenConstants;

/**
 * The relationships of the path catalogue's types as arrays, read once from the store, so that the path walk
 * ({@link TxPathGraph}) expands a node and counts its typed degree with array work instead of three kernel cursors
 * per expansion: under JFR on the demo home, those cursor reads were a third of a recommend call's samples.
 *
 * <p>Per node (indexed by its id), the entries of its relationships of the snapshot's types, grouped by type and in
 * the order the kernel's cursor returns them for that type in both directions; each entry is the other node's id and
 * whether the node is the relationship's start, its end, or both (a loop). Filtering one group by direction gives
 * the order of the cursor with that direction, so the walk meets neighbours in the same order as over cursors, and
 * finds the same paths in the same order. Each node also keeps its labels (ids below 64) for the walk's label
 * check.
 *
 * <p>Memory: 6 bytes per relationship end (an int and two bytes; a relationship has two ends, a loop one) and
 * 12 bytes per node id (offset and label bits): 4.25 MB on the demo graph (76,564 node ids, 554,726 relationship
 * ends: every relationship of the demo graph is of the catalogue's or the evidence's types), read in about 1 s;
 * linear in the graph's size (about 68 MB at 16 times, 4.4M relationships and 1.2M nodes).
 *
 * <p>Immutable, shared by every call of a database; {@link AdjacencyCache} says when it may be used (no write to the
 * graph since it was read).
 */
final class AdjacencySnapshot {
    static final byte START = 1;
    static final byte END = 2;

    /** The change count of the database when the read began ({@link AdjacencyCache}). */
    final long version;
    /** The relationship type tokens of the snapshot, by type index. */
    private final int[] typeTokens;
    /** The type index of each relationship type token, or -1. */
    private final byte[] typeIndex;
    private final int nodes;
    private final int[] offsets;
    private final long[] labels;
    private final int[] others;
    private final byte[] types;
    private final byte[] ends;

    private AdjacencySnapshot(long version, int[] typeTokens, byte[] typeIndex, int nodes, int[] offsets,
            long[] labels, int[] others, byte[] types, byte[] ends) {
        this.version = version;
        this.typeTokens = typeTokens;
        this.typeIndex = typeIndex;
        this.nodes = nodes;
        this.offsets = offsets;
        this.labels = labels;
        this.others = others;
        this.types = types;
        this.ends = ends;
    }

    /**
     * Reads the relationships of {@code typeNames} of every node in {@code kernel}'s view of the graph, or returns
     * null where the graph does not fit the arrays (a node id over {@code Integer.MAX_VALUE - 1}, a label id over
     * 63, more than 127 types): the walk then reads through cursors as before.
     */
    static AdjacencySnapshot read(KernelTransaction kernel, Collection<String> typeNames, long version) {
        TokenRead tokenRead = kernel.tokenRead();
        int[] tokens = typeNames.stream().mapToInt(tokenRead::relationshipType)
                .filter(token -> token != TokenConstants.NO_TOKEN).distinct().sorted().toArray();
        if (tokens.length > Byte.MAX_VALUE) {
            return null;
        }
        int maxToken = tokens.length == 0 ? 0 : tokens[tokens.length - 1];
        byte[] typeIndex = new byte[maxToken + 1];
        Arrays.fill(typeIndex, (byte) -1);
        for (int i = 0; i < tokens.length; i++) {
            typeIndex[tokens[i]] = (byte) i;
        }
        Read read = kernel.dataRead();
        CursorFactory cursors = kernel.cursors();
        Builder builder = new Builder(tokens.length);
        try (NodeCursor node = cursors.allocateNodeCursor(kernel.cursorContext(), kernel.memoryTracker());
                RelationshipTraversalCursor relationships = cursors.allocateRelationshipTraversalCursor(
                        kernel.cursorContext(), kernel.memoryTracker())) {
            read.allNodesScan(node);
            RelationshipSelection selection = RelationshipSelection.selection(tokens, Direction.BOTH);
            while (node.next()) {
                long id = node.nodeReference();
                if (id >= Integer.MAX_VALUE - 1) {
                    return null;
                }
                long bits = 0;
                TokenSet nodeLabels = node.labels();
                for (int i = 0; i < nodeLabels.numberOfTokens(); i++) {
                    int label = nodeLabels.token(i);
                    if (label >= Long.SIZE) {
                        return null;
                    }
                    bits |= 1L << label;
                }
                builder.startNode((int) id, bits);
                if (tokens.length > 0) {
                    node.relationships(relationships, selection);
                    while (relationships.next()) {
                        long other = relationships.otherNodeReference();
                        if (other >= Integer.MAX_VALUE - 1) {
                            return null;
                        }
                        boolean start = relationships.sourceNodeReference() == id;
                        boolean end = relationships.targetNodeReference() == id;
                        builder.add(typeIndex[relationships.type()], (int) other,
                                (byte) ((start ? START : 0) | (end ? END : 0)));
                    }
                }
                builder.endNode();
            }
        }
        return builder.build(version, tokens, typeIndex);
    }

    /** The type index of a relationship type token, or -1 when the snapshot does not hold that type. */
    int typeIndex(int typeToken) {
        return typeToken >= 0 && typeToken < typeIndex.length ? typeIndex[typeToken] : -1;
    }

    /** Whether the snapshot holds the relationships of {@code node} (a node created later does not). */
    boolean covers(long node) {
        return node >= 0 && node < nodes;
    }

    /** Whether {@code node} had the label {@code labelToken} when read. */
    boolean hasLabel(int node, int labelToken) {
        return node < nodes && labelToken >= 0 && labelToken < Long.SIZE && (labels[node] & (1L << labelToken)) != 0;
    }

    /** The first entry of {@code node}'s relationships of type index {@code type}. */
    int from(int node, int type) {
        int lo = offsets[node];
        int hi = offsets[node + 1];
        // The node's entries are sorted by type: the first entry of the type, found by bisection.
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (types[mid] < type) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One past the last entry of {@code node}'s relationships of type index {@code type}. */
    int to(int node, int type) {
        return from(node, type + 1);
    }

    int other(int entry) {
        return others[entry];
    }

    /** {@link #START}, {@link #END} or both (a loop) for the entry's node. */
    byte ends(int entry) {
        return ends[entry];
    }

    /** Heap bytes of the arrays. */
    long bytes() {
        return 4L * offsets.length + 8L * labels.length + 4L * others.length + types.length + ends.length
                + 4L * typeTokens.length + typeIndex.length;
    }

    int relationshipEnds() {
        return others.length;
    }

    int nodes() {
        return nodes;
    }

    /** Collects the entries node by node, in id order (the all-nodes scan's order), each node's sorted by type. */
    private static final class Builder {
        private int[] offsets = new int[1024];
        private long[] labels = new long[1024];
        private int[] others = new int[4096];
        private byte[] types = new byte[4096];
        private byte[] ends = new byte[4096];
        private int size;
        private int nodes;
        private int nodeStart;
        private final int typeCount;

        Builder(int typeCount) {
            this.typeCount = typeCount;
        }

        void startNode(int id, long bits) {
            if (id + 2 > offsets.length) {
                int capacity = Math.max(offsets.length * 2, id + 2);
                offsets = Arrays.copyOf(offsets, capacity);
                labels = Arrays.copyOf(labels, capacity);
            }
            // Ids the scan skips (deleted nodes) get no entries.
            for (int skipped = nodes; skipped <= id; skipped++) {
                offsets[skipped] = size;
            }
            labels[id] = bits;
            nodes = id + 1;
            nodeStart = size;
        }

        void add(byte type, int other, byte end) {
            if (size == others.length) {
                int capacity = size * 2;
                others = Arrays.copyOf(others, capacity);
                types = Arrays.copyOf(types, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
            others[size] = other;
            types[size] = type;
            ends[size] = end;
            size++;
        }

        /**
         * Sorts the node's entries by type, stably, so each type keeps the cursor's order: a cursor over several
         * types returns a dense node's relationships type by type already, and a sparse node's in chain order, which
         * filtering by type does not change.
         */
        void endNode() {
            int count = size - nodeStart;
            boolean sorted = true;
            for (int i = nodeStart + 1; i < size && sorted; i++) {
                sorted = types[i - 1] <= types[i];
            }
            if (sorted || count < 2) {
                return;
            }
            int[] counts = new int[typeCount + 1];
            for (int i = nodeStart; i < size; i++) {
                counts[types[i] + 1]++;
            }
            for (int t = 1; t <= typeCount; t++) {
                counts[t] += counts[t - 1];
            }
            int[] o = new int[count];
            byte[] t = new byte[count];
            byte[] e = new byte[count];
            for (int i = nodeStart; i < size; i++) {
                int at = counts[types[i]]++;
                o[at] = others[i];
                t[at] = types[i];
                e[at] = ends[i];
            }
            System.arraycopy(o, 0, others, nodeStart, count);
            System.arraycopy(t, 0, types, nodeStart, count);
            System.arraycopy(e, 0, ends, nodeStart, count);
        }

        AdjacencySnapshot build(long version, int[] tokens, byte[] typeIndex) {
            offsets = Arrays.copyOf(offsets, nodes + 1);
            offsets[nodes] = size;
            return new AdjacencySnapshot(version, tokens, typeIndex, nodes, offsets, Arrays.copyOf(labels, nodes),
                    Arrays.copyOf(others, size), Arrays.copyOf(types, size), Arrays.copyOf(ends, size));
        }
    }
}

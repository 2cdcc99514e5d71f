package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.kedrec.core.evidence.EvidenceQueries;
import org.kedrec.core.evidence.EvidenceSource;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.EntityKind;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.token.api.TokenConstants;

/**
 * Core's {@link EvidenceSource} over the procedure's own transaction, through Neo4j's Core API: the rows of
 * {@link EvidenceQueries#TRIALS_FOR_DISEASE} and {@link EvidenceQueries#PUBLICATIONS_FOR_DISEASE} read relationship
 * by relationship. Under JFR a warm recommendation spent a third of its time in these two queries, 40 % of that
 * starting them (query cache lookup, execution plan set-up) before a row was read. The drugs are joined to the
 * disease from whichever side has fewer relationships of the first hop (all drugs' together against the disease's),
 * so a hub disease with thousands of trials costs no more than a sparse one. One per call (a transaction is not
 * thread-safe).
 */
final class TxEvidenceSource implements EvidenceSource {
    /** Evidence reads since the server started (tests read it, as they read {@link TxCypherRunner#QUERIES}). */
    static final AtomicLong READS = new AtomicLong();

    private static final Label DRUG = Label.label(EntityKind.DRUG.label());
    private static final Label DISEASE = Label.label(EntityKind.DISEASE.label());
    private static final Label TRIAL = Label.label(EntityKind.TRIAL.label());
    private static final Label PUBLICATION = Label.label(EntityKind.PUBLICATION.label());
    private static final RelationshipType TESTS = RelationshipType.withName(GraphSchema.TESTS);
    private static final RelationshipType STUDIES = RelationshipType.withName(GraphSchema.STUDIES);
    private static final RelationshipType MENTIONS = RelationshipType.withName(GraphSchema.MENTIONS);

    private static final String[] TRIAL_COLUMNS = {"id", "title", "phase", "status", "outcome", "whyStopped"};
    private static final String[] PUBLICATION_COLUMNS = {"id", "title"};

    private final Transaction tx;
    private final AdjacencySnapshot snapshot;

    TxEvidenceSource(Transaction tx) {
        this(tx, null);
    }

    /**
     * @param snapshot the database's relationships as arrays, current when the call started
     *     ({@link AdjacencyCache#current}), or null to read through the Core API
     */
    TxEvidenceSource(Transaction tx, AdjacencySnapshot snapshot) {
        this.tx = tx;
        this.snapshot = snapshot;
    }

    /** {@inheritDoc} */
    @Override
    public List<Map<String, Object>> trialsForDisease(String disease, List<String> drugs) {
        // (c:Drug)<-[:TESTS]-(t:Trial)-[:STUDIES]->(d:Disease): the drug's side is TESTS incoming, the disease's
        // side STUDIES incoming.
        return rows(disease, drugs, TESTS, STUDIES, TRIAL, TRIAL_COLUMNS);
    }

    /** {@inheritDoc} */
    @Override
    public List<Map<String, Object>> publicationsForDisease(String disease, List<String> drugs) {
        return rows(disease, drugs, MENTIONS, MENTIONS, PUBLICATION, PUBLICATION_COLUMNS);
    }

    /**
     * One row per joining evidence node and drug, as the queries return them: the evidence node's {@code columns}
     * (null where a property is absent) and the drug's id as {@code key}.
     */
    private List<Map<String, Object>> rows(String disease, List<String> drugs, RelationshipType drugType,
            RelationshipType diseaseType, Label evidenceLabel, String[] columns) {
        READS.incrementAndGet();
        List<Map<String, Object>> rows = new ArrayList<>();
        join(disease, drugs, drugType, diseaseType, evidenceLabel, (drug, evidence) -> {
            // One read of the node's property chain for all columns (getProperty walks it once per key).
            Map<String, Object> row = new HashMap<>(evidence.getProperties(columns));
            row.put("key", drug.getProperty("id", null));
            for (String column : columns) {
                row.putIfAbsent(column, null);
            }
            rows.add(row);
        });
        return rows;
    }

    /** One evidence node joining a drug and the disease. */
    @FunctionalInterface
    private interface Join {
        void accept(Node drug, Node evidence);
    }

    /**
     * Calls {@code out} once per pair of relationships {@code (c)<-[drugType]-(e:evidenceLabel)-[diseaseType]->(d)},
     * for every Disease {@code d} with the id {@code disease} and every Drug {@code c} whose id is in {@code drugs}
     * (each node once, like the query's {@code WHERE c.id IN $drugs}).
     */
    private void join(String disease, List<String> drugs, RelationshipType drugType, RelationshipType diseaseType,
            Label evidenceLabel, Join out) {
        List<Node> diseases = nodes(DISEASE, List.of(disease));
        if (diseases.isEmpty()) {
            return;
        }
        List<Node> drugNodes = nodes(DRUG, new LinkedHashSet<>(drugs));
        if (drugNodes.isEmpty()) {
            return;
        }
        if (joinOnArrays(diseases, drugNodes, drugType, diseaseType, evidenceLabel, out)) {
            return;
        }
        long drugSide = 0;
        for (Node c : drugNodes) {
            drugSide += c.getDegree(drugType, Direction.INCOMING);
        }
        for (Node d : diseases) {
            if (drugSide <= d.getDegree(diseaseType, Direction.INCOMING)) {
                for (Node c : drugNodes) {
                    expandInto(c, drugType, d, diseaseType, evidenceLabel, (e, count) -> {
                        for (int i = 0; i < count; i++) {
                            out.accept(c, e);
                        }
                    });
                }
            } else {
                // The disease has fewer evidence nodes than the drugs together: read its side once for all drugs,
                // not once per drug (JFR: opening a relationship iterator per evidence node was a third of the
                // evidence walk).
                fromDisease(d, diseaseType, drugType, evidenceLabel, new HashSet<>(drugNodes), out);
            }
        }
    }

    /**
     * {@link #join} over the snapshot's arrays, when they are current for this transaction and hold the types; false
     * (nothing done) otherwise. The same pairs of relationships, counted on the arrays (from the side with fewer
     * relationships of the first hop, as below); only the joining evidence nodes become {@link Node}s, for their
     * properties. Under JFR the Core API's relationship and node objects were most of the trials' read.
     */
    private boolean joinOnArrays(List<Node> diseases, List<Node> drugNodes, RelationshipType drugType,
            RelationshipType diseaseType, Label evidenceLabel, Join out) {
        if (snapshot == null || ((InternalTransaction) tx).kernelTransaction().dataRead()
                .transactionStateHasChanges()) {
            return false;
        }
        TokenRead tokens = ((InternalTransaction) tx).kernelTransaction().tokenRead();
        int drugTypeIndex = snapshot.typeIndex(tokens.relationshipType(drugType.name()));
        int diseaseTypeIndex = snapshot.typeIndex(tokens.relationshipType(diseaseType.name()));
        int label = tokens.nodeLabel(evidenceLabel.name());
        if (drugTypeIndex < 0 || diseaseTypeIndex < 0 || label == TokenConstants.NO_TOKEN) {
            return false;
        }
        Map<Integer, Node> drugsById = new LinkedHashMap<>();
        for (Node node : drugNodes) {
            if (!snapshot.covers(node.getId())) {
                return false;
            }
            drugsById.put((int) node.getId(), node);
        }
        for (Node node : diseases) {
            if (!snapshot.covers(node.getId())) {
                return false;
            }
        }
        boolean sameType = drugTypeIndex == diseaseTypeIndex;
        long drugSide = 0;
        for (int c : drugsById.keySet()) {
            drugSide += count(c, drugTypeIndex, AdjacencySnapshot.END, -1);
        }
        for (Node diseaseNode : diseases) {
            int d = (int) diseaseNode.getId();
            if (drugSide <= count(d, diseaseTypeIndex, AdjacencySnapshot.END, -1)) {
                for (Map.Entry<Integer, Node> drug : drugsById.entrySet()) {
                    int c = drug.getKey();
                    for (int i = snapshot.from(c, drugTypeIndex), to = snapshot.to(c, drugTypeIndex); i < to; i++) {
                        int e = snapshot.other(i);
                        if ((snapshot.ends(i) & AdjacencySnapshot.END) == 0 || !snapshot.hasLabel(e, label)) {
                            continue;
                        }
                        // (e)-[diseaseType]->(d), less the relationship to c itself where it is the same one.
                        long pairs = count(e, diseaseTypeIndex, AdjacencySnapshot.START, d);
                        if (sameType && c == d) {
                            pairs--;
                        }
                        if (pairs > 0) {
                            Node evidence = ((InternalTransaction) tx).newNodeEntity(e);
                            for (long p = 0; p < pairs; p++) {
                                out.accept(drug.getValue(), evidence);
                            }
                        }
                    }
                }
            } else {
                for (int i = snapshot.from(d, diseaseTypeIndex), to = snapshot.to(d, diseaseTypeIndex); i < to; i++) {
                    int e = snapshot.other(i);
                    if ((snapshot.ends(i) & AdjacencySnapshot.END) == 0 || !snapshot.hasLabel(e, label)) {
                        continue;
                    }
                    Node evidence = null;
                    boolean skipped = false;
                    for (int j = snapshot.from(e, drugTypeIndex), end = snapshot.to(e, drugTypeIndex); j < end; j++) {
                        if ((snapshot.ends(j) & AdjacencySnapshot.START) == 0) {
                            continue;
                        }
                        int c = snapshot.other(j);
                        if (sameType && c == d && !skipped) {
                            // The relationship this hop came in by (one of e's to d) is not a second one.
                            skipped = true;
                            continue;
                        }
                        Node drug = drugsById.get(c);
                        if (drug != null) {
                            if (evidence == null) {
                                evidence = ((InternalTransaction) tx).newNodeEntity(e);
                            }
                            out.accept(drug, evidence);
                        }
                    }
                }
            }
        }
        return true;
    }

    /** The entries of {@code node}'s type with {@code ends} (to {@code other} when it is not -1). */
    private long count(int node, int typeIndex, byte ends, int other) {
        long count = 0;
        for (int i = snapshot.from(node, typeIndex), to = snapshot.to(node, typeIndex); i < to; i++) {
            if ((snapshot.ends(i) & ends) != 0 && (other < 0 || snapshot.other(i) == other)) {
                count++;
            }
        }
        return count;
    }

    /** {@link #join} from the disease's side, once for every drug in {@code drugNodes}. */
    private static void fromDisease(Node d, RelationshipType diseaseType, RelationshipType drugType,
            Label evidenceLabel, Set<Node> drugNodes, Join out) {
        try (ResourceIterable<Relationship> first = d.getRelationships(Direction.INCOMING, diseaseType)) {
            for (Relationship in : first) {
                Node e = in.getStartNode();
                if (!e.hasLabel(evidenceLabel)) {
                    continue;
                }
                try (ResourceIterable<Relationship> second = e.getRelationships(Direction.OUTGOING, drugType)) {
                    for (Relationship next : second) {
                        Node c = next.getEndNode();
                        if (!next.equals(in) && drugNodes.contains(c)) {
                            out.accept(c, e);
                        }
                    }
                }
            }
        }
    }

    /** Per evidence node, how many pairs {@code (from)<-[fromType]-(e)-[toType]->(to)} there are. */
    @FunctionalInterface
    private interface Counted {
        void accept(Node evidence, int pairs);
    }

    private static void expandInto(Node from, RelationshipType fromType, Node to, RelationshipType toType,
            Label evidenceLabel, Counted out) {
        try (ResourceIterable<Relationship> first = from.getRelationships(Direction.INCOMING, fromType)) {
            for (Relationship in : first) {
                Node e = in.getStartNode();
                if (!e.hasLabel(evidenceLabel)) {
                    continue;
                }
                int pairs = 0;
                try (ResourceIterable<Relationship> second = e.getRelationships(Direction.OUTGOING, toType)) {
                    for (Relationship next : second) {
                        // Two MENTIONS of one publication: the relationship back to `from` is not the one to `to`.
                        if (!next.equals(in) && next.getEndNode().equals(to)) {
                            pairs++;
                        }
                    }
                }
                if (pairs > 0) {
                    out.accept(e, pairs);
                }
            }
        }
    }

    private List<Node> nodes(Label label, Iterable<String> ids) {
        List<Node> out = new ArrayList<>();
        for (String id : ids) {
            try (ResourceIterator<Node> found = tx.findNodes(label, "id", id)) {
                found.forEachRemaining(out::add);
            }
        }
        return out;
    }
}

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
import org.neo4j.graphdb.schema.ConstraintDefinition;
import org.neo4j.graphdb.schema.ConstraintType;
import org.kedrec.core.Messages;
import org.neo4j.exceptions.KernelException;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.IndexReadSession;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.internal.kernel.api.exceptions.schema.IndexNotFoundKernelException;
import org.neo4j.internal.kernel.api.InternalIndexState;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.IndexType;
import org.neo4j.kernel.api.KernelTransaction;
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
    private final Map<String, Node> known;
    private final Map<String, Boolean> unique = new HashMap<>();
    /**
     * The node ids of the publications this call's joins returned, by CURIE: {@link #publicationScores} matches the
     * full-text hits to them by node id instead of reading every hit's {@code id} property.
     */
    private final Map<String, List<Long>> publicationNodes = new HashMap<>();

    TxEvidenceSource(Transaction tx) {
        this(tx, null, Map.of());
    }

    TxEvidenceSource(Transaction tx, AdjacencySnapshot snapshot) {
        this(tx, snapshot, Map.of());
    }

    /**
     * @param snapshot the database's relationships as arrays, current when the call started
     *     ({@link AdjacencyCache#current}), or null to read through the Core API
     * @param known nodes the call has found already, by CURIE: a disease or drug among them is not looked up in
     *     the index again (each join looked up its disease and ten drugs: a twentieth of a recommendation)
     */
    TxEvidenceSource(Transaction tx, AdjacencySnapshot snapshot, Map<String, Node> known) {
        this.tx = tx;
        this.snapshot = snapshot;
        this.known = known;
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
     * {@inheritDoc}
     *
     * <p>Through the kernel's full-text index seek, as {@code db.index.fulltext.queryNodes} runs it (the same Lucene
     * query and scores), without starting a query: under JFR the scoring query was a sixth of a recommendation, most
     * of it reading the {@code id} of every publication that names the disease (thousands for a common one) to keep
     * the pair's few. Here a hit is matched to the pair's publications by node id. Where the index is missing or not
     * online, the query runs, and fails or waits as it would.
     */
    @Override
    public List<Map<String, Object>> publicationScores(List<Map<String, Object>> pairs) {
        KernelTransaction kernel = ((InternalTransaction) tx).kernelTransaction();
        IndexDescriptor index = kernel.schemaRead().indexGetForName(EvidenceQueries.PUBLICATION_INDEX);
        if (index == IndexDescriptor.NO_INDEX || index.getIndexType() != IndexType.FULLTEXT || !online(kernel, index)) {
            return EvidenceSource.query(new TxCypherRunner(tx)).publicationScores(pairs);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        try (NodeValueIndexCursor hits = kernel.cursors().allocateNodeValueIndexCursor(kernel.cursorContext(),
                kernel.memoryTracker())) {
            IndexReadSession session = kernel.dataRead().indexReadSession(index);
            for (Map<String, Object> pair : pairs) {
                Map<Long, String> wanted = new HashMap<>();
                for (Object id : (List<?>) pair.get("ids")) {
                    for (long node : publicationNodes((String) id)) {
                        wanted.put(node, (String) id);
                    }
                }
                kernel.dataRead().nodeIndexSeek(kernel.queryContext(), session, hits,
                        IndexQueryConstraints.unconstrained(),
                        PropertyIndexQuery.fulltextSearch((String) pair.get("query")));
                while (hits.next()) {
                    String id = wanted.get(hits.nodeReference());
                    if (id != null) {
                        Map<String, Object> row = new HashMap<>();
                        row.put("key", pair.get("key"));
                        row.put("id", id);
                        row.put("score", (double) hits.score());
                        out.add(row);
                    }
                }
            }
        } catch (KernelException e) {
            throw new IllegalStateException(Messages.format("The full-text index `%s` could not be read: %s",
                    EvidenceQueries.PUBLICATION_INDEX, e.getMessage()), e);
        }
        return out;
    }

    private static boolean online(KernelTransaction kernel, IndexDescriptor index) {
        try {
            return kernel.schemaRead().indexGetState(index) == InternalIndexState.ONLINE;
        } catch (IndexNotFoundKernelException e) {
            return false;
        }
    }

    /**
     * Whether at most one node of {@code label} has a given id (a uniqueness constraint, cypher/schema.cypher): only
     * then is the node the call found all the query would match. The read is the schema's cached descriptors.
     */
    private boolean uniqueId(Label label) {
        return unique.computeIfAbsent(label.name(), name -> {
            for (ConstraintDefinition constraint : tx.schema().getConstraints(label)) {
                List<String> keys = new ArrayList<>();
                constraint.getPropertyKeys().forEach(keys::add);
                if ((constraint.isConstraintType(ConstraintType.UNIQUENESS)
                        || constraint.isConstraintType(ConstraintType.NODE_KEY)) && keys.equals(List.of("id"))) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The node ids of the publications with this CURIE: those this call's joins read, else from the index. */
    private List<Long> publicationNodes(String id) {
        return publicationNodes.computeIfAbsent(id, key -> {
            List<Long> found = new ArrayList<>();
            try (ResourceIterator<Node> nodes = tx.findNodes(PUBLICATION, "id", key)) {
                nodes.forEachRemaining(node -> found.add(node.getId()));
            }
            return found;
        });
    }

    /**
     * One row per joining evidence node and drug, as the queries return them: the evidence node's {@code columns}
     * (null where a property is absent) and the drug's id as {@code key}.
     */
    private List<Map<String, Object>> rows(String disease, List<String> drugs, RelationshipType drugType,
            RelationshipType diseaseType, Label evidenceLabel, String[] columns) {
        READS.incrementAndGet();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Node, Object> drugIds = new HashMap<>();
        join(disease, drugs, drugType, diseaseType, evidenceLabel, (drug, evidence) -> {
            // One read of the node's property chain for all columns (getProperty walks it once per key).
            Map<String, Object> row = new HashMap<>(evidence.getProperties(columns));
            row.put("key", drugIds.computeIfAbsent(drug, node -> node.getProperty("id", null)));
            for (String column : columns) {
                row.putIfAbsent(column, null);
            }
            if (evidenceLabel == PUBLICATION && row.get("id") instanceof String id) {
                List<Long> known = publicationNodes.computeIfAbsent(id, key -> new ArrayList<>());
                if (!known.contains(evidence.getId())) {
                    known.add(evidence.getId());
                }
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
            Node node = known.get(id);
            if (node != null && node.hasLabel(label) && uniqueId(label)) {
                out.add(node);
                continue;
            }
            try (ResourceIterator<Node> found = tx.findNodes(label, "id", id)) {
                found.forEachRemaining(out::add);
            }
        }
        return out;
    }
}

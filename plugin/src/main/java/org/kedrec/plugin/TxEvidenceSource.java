package org.kedrec.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

    TxEvidenceSource(Transaction tx) {
        this.tx = tx;
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

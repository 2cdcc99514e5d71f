package org.kedrec.trainer.ranking.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kedrec.core.Messages;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.RelationKeys;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;

/**
 * Collects nodes and edges from any source (the Neo4j export, or the demo SIF in development) and applies the one
 * rule that keeps evaluation honest: <b>no held-out TREATS pair reaches the training graph</b>. Held out means any
 * split but {@link PairSplit#TRAIN} ({@code SplitPlan.splitOf(...).heldOut()}): VALIDATION pairs are kept out for
 * early stopping and the combiner, TEST and ZEROSHOT pairs are never seen. Beyond the TREATS edge itself, every
 * other edge directly between the drug and the disease of a held-out pair (any type, either direction, e.g. a
 * text-mined DRKG treats-like relation) is dropped too, because it would say the same thing under another name.
 *
 * <p>Use: {@link #treatsPair} for every TREATS edge first (so the held-out pairs are known), then {@link #node}
 * and {@link #edge}, then {@link #build()}.
 */
public final class TrainingGraphBuilder {
    private final SplitPlan plan;
    private final Map<String, TreatsPair> treatsPairs = new TreeMap<>();
    private final Set<String> heldOutPairs = new HashSet<>();
    private final Map<String, String[]> nodes = new HashMap<>(); // id -> {label, name}
    private final Set<String> lines = new HashSet<>();
    private final Map<String, Long> excluded = new TreeMap<>();
    private boolean edgesStarted;

    public TrainingGraphBuilder(SplitPlan plan) {
        this.plan = plan;
    }

    /** The label a node is filed under: its first KEDRec KG label, else its alphabetically first label. */
    public static String primaryLabel(Collection<String> labels) {
        for (EntityKind kind : EntityKind.knowledgeGraphKinds()) {
            if (labels.contains(kind.label())) {
                return kind.label();
            }
        }
        return labels.isEmpty() ? "Entity" : new TreeSet<>(labels).first();
    }

    /** Registers a TREATS pair (before any edge) and decides its split. */
    public TrainingGraphBuilder treatsPair(String drug, String disease) {
        if (edgesStarted) {
            throw new IllegalStateException("Register every TREATS pair before the first edge.");
        }
        String key = SplitPlan.key(drug, disease);
        if (!treatsPairs.containsKey(key)) {
            PairSplit split = plan.splitOf(drug, disease);
            treatsPairs.put(key, new TreatsPair(drug, disease, split));
            if (split.heldOut()) {
                heldOutPairs.add(key);
            }
        }
        return this;
    }

    /** A node that must be in the entity index even without edges (every drug and disease, so all are ranked). */
    public TrainingGraphBuilder node(String id, String label, String name) {
        String[] previous = nodes.get(id);
        if (previous == null || (previous[1].isEmpty() && name != null && !name.isEmpty())) {
            nodes.put(id, new String[] {label, name == null ? "" : name});
        }
        return this;
    }

    /**
     * One directed KG edge; returns whether it was kept. Evidence types ({@link GraphSchema#NON_KG_TYPES}) and
     * held-out pairs are left out and counted by reason.
     */
    public boolean edge(String head, String headLabel, String type, String tail, String tailLabel) {
        edgesStarted = true;
        if (GraphSchema.NON_KG_TYPES.contains(type)) {
            count("evidence " + type);
            return false;
        }
        if (head.equals(tail)) {
            count("self-loop");
            return false;
        }
        String pair = drugDiseasePair(head, headLabel, tail, tailLabel);
        if (pair != null && heldOutPairs.contains(pair)) {
            if (GraphSchema.TREATS.equals(type)) {
                count("TREATS " + treatsPairs.get(pair).split().label());
            } else {
                count("other edge of a held-out pair (" + type + ")");
            }
            return false;
        }
        if (GraphSchema.TREATS.equals(type) && pair != null && !treatsPairs.containsKey(pair)) {
            throw new IllegalStateException(Messages.format(
                    "The TREATS edge %s -> %s was not registered with treatsPair(...) before the edges; its split "
                            + "is unknown.",
                    head, tail));
        }
        node(head, headLabel, null);
        node(tail, tailLabel, null);
        lines.add(head + "\t" + RelationKeys.of(headLabel, type, tailLabel) + "\t" + tail);
        return true;
    }

    private String drugDiseasePair(String a, String aLabel, String b, String bLabel) {
        String drug = EntityKind.DRUG.label();
        String disease = EntityKind.DISEASE.label();
        if (aLabel.equals(drug) && bLabel.equals(disease)) {
            return SplitPlan.key(a, b);
        }
        if (aLabel.equals(disease) && bLabel.equals(drug)) {
            return SplitPlan.key(b, a);
        }
        return null;
    }

    private void count(String reason) {
        excluded.merge(reason, 1L, Long::sum);
    }

    public TrainingGraph build() {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        List<String> ids = new ArrayList<>(nodes.keySet());
        ids.sort(null);
        List<String> labels = new ArrayList<>(ids.size());
        List<String> names = new ArrayList<>(ids.size());
        Map<String, Integer> index = new HashMap<>(ids.size() * 2);
        for (String id : ids) {
            String[] node = nodes.get(id);
            index.put(id, index.size());
            labels.add(node[0]);
            names.add(node[1]);
        }
        Set<String> relationSet = new TreeSet<>();
        for (String line : sorted) {
            relationSet.add(line.split("\t", 3)[1]);
        }
        List<String> relations = new ArrayList<>(relationSet);
        Map<String, Integer> relationIndex = new HashMap<>();
        for (String r : relations) {
            relationIndex.put(r, relationIndex.size());
        }
        int n = sorted.size();
        int[] heads = new int[n];
        int[] rels = new int[n];
        int[] tails = new int[n];
        MessageDigest sha = TrainingGraph.sha256();
        for (int i = 0; i < n; i++) {
            String line = sorted.get(i);
            String[] cols = line.split("\t", 3);
            heads[i] = index.get(cols[0]);
            rels[i] = relationIndex.get(cols[1]);
            tails[i] = index.get(cols[2]);
            sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new TrainingGraph(new EntityIndex(ids, labels, names), relations, heads, rels, tails,
                new ArrayList<>(treatsPairs.values()), excluded, HexFormat.of().formatHex(sha.digest()));
    }
}

package org.kedrec.trainer.ranking.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.RelationKeys;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.paths.PathFeatures;
import org.kedrec.trainer.ranking.paths.SimilarityFeatures;

/**
 * The "KG + evidence" features of every (disease, drug) pair: the metapath features of {@link PathFeatures} over the
 * training graph extended by side relations built from {@link Evidence}, plus direct pair features.
 *
 * <p>Side relations (feature computation only; never trained on, written or served):
 * <ul>
 *   <li>{@code Drug-IN_TRIAL_FOR->Disease}: at least one trial tests the drug and studies the disease;</li>
 *   <li>{@code Drug-IN_ATC->AtcLevel4} / {@code AtcLevel3}: the drug's ATC codes cut to the chemical/therapeutic
 *       subgroup (5 characters, e.g. {@code C08CA}) and the pharmacological subgroup (4 characters);</li>
 *   <li>{@code Drug-IN_CATEGORY->DrugCategory}: DrugBank categories (MeSH pharmacological actions).</li>
 * </ul>
 * The metapaths over them ({@link #METAPATHS}) either reach the disease through a trial (drugs similar to those
 * tested for it: what carries a disease without training TREATS edges) or through the disease's training TREATS
 * edges (drugs in the same ATC class as its known treatments). The latter obey {@link PathFeatures}' rule that a
 * path never returns to its source drug, so a training pair's own TREATS edge never counts for it, and held-out
 * pairs are not in the training graph at all.
 *
 * <p>Direct pair features ({@link #PAIR_FEATURES}) read only the evidence: trial counts, phase, completion and
 * outcome, literature co-mentions and asserted relations, the drug's trial and literature totals and its DrugBank
 * groups. No feature reads a TREATS edge of the pair itself.
 */
public final class EvidenceFeatures {
    public static final String IN_TRIAL_FOR = "Drug-IN_TRIAL_FOR->Disease";
    public static final String ATC4 = "AtcLevel4";
    public static final String ATC3 = "AtcLevel3";
    public static final String CATEGORY = "DrugCategory";

    /** Metapaths that need the side relations: the catalogue's evidence-scoring metapaths. */
    public static final List<Metapath> METAPATHS = Metapaths.EVIDENCE_SCORING;

    /**
     * The feature that reads the pair's own {@code PALLIATES} edge. PharmacotherapyDB gives a drug-disease pair one
     * label (disease-modifying, symptomatic or non-indication), so a drug the graph says palliates the disease is, by
     * the curators' own label, not a disease-modifying treatment of it. Without it the path features rank a disease's
     * symptomatic drugs among its treatments (they share its genes, classes and trials). Measured: docs/ranker.md.
     */
    public static final String PALLIATES = "palliates";

    /** Direct features of the pair, in this order after the metapath and degree features. */
    public static final List<String> PAIR_FEATURES = List.of("trials", "trialsCompleted", "trialMaxPhase",
            "trialSuccesses", "trialFailures", "trialShareOfDrug", "publications", "litTreatsLike", "litOther",
            "drugTrials", "drugPublications", "drugApproved", "drugWithdrawn", "diseaseTrialDrugs",
            "trialShareOfDisease");

    private EvidenceFeatures() {}

    /** Every metapath of the "KG + evidence" model: Rephetio's KG metapaths, then {@link #METAPATHS}. */
    public static List<Metapath> allMetapaths() {
        return Metapaths.allScoring();
    }

    /** The training graph with the side relations (see the class comment). */
    public static TrainingGraph augment(TrainingGraph graph, Evidence evidence) {
        EntityIndex e = graph.entities();
        String drug = EntityKind.DRUG.label();
        String disease = EntityKind.DISEASE.label();
        List<String[]> triples = new ArrayList<>();
        Map<String, String> newLabels = new LinkedHashMap<>();
        evidence.pairs().forEach((key, p) -> {
            String[] ids = key.split("\\|", 2);
            if (p.trials() > 0 && isA(e, ids[0], drug) && isA(e, ids[1], disease)) {
                triples.add(new String[] {ids[0], IN_TRIAL_FOR, ids[1]});
            }
        });
        evidence.drugs().forEach((id, d) -> {
            if (!isA(e, id, drug)) {
                return;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String code : d.atcCodes()) {
                for (int[] level : new int[][] {{4, 5}, {3, 4}}) {
                    if (code.length() >= level[1]) {
                        String label = level[0] == 4 ? ATC4 : ATC3;
                        String node = "ATC:" + code.substring(0, level[1]);
                        if (seen.add(node)) {
                            newLabels.put(node, label);
                            triples.add(new String[] {id, drug + "-IN_ATC->" + label, node});
                        }
                    }
                }
            }
            for (String category : d.categories()) {
                String node = "DrugBankCategory:" + category;
                newLabels.put(node, CATEGORY);
                triples.add(new String[] {id, drug + "-IN_CATEGORY->" + CATEGORY, node});
            }
        });
        return graph.withSideTriples(triples, newLabels);
    }

    private static boolean isA(EntityIndex e, String id, String label) {
        int i = e.indexOrMinusOne(id);
        return i >= 0 && e.label(i).equals(label);
    }

    /**
     * Computes the whole "KG + evidence" feature set: path features over the augmented graph, then pair features,
     * then {@link #PALLIATES}, then the nearest-neighbour similarities ({@link SimilarityFeatures}; a model trained
     * before either was fitted without it, see {@code RankerTrainer.modelFeatures}).
     */
    public static PathFeatures compute(TrainingGraph graph, Evidence evidence, double damping) {
        TrainingGraph augmented = augment(graph, evidence);
        PathFeatures paths = PathFeatures.compute(augmented, allMetapaths(), damping);
        return paths.withExtra(PAIR_FEATURES, pairFeatures(graph.entities(), paths.diseases(), paths.drugs(), evidence))
                .withExtra(List.of(PALLIATES), palliates(graph, paths.diseases(), paths.drugs()))
                .withExtra(SimilarityFeatures.NAMES, SimilarityFeatures.compute(augmented, paths.diseases(),
                        paths.drugs()));
    }

    /**
     * The graph's {@code PALLIATES} edges, as each disease entity's drug entities: read once, then looked up by
     * {@link #palliates(Map, int[], int[])} for any block of diseases.
     */
    public static Map<Integer, Set<Integer>> palliatesEdges(TrainingGraph graph) {
        Map<Integer, Set<Integer>> out = new HashMap<>();
        int relation = graph.relations().indexOf(RelationKeys.PALLIATES);
        for (int i = 0; relation >= 0 && i < graph.size(); i++) {
            if (graph.relation(i) == relation) {
                out.computeIfAbsent(graph.tail(i), k -> new HashSet<>()).add(graph.head(i));
            }
        }
        return out;
    }

    /** {@link #PALLIATES} as {@code [disease row][drug column][1]}: 1 where the graph has the pair's edge, else 0. */
    public static float[][][] palliates(TrainingGraph graph, int[] diseases, int[] drugs) {
        return palliates(palliatesEdges(graph), diseases, drugs);
    }

    /** {@link #PALLIATES} for the given disease and drug entities, from {@link #palliatesEdges}. */
    public static float[][][] palliates(Map<Integer, Set<Integer>> edges, int[] diseases, int[] drugs) {
        float[][][] out = new float[diseases.length][drugs.length][1];
        for (int d = 0; d < diseases.length; d++) {
            Set<Integer> palliative = edges.getOrDefault(diseases[d], Set.of());
            for (int c = 0; c < drugs.length && !palliative.isEmpty(); c++) {
                out[d][c][0] = palliative.contains(drugs[c]) ? 1f : 0f;
            }
        }
        return out;
    }

    /** The direct pair features as {@code [disease row][drug column][feature]}. */
    public static float[][][] pairFeatures(EntityIndex entities, int[] diseases, int[] drugs, Evidence evidence) {
        int nf = PAIR_FEATURES.size();
        float[][][] out = new float[diseases.length][drugs.length][nf];
        float[][] drugValues = new float[drugs.length][];
        int[] drugTrials = new int[drugs.length];
        for (int c = 0; c < drugs.length; c++) {
            Evidence.DrugEvidence d = evidence.drug(entities.id(drugs[c]));
            drugTrials[c] = d == null ? 0 : d.trials();
            drugValues[c] = new float[] {
                (float) Math.log1p(drugTrials[c]),
                d == null ? 0 : (float) Math.log1p(d.publications()),
                d != null && d.groups().contains("approved") ? 1 : 0,
                d != null && d.groups().contains("withdrawn") ? 1 : 0};
        }
        for (int r = 0; r < diseases.length; r++) {
            String disease = entities.id(diseases[r]);
            int trialDrugs = 0;
            int maxTrials = 0;
            Evidence.PairEvidence[] row = new Evidence.PairEvidence[drugs.length];
            for (int c = 0; c < drugs.length; c++) {
                row[c] = evidence.pair(entities.id(drugs[c]), disease);
                if (row[c] != null && row[c].trials() > 0) {
                    trialDrugs++;
                    maxTrials = Math.max(maxTrials, row[c].trials());
                }
            }
            for (int c = 0; c < drugs.length; c++) {
                float[] v = out[r][c];
                Evidence.PairEvidence p = row[c];
                if (p != null) {
                    v[0] = (float) Math.log1p(p.trials());
                    v[1] = (float) Math.log1p(p.completed());
                    v[2] = p.maxPhase() / 4f;
                    v[3] = (float) Math.log1p(p.successes());
                    v[4] = (float) Math.log1p(p.failures());
                    v[5] = drugTrials[c] > 0 ? Math.min(1f, (float) p.trials() / drugTrials[c]) : 0;
                    v[6] = (float) Math.log1p(p.publications());
                    v[7] = (float) Math.log1p(p.litTreatsLike());
                    v[8] = (float) Math.log1p(p.litOther());
                }
                System.arraycopy(drugValues[c], 0, v, 9, 4);
                v[13] = (float) Math.log1p(trialDrugs);
                // relative to the disease's most-tested drug: the ranking is per disease, the model is not
                v[14] = p != null && maxTrials > 0 ? (float) p.trials() / maxTrials : 0;
            }
        }
        return out;
    }
}

package org.kedrec.trainer.ranking.paths;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.trainer.ranking.graph.TrainingGraph;

/**
 * Nearest-neighbour features of every (disease, drug) pair (PREDICT, Gottlieb et al. 2011): the largest Jaccard
 * similarity between the drug and any other drug tested for the disease in a trial (by targets, side effects,
 * pharmacologic classes, chemical similarity, ATC classes, DrugBank categories), and between the disease and any
 * other disease the drug treats in the training graph (by genes, anatomy, symptoms, disease similarity). DWPC sums
 * over every path, so a drug resembling one tested drug closely and a drug resembling twenty faintly look alike;
 * the maximum keeps the closest neighbour. (The same maximum against the disease's own training treatments,
 * {@code maxSimTreats*}, lowered the cross-validated MRR on our split, 0.2900 against 0.2986 without it, and is
 * left out: the class and ATC metapaths already carry it.)
 *
 * <p>Leakage: the treated diseases are the training graph's TREATS edges (no held-out pair is in it), and a pair's
 * own edge never counts for it: the disease itself is never its own neighbour, nor the drug its own, as in
 * {@link PathFeatures}. Trials are evidence, never a TREATS edge.
 */
public final class SimilarityFeatures {
    /** Drug profiles: relation key and whether the drug is its head. */
    private static final String[][] DRUG_PROFILES = {
        {"Targets", "Drug-BINDS->Gene", "head"},
        {"SideEffects", "Drug-CAUSES->SideEffect", "head"},
        {"Classes", "PharmacologicClass-INCLUDES->Drug", "tail"},
        {"Chemical", "Drug-RESEMBLES->Drug", "both"},
        {"Atc", "Drug-IN_ATC->AtcLevel4", "head"},
        {"Categories", "Drug-IN_CATEGORY->DrugCategory", "head"},
    };
    private static final String[][] DISEASE_PROFILES = {
        {"Genes", "Disease-ASSOCIATES->Gene", "head"},
        {"Anatomy", "Disease-LOCALIZES->Anatomy", "head"},
        {"Symptoms", "Disease-PRESENTS->Symptom", "head"},
        {"Similar", "Disease-RESEMBLES->Disease", "both"},
    };
    /** The drugs tested for a disease ({@code EvidenceFeatures}' side relation). */
    private static final String TRIAL = "Drug-IN_TRIAL_FOR->Disease";

    /** Feature names, in the order of {@link #compute}. */
    public static final List<String> NAMES = names();

    private SimilarityFeatures() {}

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (String[] p : DRUG_PROFILES) {
            out.add("maxSimTrial" + p[0]);
        }
        for (String[] p : DISEASE_PROFILES) {
            out.add("maxSimTreated" + p[0]);
        }
        return List.copyOf(out);
    }

    /**
     * The features as {@code [disease row][drug column][feature]} for the given disease and drug entities; the graph
     * may carry {@code EvidenceFeatures}' side relations (ATC, categories, trials), whose profiles are otherwise empty.
     */
    public static float[][][] compute(TrainingGraph graph, int[] diseases, int[] drugs) {
        Map<Integer, Integer> row = TrainingGraph.positions(diseases);
        Map<Integer, Integer> column = TrainingGraph.positions(drugs);
        Map<String, Integer> relation = new HashMap<>();
        for (int i = 0; i < graph.relations().size(); i++) {
            relation.put(graph.relations().get(i), i);
        }
        int treats = graph.treatsRelation();
        int trial = relation.getOrDefault(TRIAL, -1);
        List<List<Integer>> trialOf = lists(diseases.length);   // disease row -> drug columns
        List<List<Integer>> treatedBy = lists(drugs.length);     // drug column -> disease rows
        for (int i = 0; i < graph.size(); i++) {
            int r = graph.relation(i);
            if (r == treats || r == trial) {
                Integer d = row.get(graph.tail(i));
                Integer c = column.get(graph.head(i));
                if (d != null && c != null) {
                    (r == treats ? treatedBy.get(c) : trialOf.get(d)).add(r == treats ? d : c);
                }
            }
        }
        int[][][] drugProfiles = new int[DRUG_PROFILES.length][][];
        for (int p = 0; p < DRUG_PROFILES.length; p++) {
            drugProfiles[p] = profiles(graph, relation.getOrDefault(DRUG_PROFILES[p][1], -1), DRUG_PROFILES[p][2],
                    column, drugs);
        }
        int[][][] diseaseProfiles = new int[DISEASE_PROFILES.length][][];
        for (int p = 0; p < DISEASE_PROFILES.length; p++) {
            diseaseProfiles[p] = profiles(graph, relation.getOrDefault(DISEASE_PROFILES[p][1], -1),
                    DISEASE_PROFILES[p][2], row, diseases);
        }
        int nf = NAMES.size();
        int np = DRUG_PROFILES.length;
        float[][][] out = new float[diseases.length][drugs.length][nf];
        for (int d = 0; d < diseases.length; d++) {
            for (int c = 0; c < drugs.length; c++) {
                float[] v = out[d][c];
                for (int p = 0; p < np; p++) {
                    v[p] = maxSimilarity(drugProfiles[p], c, trialOf.get(d));
                }
                for (int p = 0; p < DISEASE_PROFILES.length; p++) {
                    v[np + p] = maxSimilarity(diseaseProfiles[p], d, treatedBy.get(c));
                }
            }
        }
        return out;
    }

    private static float maxSimilarity(int[][] profiles, int self, List<Integer> anchors) {
        float best = 0;
        int[] a = profiles[self];
        if (a.length == 0) {
            return 0;
        }
        for (int t : anchors) {
            if (t != self) {
                best = Math.max(best, jaccard(a, profiles[t]));
            }
        }
        return best;
    }

    static float jaccard(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (float) common / (a.length + b.length - common);
    }

    /**
     * Sorted neighbour sets of the members (by local index) over one relation; a member itself is in its set for
     * a member-to-member relation ({@code both}), so that two directly similar members share at least two elements.
     */
    private static int[][] profiles(TrainingGraph graph, int relation, String side, Map<Integer, Integer> local,
            int[] members) {
        int n = members.length;
        List<List<Integer>> sets = lists(n);
        if (relation >= 0) {
            for (int i = 0; i < graph.size(); i++) {
                if (graph.relation(i) != relation) {
                    continue;
                }
                int h = graph.head(i);
                int t = graph.tail(i);
                switch (side) {
                    case "head" -> add(sets, local.get(h), t);
                    case "tail" -> add(sets, local.get(t), h);
                    default -> {
                        add(sets, local.get(h), t);
                        add(sets, local.get(t), h);
                    }
                }
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> s = sets.get(i);
            if (side.equals("both") && !s.isEmpty()) {
                s.add(members[i]);
            }
            out[i] = s.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        }
        return out;
    }

    private static void add(List<List<Integer>> sets, Integer member, int neighbour) {
        if (member != null) {
            sets.get(member).add(neighbour);
        }
    }

    private static <T> List<List<T>> lists(int n) {
        List<List<T>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    @Override
    public String toString() {
        return "SimilarityFeatures" + Arrays.toString(NAMES.toArray());
    }
}

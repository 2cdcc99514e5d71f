package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a pair's candidate paths for a reader ({@link PathOrder}) and keeps the top {@code k} of the wanted kinds.
 *
 * <p>{@link PathOrder#MECHANISM}: kinds first (mechanism, then similarity, then clinical), so that when the graph
 * has a mechanism path for the pair, the first path is one. Within a kind, a greedy pick by relevance
 * {@code weight(metapath) + ln(score)}: the metapath's weight calibrated on known indications
 * ({@link MetapathWeights}), plus the log of the path-degree product, which is the degree penalty (a hub gene or a
 * hub pathway divides it by its degree to the power 0.4). Each pick lowers the relevance of the remaining paths that
 * pass through one of its genes by {@link #GENE_PENALTY} per shared gene and of those of its metapath by
 * {@link #METAPATH_PENALTY}, so the top five spread over the drug's targets and over metapaths where the graph
 * allows. Paths that leave the drug through a protein it binds only as a metabolising enzyme, transporter or carrier
 * are {@link PathKind#PHARMACOKINETIC} ({@link BindingRoles#labelled}) and come last: Losartan's AGTR1 before
 * CYP2C8, Cisplatin's similar diseases before the copper transporter SLC31A2 that carries it into cells, and
 * Prednisolone's similar diseases before Rifampicin, which shares Prednisolone's transporter SLCO1A2.
 */
public final class PathRanking {
    /** Relevance lost per earlier pick that passes through the same gene: a third of the odds. */
    public static final double GENE_PENALTY = Math.log(3);
    /** Relevance lost per earlier pick of the same metapath. */
    public static final double METAPATH_PENALTY = Math.log(2);

    private PathRanking() {}

    /**
     * The top {@code k} of {@code candidates} (given in the order the path query returned them) of the kinds in
     * {@code kinds}, in {@code order}.
     */
    public static List<GraphPath> rank(List<GraphPath> candidates, int k, PathOrder order, Set<PathKind> kinds,
            MetapathWeights weights) {
        return rank(candidates, k, order, kinds, weights, BindingRoles.NONE);
    }

    /**
     * {@link #rank(List, int, PathOrder, Set, MetapathWeights)} knowing which of the drugs' bindings are
     * pharmacokinetic: those paths are returned as {@link PathKind#PHARMACOKINETIC} (whatever the order), kept only
     * where {@code kinds} asks for them, and put last by {@link PathOrder#MECHANISM}.
     */
    public static List<GraphPath> rank(List<GraphPath> candidates, int k, PathOrder order, Set<PathKind> kinds,
            MetapathWeights weights, BindingRoles roles) {
        return rank(candidates, k, order, kinds, weights, roles, 1, false);
    }

    /**
     * As above, letting {@link PathOrder#PATH_COUNT} take up to {@code maxPerMetapath} paths of a metapath before
     * the other metapaths get their turn (the dataset builder's {@code --max-per-metapath}; 1 above), and, with
     * {@code pharmacokineticLast}, pick pharmacokinetic paths only after the others, as the dataset builder does for
     * the prompts a student trains on ({@link PathSelector#select(List, int, int, boolean)}).
     */
    public static List<GraphPath> rank(List<GraphPath> candidates, int k, PathOrder order, Set<PathKind> kinds,
            MetapathWeights weights, BindingRoles roles, int maxPerMetapath, boolean pharmacokineticLast) {
        List<GraphPath> wanted = candidates.stream().map(roles::labelled).filter(p -> kinds.contains(p.kind()))
                .toList();
        return switch (order) {
            case DATABASE -> wanted.subList(0, Math.min(k, wanted.size()));
            case PATH_COUNT -> PathSelector.select(wanted, k, maxPerMetapath, pharmacokineticLast);
            case MECHANISM -> mechanismFirst(wanted, k, weights);
        };
    }

    /**
     * The rank of a kind in {@link PathOrder#MECHANISM}: mechanism 0, similarity 1, clinical 2, pharmacokinetic 3.
     * A pharmacokinetic path comes last: that an enzyme or transporter handles the drug says least about why the
     * drug would treat the disease.
     */
    static int kindRank(PathKind kind) {
        return switch (kind) {
            case MECHANISM -> 0;
            case SIMILARITY -> 1;
            case CLINICAL -> 2;
            case PHARMACOKINETIC -> 3;
        };
    }

    /** The relevance of a path before diversity: calibrated metapath weight plus the log degree penalty. */
    public static double relevance(GraphPath path, MetapathWeights weights) {
        return weights.weight(path.metapath()) + Math.log(Math.max(path.score(), Double.MIN_NORMAL));
    }

    private static List<GraphPath> mechanismFirst(List<GraphPath> paths, int k, MetapathWeights weights) {
        List<GraphPath> pool = new ArrayList<>(paths);
        // A stable start: best degree score first, so equal relevances resolve as the baseline does.
        pool.sort(PathSelector.BEST_FIRST);
        Map<GraphPath, Integer> blocks = new HashMap<>();
        pool.forEach(p -> blocks.put(p, kindRank(p.kind())));
        pool.sort(Comparator.comparing(blocks::get));
        Map<GraphPath, Double> base = new HashMap<>();
        pool.forEach(p -> base.put(p, relevance(p, weights)));
        Map<String, Integer> geneUses = new HashMap<>();
        Map<String, Integer> metapathUses = new HashMap<>();
        List<GraphPath> out = new ArrayList<>();
        while (out.size() < k && !pool.isEmpty()) {
            int block = blocks.get(pool.get(0));
            GraphPath best = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (GraphPath path : pool) {
                if (blocks.get(path) != block) {
                    break;
                }
                double value = base.get(path) - METAPATH_PENALTY * metapathUses.getOrDefault(path.metapath(), 0);
                for (String gene : genes(path)) {
                    value -= GENE_PENALTY * geneUses.getOrDefault(gene, 0);
                }
                if (value > bestValue) {
                    bestValue = value;
                    best = path;
                }
            }
            pool.remove(best);
            out.add(best);
            metapathUses.merge(best.metapath(), 1, Integer::sum);
            for (String gene : genes(best)) {
                geneUses.merge(gene, 1, Integer::sum);
            }
        }
        return out;
    }

    /** The ids of the genes a path passes through (its intermediate nodes labelled Gene). */
    public static List<String> genes(GraphPath path) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < path.ids().size() - 1; i++) {
            if (path.labels().get(i).equals("Gene")) {
                out.add(path.ids().get(i));
            }
        }
        return out;
    }
}

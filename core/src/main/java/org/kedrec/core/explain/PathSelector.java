package org.kedrec.core.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the top {@code k} paths of a pair, diverse across metapaths: paths are ranked by score (ties by their
 * signature, so the choice is deterministic), taken greedily while their metapath has fewer than
 * {@code maxPerMetapath} picks, and if that leaves fewer than {@code k}, the best remaining paths fill up.
 *
 * <p>{@link #select(List, int, int, boolean)} can put {@link PathKind#PHARMACOKINETIC} paths after the rest: the
 * student's prompts (the dataset's and {@code kedrec.select}'s) do, so that the evidence a student is taught to cite
 * first is not that a liver enzyme or a transporter handles the drug.
 */
public final class PathSelector {
    public static final Comparator<GraphPath> BEST_FIRST =
            Comparator.comparingDouble(GraphPath::score).reversed().thenComparing(GraphPath::signature);

    private PathSelector() {}

    /**
     * {@link #select(List, int, int)}, and with {@code pharmacokineticLast} the paths labelled
     * {@link PathKind#PHARMACOKINETIC} ({@link BindingRoles#labelled}) only fill the slots the other paths leave, after
     * them: chosen among themselves the same way.
     */
    public static List<GraphPath> select(List<GraphPath> paths, int k, int maxPerMetapath,
            boolean pharmacokineticLast) {
        if (!pharmacokineticLast) {
            return select(paths, k, maxPerMetapath);
        }
        List<GraphPath> others = new ArrayList<>();
        List<GraphPath> pharmacokinetic = new ArrayList<>();
        for (GraphPath path : paths) {
            (path.kind() == PathKind.PHARMACOKINETIC ? pharmacokinetic : others).add(path);
        }
        List<GraphPath> picked = new ArrayList<>(select(others, k, maxPerMetapath));
        if (picked.size() < k && !pharmacokinetic.isEmpty()) {
            picked.addAll(select(pharmacokinetic, k - picked.size(), maxPerMetapath));
        }
        return picked;
    }

    public static List<GraphPath> select(List<GraphPath> paths, int k, int maxPerMetapath) {
        List<GraphPath> ranked = new ArrayList<>(paths);
        ranked.sort(BEST_FIRST);
        List<GraphPath> picked = new ArrayList<>();
        List<GraphPath> rest = new ArrayList<>();
        Map<String, Integer> perMetapath = new HashMap<>();
        for (GraphPath path : ranked) {
            int used = perMetapath.getOrDefault(path.metapath(), 0);
            if (picked.size() < k && used < maxPerMetapath) {
                picked.add(path);
                perMetapath.put(path.metapath(), used + 1);
            } else {
                rest.add(path);
            }
        }
        for (GraphPath path : rest) {
            if (picked.size() >= k) {
                break;
            }
            picked.add(path);
        }
        picked.sort(BEST_FIRST);
        return picked;
    }
}

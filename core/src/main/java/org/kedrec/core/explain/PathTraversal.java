package org.kedrec.core.explain;

import org.kedrec.core.graph.Metapath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.graph.GraphSchema;

/**
 * The candidate explanation paths from one disease to some drugs, found by walking the graph through a
 * {@link PathGraph} instead of running the path query of {@link PathQueries#forDiseaseQuery}: the very same paths,
 * degrees and order as {@link PathFinder#findCandidatesForDisease} (a plugin test compares both on every metapath),
 * without planning a 28-branch query (seconds after a server start) and without counting a node's degrees again on
 * every row that passes through it (the length-4 pathway metapath joined thousands of rows per call).
 *
 * <p>Each metapath is walked from both ends: from the drugs forwards and from the disease backwards, to the node
 * where the query anchored at the disease joins ({@link #joinPosition}); the partial paths are joined on it. The
 * disease's side is walked once for all drugs. Degrees are read only for the nodes of joined paths, once per node and
 * metaedge per call. Each drug keeps its best {@code perMetapath} paths per metapath, ordered as the query orders
 * them (by the path-degree product without the drug's own degree, best first, then by the node ids).
 *
 * <p>One per call: it caches degrees and ids of the caller's transaction. Not thread-safe.
 *
 * @param <N> the graph's node handle
 */
public final class PathTraversal<N> {
    /** The label the path query anchors at ({@code (d:Disease {id: $disease})}). */
    static final String DISEASE_LABEL = "Disease";

    private final PathGraph<N> graph;
    private final double damping;
    private final Set<String> heldOut;
    /** The metaedge degrees the query counts ({@link PathQueries#degreeLabel}), each read once per call. */
    private final Map<DegreeKey, Degrees> degrees = new HashMap<>();
    private final Map<N, String> ids = new HashMap<>();

    /** A metaedge seen from one end: its type, direction and, where the query counts only some, the other label. */
    private record DegreeKey(String type, Metapath.Direction direction, String other) {}

    /**
     * @param damping the degree damping exponent ({@link PathScorer#DAMPING})
     * @param heldOut {@code "drug|disease"} keys of TREATS edges that no path may use
     */
    public PathTraversal(PathGraph<N> graph, double damping, Collection<String> heldOut) {
        this.graph = graph;
        this.damping = damping;
        this.heldOut = new HashSet<>(heldOut);
    }

    /**
     * Every candidate path from {@code disease} to each of {@code drugs} (up to {@code perMetapath} per metapath,
     * metapaths in the given order, best first within one), keyed by drug id in the given order; a drug or disease
     * that is not in the graph gets empty lists.
     */
    public Map<String, List<GraphPath>> candidatesForDisease(String disease, List<String> drugs,
            List<Metapath> metapaths, int perMetapath) {
        Map<String, List<GraphPath>> out = PathFinder.emptyPerDrug(drugs);
        if (drugs.isEmpty()) {
            return out;
        }
        N diseaseNode = graph.find(DISEASE_LABEL, disease);
        if (diseaseNode == null) {
            return out;
        }
        Map<String, Map<N, String>> drugNodesByLabel = new HashMap<>();
        for (Metapath metapath : metapaths) {
            Map<N, String> drugNodes = drugNodesByLabel.computeIfAbsent(metapath.source(), label -> {
                Map<N, String> found = new LinkedHashMap<>();
                for (String drug : drugs) {
                    N node = graph.find(label, drug);
                    if (node != null) {
                        found.put(node, drug);
                    }
                }
                return found;
            });
            if (drugNodes.isEmpty()) {
                continue;
            }
            Map<N, Top> best = walk(metapath, diseaseNode, drugNodes, perMetapath);
            for (Map.Entry<N, String> drug : drugNodes.entrySet()) {
                Top top = best.get(drug.getKey());
                if (top != null) {
                    for (int i = 0; i < top.size; i++) {
                        out.get(drug.getValue()).add(toPath(metapath, top.items[i]));
                    }
                }
            }
        }
        return out;
    }

    /**
     * A partial path: positions {@code [from, to]} of {@code nodes} are set, and the directions of the steps between
     * them. Degrees and score factors are filled when the chain first joins a path ({@link #score}): most chains of
     * the disease's side never meet a drug's, and their nodes' degrees are never read.
     */
    private static final class Chain {
        final Object[] nodes;
        final boolean[] dirs;
        long[] degrees;
        double[] factors;

        Chain(int length) {
            nodes = new Object[length + 1];
            dirs = new boolean[length];
        }

        Chain(Chain from) {
            nodes = from.nodes.clone();
            dirs = from.dirs.clone();
        }
    }

    /** A joined path with its ordering score. */
    private record Candidate(double score, Object[] nodes, Chain left, Chain right, int join) {}

    /** A drug's best paths of one metapath, best first. */
    private final class Top {
        final Candidate[] items;
        int size;

        Top(int capacity) {
            items = new Candidate[capacity];
        }

        void offer(double score, Chain left, Chain right, int join, int length) {
            if (size == items.length && score < items[size - 1].score) {
                return;
            }
            Object[] nodes = new Object[length + 1];
            System.arraycopy(left.nodes, 0, nodes, 0, join + 1);
            System.arraycopy(right.nodes, join + 1, nodes, join + 1, length - join);
            Candidate candidate = new Candidate(score, nodes, left, right, join);
            int at = size;
            while (at > 0 && before(candidate, items[at - 1])) {
                at--;
            }
            if (at == items.length) {
                return;
            }
            int moved = Math.min(size, items.length - 1) - at;
            System.arraycopy(items, at, items, at + 1, moved);
            items[at] = candidate;
            size = Math.min(size + 1, items.length);
        }
    }

    /** The query's order: higher score first, then the node ids in order (equal candidates keep arrival order). */
    @SuppressWarnings("unchecked")
    private boolean before(Candidate a, Candidate b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        for (int i = 0; i < a.nodes.length; i++) {
            int c = id((N) a.nodes[i]).compareTo(id((N) b.nodes[i]));
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    private String id(N node) {
        return ids.computeIfAbsent(node, graph::id);
    }

    @SuppressWarnings("unchecked")
    private Map<N, Top> walk(Metapath metapath, N disease, Map<N, String> drugs, int perMetapath) {
        int length = metapath.length();
        List<String> labels = metapath.labels();
        Map<N, List<Chain>> left = new LinkedHashMap<>();
        for (N drug : drugs.keySet()) {
            Chain chain = new Chain(length);
            chain.nodes[0] = drug;
            left.put(drug, new ArrayList<>(List.of(chain)));
        }
        Map<N, List<Chain>> right = new LinkedHashMap<>();
        Chain end = new Chain(length);
        end.nodes[length] = disease;
        right.put(disease, new ArrayList<>(List.of(end)));
        int join = joinPosition(metapath);
        int[] labelIds = labelIds(labels);
        for (int a = 0; a < join - 1 && !left.isEmpty(); a++) {
            left = extendLeft(metapath, labelIds, left, a, null);
        }
        for (int b = length; b > join + 1 && !right.isEmpty() && !left.isEmpty(); b--) {
            right = extendRight(metapath, labelIds, right, b, null);
        }
        if (left.isEmpty() || right.isEmpty()) {
            return Map.of();
        }
        // The two last steps into the join node: the side whose step makes fewer chains is completed first, and
        // the other side's step keeps only the chains that reach one of its nodes. Which side goes first changes
        // no path and no order (the filter drops whole join nodes, and the join below iterates the drugs' side
        // in the order it was built); it decides how many chains are made. A drug that treats diseases with
        // hundreds of genes (CtDaGaD) or is in a large pharmacologic class (CiPCiCtD) made thousands of chains
        // per call on its side that met none of the disease's few.
        if (visits(metapath, left, join - 1, false) <= visits(metapath, right, join + 1, true)) {
            left = extendLeft(metapath, labelIds, left, join - 1, null);
            right = left.isEmpty() ? Map.of() : extendRight(metapath, labelIds, right, join + 1, left.keySet());
        } else {
            right = extendRight(metapath, labelIds, right, join + 1, null);
            left = right.isEmpty() ? Map.of() : extendLeft(metapath, labelIds, left, join - 1, right.keySet());
        }
        int a = join;
        List<Degrees> degreesByStep = degreesByStep(metapath);
        Map<N, Top> best = new HashMap<>();
        for (Map.Entry<N, List<Chain>> meet : left.entrySet()) {
            List<Chain> rights = right.get(meet.getKey());
            if (rights == null) {
                continue;
            }
            for (Chain l : meet.getValue()) {
                for (Chain r : rights) {
                    if (!distinctAcross(labelIds, l, r, a)) {
                        continue;
                    }
                    score(metapath, degreesByStep, l, 0, a);
                    score(metapath, degreesByStep, r, a, length);
                    // Multiplied left to right, as the query's `f0 * f1 * ...` is: the same doubles, the same order.
                    double score = (a > 0 ? l : r).factors[0];
                    for (int i = 1; i < length; i++) {
                        score *= (i < a ? l : r).factors[i];
                    }
                    best.computeIfAbsent((N) l.nodes[0], drug -> new Top(perMetapath))
                            .offer(score, l, r, a, length);
                }
            }
        }
        return best;
    }

    /**
     * Where the two sides meet: the position the path query anchored at the disease joins at
     * ({@link PathQueries#diseaseJoinNode}, chosen by PROFILE on the demo graph), or the node before the disease's
     * neighbour where that query let the planner choose (the drugs' side is the smaller there).
     */
    static int joinPosition(Metapath metapath) {
        int join = PathQueries.diseaseJoinNode(metapath);
        if (join <= 0) {
            join = metapath.length() - 1;
        }
        return Math.max(1, Math.min(metapath.length() - 1, join));
    }

    /**
     * The chains one more step of {@code frontier} would make, before the checks that drop some: from position
     * {@code at} forwards ({@code backwards} false) or back ({@code backwards} true). The neighbours it counts are
     * the ones that step then reads (the graph reads each once per call).
     */
    private long visits(Metapath metapath, Map<N, List<Chain>> frontier, int at, boolean backwards) {
        int i = backwards ? at - 1 : at;
        Metapath.Step step = metapath.steps().get(i);
        Metapath.Direction direction = backwards ? reverse(step.direction()) : step.direction();
        String otherLabel = metapath.labels().get(backwards ? i : at + 1);
        long visits = 0;
        for (Map.Entry<N, List<Chain>> entry : frontier.entrySet()) {
            visits += (long) entry.getValue().size()
                    * graph.neighbours(entry.getKey(), step.type(), direction, otherLabel);
        }
        return visits;
    }

    /**
     * Extends every chain of {@code frontier} from position {@code at} to {@code at + 1}, to the nodes in
     * {@code only} when it is not null.
     */
    @SuppressWarnings("unchecked")
    private Map<N, List<Chain>> extendLeft(Metapath metapath, int[] labelIds, Map<N, List<Chain>> frontier, int at,
            Set<N> only) {
        Metapath.Step step = metapath.steps().get(at);
        String type = step.type();
        String vLabel = metapath.labels().get(at + 1);
        Map<N, List<Chain>> next = new LinkedHashMap<>();
        for (Map.Entry<N, List<Chain>> entry : frontier.entrySet()) {
            N u = entry.getKey();
            PathGraph.Neighbour<N> visitor = (v, uIsStart) -> {
                boolean dir = switch (step.direction()) {
                    case OUT -> true;
                    case IN -> false;
                    case BOTH -> uIsStart;
                };
                List<Chain> into = null;
                for (Chain chain : entry.getValue()) {
                    if (!distinctWithin(labelIds, chain, at + 1, v, 0, at) || !allowed(step, (N) chain.nodes[at], v)) {
                        continue;
                    }
                    Chain longer = new Chain(chain);
                    longer.nodes[at + 1] = v;
                    longer.dirs[at] = dir;
                    if (into == null) {
                        into = next.computeIfAbsent(v, x -> new ArrayList<>());
                    }
                    into.add(longer);
                }
            };
            if (only == null) {
                graph.expand(u, type, step.direction(), vLabel, visitor);
            } else {
                graph.expand(u, type, step.direction(), vLabel, only, visitor);
            }
        }
        return next;
    }

    /**
     * Extends every chain of {@code frontier} from position {@code at} back to {@code at - 1}, to the nodes in
     * {@code only} when it is not null.
     */
    @SuppressWarnings("unchecked")
    private Map<N, List<Chain>> extendRight(Metapath metapath, int[] labelIds, Map<N, List<Chain>> frontier,
            int at, Set<N> only) {
        int i = at - 1;
        Metapath.Step step = metapath.steps().get(i);
        String type = step.type();
        String uLabel = metapath.labels().get(i);
        int length = metapath.length();
        Map<N, List<Chain>> next = new LinkedHashMap<>();
        for (Map.Entry<N, List<Chain>> entry : frontier.entrySet()) {
            N v = entry.getKey();
            PathGraph.Neighbour<N> visitor = (u, vIsStart) -> {
                boolean dir = switch (step.direction()) {
                    case OUT -> true;
                    case IN -> false;
                    case BOTH -> !vIsStart;
                };
                List<Chain> into = null;
                for (Chain chain : entry.getValue()) {
                    if (!distinctWithin(labelIds, chain, i, u, at, length) || !allowed(step, u, (N) chain.nodes[at])) {
                        continue;
                    }
                    Chain longer = new Chain(chain);
                    longer.nodes[i] = u;
                    longer.dirs[i] = dir;
                    if (into == null) {
                        into = next.computeIfAbsent(u, x -> new ArrayList<>());
                    }
                    into.add(longer);
                }
            };
            if (only == null) {
                graph.expand(v, type, reverse(step.direction()), uLabel, visitor);
            } else {
                graph.expand(v, type, reverse(step.direction()), uLabel, only, visitor);
            }
        }
        return next;
    }

    /**
     * The degree caches of a metapath's steps, at both ends (at {@code 2 * step} the step's first node, at
     * {@code 2 * step + 1} its second): looked up once per walk, so that scoring a chain looks a node up by the node alone
     * (under JFR, hashing a key of node, type, direction and label for every degree was a seventh of a call).
     */
    private List<Degrees> degreesByStep(Metapath metapath) {
        List<String> labels = metapath.labels();
        List<Degrees> out = new ArrayList<>(2 * metapath.length());
        for (int step = 0; step < metapath.length(); step++) {
            Metapath.Step s = metapath.steps().get(step);
            out.add(degrees(s.type(), s.direction(), labels.get(step), labels.get(step + 1)));
            out.add(degrees(s.type(), reverse(s.direction()), labels.get(step + 1), labels.get(step)));
        }
        return out;
    }

    private Degrees degrees(String type, Metapath.Direction direction, String label, String otherLabel) {
        String other = PathQueries.degreeLabel(type, label, otherLabel).isEmpty() ? null : otherLabel;
        return degrees.computeIfAbsent(new DegreeKey(type, direction, other), Degrees::new);
    }

    /** One metaedge's degrees of the nodes read so far in this call. */
    private final class Degrees {
        final DegreeKey key;
        final Map<N, Long> byNode = new HashMap<>();

        Degrees(DegreeKey key) {
            this.key = key;
        }

        long of(N node) {
            Long known = byNode.get(node);
            if (known == null) {
                known = graph.degree(node, key.type(), key.direction(), key.other());
                byNode.put(node, known);
            }
            return known;
        }
    }

    /** Fills the degrees and score factors of the steps {@code [from, to)} of {@code chain}, once. */
    @SuppressWarnings("unchecked")
    private void score(Metapath metapath, List<Degrees> degreesByStep, Chain chain, int from, int to) {
        if (chain.degrees != null) {
            return;
        }
        int length = metapath.length();
        chain.degrees = new long[2 * length];
        chain.factors = new double[length];
        for (int step = from; step < to; step++) {
            long du = degreesByStep.get(2 * step).of((N) chain.nodes[step]);
            long dv = degreesByStep.get(2 * step + 1).of((N) chain.nodes[step + 1]);
            chain.degrees[2 * step] = du;
            chain.degrees[2 * step + 1] = dv;
            // The drug's own degree scales all of its paths of a metapath alike; the query leaves it out of the
            // order.
            chain.factors[step] = step == 0 ? Math.pow(dv, -damping) : Math.pow((double) (du * dv), -damping);
        }
    }

    /**
     * Each position's label as a small number, equal where the labels are: the simple-path checks below compare
     * labels for every chain a step makes, and comparing strings there was a visible share of the walk.
     */
    private static int[] labelIds(List<String> labels) {
        int[] ids = new int[labels.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = labels.indexOf(labels.get(i));
        }
        return ids;
    }

    /** Paths are simple: {@code node} may not already stand at a position {@code [from, to]} of the same label. */
    private static boolean distinctWithin(int[] labelIds, Chain chain, int position, Object node, int from, int to) {
        int label = labelIds[position];
        for (int q = from; q <= to; q++) {
            if (q != position && labelIds[q] == label && node.equals(chain.nodes[q])) {
                return false;
            }
        }
        return true;
    }

    private static boolean distinctAcross(int[] labelIds, Chain left, Chain right, int join) {
        for (int q = 0; q < join; q++) {
            for (int r = join + 1; r < labelIds.length; r++) {
                if (labelIds[q] == labelIds[r] && left.nodes[q].equals(right.nodes[r])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** False for a TREATS step over a held-out edge. */
    private boolean allowed(Metapath.Step step, N u, N v) {
        if (heldOut.isEmpty() || !step.type().equals(GraphSchema.TREATS)) {
            return true;
        }
        boolean uIsDrug = step.direction() != Metapath.Direction.IN;
        return !heldOut.contains(id(uIsDrug ? u : v) + "|" + id(uIsDrug ? v : u));
    }

    private static Metapath.Direction reverse(Metapath.Direction direction) {
        return switch (direction) {
            case OUT -> Metapath.Direction.IN;
            case IN -> Metapath.Direction.OUT;
            case BOTH -> Metapath.Direction.BOTH;
        };
    }

    @SuppressWarnings("unchecked")
    private GraphPath toPath(Metapath metapath, Candidate candidate) {
        int length = metapath.length();
        List<String> pathIds = new ArrayList<>(length + 1);
        List<String> names = new ArrayList<>(length + 1);
        for (Object node : candidate.nodes()) {
            pathIds.add(id((N) node));
            names.add(graph.name((N) node));
        }
        List<Boolean> dirs = new ArrayList<>(length);
        List<Long> pathDegrees = new ArrayList<>(2 * length);
        for (int i = 0; i < length; i++) {
            Chain from = i < candidate.join() ? candidate.left() : candidate.right();
            dirs.add(from.dirs[i]);
            pathDegrees.add(from.degrees[2 * i]);
            pathDegrees.add(from.degrees[2 * i + 1]);
        }
        return new GraphPath(metapath.abbreviation(), pathIds, names, metapath.labels(), metapath.types(), dirs,
                pathDegrees, PathScorer.pathDegreeProduct(pathDegrees, damping));
    }
}

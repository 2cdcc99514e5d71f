package org.kedrec.trainer.ranking.paths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.core.ranking.RelationKeys;
import org.kedrec.trainer.ranking.graph.TrainingGraph;

/**
 * Project Rephetio's features for every (disease, drug) pair of a training graph (Himmelstein et al. 2017):
 * degree-weighted path counts (DWPC) over drug-to-disease metapaths, transformed as in Rephetio by
 * {@code asinh(DWPC / mean DWPC)}, plus three degree features (log-scaled TREATS degrees of the drug and the disease
 * and the drug's degree in the whole graph: Rephetio's "prior", which these approximate).
 *
 * <p>Every pair's features are computed as if its own TREATS edge were absent, so that a training positive looks
 * like a held-out one: paths may not come back to the source drug or pass through the target disease (the diagonal
 * of a drug-to-drug or disease-to-disease segment is zeroed), and the degree features of a pair that is a TREATS
 * edge are counted without that edge. (Rephetio forbids every repeated node; here only revisits of the two
 * endpoints are excluded, which is what matters for the pair's own edge.)
 *
 * <p>DWPC is computed with sparse-times-dense products from the disease end (every intermediate matrix has one
 * column per disease), so the whole feature set of the demo graph takes a few seconds.
 */
public final class PathFeatures {
    /** Rephetio's damping exponent w (they chose 0.4 by cross-validation). */
    public static final double DEFAULT_DAMPING = 0.4;

    /** The metapaths used by default: the knowledge-graph metapaths the catalogue marks as scoring. */
    public static final List<Metapath> DEFAULT_METAPATHS = Metapaths.SCORING;

    /** Names of the degree features that follow the metapath features. */
    public static final List<String> DEGREE_FEATURES = List.of("drugTreatsDegree", "diseaseTreatsDegree", "drugDegree");

    private final int[] drugs;
    private final int[] diseases;
    private final List<String> names;
    private final float[][][] values; // [disease][drug][feature]

    private PathFeatures(int[] drugs, int[] diseases, List<String> names, float[][][] values) {
        this.drugs = drugs;
        this.diseases = diseases;
        this.names = List.copyOf(names);
        this.values = values;
    }

    /** Entity indexes of the drug columns. */
    public int[] drugs() {
        return drugs;
    }

    /** Entity indexes of the disease rows. */
    public int[] diseases() {
        return diseases;
    }

    public List<String> names() {
        return names;
    }

    public int featureCount() {
        return names.size();
    }

    /** The features of (disease row, drug column); shared, do not modify. */
    public float[] of(int diseaseRow, int drugColumn) {
        return values[diseaseRow][drugColumn];
    }

    /** Only the named features, in the order given (an unknown name is an error). */
    public PathFeatures select(List<String> keep) {
        int[] columns = new int[keep.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = names.indexOf(keep.get(j));
            if (columns[j] < 0) {
                throw new IllegalArgumentException(Messages.format("There is no feature `%s`; the features are %s.",
                        keep.get(j), names));
            }
        }
        float[][][] picked = new float[diseases.length][drugs.length][columns.length];
        for (int d = 0; d < diseases.length; d++) {
            for (int c = 0; c < drugs.length; c++) {
                for (int j = 0; j < columns.length; j++) {
                    picked[d][c][j] = values[d][c][columns[j]];
                }
            }
        }
        return new PathFeatures(drugs, diseases, keep, picked);
    }

    /** These features followed by {@code extra} ({@code [disease row][drug column][k]}, named {@code extraNames}). */
    public PathFeatures withExtra(List<String> extraNames, float[][][] extra) {
        if (extra.length != diseases.length || (extra.length > 0 && extra[0].length != drugs.length)) {
            throw new IllegalArgumentException(Messages.format(
                    "Extra features must be %d diseases x %d drugs.", diseases.length, drugs.length));
        }
        int nf = names.size();
        float[][][] joined = new float[diseases.length][drugs.length][];
        for (int d = 0; d < diseases.length; d++) {
            for (int c = 0; c < drugs.length; c++) {
                float[] v = java.util.Arrays.copyOf(values[d][c], nf + extraNames.size());
                System.arraycopy(extra[d][c], 0, v, nf, extraNames.size());
                joined[d][c] = v;
            }
        }
        List<String> allNames = new ArrayList<>(names);
        allNames.addAll(extraNames);
        return new PathFeatures(drugs, diseases, allNames, joined);
    }

    public static PathFeatures compute(TrainingGraph graph, List<Metapath> metapaths, double damping) {
        EntityIndex entities = graph.entities();
        Labels labels = new Labels(entities);
        int[] drugs = labels.members(EntityKind.DRUG.label());
        int[] diseases = labels.members(EntityKind.DISEASE.label());
        Map<String, Relation> relations = new HashMap<>();
        for (int i = 0; i < graph.size(); i++) {
            String key = graph.relations().get(graph.relation(i));
            relations.computeIfAbsent(key, k -> new Relation()).add(graph.head(i), graph.tail(i));
        }
        int nf = metapaths.size() + DEGREE_FEATURES.size();
        float[][][] values = new float[diseases.length][drugs.length][nf];
        List<String> names = new ArrayList<>();
        for (int f = 0; f < metapaths.size(); f++) {
            Metapath metapath = metapaths.get(f);
            names.add(metapath.abbreviation());
            float[][] dwpc = dwpc(metapath, labels, relations, damping); // [drug][disease]
            double sum = 0;
            for (float[] row : dwpc) {
                for (float v : row) {
                    sum += v;
                }
            }
            double mean = sum / ((double) drugs.length * diseases.length);
            for (int c = 0; c < drugs.length; c++) {
                for (int d = 0; d < diseases.length; d++) {
                    values[d][c][f] = mean > 0 ? (float) asinh(dwpc[c][d] / mean) : 0f;
                }
            }
        }
        names.addAll(DEGREE_FEATURES);
        addDegreeFeatures(graph, labels, drugs, diseases, values, metapaths.size());
        return new PathFeatures(drugs, diseases, names, values);
    }

    /**
     * The raw DWPC of one metapath for every (drug, disease) of {@code graph}, as [drug][disease] in entity-index
     * order (before the {@code asinh(x / mean)} transform); with damping 0 it is the plain path count.
     */
    public static float[][] rawDwpc(TrainingGraph graph, Metapath metapath, double damping) {
        Labels labels = new Labels(graph.entities());
        Map<String, Relation> relations = new HashMap<>();
        for (int i = 0; i < graph.size(); i++) {
            relations.computeIfAbsent(graph.relations().get(graph.relation(i)), k -> new Relation())
                    .add(graph.head(i), graph.tail(i));
        }
        return dwpc(metapath, labels, relations, damping);
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    private static void addDegreeFeatures(TrainingGraph graph, Labels labels, int[] drugs, int[] diseases,
            float[][][] values, int offset) {
        DegreeCounts counts = new DegreeCounts(graph, labels, drugs.length, diseases.length);
        String disease = EntityKind.DISEASE.label();
        if (!labels.labelOf(diseases.length > 0 ? diseases[0] : 0).equals(disease) && diseases.length > 0) {
            throw new IllegalStateException("Disease rows are not diseases.");
        }
        for (int d = 0; d < diseases.length; d++) {
            for (int c = 0; c < drugs.length; c++) {
                counts.fill(values[d][c], offset, d, c);
            }
        }
    }

    /**
     * The degree features' counts, read once from the training graph: TREATS edges per drug and per disease, all
     * edges per drug, and which (disease, drug) pairs are TREATS edges (a pair's own edge is not counted in its
     * features, or every training positive would carry its label).
     */
    private static final class DegreeCounts {
        private final int[] drugTreats;
        private final int[] diseaseTreats;
        private final int[] drugDegree;
        private final Set<Long> treatsEdges = new HashSet<>();

        DegreeCounts(TrainingGraph graph, Labels labels, int drugs, int diseases) {
            drugTreats = new int[drugs];
            diseaseTreats = new int[diseases];
            drugDegree = new int[drugs];
            String drug = EntityKind.DRUG.label();
            int treats = graph.treatsRelation();
            for (int i = 0; i < graph.size(); i++) {
                int h = graph.head(i);
                int t = graph.tail(i);
                if (labels.labelOf(h).equals(drug)) {
                    drugDegree[labels.local(h)]++;
                }
                if (labels.labelOf(t).equals(drug)) {
                    drugDegree[labels.local(t)]++;
                }
                if (graph.relation(i) == treats) {
                    drugTreats[labels.local(h)]++;
                    diseaseTreats[labels.local(t)]++;
                    treatsEdges.add(((long) labels.local(t) << 32) | labels.local(h));
                }
            }
        }

        /** Writes the three degree features of (disease row d, drug column c) at {@code offset} of {@code v}. */
        void fill(float[] v, int offset, int d, int c) {
            int own = treatsEdges.contains(((long) d << 32) | c) ? 1 : 0;
            v[offset] = (float) Math.log1p(drugTreats[c] - own);
            v[offset + 1] = (float) Math.log1p(diseaseTreats[d] - own);
            v[offset + 2] = (float) Math.log1p(drugDegree[c] - own);
        }
    }

    /**
     * DWPC of one metapath for every (drug, disease), as [drug][disease]. The path is split at its last interior
     * drug (if any): the prefix drug-to-drug matrix gets a zero diagonal, the suffix is multiplied from the disease
     * end with the diagonal of every interior disease-to-disease stage zeroed.
     */
    static float[][] dwpc(Metapath metapath, Labels labels, Map<String, Relation> relations, double damping) {
        List<Metapath.Step> steps = metapath.steps();
        String source = metapath.source();
        String target = metapath.target();
        int split = 0;
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).from().equals(source)) {
                split = i;
            }
        }
        // suffix: from node position `split` to the end, columns = target nodes
        float[][] x = identity(labels.count(target));
        for (int i = steps.size() - 1; i >= split; i--) {
            Metapath.Step step = steps.get(i);
            x = multiply(stepMatrix(step, labels, relations, damping), x, labels.count(step.from()), labels.count(target));
            if (i > split && step.from().equals(target)) {
                zeroDiagonal(x);
            }
        }
        if (split == 0) {
            return x;
        }
        // prefix: from the source to the interior drug at `split`, columns = drugs
        float[][] p = identity(labels.count(source));
        for (int i = split - 1; i >= 0; i--) {
            Metapath.Step step = steps.get(i);
            p = multiply(stepMatrix(step, labels, relations, damping), p, labels.count(step.from()), labels.count(source));
        }
        zeroDiagonal(p);
        return dense(p, x, labels.count(target));
    }

    private static float[][] identity(int n) {
        float[][] m = new float[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static void zeroDiagonal(float[][] m) {
        for (int i = 0; i < Math.min(m.length, m.length == 0 ? 0 : m[0].length); i++) {
            m[i][i] = 0;
        }
    }

    private static float[][] dense(float[][] a, float[][] b, int m) {
        int n = a.length;
        int k = b.length;
        float[][] out = new float[n][m];
        for (int i = 0; i < n; i++) {
            float[] row = out[i];
            float[] ai = a[i];
            for (int j = 0; j < k; j++) {
                float w = ai[j];
                if (w == 0) {
                    continue;
                }
                float[] bj = b[j];
                for (int c = 0; c < m; c++) {
                    row[c] += w * bj[c];
                }
            }
        }
        return out;
    }

    /** {@code S * x} for the sparse step matrix S (rows: local nodes of the step's start label). */
    private static float[][] multiply(Sparse s, float[][] x, int rows, int width) {
        float[][] out = new float[rows][width];
        for (int u = 0; u < rows; u++) {
            float[] row = out[u];
            for (int k = s.start[u]; k < s.start[u + 1]; k++) {
                float w = s.weight[k];
                float[] xv = x[s.column[k]];
                for (int c = 0; c < width; c++) {
                    row[c] += w * xv[c];
                }
            }
        }
        return out;
    }

    /** The ranker's relation key of the graph's stored direction of this step. */
    static String relationKey(Metapath.Step step) {
        return step.direction() == Metapath.Direction.IN
                ? RelationKeys.of(step.to(), step.type(), step.from())
                : RelationKeys.of(step.from(), step.type(), step.to());
    }

    /** The degree-weighted adjacency of one step: {@code w(u, v) = (D(u) * D(v))^-damping} per Rephetio. */
    static Sparse stepMatrix(Metapath.Step step, Labels labels, Map<String, Relation> relations, double damping) {
        int rows = labels.count(step.from());
        Relation relation = relations.get(relationKey(step));
        List<int[]> edges = new ArrayList<>(); // local {from, to}
        if (relation != null) {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < relation.size; i++) {
                int h = labels.local(relation.heads[i]);
                int t = labels.local(relation.tails[i]);
                switch (step.direction()) {
                    case OUT -> edges.add(new int[] {h, t});
                    case IN -> edges.add(new int[] {t, h});
                    case BOTH -> {
                        if (seen.add(((long) h << 32) | t)) {
                            edges.add(new int[] {h, t});
                        }
                        if (seen.add(((long) t << 32) | h)) {
                            edges.add(new int[] {t, h});
                        }
                    }
                }
            }
        }
        int[] outDegree = new int[rows];
        int[] inDegree = new int[labels.count(step.to())];
        for (int[] e : edges) {
            outDegree[e[0]]++;
            inDegree[e[1]]++;
        }
        edges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        Sparse s = new Sparse(rows, edges.size());
        int k = 0;
        for (int u = 0; u < rows; u++) {
            s.start[u] = k;
            while (k < edges.size() && edges.get(k)[0] == u) {
                int v = edges.get(k)[1];
                s.column[k] = v;
                s.weight[k] = (float) Math.pow((double) outDegree[u] * inDegree[v], -damping);
                k++;
            }
        }
        s.start[rows] = k;
        return s;
    }

    /**
     * The adjacency of a graph prepared for computing the raw features of a few disease rows at a time
     * ({@link #rawRows}): the memory of a block is its rows' features and intermediate matrices with one column per
     * row, never one value per (drug, disease) pair of the graph, so training memory does not grow with drugs x
     * diseases (docs/scaling.md). Step matrices are built once and shared by every block.
     */
    public static final class Blocks {
        private final Labels labels;
        private final Map<String, Relation> relations = new HashMap<>();
        private final Map<String, Sparse> steps = new HashMap<>();
        private final List<Metapath> metapaths;
        private final double damping;
        private final int[] drugs;
        private final int[] diseases;
        private final DegreeCounts counts;
        private final Map<String, float[]> diagonals = new java.util.concurrent.ConcurrentHashMap<>();

        public Blocks(TrainingGraph graph, List<Metapath> metapaths, double damping) {
            this.labels = new Labels(graph.entities());
            this.metapaths = List.copyOf(metapaths);
            this.damping = damping;
            this.drugs = labels.members(EntityKind.DRUG.label());
            this.diseases = labels.members(EntityKind.DISEASE.label());
            for (int i = 0; i < graph.size(); i++) {
                relations.computeIfAbsent(graph.relations().get(graph.relation(i)), k -> new Relation())
                        .add(graph.head(i), graph.tail(i));
            }
            counts = new DegreeCounts(graph, labels, drugs.length, diseases.length);
            // the step matrices once, not per block (the relations are dropped: only the steps are read later)
            for (Metapath m : metapaths) {
                for (Metapath.Step step : m.steps()) {
                    steps.computeIfAbsent(stepKey(step), k -> stepMatrix(step, labels, relations, damping));
                }
            }
            relations.clear();
        }

        private static String stepKey(Metapath.Step step) {
            return step.from() + "|" + relationKey(step) + "|" + step.direction() + "|" + step.to();
        }

        public int[] drugs() {
            return drugs;
        }

        public int[] diseases() {
            return diseases;
        }

        public List<Metapath> metapaths() {
            return metapaths;
        }

        /**
         * The raw DWPC of every metapath, then the three degree features, for the given disease rows:
         * {@code [i][drug column][feature]} for row {@code rows[i]}. A metapath without an interior drug is computed
         * with exactly the arithmetic of {@link PathFeatures#compute} restricted to these columns (every column of
         * a sparse-times-dense product is computed on its own), so its values are bit-identical; one with an interior
         * drug is multiplied from the disease end through the prefix too, its own paths (the drug-to-drug
         * diagonal) subtracted, instead of materialising the drugs x drugs prefix, which is the same sum in another
         * order (equal to rounding).
         */
        public float[][][] rawRows(int[] rows) {
            int nf = metapaths.size() + DEGREE_FEATURES.size();
            float[][][] out = new float[rows.length][drugs.length][nf];
            for (int f = 0; f < metapaths.size(); f++) {
                float[][] dwpc = dwpcRows(metapaths.get(f), rows); // [drug][i]
                for (int c = 0; c < drugs.length; c++) {
                    for (int i = 0; i < rows.length; i++) {
                        out[i][c][f] = dwpc[c][i];
                    }
                }
            }
            int offset = metapaths.size();
            for (int i = 0; i < rows.length; i++) {
                int d = rows[i];
                for (int c = 0; c < drugs.length; c++) {
                    counts.fill(out[i][c], offset, d, c);
                }
            }
            return out;
        }

        private float[][] dwpcRows(Metapath metapath, int[] rows) {
            List<Metapath.Step> stepList = metapath.steps();
            String source = metapath.source();
            String target = metapath.target();
            int split = 0;
            for (int i = 1; i < stepList.size(); i++) {
                if (stepList.get(i).from().equals(source)) {
                    split = i;
                }
            }
            float[][] x = new float[labels.count(target)][rows.length];
            for (int j = 0; j < rows.length; j++) {
                x[rows[j]][j] = 1;
            }
            for (int i = stepList.size() - 1; i >= split; i--) {
                Metapath.Step step = stepList.get(i);
                x = multiply(steps.get(stepKey(step)), x, labels.count(step.from()), rows.length);
                if (i > split && step.from().equals(target)) {
                    for (int j = 0; j < rows.length; j++) {
                        x[rows[j]][j] = 0;
                    }
                }
            }
            if (split == 0) {
                return x;
            }
            float[][] y = x;
            for (int i = split - 1; i >= 0; i--) {
                Metapath.Step step = stepList.get(i);
                y = multiply(steps.get(stepKey(step)), y, labels.count(step.from()), rows.length);
            }
            int prefixLength = split;
            // the same for every block: computed once per metapath (a 16x graph has 24,832 drugs to walk from)
            float[] own = diagonals.computeIfAbsent(metapath.notation(),
                    k -> prefixDiagonal(stepList.subList(0, prefixLength), labels.count(source)));
            for (int c = 0; c < y.length; c++) {
                if (own[c] != 0) {
                    for (int j = 0; j < rows.length; j++) {
                        y[c][j] -= own[c] * x[c][j];
                    }
                }
            }
            return y;
        }

        /** The diagonal of the prefix's drug-to-drug product: the weight of paths that return to their drug. */
        private float[] prefixDiagonal(List<Metapath.Step> prefix, int n) {
            float[] diagonal = new float[n];
            for (int c = 0; c < n; c++) {
                Map<Integer, Float> frontier = Map.of(c, 1f);
                for (Metapath.Step step : prefix) {
                    Sparse s = steps.get(stepKey(step));
                    Map<Integer, Float> next = new HashMap<>();
                    for (Map.Entry<Integer, Float> e : frontier.entrySet()) {
                        int u = e.getKey();
                        for (int k = s.start[u]; k < s.start[u + 1]; k++) {
                            next.merge(s.column[k], e.getValue() * s.weight[k], Float::sum);
                        }
                    }
                    frontier = next;
                }
                diagonal[c] = frontier.getOrDefault(c, 0f);
            }
            return diagonal;
        }
    }

    /** CSR matrix. */
    static final class Sparse {
        final int[] start;
        final int[] column;
        final float[] weight;

        Sparse(int rows, int nnz) {
            start = new int[rows + 1];
            column = new int[nnz];
            weight = new float[nnz];
        }
    }

    /** The edges of one relation as entity indexes. */
    static final class Relation {
        int[] heads = new int[16];
        int[] tails = new int[16];
        int size;

        void add(int h, int t) {
            if (size == heads.length) {
                heads = java.util.Arrays.copyOf(heads, size * 2);
                tails = java.util.Arrays.copyOf(tails, size * 2);
            }
            heads[size] = h;
            tails[size] = t;
            size++;
        }
    }

    /** Per-label local numbering of entities. */
    static final class Labels {
        private final EntityIndex entities;
        private final int[] local;
        private final Map<String, int[]> members = new HashMap<>();

        Labels(EntityIndex entities) {
            this.entities = entities;
            this.local = new int[entities.size()];
            Map<String, List<Integer>> byLabel = new HashMap<>();
            for (int i = 0; i < entities.size(); i++) {
                List<Integer> list = byLabel.computeIfAbsent(entities.label(i), k -> new ArrayList<>());
                local[i] = list.size();
                list.add(i);
            }
            byLabel.forEach((label, list) -> members.put(label, list.stream().mapToInt(Integer::intValue).toArray()));
        }

        int[] members(String label) {
            return members.getOrDefault(label, new int[0]);
        }

        int count(String label) {
            return members(label).length;
        }

        int local(int entity) {
            return local[entity];
        }

        String labelOf(int entity) {
            return entities.label(entity);
        }
    }

    @Override
    public String toString() {
        return Messages.format("PathFeatures[%d diseases x %d drugs x %d features]", diseases.length, drugs.length,
                names.size());
    }
}

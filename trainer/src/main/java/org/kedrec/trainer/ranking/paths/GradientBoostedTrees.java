package org.kedrec.trainer.ranking.paths;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.kedrec.core.Messages;

/**
 * Gradient-boosted regression trees for a binary label (logistic loss, Newton steps; the XGBoost/LightGBM recipe,
 * small): features are cut into at most {@link Params#bins} quantile bins once, every tree grows level by level to
 * {@link Params#depth} from gradient/hessian histograms, leaves get {@code -G / (H + lambda)} times the learning
 * rate. Used by the ranker for the "KG + evidence" feature model, where trial counts, ATC similarity and the KG paths
 * interact (a trial means more for a drug that also shares the disease's ATC class) in ways a linear model cannot
 * express. Deterministic for a seed.
 */
public final class GradientBoostedTrees {
    /**
     * @param rounds trees
     * @param depth levels per tree
     * @param learningRate shrinkage
     * @param lambda L2 on leaf values
     * @param minHessian least hessian mass in a leaf
     * @param bins quantile bins per feature (at most 256)
     * @param negativeRate fraction of negatives kept (re-weighted by its inverse); 1 keeps all
     * @param seed for the negative subsample
     */
    public record Params(int rounds, int depth, double learningRate, double lambda, double minHessian, int bins,
            double negativeRate, long seed) {
        public Params {
            if (rounds < 1 || depth < 1 || depth > 10 || !(learningRate > 0) || bins < 2 || bins > 256
                    || !(negativeRate > 0) || negativeRate > 1) {
                throw new IllegalArgumentException(Messages.format(
                        "Invalid boosting parameters: rounds %d, depth %d, learning rate %s, bins %d, negative rate %s.",
                        rounds, depth, learningRate, bins, negativeRate));
            }
        }

        public static Params defaults() {
            return new Params(150, 4, 0.1, 1.0, 1.0, 64, 0.25, 42);
        }
    }

    private final float[][] thresholds; // [feature][bin]: upper edge of each bin
    private final int[][] splitFeature; // [tree][node]
    private final int[][] splitBin; // [tree][node]: go left when bin <= splitBin
    private final double[][] leaf; // [tree][leaf]
    private final double base;
    private final int depth;

    private GradientBoostedTrees(float[][] thresholds, int[][] splitFeature, int[][] splitBin, double[][] leaf,
            double base, int depth) {
        this.thresholds = thresholds;
        this.splitFeature = splitFeature;
        this.splitBin = splitBin;
        this.leaf = leaf;
        this.base = base;
        this.depth = depth;
    }

    public int trees() {
        return leaf.length;
    }

    /** Fits the model to rows {@code x} with labels {@code y}. */
    public static GradientBoostedTrees fit(float[][] x, boolean[] y, Params params) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException(Messages.format(
                    "Boosting needs one label per row but got %d rows and %d labels.", x.length, y.length));
        }
        // negative subsample, re-weighted
        SplittableRandom random = new SplittableRandom(params.seed());
        int[] keep = new int[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] || params.negativeRate() >= 1 || random.nextDouble() < params.negativeRate()) {
                keep[n++] = i;
            }
        }
        keep = Arrays.copyOf(keep, n);
        double[] weight = new double[n];
        boolean[] label = new boolean[n];
        double positives = 0;
        double total = 0;
        for (int k = 0; k < n; k++) {
            label[k] = y[keep[k]];
            weight[k] = label[k] ? 1 : 1 / params.negativeRate();
            positives += label[k] ? weight[k] : 0;
            total += weight[k];
        }
        int p = x[0].length;
        float[][] thresholds = new float[p][];
        byte[][] binned = new byte[p][n];
        for (int j = 0; j < p; j++) {
            float[] column = new float[n];
            for (int k = 0; k < n; k++) {
                column[k] = x[keep[k]][j];
            }
            thresholds[j] = quantileEdges(column, params.bins());
            for (int k = 0; k < n; k++) {
                binned[j][k] = (byte) bin(thresholds[j], column[k]);
            }
        }
        double prior = Math.min(Math.max(positives / total, 1e-6), 1 - 1e-6);
        double base = Math.log(prior / (1 - prior));
        double[] margin = new double[n];
        Arrays.fill(margin, base);
        int nodes = (1 << params.depth()) - 1;
        int leaves = 1 << params.depth();
        int[][] splitFeature = new int[params.rounds()][nodes];
        int[][] splitBin = new int[params.rounds()][nodes];
        double[][] leaf = new double[params.rounds()][leaves];
        double[] g = new double[n];
        double[] h = new double[n];
        int[] node = new int[n];
        int maxBins = params.bins();
        for (int t = 0; t < params.rounds(); t++) {
            for (int k = 0; k < n; k++) {
                double mu = 1 / (1 + Math.exp(-margin[k]));
                g[k] = weight[k] * (mu - (label[k] ? 1 : 0));
                h[k] = weight[k] * Math.max(mu * (1 - mu), 1e-12);
                node[k] = 0;
            }
            Arrays.fill(splitFeature[t], -1);
            for (int level = 0; level < params.depth(); level++) {
                int first = (1 << level) - 1;
                int width = 1 << level;
                double[][][] gh = new double[width][p][2 * maxBins];
                double[] nodeG = new double[width];
                double[] nodeH = new double[width];
                for (int k = 0; k < n; k++) {
                    int local = node[k] - first;
                    if (local < 0 || local >= width) {
                        continue; // stopped in an earlier level (cannot happen: every node splits or is a pass)
                    }
                    nodeG[local] += g[k];
                    nodeH[local] += h[k];
                    for (int j = 0; j < p; j++) {
                        int b = binned[j][k] & 0xFF;
                        gh[local][j][2 * b] += g[k];
                        gh[local][j][2 * b + 1] += h[k];
                    }
                }
                for (int local = 0; local < width; local++) {
                    int id = first + local;
                    double bestGain = 0;
                    int bestFeature = -1;
                    int bestBin = -1;
                    double parent = nodeG[local] * nodeG[local] / (nodeH[local] + params.lambda());
                    for (int j = 0; j < p; j++) {
                        double gl = 0;
                        double hl = 0;
                        int bins = thresholds[j].length;
                        for (int b = 0; b < bins - 1; b++) {
                            gl += gh[local][j][2 * b];
                            hl += gh[local][j][2 * b + 1];
                            double gr = nodeG[local] - gl;
                            double hr = nodeH[local] - hl;
                            if (hl < params.minHessian() || hr < params.minHessian()) {
                                continue;
                            }
                            double gain = gl * gl / (hl + params.lambda()) + gr * gr / (hr + params.lambda()) - parent;
                            if (gain > bestGain + 1e-12) {
                                bestGain = gain;
                                bestFeature = j;
                                bestBin = b;
                            }
                        }
                    }
                    splitFeature[t][id] = bestFeature;
                    splitBin[t][id] = bestBin; // -1 with no feature: every row goes right
                }
                for (int k = 0; k < n; k++) {
                    int id = node[k];
                    int f = splitFeature[t][id];
                    boolean left = f >= 0 && (binned[f][k] & 0xFF) <= splitBin[t][id];
                    node[k] = 2 * id + (left ? 1 : 2);
                }
            }
            double[] leafG = new double[leaves];
            double[] leafH = new double[leaves];
            for (int k = 0; k < n; k++) {
                int l = node[k] - nodes;
                leafG[l] += g[k];
                leafH[l] += h[k];
            }
            for (int l = 0; l < leaves; l++) {
                leaf[t][l] = leafH[l] > 0 ? -params.learningRate() * leafG[l] / (leafH[l] + params.lambda()) : 0;
            }
            for (int k = 0; k < n; k++) {
                margin[k] += leaf[t][node[k] - nodes];
            }
        }
        return new GradientBoostedTrees(thresholds, splitFeature, splitBin, leaf, base, params.depth());
    }

    /** The logit of one row. */
    public double logit(float[] row) {
        double m = base;
        int nodes = (1 << depth) - 1;
        for (int t = 0; t < leaf.length; t++) {
            int id = 0;
            for (int level = 0; level < depth; level++) {
                int f = splitFeature[t][id];
                boolean left = f >= 0 && bin(thresholds[f], row[f]) <= splitBin[t][id];
                id = 2 * id + (left ? 1 : 2);
            }
            m += leaf[t][id - nodes];
        }
        return m;
    }

    /** How often each feature is split on, over all trees (a rough importance). */
    public int[] splitCounts(int features) {
        int[] counts = new int[features];
        for (int[] tree : splitFeature) {
            for (int f : tree) {
                if (f >= 0) {
                    counts[f]++;
                }
            }
        }
        return counts;
    }

    /** Upper edges of up to {@code bins} quantile bins; the last edge is +infinity. Distinct values only. */
    static float[] quantileEdges(float[] values, int bins) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        float[] edges = new float[bins];
        int count = 0;
        for (int b = 1; b < bins; b++) {
            float v = sorted[(int) Math.min(sorted.length - 1, (long) b * sorted.length / bins)];
            if (count == 0 || v > edges[count - 1]) {
                edges[count++] = v;
            }
        }
        // values equal to an edge go into its bin; everything above the last edge into the final bin
        if (count == 0 || edges[count - 1] != Float.POSITIVE_INFINITY) {
            edges[count++] = Float.POSITIVE_INFINITY;
        }
        return Arrays.copyOf(edges, count);
    }

    /** The bin of {@code v}: the first edge {@code >= v}. */
    static int bin(float[] edges, float v) {
        int lo = 0;
        int hi = edges.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v <= edges[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}

package org.kedrec.trainer.ranking;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.EvidenceFeatures;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.paths.LogisticRegression;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;
import org.kedrec.trainer.ranking.paths.SimilarityFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature model of {@link RankerTrainer} for graphs with many (disease, drug) pairs, computed a block of
 * diseases at a time. {@link PathFeatures#compute} holds every pair's features at once (about 60 floats and an
 * array header per pair: 13 GB for the 16x synthetic graph's 54.4M pairs); here memory is the graph's step matrices,
 * the logit table (one float per pair: the {@code path-scores.bin} that is written anyway), the regression's fit
 * rows (at most {@link #FIT_ROWS}) and one block.
 *
 * <p>Three passes over the blocks: (1) raw features, their means (Rephetio's {@code asinh(DWPC / mean)} needs the
 * mean over all pairs) and the fit rows; (2) after the L2 grid is fitted, the validation diseases' rows, ranked by
 * every fitted model to pick the L2 as {@link MetapathModel#fit} does; (3) every row's logit under the picked model.
 * Below {@link #FIT_ROWS} fit rows every pair is fitted, as in {@link MetapathModel#fit}; above, the training
 * positives are all kept and the other pairs sampled uniformly (a fixed hash of the pair) and weighted by the
 * inverse of the sampling rate, so the weighted log-loss is an unbiased estimate of the full one.
 */
public final class StreamedFeatureModel {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedFeatureModel.class);

    /**
     * Above this many (disease, drug) pairs {@link RankerTrainer} streams; at or below it (the demo graph's 212,624
     * pairs, PoLo's the same) it keeps the whole-table computation, so those models are unchanged to the last bit.
     */
    public static final long STREAM_ABOVE_PAIRS = 1L << 21;
    /** The most rows the regression is fitted on (the demo graph's fit has 212,575). */
    public static final int FIT_ROWS = 1_000_000;
    /** Floats a block's features may hold (64 MB). */
    static final long BLOCK_FLOATS = 16L << 20;

    /** What was fitted; {@code logits} is {@code [disease row][drug column]}, centred when asked. */
    public record Result(MetapathModel model, List<String> names, int fitRows, double samplingRate, int blocks) {}

    private final PathFeatures.Blocks blocks;
    private final EntityIndex entities;
    private final Evidence evidence;
    private final TrainingGraph augmented;
    /** The PALLIATES edges by disease, read once rather than once per block. */
    private final Map<Integer, Set<Integer>> palliatesEdges;
    private final List<String> allNames;
    private final int[] keep;
    private final List<String> names;
    private final int metapaths;

    /**
     * @param keepNames the features the model reads, in {@link RankerTrainer#featuresFor}'s order (a subset of the
     *     metapaths, the degree features, the evidence's pair features, {@link EvidenceFeatures#PALLIATES} and
     *     {@link SimilarityFeatures#NAMES})
     */
    public StreamedFeatureModel(TrainingGraph graph, Evidence evidence, double damping, List<String> keepNames) {
        this.entities = graph.entities();
        this.evidence = evidence;
        this.augmented = evidence == null ? graph : EvidenceFeatures.augment(graph, evidence);
        this.palliatesEdges = evidence == null ? Map.of() : EvidenceFeatures.palliatesEdges(graph);
        this.blocks = new PathFeatures.Blocks(augmented,
                evidence == null ? PathFeatures.DEFAULT_METAPATHS : EvidenceFeatures.allMetapaths(), damping);
        this.allNames = allNames(evidence != null);
        this.metapaths = blocks.metapaths().size();
        this.keep = new int[keepNames.size()];
        for (int j = 0; j < keep.length; j++) {
            keep[j] = allNames.indexOf(keepNames.get(j));
            if (keep[j] < 0) {
                throw new IllegalArgumentException(Messages.format("There is no feature `%s`; the features are %s.",
                        keepNames.get(j), allNames));
            }
            if (j > 0 && keep[j] <= keep[j - 1]) {
                throw new IllegalArgumentException(Messages.format(
                        "The features must keep the order %s but `%s` comes after `%s`.", allNames,
                        keepNames.get(j), keepNames.get(j - 1)));
            }
        }
        this.names = List.copyOf(keepNames);
    }

    /** Every feature of the KG or KG + evidence model, in {@link RankerTrainer#featuresFor}'s order. */
    public static List<String> allNames(boolean evidence) {
        List<String> all = new ArrayList<>();
        (evidence ? EvidenceFeatures.allMetapaths() : PathFeatures.DEFAULT_METAPATHS)
                .forEach(m -> all.add(m.abbreviation()));
        all.addAll(PathFeatures.DEGREE_FEATURES);
        if (evidence) {
            all.addAll(EvidenceFeatures.PAIR_FEATURES);
            all.add(EvidenceFeatures.PALLIATES);
            all.addAll(SimilarityFeatures.NAMES);
        }
        return List.copyOf(all);
    }

    /** Disease rows per block for this graph: the block's features stay under {@link #BLOCK_FLOATS}. */
    public int blockRows() {
        long perRow = (long) blocks.drugs().length * allNames.size();
        return (int) Math.max(1, Math.min(blocks.diseases().length, BLOCK_FLOATS / Math.max(1, perRow)));
    }

    /**
     * The raw (untransformed) features of the given disease rows, every feature of {@link #allNames}:
     * {@code [i][drug column][feature]}.
     */
    float[][][] rawRows(int[] rows) {
        float[][][] paths = blocks.rawRows(rows);
        if (evidence == null) {
            return paths;
        }
        int[] diseaseEntities = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            diseaseEntities[i] = blocks.diseases()[rows[i]];
        }
        float[][][] pair = EvidenceFeatures.pairFeatures(entities, diseaseEntities, blocks.drugs(), evidence);
        float[][][] palliates = EvidenceFeatures.palliates(palliatesEdges, diseaseEntities, blocks.drugs());
        boolean similarity = false;
        for (int j : keep) {
            similarity |= j >= allNames.size() - SimilarityFeatures.NAMES.size();
        }
        float[][][] sim = similarity ? SimilarityFeatures.compute(augmented, diseaseEntities, blocks.drugs()) : null;
        int np = paths[0].length == 0 ? 0 : paths[0][0].length;
        int nq = EvidenceFeatures.PAIR_FEATURES.size();
        int palliatesAt = np + nq; // the pair features, then PALLIATES, then the similarities
        int ns = SimilarityFeatures.NAMES.size();
        float[][][] out = new float[rows.length][blocks.drugs().length][];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < blocks.drugs().length; c++) {
                float[] v = java.util.Arrays.copyOf(paths[i][c], palliatesAt + 1 + ns);
                System.arraycopy(pair[i][c], 0, v, np, nq);
                v[palliatesAt] = palliates[i][c][0];
                if (sim != null) {
                    System.arraycopy(sim[i][c], 0, v, palliatesAt + 1, ns);
                }
                out[i][c] = v;
            }
        }
        return out;
    }

    /** The kept, transformed features of the given rows ({@code [i][drug column][kept feature]}). */
    public float[][][] featureRows(int[] rows, double[] means) {
        float[][][] raw = rawRows(rows);
        float[][][] out = new float[rows.length][][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new float[raw[i].length][];
            for (int c = 0; c < raw[i].length; c++) {
                out[i][c] = select(raw[i][c], means);
            }
        }
        return out;
    }

    private float[] select(float[] raw, double[] means) {
        float[] v = new float[keep.length];
        for (int j = 0; j < keep.length; j++) {
            int f = keep[j];
            v[j] = f < metapaths && means != null ? transform(raw[f], means[f]) : raw[f];
        }
        return v;
    }

    private static float transform(float raw, double mean) {
        return mean > 0 ? (float) Math.log(raw / mean + Math.sqrt((raw / mean) * (raw / mean) + 1)) : 0f;
    }

    /**
     * Fits the model. Same contract as {@link MetapathModel#fit(PathFeatures, BitSet[], List, boolean)}: positives
     * are the training TREATS pairs, the validation pairs are left out of the fit and pick the L2 by filtered MRR.
     */
    public Result fit(BitSet[] positive, List<int[]> validation, boolean centred, int fitRows) {
        int nd = blocks.diseases().length;
        int nc = blocks.drugs().length;
        BitSet[] heldOut = new BitSet[nd];
        long positives = 0;
        for (int d = 0; d < nd; d++) {
            heldOut[d] = new BitSet(nc);
            positives += positive[d].cardinality();
        }
        for (int[] v : validation) {
            heldOut[v[0]].set(v[1]);
        }
        long negatives = (long) nd * nc - positives - validation.size();
        double rate = Math.min(1.0, Math.max(0, fitRows - positives) / (double) Math.max(1, negatives));
        int step = blockRows();
        int blockCount = (nd + step - 1) / step;
        LOG.info("feature model, streamed: {} diseases x {} drugs in {} blocks of {} diseases, {} features, "
                + "negatives sampled at {}", nd, nc, blockCount, step, keep.length, Messages.format("%.4f", rate));

        // pass 1: means and fit rows (raw, transformed once the means are known)
        double[] sums = new double[metapaths];
        List<float[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int from = 0; from < nd; from += step) {
            int[] block = range(from, Math.min(nd, from + step));
            float[][][] raw = rawRows(block);
            logBlock("pass 1 of 3 (means and fit rows)", from, step, nd);
            for (int i = 0; i < block.length; i++) {
                int d = block[i];
                for (int c = 0; c < nc; c++) {
                    float[] v = raw[i][c];
                    for (int f = 0; f < metapaths; f++) {
                        sums[f] += v[f];
                    }
                    if (heldOut[d].get(c)) {
                        continue;
                    }
                    boolean y = positive[d].get(c);
                    if (y || rate >= 1 || sampled(d, c, nc, rate)) {
                        rows.add(select(v, null));
                        labels.add(y);
                    }
                }
            }
        }
        double[] means = new double[allNames.size()];
        for (int f = 0; f < metapaths; f++) {
            means[f] = sums[f] / ((double) nc * nd);
        }
        for (float[] v : rows) {
            for (int j = 0; j < keep.length && keep[j] < metapaths; j++) {
                v[j] = transform(v[j], means[keep[j]]);
            }
        }
        float[][] x = rows.toArray(new float[0][]);
        rows.clear();
        boolean[] y = new boolean[labels.size()];
        double[] w = rate >= 1 ? null : new double[y.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
            if (w != null) {
                w[i] = y[i] ? 1 : 1 / rate;
            }
        }
        labels.clear();
        double[] grid = validation.isEmpty() ? new double[] {1} : MetapathModel.L2_GRID;
        LogisticRegression[] fitted = new LogisticRegression[grid.length];
        for (int k = 0; k < grid.length; k++) {
            fitted[k] = LogisticRegression.fit(x, y, w, grid[k]);
        }
        x = null;

        // pass 2: the validation diseases' rows ranked by every fitted model
        List<List<RankOutcome>> outcomes = new ArrayList<>();
        for (int k = 0; k < grid.length; k++) {
            outcomes.add(new ArrayList<>());
        }
        int[] validationRows = validation.stream().mapToInt(v -> v[0]).distinct().sorted().toArray();
        for (int from = 0; from < validationRows.length; from += step) {
            int[] block = java.util.Arrays.copyOfRange(validationRows, from, Math.min(validationRows.length,
                    from + step));
            float[][][] features = featureRows(block, means);
            for (int i = 0; i < block.length; i++) {
                int d = block[i];
                BitSet filter = (BitSet) positive[d].clone();
                filter.or(heldOut[d]);
                for (int k = 0; k < grid.length; k++) {
                    float[] scores = new float[nc];
                    for (int c = 0; c < nc; c++) {
                        scores[c] = (float) fitted[k].logit(features[i][c]);
                    }
                    for (int[] v : validation) {
                        if (v[0] == d) {
                            outcomes.get(k).add(RankingMetrics.filteredRank(scores, v[1], filter));
                        }
                    }
                }
            }
        }
        int best = 0;
        double bestMrr = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < grid.length; k++) {
            double mrr = validation.isEmpty() ? 0 : RankingMetrics.mrr(outcomes.get(k));
            LOG.info("metapath model L2 {}: validation MRR {}", grid[k], Messages.format("%.4f", mrr));
            if (mrr > bestMrr) {
                best = k;
                bestMrr = mrr;
            }
        }

        // pass 3: every pair's logit under the picked model
        float[][] logits = new float[nd][];
        for (int from = 0; from < nd; from += step) {
            int[] block = range(from, Math.min(nd, from + step));
            float[][][] features = featureRows(block, means);
            logBlock("pass 3 of 3 (logits)", from, step, nd);
            for (int i = 0; i < block.length; i++) {
                float[] row = new float[nc];
                for (int c = 0; c < nc; c++) {
                    row[c] = (float) fitted[best].logit(features[i][c]);
                }
                logits[block[i]] = row;
            }
        }
        if (centred) {
            MetapathModel.centrePerDisease(logits);
        }
        return new Result(MetapathModel.of(fitted[best], grid[best], logits, bestMrr), names, y.length, rate,
                blockCount);
    }

    /** About ten lines per pass: a large graph's pass takes minutes. */
    private static void logBlock(String pass, int from, int step, int rows) {
        int blocks = (rows + step - 1) / step;
        int block = from / step + 1;
        if (block == blocks || block % Math.max(1, blocks / 10) == 0) {
            LOG.info("feature model {}: block {} of {}", pass, block, blocks);
        }
    }

    /** A fixed pseudo-random draw per pair (SplitMix64 of its index), so a run is reproducible. */
    private static boolean sampled(int d, int c, int nc, double rate) {
        long z = ((long) d * nc + c) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53 < rate;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}

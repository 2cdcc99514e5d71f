package org.kedrec.trainer.ranking.paths;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Project Rephetio's classifier: logistic regression on {@link PathFeatures}, positives = the TREATS edges of the
 * training graph, negatives = every other (disease, drug) pair, the validation pairs left out of the fit. The L2
 * strength is chosen by the filtered MRR of the validation pairs. Used both as the metapath component of the ranker
 * and as the metapath baseline of the evaluation (same code, same graph, so the baseline is exactly the component).
 */
public final class MetapathModel {
    private static final Logger LOG = LoggerFactory.getLogger(MetapathModel.class);
    /**
     * The L2 strengths tried. Up to 100 the KG + evidence model's validation MRR rose at every step and picked the
     * grid's edge; 1,000 and 10,000 let it turn (0.3821 at 100, 0.3850 at 1,000, 0.3653 at 10,000 on our split).
     */
    public static final double[] L2_GRID = {0.1, 1, 10, 100, 1000, 10000};

    private final LogisticRegression regression;
    private final double l2;
    private final float[][] logits; // [disease][drug]
    private final double validationMrr;

    private MetapathModel(LogisticRegression regression, double l2, float[][] logits, double validationMrr) {
        this.regression = regression;
        this.l2 = l2;
        this.logits = logits;
        this.validationMrr = validationMrr;
    }

    /** A model fitted elsewhere ({@code StreamedFeatureModel}, which never holds every pair's features). */
    public static MetapathModel of(LogisticRegression regression, double l2, float[][] logits, double validationMrr) {
        return new MetapathModel(regression, l2, logits, validationMrr);
    }

    /**
     * Fits the model.
     *
     * @param positive {@code positive[d].get(c)}: (disease row d, drug column c) is a training TREATS edge
     * @param validation validation pairs as {diseaseRow, drugColumn}, left out of the fit and used to pick L2
     */
    public static MetapathModel fit(PathFeatures features, BitSet[] positive, List<int[]> validation) {
        return fit(features, positive, validation, false);
    }

    /**
     * Fits the model; with {@code centred} every disease's logits are shifted by {@link #centrePerDisease} (the
     * ranking of drugs for a disease, and so the validation MRR and the L2 it picks, are unchanged).
     */
    public static MetapathModel fit(PathFeatures features, BitSet[] positive, List<int[]> validation,
            boolean centred) {
        FitRows fit = FitRows.of(features, positive, validation);
        MetapathModel best = null;
        for (double l2 : validation.isEmpty() ? new double[] {1} : L2_GRID) {
            LogisticRegression lr = LogisticRegression.fit(fit.x(), fit.y(), null, l2);
            float[][] logits = FitRows.logits(features, lr::logit);
            if (centred) {
                centrePerDisease(logits);
            }
            double mrr = validation.isEmpty() ? 0 : validationMrr(logits, positive, validation);
            LOG.info("metapath model L2 {}: validation MRR {}", l2, Messages.format("%.4f", mrr));
            if (best == null || mrr > best.validationMrr) {
                best = new MetapathModel(lr, l2, logits, mrr);
            }
        }
        return best;
    }

    /**
     * Shifts every disease's row so that its mean logit is the mean logit of all pairs. A pointwise regression
     * pooled over diseases lets disease-level features (how many drugs were tried for it, how many treatments its
     * similar diseases have) lift every drug of a well-studied disease alike: that shift orders no drug within the
     * disease, but across diseases it ranks a well-studied disease's unlikely drugs above a rarer disease's
     * treatments, which is what a score compared across diseases (AUROC, a threshold) reads. Monotone per disease,
     * so every ranking of drugs for a disease is unchanged.
     */
    public static void centrePerDisease(float[][] logits) {
        double total = 0;
        long count = 0;
        double[] rowMean = new double[logits.length];
        for (int d = 0; d < logits.length; d++) {
            double sum = 0;
            for (float v : logits[d]) {
                sum += v;
            }
            rowMean[d] = logits[d].length == 0 ? 0 : sum / logits[d].length;
            total += sum;
            count += logits[d].length;
        }
        double mean = count == 0 ? 0 : total / count;
        for (int d = 0; d < logits.length; d++) {
            float shift = (float) (mean - rowMean[d]);
            for (int c = 0; c < logits[d].length; c++) {
                logits[d][c] += shift;
            }
        }
    }

    /** Filtered MRR of the validation pairs, filtering the training positives and the other validation pairs. */
    public static double validationMrr(float[][] scores, BitSet[] positive, List<int[]> validation) {
        List<RankOutcome> outcomes = new ArrayList<>();
        for (int[] v : validation) {
            BitSet filter = (BitSet) positive[v[0]].clone();
            for (int[] other : validation) {
                if (other[0] == v[0]) {
                    filter.set(other[1]);
                }
            }
            outcomes.add(RankingMetrics.filteredRank(scores[v[0]], v[1], filter));
        }
        return RankingMetrics.mrr(outcomes);
    }

    public LogisticRegression regression() {
        return regression;
    }

    public double l2() {
        return l2;
    }

    /** The logit of every (disease row, drug column). */
    public float[][] logits() {
        return logits;
    }

    public double validationMrr() {
        return validationMrr;
    }
}

package org.kedrec.trainer.ranking.paths;

import java.util.BitSet;
import java.util.List;

/**
 * The "KG + evidence" feature model: {@link GradientBoostedTrees} on {@link PathFeatures} (Rephetio's metapaths, the
 * evidence metapaths and the pair evidence features), fitted like {@link MetapathModel}: positives = the training
 * TREATS edges, negatives = every other (disease, drug) pair, the VALIDATION pairs left out of the fit. A pair's
 * features never use its own TREATS edge, so the trees see a training positive as they will see a held-out one.
 * Not the default: under a cross-validation that keeps the held-out pairs in the fit as unlabelled pairs (as the
 * TEST pairs are), the trees ranked worse than the logistic regression, because they can carve out the
 * unlabelled positives' regions of feature space (docs/ranker.md). Kept as {@code --feature-model boosted}.
 */
public final class BoostedFeatureModel {
    /** 150 trees of depth 4, learning rate 0.1, 1/4 of the negatives (re-weighted), seed 42: the best of the
     * settings tried under the optimistic cross-validation (docs/ranker.md). */
    public static final GradientBoostedTrees.Params PARAMS = GradientBoostedTrees.Params.defaults();

    private final GradientBoostedTrees trees;
    private final float[][] logits;

    private BoostedFeatureModel(GradientBoostedTrees trees, float[][] logits) {
        this.trees = trees;
        this.logits = logits;
    }

    /**
     * @param positive {@code positive[d].get(c)}: (disease row d, drug column c) is a training TREATS edge
     * @param leaveOut pairs left out of the fit (the VALIDATION pairs), as {diseaseRow, drugColumn}
     */
    public static BoostedFeatureModel fit(PathFeatures features, BitSet[] positive, List<int[]> leaveOut,
            GradientBoostedTrees.Params params) {
        FitRows fit = FitRows.of(features, positive, leaveOut);
        GradientBoostedTrees trees = GradientBoostedTrees.fit(fit.x(), fit.y(), params);
        float[][] logits = FitRows.logits(features, trees::logit);
        return new BoostedFeatureModel(trees, logits);
    }

    /** The logit of every (disease row, drug column). */
    public float[][] logits() {
        return logits;
    }

    public GradientBoostedTrees trees() {
        return trees;
    }
}

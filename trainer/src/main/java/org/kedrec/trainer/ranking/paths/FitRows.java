package org.kedrec.trainer.ranking.paths;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a feature model is fitted on: the feature row {@code x} and the label {@code y} (a training TREATS edge or
 * not) of every (disease row, drug column) pair that is not left out, diseases then drugs in order. The metapath
 * model, the boosted trees and the ranker's experiments fit on the same rows, so they are chosen in one place.
 */
public record FitRows(float[][] x, boolean[] y) {
    /**
     * @param positive {@code positive[d].get(c)}: (disease row d, drug column c) is a training TREATS edge
     * @param leftOut pairs left out of the fit (the validation pairs), as {diseaseRow, drugColumn}
     */
    public static FitRows of(PathFeatures features, BitSet[] positive, List<int[]> leftOut) {
        BitSet[] out = new BitSet[features.diseases().length];
        for (int d = 0; d < out.length; d++) {
            out[d] = new BitSet(features.drugs().length);
        }
        for (int[] pair : leftOut) {
            out[pair[0]].set(pair[1]);
        }
        return of(features, positive, out);
    }

    /** @param leftOut {@code leftOut[d].get(c)}: (d, c) is left out of the fit */
    public static FitRows of(PathFeatures features, BitSet[] positive, BitSet[] leftOut) {
        List<float[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int d = 0; d < features.diseases().length; d++) {
            for (int c = 0; c < features.drugs().length; c++) {
                if (!leftOut[d].get(c)) {
                    rows.add(features.of(d, c));
                    labels.add(positive[d].get(c));
                }
            }
        }
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        return new FitRows(rows.toArray(new float[0][]), y);
    }

    /** The logit a fitted model gives each (disease row, drug column) pair, left-out ones included. */
    public static float[][] logits(PathFeatures features, ToDoubleFunction<float[]> model) {
        float[][] logits = new float[features.diseases().length][features.drugs().length];
        for (int d = 0; d < logits.length; d++) {
            for (int c = 0; c < logits[d].length; c++) {
                logits[d][c] = (float) model.applyAsDouble(features.of(d, c));
            }
        }
        return logits;
    }
}

package org.kedrec.core.lm;

/**
 * The softmax over a few candidates' scores, in one place: the student's selection ({@link StudentModel#select}),
 * the ranker's odds in {@code kedrec.select}, and the log-loss the ranker's weight is fitted by. (The decoder's own
 * log-softmax over the whole vocabulary works on float logits in its hot loop and stays there.)
 */
public final class Softmax {
    private Softmax() {}

    /** {@code log(sum(exp(values)))}, shifted by the largest value so large scores do not overflow. */
    public static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /** The probabilities {@code exp(v - logSumExp(values))}: they sum to 1. */
    public static double[] of(double[] values) {
        double log = logSumExp(values);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.exp(values[i] - log);
        }
        return out;
    }
}

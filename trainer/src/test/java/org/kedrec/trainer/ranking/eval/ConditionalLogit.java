package org.kedrec.trainer.ranking.eval;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.split.StableHash;
import org.kedrec.trainer.ranking.paths.LogisticRegression;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/**
 * DEVELOPER TOOL (not a test): a conditional logit (a softmax over a disease's drugs per known treatment, the
 * listwise loss of filtered MRR) on the default's features, fitted by Newton's method, against the pointwise
 * regression. Prints model selection's view only (5-fold cross-validated MRR and validation MRR).
 */
final class ConditionalLogit {
    private ConditionalLogit() {}

    /** Weights on standardised features; mean/std over all pairs. */
    record Fit(double[] mean, double[] std, double[] w) {
        float[][] score(PathFeatures f) {
            int nd = f.diseases().length;
            int nc = f.drugs().length;
            float[][] s = new float[nd][nc];
            for (int d = 0; d < nd; d++) {
                for (int c = 0; c < nc; c++) {
                    float[] x = f.of(d, c);
                    double v = 0;
                    for (int j = 0; j < w.length; j++) {
                        v += w[j] * (x[j] - mean[j]) / std[j];
                    }
                    s[d][c] = (float) v;
                }
            }
            return s;
        }
    }

    /**
     * @param positive the known treatments of each disease (each one term of the loss)
     * @param excluded pairs that are no candidate at all (validation pairs)
     */
    static Fit fit(PathFeatures f, BitSet[] positive, BitSet[] excluded, double l2) {
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        int p = f.featureCount();
        double[] mean = new double[p];
        double[] std = new double[p];
        for (int d = 0; d < nd; d++) {
            for (int c = 0; c < nc; c++) {
                float[] x = f.of(d, c);
                for (int j = 0; j < p; j++) {
                    mean[j] += x[j];
                }
            }
        }
        long n = (long) nd * nc;
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        for (int d = 0; d < nd; d++) {
            for (int c = 0; c < nc; c++) {
                float[] x = f.of(d, c);
                for (int j = 0; j < p; j++) {
                    std[j] += (x[j] - mean[j]) * (x[j] - mean[j]);
                }
            }
        }
        for (int j = 0; j < p; j++) {
            std[j] = Math.sqrt(std[j] / n);
            if (!(std[j] > 1e-12)) {
                std[j] = Double.POSITIVE_INFINITY;
            }
        }
        double[] w = new double[p];
        double loss = objective(f, positive, excluded, mean, std, w, l2, null, null);
        for (int it = 0; it < 30; it++) {
            double[] grad = new double[p];
            double[][] hess = new double[p][p];
            objective(f, positive, excluded, mean, std, w, l2, grad, hess);
            double[] step = LogisticRegression.solve(hess, grad);
            double t = 1;
            double next = Double.NaN;
            double[] candidate = new double[p];
            for (int ls = 0; ls < 20; ls++) {
                for (int j = 0; j < p; j++) {
                    candidate[j] = w[j] - t * step[j];
                }
                next = objective(f, positive, excluded, mean, std, candidate, l2, null, null);
                if (next <= loss) {
                    break;
                }
                t /= 2;
            }
            if (!(next <= loss)) {
                break;
            }
            w = candidate.clone();
            double gain = loss - next;
            loss = next;
            if (gain < 1e-7 * Math.max(1, Math.abs(loss))) {
                break;
            }
        }
        return new Fit(mean, std, w);
    }

    private static double objective(PathFeatures f, BitSet[] positive, BitSet[] excluded, double[] mean,
            double[] std, double[] w, double l2, double[] grad, double[][] hess) {
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        int p = w.length;
        double loss = 0;
        double[] z = new double[p];
        double[] s = new double[nc];
        for (int d = 0; d < nd; d++) {
            if (positive[d].isEmpty()) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < nc; c++) {
                if (excluded[d].get(c)) {
                    continue;
                }
                float[] x = f.of(d, c);
                double v = 0;
                for (int j = 0; j < p; j++) {
                    v += w[j] * (x[j] - mean[j]) / std[j];
                }
                s[c] = v;
                max = Math.max(max, v);
            }
            double sumN = 0;
            double[] gN = grad == null ? null : new double[p];
            double[][] hN = hess == null ? null : new double[p][p];
            for (int c = 0; c < nc; c++) {
                if (excluded[d].get(c) || positive[d].get(c)) {
                    continue;
                }
                double e = Math.exp(s[c] - max);
                sumN += e;
                if (grad != null) {
                    standardised(f.of(d, c), mean, std, z);
                    for (int j = 0; j < p; j++) {
                        gN[j] += e * z[j];
                        if (hN != null) {
                            double ez = e * z[j];
                            for (int k = 0; k <= j; k++) {
                                hN[j][k] += ez * z[k];
                            }
                        }
                    }
                }
            }
            for (int c = positive[d].nextSetBit(0); c >= 0; c = positive[d].nextSetBit(c + 1)) {
                if (excluded[d].get(c)) {
                    continue;
                }
                double e = Math.exp(s[c] - max);
                double total = sumN + e;
                loss += Math.log(total) - (s[c] - max);
                if (grad != null) {
                    standardised(f.of(d, c), mean, std, z);
                    double[] mu = new double[p];
                    for (int j = 0; j < p; j++) {
                        mu[j] = (gN[j] + e * z[j]) / total;
                        grad[j] += mu[j] - z[j];
                    }
                    for (int j = 0; j < p; j++) {
                        for (int k = 0; k <= j; k++) {
                            hess[j][k] += (hN[j][k] + e * z[j] * z[k]) / total - mu[j] * mu[k];
                        }
                    }
                }
            }
        }
        for (int j = 0; j < p; j++) {
            loss += l2 / 2 * w[j] * w[j];
            if (grad != null) {
                grad[j] += l2 * w[j];
                hess[j][j] += l2;
            }
        }
        if (hess != null) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < j; k++) {
                    hess[k][j] = hess[j][k];
                }
            }
        }
        return loss;
    }

    private static void standardised(float[] x, double[] mean, double[] std, double[] z) {
        for (int j = 0; j < z.length; j++) {
            z[j] = (x[j] - mean[j]) / std[j];
        }
    }

    /** Validation MRR (validation pairs excluded from the fit) and 5-fold CV MRR (fold pairs unlabelled). */
    static void select(String name, PathFeatures f, BitSet[] trainPositive, List<int[]> validation, double[] grid) {
        BitSet[] valExcluded = perDisease(f.diseases().length, validation);
        for (double l2 : grid) {
            long t0 = System.nanoTime();
            Fit fit = fit(f, trainPositive, valExcluded, l2);
            double val = MetapathModel.validationMrr(fit.score(f), trainPositive, validation);
            double cv = crossValidated(f, trainPositive, validation, l2);
            System.out.printf(Locale.ENGLISH, "%-30s clogit L2 %6.2f CV %.4f val %.4f (%.0f s)%n", name, l2, cv, val,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    static Fit bestOnValidation(PathFeatures f, BitSet[] trainPositive, List<int[]> validation, double[] grid) {
        BitSet[] valExcluded = perDisease(f.diseases().length, validation);
        Fit best = null;
        double bestVal = -1;
        for (double l2 : grid) {
            Fit fit = fit(f, trainPositive, valExcluded, l2);
            double val = MetapathModel.validationMrr(fit.score(f), trainPositive, validation);
            if (val > bestVal) {
                bestVal = val;
                best = fit;
            }
        }
        return best;
    }

    /** The pairs {diseaseRow, drugColumn} as one set of drug columns per disease row. */
    static BitSet[] perDisease(int diseases, List<int[]> pairs) {
        BitSet[] out = new BitSet[diseases];
        for (int d = 0; d < diseases; d++) {
            out[d] = new BitSet();
        }
        for (int[] pair : pairs) {
            out[pair[0]].set(pair[1]);
        }
        return out;
    }

    static double crossValidated(PathFeatures f, BitSet[] trainPositive, List<int[]> validation, double l2) {
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        List<RankOutcome> outcomes = new ArrayList<>();
        for (int fold = 0; fold < 5; fold++) {
            BitSet[] foldPositive = new BitSet[nd];
            BitSet[] out = new BitSet[nd];
            BitSet[] none = new BitSet[nd];
            for (int d = 0; d < nd; d++) {
                foldPositive[d] = new BitSet();
                out[d] = new BitSet();
                none[d] = new BitSet();
                for (int c = trainPositive[d].nextSetBit(0); c >= 0; c = trainPositive[d].nextSetBit(c + 1)) {
                    if (StableHash.bucket(d + "|" + c, 5) == fold) {
                        out[d].set(c); // stays a candidate, unlabelled, like a TEST pair
                    } else {
                        foldPositive[d].set(c);
                    }
                }
            }
            for (int[] v : validation) {
                out[v[0]].set(v[1]);
            }
            float[][] scores = fit(f, foldPositive, none, l2).score(f);
            for (int d = 0; d < nd; d++) {
                for (int c = out[d].nextSetBit(0); c >= 0; c = out[d].nextSetBit(c + 1)) {
                    if (!trainPositive[d].get(c)) {
                        continue;
                    }
                    BitSet filter = (BitSet) trainPositive[d].clone();
                    filter.or(out[d]);
                    outcomes.add(RankingMetrics.filteredRank(scores[d], c, filter));
                }
            }
        }
        return RankingMetrics.mrr(outcomes);
    }
}

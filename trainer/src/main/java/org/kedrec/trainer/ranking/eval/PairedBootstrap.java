package org.kedrec.trainer.ranking.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kedrec.core.Messages;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.Roc;

/**
 * How sure a difference between two rankers on the same held-out pairs is: the paired bootstrap (Efron &amp;
 * Tibshirani) of the difference of MRR, Hit@1 and Hit@10, resampling the pairs with replacement. A 95 % interval
 * that contains 0 means the two cannot be told apart on this many pairs.
 */
public final class PairedBootstrap {
    private PairedBootstrap() {}

    /** {@code a} minus {@code b}, pair by pair (the lists must name the same pairs in the same order). */
    public static Map<String, Object> compare(List<RankOutcome> a, List<RankOutcome> b, int resamples, long seed) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException(Messages.format(
                    "A paired bootstrap needs the same non-empty pairs on both sides but got %d and %d.", a.size(),
                    b.size()));
        }
        int n = a.size();
        Map<String, Object> out = new LinkedHashMap<>();
        String[] names = {"mrr", "hit1", "hit10"};
        for (String name : names) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = value(name, a.get(i)) - value(name, b.get(i));
            }
            out.put(name + "Diff", Arrays.stream(d).average().orElse(0));
            out.put(name + "Ci95", meanCi95(d, resamples, seed));
        }
        out.put("pairs", n);
        out.put("resamples", resamples);
        return out;
    }

    /**
     * AUROC of ranker {@code a} minus that of ranker {@code b} over the same positives and negatives (index i of
     * {@code posA} and {@code posB} is the same pair), resampling positives and negatives with replacement, each
     * resample applied to both rankers.
     */
    public static Map<String, Object> compareAuroc(double[] posA, double[] negA, double[] posB, double[] negB,
            int resamples, long seed) {
        if (posA.length != posB.length || negA.length != negB.length || posA.length == 0 || negA.length == 0) {
            throw new IllegalArgumentException(Messages.format(
                    "A paired AUROC bootstrap needs the same non-empty positives and negatives on both sides but got "
                            + "%d/%d and %d/%d.", posA.length, negA.length, posB.length, negB.length));
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] diffs = new double[resamples];
        double[] pa = new double[posA.length];
        double[] pb = new double[posA.length];
        double[] na = new double[negA.length];
        double[] nb = new double[negA.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < pa.length; i++) {
                int k = random.nextInt(pa.length);
                pa[i] = posA[k];
                pb[i] = posB[k];
            }
            for (int i = 0; i < na.length; i++) {
                int k = random.nextInt(na.length);
                na[i] = negA[k];
                nb[i] = negB[k];
            }
            diffs[r] = Roc.auroc(pa, na) - Roc.auroc(pb, nb);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("aurocDiff", Roc.auroc(posA, negA) - Roc.auroc(posB, negB));
        out.put("aurocCi95", ci95(diffs));
        return out;
    }

    /**
     * The 95 % percentile bootstrap interval of the mean of {@code values}: {@code resamples} means of samples drawn
     * with replacement, from a random sequence seeded with {@code seed}.
     */
    public static double[] meanCi95(double[] values, int resamples, long seed) {
        int n = values.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        return ci95(means);
    }

    /**
     * The 95 % interval of a mean when the values come in clusters that are not independent (the pairs of one
     * disease): whole clusters are resampled with replacement, and the statistic is the mean over the values of the
     * drawn clusters. {@code clusters[i]} names the cluster of {@code values[i]}.
     */
    public static double[] clusteredMeanCi95(double[] values, String[] clusters, int resamples, long seed) {
        if (values.length != clusters.length || values.length == 0) {
            throw new IllegalArgumentException(Messages.format(
                    "A clustered bootstrap needs one cluster per value and at least one value but got %d values and "
                            + "%d clusters.", values.length, clusters.length));
        }
        Map<String, double[]> sums = new LinkedHashMap<>(); // cluster -> {sum, count}
        for (int i = 0; i < values.length; i++) {
            double[] sum = sums.computeIfAbsent(clusters[i], k -> new double[2]);
            sum[0] += values[i];
            sum[1]++;
        }
        double[][] byCluster = sums.values().toArray(new double[0][]);
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            double count = 0;
            for (int k = 0; k < byCluster.length; k++) {
                double[] drawn = byCluster[random.nextInt(byCluster.length)];
                sum += drawn[0];
                count += drawn[1];
            }
            means[r] = sum / count;
        }
        return ci95(means);
    }

    /** The 2.5th and 97.5th percentiles of the resampled statistics (sorted here). */
    private static double[] ci95(double[] resampled) {
        Arrays.sort(resampled);
        int last = resampled.length - 1;
        return new double[] {resampled[(int) Math.floor(0.025 * last)], resampled[(int) Math.ceil(0.975 * last)]};
    }

    private static double value(String name, RankOutcome o) {
        return switch (name) {
            case "mrr" -> o.reciprocalRank();
            case "hit1" -> o.hitAt(1);
            default -> o.hitAt(10);
        };
    }
}

package org.kedrec.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kedrec.core.Messages;

/**
 * Area under the ROC curve and the curve itself. AUROC is the probability that a random positive outscores a
 * random negative, with ties counted as one half (the Mann–Whitney U statistic divided by {@code n+ * n-}).
 */
public final class Roc {
    private Roc() {}

    /** One point of the curve: false-positive rate, true-positive rate. */
    public record Point(double fpr, double tpr) {}

    /** AUROC of {@code positives} against {@code negatives}, in O((n + m) log(n + m)). */
    public static double auroc(double[] positives, double[] negatives) {
        check(positives, negatives);
        double[] neg = negatives.clone();
        Arrays.sort(neg);
        double sum = 0;
        for (double p : positives) {
            int below = lowerBound(neg, p);
            int notAbove = upperBound(neg, p);
            sum += below + 0.5 * (notAbove - below);
        }
        return sum / ((double) positives.length * neg.length);
    }

    /**
     * The ROC curve from (0, 0) to (1, 1), one point per distinct score threshold (tied scores move the curve
     * diagonally, matching the one-half credit of {@link #auroc}).
     */
    public static List<Point> curve(double[] positives, double[] negatives) {
        check(positives, negatives);
        int n = positives.length + negatives.length;
        double[][] all = new double[n][];
        int i = 0;
        for (double p : positives) {
            all[i++] = new double[] {p, 1};
        }
        for (double q : negatives) {
            all[i++] = new double[] {q, 0};
        }
        Arrays.sort(all, (a, b) -> Double.compare(b[0], a[0]));
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0));
        int tp = 0;
        int fp = 0;
        for (int j = 0; j < n; ) {
            double score = all[j][0];
            while (j < n && all[j][0] == score) {
                if (all[j][1] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            points.add(new Point((double) fp / negatives.length, (double) tp / positives.length));
        }
        return points;
    }

    private static void check(double[] positives, double[] negatives) {
        if (positives.length == 0 || negatives.length == 0) {
            throw new IllegalArgumentException(Messages.format(
                    "AUROC needs at least one positive and one negative score but got %d positives and %d negatives.",
                    positives.length, negatives.length));
        }
        for (double[] scores : new double[][] {positives, negatives}) {
            for (double s : scores) {
                if (Double.isNaN(s)) {
                    throw new IllegalArgumentException("AUROC got a NaN score; the model produced an invalid score.");
                }
            }
        }
    }

    /** First index whose value is >= key. */
    private static int lowerBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose value is > key. */
    private static int upperBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package org.kedrec.core.metrics;

import org.kedrec.core.Messages;

/**
 * Accuracy, precision, recall and F1 for the selection task (the student picks the drug among candidates) and for
 * any yes/no decision. Undefined ratios (no predicted or no actual positives) are 0, as in scikit-learn's
 * {@code zero_division=0}.
 */
public final class Classification {
    private Classification() {}

    /** Counts of a binary decision. */
    public record Confusion(long tp, long fp, long tn, long fn) {
        public long total() {
            return tp + fp + tn + fn;
        }

        public double accuracy() {
            return total() == 0 ? 0 : (double) (tp + tn) / total();
        }

        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        public double f1() {
            return 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        }
    }

    /** The confusion counts of {@code predicted} against {@code actual}. */
    public static Confusion confusion(boolean[] predicted, boolean[] actual) {
        sameLength(predicted.length, actual.length);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i]) {
                if (actual[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (actual[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /** The fraction of equal labels. */
    public static double accuracy(int[] predicted, int[] actual) {
        sameLength(predicted.length, actual.length);
        if (predicted.length == 0) {
            throw new IllegalArgumentException("Accuracy needs at least one prediction, but none were given.");
        }
        int same = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == actual[i]) {
                same++;
            }
        }
        return (double) same / predicted.length;
    }

    /** The F1 of class {@code label} against the rest (one-vs-rest). */
    public static double f1(int[] predicted, int[] actual, int label) {
        sameLength(predicted.length, actual.length);
        boolean[] p = new boolean[predicted.length];
        boolean[] a = new boolean[actual.length];
        for (int i = 0; i < predicted.length; i++) {
            p[i] = predicted[i] == label;
            a[i] = actual[i] == label;
        }
        return confusion(p, a).f1();
    }

    /** The unweighted mean of the per-class F1 over classes {@code 0 .. classes-1}. */
    public static double macroF1(int[] predicted, int[] actual, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException(Messages.format("Macro F1 needs at least one class but got %d.", classes));
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += f1(predicted, actual, c);
        }
        return sum / classes;
    }

    private static void sameLength(int predicted, int actual) {
        if (predicted != actual) {
            throw new IllegalArgumentException(Messages.format(
                    "Predictions and labels must have the same length but got %d predictions and %d labels.",
                    predicted, actual));
        }
    }
}

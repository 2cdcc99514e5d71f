package org.kedrec.core.metrics;

import org.kedrec.core.Messages;

/**
 * Where one true answer landed among the candidates it competed with: {@code higher} candidates scored strictly
 * above it and {@code tied} other candidates scored exactly the same. Ties are broken uniformly at random, and every
 * metric below is the expectation over that tie-break, so a constant scorer (e.g. popularity with many equal
 * degrees) earns exactly what chance gives it, never a lucky first place.
 */
public record RankOutcome(int higher, int tied) {
    public RankOutcome {
        if (higher < 0 || tied < 0) {
            throw new IllegalArgumentException(Messages.format(
                    "A rank outcome needs non-negative counts but got higher=%d, tied=%d.", higher, tied));
        }
    }

    /** The expected 1-based rank: {@code 1 + higher + tied / 2}. */
    public double meanRank() {
        return 1 + higher + tied / 2.0;
    }

    /** The expected reciprocal rank, {@code (1 / (tied + 1)) * sum_{j=0..tied} 1 / (higher + 1 + j)}. */
    public double reciprocalRank() {
        double sum = 0;
        for (int j = 0; j <= tied; j++) {
            sum += 1.0 / (higher + 1 + j);
        }
        return sum / (tied + 1);
    }

    /** The probability that the answer is ranked within the first {@code k}. */
    public double hitAt(int k) {
        if (k < 1) {
            throw new IllegalArgumentException(Messages.format("Hit@k needs k >= 1 but got k=%d.", k));
        }
        int first = higher + 1;
        int last = higher + 1 + tied;
        if (k < first) {
            return 0;
        }
        if (k >= last) {
            return 1;
        }
        return (double) (k - first + 1) / (tied + 1);
    }
}

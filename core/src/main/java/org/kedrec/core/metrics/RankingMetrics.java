package org.kedrec.core.metrics;

import java.util.BitSet;
import java.util.Collection;
import org.kedrec.core.Messages;

/**
 * Link-prediction metrics in the filtered setting of Bordes et al. (2013): the true answer is ranked among all
 * candidates except the other known answers of the same query, so a model is not punished for ranking another true
 * drug of the disease first.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /**
     * The filtered rank of candidate {@code answer} in {@code scores}: candidates whose bit is set in
     * {@code filtered} do not compete (the answer itself never does, whatever its bit). {@code NaN} scores are
     * rejected because they would silently rank last or first.
     */
    public static RankOutcome filteredRank(float[] scores, int answer, BitSet filtered) {
        if (answer < 0 || answer >= scores.length) {
            throw new IllegalArgumentException(Messages.format(
                    "The answer index %d is outside the %d candidates.", answer, scores.length));
        }
        float target = scores[answer];
        if (Float.isNaN(target)) {
            throw new IllegalArgumentException(Messages.format(
                    "The score of the answer (candidate %d) is NaN; the model produced an invalid score.", answer));
        }
        int higher = 0;
        int tied = 0;
        for (int i = 0; i < scores.length; i++) {
            if (i == answer || (filtered != null && filtered.get(i))) {
                continue;
            }
            float s = scores[i];
            if (s > target) {
                higher++;
            } else if (s == target) {
                tied++;
            } else if (Float.isNaN(s)) {
                throw new IllegalArgumentException(Messages.format(
                        "The score of candidate %d is NaN; the model produced an invalid score.", i));
            }
        }
        return new RankOutcome(higher, tied);
    }

    /** Mean reciprocal rank. */
    public static double mrr(Collection<RankOutcome> outcomes) {
        requireSome(outcomes);
        return outcomes.stream().mapToDouble(RankOutcome::reciprocalRank).average().orElseThrow();
    }

    /** Fraction of answers ranked within the first {@code k}. */
    public static double hitsAt(Collection<RankOutcome> outcomes, int k) {
        requireSome(outcomes);
        return outcomes.stream().mapToDouble(o -> o.hitAt(k)).average().orElseThrow();
    }

    /** Mean (expected) rank. */
    public static double meanRank(Collection<RankOutcome> outcomes) {
        requireSome(outcomes);
        return outcomes.stream().mapToDouble(RankOutcome::meanRank).average().orElseThrow();
    }

    private static void requireSome(Collection<RankOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("Ranking metrics need at least one ranked answer, but none were given.");
        }
    }
}

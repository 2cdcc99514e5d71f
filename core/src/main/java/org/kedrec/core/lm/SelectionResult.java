package org.kedrec.core.lm;

import java.util.List;

/**
 * The model's choice among an example's candidates.
 *
 * @param candidates one entry per candidate, in the example's order
 * @param chosen index of the most probable candidate
 * @param millis wall time of the call
 * @param rankerWeight the weight the ranker's log-odds had in {@code probability} (0: the student's likelihoods
 *     alone decided, also when the ranker did not know every candidate)
 * @param studentScale the factor the student's log-likelihoods had in {@code probability}: 1, or the
 *     {@link UnseenDiseaseVote}'s scale on a disease the student never trained on
 * @param unseenDisease whether the vote for a disease the student never trained on decided
 */
public record SelectionResult(List<Candidate> candidates, int chosen, double millis, double rankerWeight,
                              double studentScale, boolean unseenDisease) {
    /**
     * @param slot {@code [C1]}, …
     * @param id the drug's CURIE
     * @param name the drug's name
     * @param logLikelihood the student's log-probability of the answer's opening {@code [Ck].}
     * @param rankerLogOdds the ranker's log-odds of the candidate treating the disease (NaN: no ranker, or it does
     *     not know the pair)
     * @param probability softmax over the candidates of {@code studentScale * logLikelihood + rankerWeight *
     *     rankerLogOdds} (they sum to 1)
     */
    public record Candidate(String slot, String id, String name, double logLikelihood, double rankerLogOdds,
                            double probability) {}

    /**
     * The scores the selection ranks by: each candidate's log-likelihood plus {@code rankerWeight} times the ranker's
     * log-odds, where the weight is above 0 and the ranker scored every candidate; else the likelihoods alone. One
     * definition for {@link StudentModel#select} and for fitting the weight.
     */
    public static double[] combined(double[] logLikelihood, double[] rankerLogOdds, double rankerWeight) {
        return combined(logLikelihood, rankerLogOdds, 1, rankerWeight);
    }

    /**
     * As {@link #combined(double[], double[], double)} with the likelihoods scaled by {@code studentScale} where the
     * ranker scored every candidate (without the ranker the scale would change no choice, only how sure it looks).
     */
    public static double[] combined(double[] logLikelihood, double[] rankerLogOdds, double studentScale,
                                    double rankerWeight) {
        double[] out = logLikelihood.clone();
        if (everyScore(rankerLogOdds, logLikelihood.length) && (rankerWeight > 0 || studentScale != 1)) {
            for (int i = 0; i < out.length; i++) {
                out[i] = studentScale * out[i] + rankerWeight * rankerLogOdds[i];
            }
        }
        return out;
    }

    /** Whether the ranker scored each of {@code candidates} (no NaN). */
    public static boolean everyScore(double[] rankerLogOdds, int candidates) {
        if (rankerLogOdds == null || rankerLogOdds.length != candidates || candidates == 0) {
            return false;
        }
        for (double v : rankerLogOdds) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /** The candidate the student's likelihoods alone rank first (ties: the earlier), whatever the ranker says. */
    public int chosenByStudentAlone() {
        int best = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (candidates.get(i).logLikelihood() > candidates.get(best).logLikelihood()) {
                best = i;
            }
        }
        return best;
    }
}

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
 */
public record SelectionResult(List<Candidate> candidates, int chosen, double millis, double rankerWeight) {
    /**
     * @param slot {@code [C1]}, …
     * @param id the drug's CURIE
     * @param name the drug's name
     * @param logLikelihood the student's log-probability of the answer's opening {@code [Ck].}
     * @param rankerLogOdds the ranker's log-odds of the candidate treating the disease (NaN: no ranker, or it does
     *     not know the pair)
     * @param probability softmax over the candidates of {@code logLikelihood + rankerWeight * rankerLogOdds} (they
     *     sum to 1)
     */
    public record Candidate(String slot, String id, String name, double logLikelihood, double rankerLogOdds,
                            double probability) {}

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

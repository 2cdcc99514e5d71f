package org.kedrec.core.lm;

import java.util.List;

/**
 * The model's choice among an example's candidates.
 *
 * @param candidates one entry per candidate, in the example's order
 * @param chosen index of the most probable candidate
 * @param millis wall time of the call
 */
public record SelectionResult(List<Candidate> candidates, int chosen, double millis) {
    /**
     * @param slot {@code [C1]}, …
     * @param id the drug's CURIE
     * @param name the drug's name
     * @param logLikelihood log-probability of the answer's opening {@code [Ck].}
     * @param probability softmax of the log-likelihoods over the candidates (they sum to 1)
     */
    public record Candidate(String slot, String id, String name, double logLikelihood, double probability) {}
}

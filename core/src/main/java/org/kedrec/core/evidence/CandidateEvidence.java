package org.kedrec.core.evidence;

import java.util.List;
import org.kedrec.core.explain.GraphPath;

/**
 * Everything found about one candidate drug for a disease, before it is numbered into an example.
 *
 * @param drugId the drug's CURIE
 * @param drugName the drug's name
 * @param paths the selected explanation paths, best first
 * @param trials the top trials, strongest first
 * @param publications the top publications, best first
 * @param trialTotal how many trials the graph links to the pair (0 when not counted)
 * @param publicationTotal how many publications the graph links to the pair (0 when not counted)
 */
public record CandidateEvidence(
        String drugId,
        String drugName,
        List<GraphPath> paths,
        List<TrialRecord> trials,
        List<PublicationRecord> publications,
        int trialTotal,
        int publicationTotal) {

    /** Evidence without graph counts (both 0: unknown). */
    public CandidateEvidence(String drugId, String drugName, List<GraphPath> paths, List<TrialRecord> trials,
            List<PublicationRecord> publications) {
        this(drugId, drugName, paths, trials, publications, 0, 0);
    }

    public CandidateEvidence {
        paths = paths == null ? List.of() : List.copyOf(paths);
        trials = trials == null ? List.of() : List.copyOf(trials);
        publications = publications == null ? List.of() : List.copyOf(publications);
    }
}

package org.kedrec.core.lm;

import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.text.EnumLabels;

/**
 * How the KG ranker's tool line reads in the student's prompt. A student reads one form only (it is recorded in its
 * {@code tools.json}), so the form travels with the scorer ({@code CandidateScorer.of(ranker, line)})
 * rather than as a flag beside it.
 */
public enum RankerLine {
    /** The ranker's order of the candidates: {@code ranker ranks [C2] above [C1]}. */
    VERDICT,
    /**
     * The order and each candidate's score, three decimals: {@code ranker ranks [C2] (0.011) above [C1] (0.000)};
     * three, because on a new disease the scores are mostly below 0.01.
     */
    SCORES;

    /** The form's name on the command line and in {@code tools.json}: {@code verdict} or {@code scores}. */
    public String label() {
        return EnumLabels.lowerCase(this);
    }

    @Override
    public String toString() {
        return label();
    }

    /** The labels, in order: {@code [verdict, scores]}. */
    public static List<String> labels() {
        return EnumLabels.all(RankerLine.class, RankerLine::label);
    }

    /** The form a label names; the error names the label and the valid ones. */
    public static RankerLine parse(String label) {
        return EnumLabels.find(RankerLine.class, RankerLine::label, label).orElseThrow(() ->
                new IllegalArgumentException(Messages.format(
                        "Unknown ranker line form: `%s`. Valid forms are: %s.", label, labels())));
    }
}

package org.kedrec.core.serving;

import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.CandidateScorer;
import org.kedrec.core.lm.GenerationOptions;
import org.kedrec.core.lm.PromptShape;
import org.kedrec.core.lm.SelectionResult;
import org.kedrec.core.lm.Softmax;
import org.kedrec.core.lm.SpecialTokens;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.lm.StudentPrompt;
import org.kedrec.core.rationale.EvidenceTeacher;

/**
 * The paper's task at serving time: given a disease and a few candidate drugs with their evidence, choose the one
 * that treats it and say why. The student chooses when the model has one ({@link StudentModel#select}: with the
 * ranker's log-odds added at a fitted weight when it was trained with the ranker as a tool); otherwise the ranker's
 * scores decide, and the result says so ({@link Outcome#selectedBy()}).
 */
public final class CandidateSelector {
    /** The student's prompt has slots for this many candidates. */
    public static final int MAX_CANDIDATES = SpecialTokens.MAX_CANDIDATES;
    public static final String BY_STUDENT = "student";
    /**
     * The student's likelihoods plus the ranker's log-odds at the student's fitted weight
     * ({@link StudentModel#select}).
     */
    public static final String BY_STUDENT_AND_RANKER = "student+ranker";
    /**
     * On a disease the student never trained on: the ranker's log-odds and the student's scaled likelihoods at the
     * unseen-disease vote ({@link org.kedrec.core.lm.UnseenDiseaseVote}), where the ranker weighs most.
     */
    public static final String BY_RANKER_AND_STUDENT_UNSEEN = "ranker+student (unseen disease)";
    public static final String BY_RANKER = "ranker";

    private CandidateSelector() {}

    /**
     * One candidate's share of the choice.
     *
     * @param probability the student's probability, or the ranker's odds normalised over the candidates
     */
    public record Choice(Explainer.Candidate drug, double probability, boolean selected) {}

    /**
     * @param choices one per candidate, in the order given
     * @param chosen index of the selected candidate
     * @param rationale the rationale for the selected candidate with names filled in, or null
     * @param selectedBy {@link #BY_STUDENT}, {@link #BY_STUDENT_AND_RANKER}, {@link #BY_RANKER_AND_STUDENT_UNSEEN} or
     *     {@link #BY_RANKER}
     * @param example the joint example the choice was made on
     */
    public record Outcome(List<Choice> choices, int chosen, String rationale, String selectedBy,
            ExpRxRecExample example) {}

    /**
     * Chooses among {@code drugs}.
     *
     * @param shape the prompt's shape: the student's own ({@link StudentModel#promptShape()}) unless the caller asks
     *     for another
     * @param student the student, or null to let the ranker decide
     * @param rankerScores the ranker's probabilities of the candidates (same order), used without a student
     * @param rationale who writes the rationale; {@link RationaleMode#STUDENT} needs a student
     */
    public static Outcome select(Explainer explainer, String diseaseId, String diseaseName,
            List<Explainer.Candidate> drugs, PromptShape shape, StudentModel student,
            double[] rankerScores, RationaleMode rationale) {
        if (drugs.isEmpty() || drugs.size() > MAX_CANDIDATES) {
            throw new IllegalArgumentException(Messages.format(
                    "kedrec.select chooses among 1 to %d drugs but got %d. Pass a shorter list, or rank any number "
                            + "of drugs with kedrec.recommend.", MAX_CANDIDATES, drugs.size()));
        }
        if (rationale == RationaleMode.STUDENT && student == null) {
            throw new IllegalArgumentException("A student rationale needs a student model; none was given.");
        }
        ExpRxRecExample example = explainer.jointExample(diseaseId, diseaseName, drugs, shape, -1);
        double[] probabilities = new double[drugs.size()];
        int chosen;
        String by;
        if (student != null) {
            SelectionResult result = student.select(example);
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = result.candidates().get(i).probability();
            }
            chosen = result.chosen();
            by = result.unseenDisease() ? BY_RANKER_AND_STUDENT_UNSEEN
                    : result.rankerWeight() > 0 ? BY_STUDENT_AND_RANKER : BY_STUDENT;
        } else {
            chosen = normaliseOdds(rankerScores, probabilities);
            by = BY_RANKER;
        }
        String text = switch (rationale) {
            case STUDENT -> student.generate(example, GenerationOptions.defaults().withCandidate(chosen)).text();
            case TEACHER -> {
                ExpRxRecExample labelled = Explainer.relabel(example, chosen);
                yield StudentPrompt.restore(EvidenceTeacher.rationale(labelled), labelled);
            }
            case NONE -> null;
        };
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < drugs.size(); i++) {
            choices.add(new Choice(drugs.get(i), probabilities[i], i == chosen));
        }
        return new Outcome(List.copyOf(choices), chosen, text, by, example);
    }

    /**
     * Fills {@code out} with the candidates' odds {@code p / (1 - p)} normalised to sum to one (the softmax of the
     * ranker's logits, so it ranks exactly as the scores do) and returns the index of the best; ties go to the
     * earlier candidate.
     */
    static int normaliseOdds(double[] scores, double[] out) {
        double[] logits = new double[scores.length];
        int best = 0;
        for (int i = 0; i < scores.length; i++) {
            logits[i] = CandidateScorer.logOdds(scores[i]);
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        System.arraycopy(Softmax.of(logits), 0, out, 0, out.length);
        return best;
    }
}

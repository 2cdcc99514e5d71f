package org.kedrec.trainer.student;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.SelectionResult;
import org.kedrec.core.lm.Softmax;
import org.kedrec.core.lm.StudentModel;

/**
 * The ranker's weight in the student's selection ({@link StudentModel#select}: the student's log-likelihood of each
 * candidate plus the weight times the ranker's log-odds), fitted after training on the validation pairs by maximum
 * likelihood of the relevant drug. Why: the student reads the ranker's line in its prompt but does not follow it
 * (flipping every line changed none of its choices, docs/student.md, sixth round), and training it to follow the
 * line cost its text and its choices on known diseases (seventh round). One weight fitted on held-out pairs lets
 * the two vote in proportion to how well each has separated the validation pairs; a student that has learnt
 * nothing leaves the choice to the ranker, one that is always right keeps it.
 */
public final class SelectionFusion {
    /** The weights tried: 0 to {@link #MAX_WEIGHT} in steps of 0.05 (the log-likelihood is convex in the weight). */
    static final double STEP = 0.05;
    static final double MAX_WEIGHT = 10;

    private SelectionFusion() {}

    /**
     * The fitted weight and what it does on the pairs it was fitted on.
     *
     * @param weight the weight of the ranker's log-odds
     * @param examples validation examples used (both candidate orders count)
     * @param withRanker examples where the ranker scored every candidate (the others are decided by the student)
     * @param studentAccuracy the student's likelihoods alone
     * @param rankerAccuracy the ranker alone, on {@code withRanker} (ties count half)
     * @param combinedAccuracy the combination at {@code weight}
     * @param studentLogLoss mean negative log-probability of the relevant drug, the student alone
     * @param combinedLogLoss the same at {@code weight}
     */
    public record Fit(double weight, int examples, int withRanker, double studentAccuracy, double rankerAccuracy,
                      double combinedAccuracy, double studentLogLoss, double combinedLogLoss) {
        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("weight", weight);
            out.put("examples", examples);
            out.put("withRanker", withRanker);
            out.put("studentAccuracy", studentAccuracy);
            out.put("rankerAccuracy", rankerAccuracy);
            out.put("combinedAccuracy", combinedAccuracy);
            out.put("studentLogLoss", studentLogLoss);
            out.put("combinedLogLoss", combinedLogLoss);
            return out;
        }
    }

    /** Fits the weight for {@code student} (its own weight is ignored) on {@code validation}. */
    public static Fit fit(StudentModel student, List<ExpRxRecExample> validation) {
        List<double[]> likelihoods = new ArrayList<>();
        List<double[]> logOdds = new ArrayList<>();
        int[] labels = new int[validation.size()];
        for (int e = 0; e < validation.size(); e++) {
            SelectionResult result = student.select(validation.get(e));
            double[] l = new double[result.candidates().size()];
            double[] r = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = result.candidates().get(i).logLikelihood();
                r[i] = result.candidates().get(i).rankerLogOdds();
            }
            likelihoods.add(l);
            logOdds.add(r);
            labels[e] = validation.get(e).label();
        }
        return fit(likelihoods, logOdds, labels);
    }

    /**
     * Fits the weight on per-example likelihoods, ranker log-odds (a row with any NaN has no ranker term, as in
     * {@link StudentModel#select}) and labels. Ties go to the smaller weight.
     */
    public static Fit fit(List<double[]> likelihoods, List<double[]> logOdds, int[] labels) {
        if (likelihoods.size() != labels.length || logOdds.size() != labels.length) {
            throw new IllegalArgumentException(Messages.format(
                    "Fitting the ranker's weight needs one likelihood row, one log-odds row and one label per "
                            + "example, but got %d, %d and %d.", likelihoods.size(), logOdds.size(), labels.length));
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("Fitting the ranker's weight needs validation pairs, but there are "
                    + "none. Rebuild the dataset with a validation split (`kedrec dataset build`), or train with "
                    + "--no-ranker-fusion.");
        }
        int withRanker = 0;
        double rankerRight = 0;
        for (int e = 0; e < labels.length; e++) {
            double[] r = logOdds.get(e);
            if (SelectionResult.everyScore(r, r.length)) {
                withRanker++;
                int best = argmax(r);
                boolean tie = false;
                for (int i = 0; i < r.length; i++) {
                    tie |= i != best && r[i] == r[best];
                }
                rankerRight += tie ? 0.5 : best == labels[e] ? 1 : 0;
            }
        }
        double bestWeight = 0;
        double bestLoss = logLoss(likelihoods, logOdds, labels, 0);
        int steps = (int) Math.round(MAX_WEIGHT / STEP);
        for (int k = 1; k <= steps; k++) {
            double w = Math.round(k * STEP * 100) / 100.0; // 0.95, not 0.9500000000000001, in tools.json
            double loss = logLoss(likelihoods, logOdds, labels, w);
            if (loss < bestLoss - 1e-12) {
                bestLoss = loss;
                bestWeight = w;
            }
        }
        return new Fit(bestWeight, labels.length, withRanker, accuracy(likelihoods, logOdds, labels, 0),
                withRanker == 0 ? Double.NaN : rankerRight / withRanker,
                accuracy(likelihoods, logOdds, labels, bestWeight), logLoss(likelihoods, logOdds, labels, 0),
                bestLoss);
    }

    /**
     * The vote on diseases the student never trained on, fitted jointly: the scale on the student's likelihoods
     * ({@link #SCALE_STEP} to 1) and the ranker's weight (0 to {@link #MAX_WEIGHT}), by maximum likelihood of the
     * relevant drug. Why two numbers where {@link #fit} has one: on such a disease the student is as sure of itself as
     * on a known one and right far less often (docs/student.md, tenth round), so the fit must be free to trust its
     * likelihoods less, not only the ranker more.
     *
     * @param studentScale the scale on the student's log-likelihoods
     * @param rankerWeight the weight of the ranker's log-odds
     * @param examples examples fitted on
     * @param studentAccuracy the student alone
     * @param rankerAccuracy the ranker alone, on the examples where it scored every candidate
     * @param combinedAccuracy the vote at the fitted pair
     * @param logLoss mean negative log-probability of the relevant drug at the fitted pair
     */
    public record ScaledFit(double studentScale, double rankerWeight, int examples, double studentAccuracy,
                            double rankerAccuracy, double combinedAccuracy, double logLoss) {
        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("studentScale", studentScale);
            out.put("rankerWeight", rankerWeight);
            out.put("examples", examples);
            out.put("studentAccuracy", studentAccuracy);
            out.put("rankerAccuracy", rankerAccuracy);
            out.put("combinedAccuracy", combinedAccuracy);
            out.put("logLoss", logLoss);
            return out;
        }
    }

    /** The scales tried by {@link #fitScaled}: 0.05 to 1 in steps of 0.05. */
    static final double SCALE_STEP = 0.05;

    /** Fits {@link ScaledFit} on per-example likelihoods, ranker log-odds and labels (ties: the smaller numbers). */
    public static ScaledFit fitScaled(List<double[]> likelihoods, List<double[]> logOdds, int[] labels) {
        Fit one = fit(likelihoods, logOdds, labels); // the same argument checks, and the ranker's own accuracy
        double bestScale = 1;
        double bestWeight = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int scales = (int) Math.round(1 / SCALE_STEP);
        int weights = (int) Math.round(MAX_WEIGHT / STEP);
        for (int j = 1; j <= scales; j++) {
            double a = Math.round(j * SCALE_STEP * 100) / 100.0;
            for (int k = 0; k <= weights; k++) {
                double w = Math.round(k * STEP * 100) / 100.0;
                double loss = logLoss(likelihoods, logOdds, labels, a, w);
                if (loss < bestLoss - 1e-12) {
                    bestLoss = loss;
                    bestScale = a;
                    bestWeight = w;
                }
            }
        }
        return new ScaledFit(bestScale, bestWeight, labels.length, one.studentAccuracy(), one.rankerAccuracy(),
                accuracy(likelihoods, logOdds, labels, bestScale, bestWeight), bestLoss);
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    static double logLoss(List<double[]> likelihoods, List<double[]> logOdds, int[] labels, double weight) {
        return logLoss(likelihoods, logOdds, labels, 1, weight);
    }

    static double logLoss(List<double[]> likelihoods, List<double[]> logOdds, int[] labels, double scale,
                          double weight) {
        double sum = 0;
        for (int e = 0; e < labels.length; e++) {
            double[] c = SelectionResult.combined(likelihoods.get(e), logOdds.get(e), scale, weight);
            sum += Softmax.logSumExp(c) - c[labels[e]];
        }
        return sum / labels.length;
    }

    static double accuracy(List<double[]> likelihoods, List<double[]> logOdds, int[] labels, double weight) {
        return accuracy(likelihoods, logOdds, labels, 1, weight);
    }

    static double accuracy(List<double[]> likelihoods, List<double[]> logOdds, int[] labels, double scale,
                           double weight) {
        int right = 0;
        for (int e = 0; e < labels.length; e++) {
            right += argmax(SelectionResult.combined(likelihoods.get(e), logOdds.get(e), scale, weight)) == labels[e]
                    ? 1 : 0;
        }
        return (double) right / labels.length;
    }
}

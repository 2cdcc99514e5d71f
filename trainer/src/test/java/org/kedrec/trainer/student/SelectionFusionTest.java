package org.kedrec.trainer.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ranker's weight in the selection, fitted by maximum likelihood on validation pairs. */
class SelectionFusionTest {
    /** Validation rows: each pair's likelihoods, ranker log-odds and label. */
    private record Pairs(List<double[]> likelihoods, List<double[]> logOdds, int[] labels) {
        SelectionFusion.Fit fit() {
            return SelectionFusion.fit(likelihoods, logOdds, labels);
        }

        double logLoss(double weight) {
            return SelectionFusion.logLoss(likelihoods, logOdds, labels, weight);
        }
    }

    /**
     * Two-candidate pairs: by how much the student's likelihoods prefer the right drug is drawn from
     * N({@code studentMean}, {@code studentSd}), the ranker's log-odds from N({@code rankerMean}, {@code rankerSd}),
     * independently; a voter is right where its draw is above 0.
     */
    private static Pairs pairs(int count, double studentMean, double studentSd, double rankerMean, double rankerSd,
                               long seed) {
        Random random = new Random(seed);
        List<double[]> likelihoods = new ArrayList<>();
        List<double[]> logOdds = new ArrayList<>();
        int[] labels = new int[count];
        for (int e = 0; e < count; e++) {
            int label = random.nextInt(2);
            labels[e] = label;
            double student = studentMean + studentSd * random.nextGaussian();
            double ranker = rankerMean + rankerSd * random.nextGaussian();
            double[] l = {-1, -1};
            l[label] += student / 2;
            l[1 - label] -= student / 2;
            double[] r = {-5, -5};
            r[label] += ranker / 2;
            r[1 - label] -= ranker / 2;
            likelihoods.add(l);
            logOdds.add(r);
        }
        return new Pairs(likelihoods, logOdds, labels);
    }

    @Test
    void aStudentThatLearntNothingLeavesTheChoiceToTheRanker() {
        SelectionFusion.Fit fit = pairs(200, 0, 0, 1.5, 1, 1).fit();
        assertThat(fit.weight()).isGreaterThan(0.5);
        assertThat(fit.studentAccuracy()).isLessThan(0.6);
        assertThat(fit.combinedAccuracy()).isEqualTo(fit.rankerAccuracy(), within(1e-9));
        assertThat(fit.combinedLogLoss()).isLessThan(fit.studentLogLoss());
        assertThat(fit.withRanker()).isEqualTo(200);
    }

    @Test
    void aStudentThatIsAlwaysRightKeepsTheChoiceAndAWrongRankerGetsNoWeight() {
        SelectionFusion.Fit alwaysRight = pairs(200, 8, 0.5, 0.5, 1, 2).fit();
        assertThat(alwaysRight.combinedAccuracy()).isEqualTo(1.0);
        SelectionFusion.Fit misleading = pairs(200, 2, 1, -1.5, 1, 3).fit();
        assertThat(misleading.weight()).isZero();
        assertThat(misleading.combinedAccuracy()).isEqualTo(misleading.studentAccuracy());
        assertThat(misleading.combinedLogLoss()).isEqualTo(misleading.studentLogLoss());
    }

    @Test
    void twoImperfectVotersTogetherBeatEither() {
        // Independent errors, each right on 79 % (the ranker's log-odds on twice the scale): weighted to a common
        // scale, their sum is right on about 87 %.
        Pairs pairs = pairs(2000, 1, 1.25, 2, 2.5, 4);
        SelectionFusion.Fit fit = pairs.fit();
        assertThat(fit.weight()).isBetween(0.3, 0.7);
        assertThat(fit.combinedAccuracy()).isGreaterThan(Math.max(fit.studentAccuracy(), fit.rankerAccuracy()));
        // the fitted weight is the grid's minimum of the validation log-loss
        for (double w : new double[] {fit.weight() - SelectionFusion.STEP, fit.weight() + SelectionFusion.STEP}) {
            assertThat(fit.combinedLogLoss()).isLessThanOrEqualTo(pairs.logLoss(w));
        }
    }

    @Test
    void aPairWithoutEveryRankerScoreIsDecidedByTheStudentAtAnyWeight() {
        List<double[]> likelihoods = List.of(new double[] {-0.1, -3}, new double[] {-3, -0.1});
        List<double[]> logOdds = List.of(new double[] {Double.NaN, 4}, new double[] {-6, 4});
        SelectionFusion.Fit fit = SelectionFusion.fit(likelihoods, logOdds, new int[] {0, 1});
        assertThat(fit.withRanker()).isEqualTo(1);
        assertThat(fit.combinedAccuracy()).isEqualTo(1.0);
        assertThat(fit.rankerAccuracy()).isEqualTo(1.0);
        assertThat(SelectionFusion.accuracy(likelihoods, logOdds, new int[] {0, 1}, SelectionFusion.MAX_WEIGHT))
                .isEqualTo(1.0);
    }

    @Test
    void noValidationPairsOrMismatchedRowsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> SelectionFusion.fit(List.of(), List.of(), new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs validation pairs")
                .hasMessageContaining("--no-ranker-fusion");
        assertThatThrownBy(() -> SelectionFusion.fit(List.of(new double[] {0, 0}), List.of(), new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fitting the ranker's weight needs one likelihood row, one log-odds row and one label "
                        + "per example, but got 1, 0 and 1.");
    }

    @Test
    void anOverconfidentStudentIsScaledDownWhereTheVoteForUnseenDiseasesIsFitted() {
        // Right on ~0.69 of the pairs but sure of itself (a margin of N(2, 4) nats), beside a ranker right on ~0.93:
        // the one-number fit can only raise the ranker's weight; the joint fit also trusts the student less, and
        // fits the pairs better for it.
        Pairs unseen = pairs(400, 2, 4, 3, 2, 7);
        SelectionFusion.Fit one = unseen.fit();
        SelectionFusion.ScaledFit two = SelectionFusion.fitScaled(unseen.likelihoods(), unseen.logOdds(),
                unseen.labels());
        assertThat(two.studentScale()).isLessThan(0.5);
        assertThat(two.logLoss()).isLessThan(one.combinedLogLoss());
        assertThat(two.combinedAccuracy()).isGreaterThanOrEqualTo(one.combinedAccuracy());
        assertThat(two.combinedAccuracy()).isGreaterThan(two.studentAccuracy());
        assertThat(two.examples()).isEqualTo(400);
        assertThat(two.toMap()).containsKeys("studentScale", "rankerWeight", "logLoss");
        // A calibrated student (its margin's spread matches its mean) keeps most of its say.
        Pairs calibrated = pairs(400, 2, 1.5, 3, 2, 7);
        assertThat(SelectionFusion.fitScaled(calibrated.likelihoods(), calibrated.logOdds(), calibrated.labels())
                .studentScale()).isGreaterThan(two.studentScale());
    }
}

package org.kedrec.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every metric against values worked out by hand (the arithmetic is in the comments). */
class MetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void rankWithoutTies() {
        RankOutcome o = new RankOutcome(2, 0);
        assertThat(o.meanRank()).isEqualTo(3.0);
        assertThat(o.reciprocalRank()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(o.hitAt(2)).isZero();
        assertThat(o.hitAt(3)).isEqualTo(1.0);
    }

    @Test
    void tiesAreBrokenAtRandomInExpectation() {
        // one candidate above, two tied: ranks 2, 3, 4 equally likely.
        RankOutcome o = new RankOutcome(1, 2);
        assertThat(o.meanRank()).isEqualTo(3.0);
        assertThat(o.reciprocalRank()).isCloseTo((1.0 / 2 + 1.0 / 3 + 1.0 / 4) / 3, within(EPS)); // 13/36
        assertThat(o.reciprocalRank()).isCloseTo(13.0 / 36, within(EPS));
        assertThat(o.hitAt(1)).isZero();
        assertThat(o.hitAt(2)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(o.hitAt(3)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(o.hitAt(4)).isEqualTo(1.0);
    }

    @Test
    void filteredRankSkipsOtherKnownAnswers() {
        float[] scores = {0.9f, 0.5f, 0.7f, 0.5f, 0.1f};
        BitSet known = new BitSet();
        known.set(0); // another true drug of the disease: it must not push the answer down
        known.set(1); // the answer's own bit is ignored
        RankOutcome o = RankingMetrics.filteredRank(scores, 1, known);
        assertThat(o).isEqualTo(new RankOutcome(1, 1)); // 0.7 above, 0.5 tied, 0.1 below
        assertThat(o.reciprocalRank()).isCloseTo(5.0 / 12, within(EPS)); // (1/2 + 1/3) / 2

        RankOutcome raw = RankingMetrics.filteredRank(scores, 1, new BitSet());
        assertThat(raw).isEqualTo(new RankOutcome(2, 1));
    }

    @Test
    void meanOverQueries() {
        List<RankOutcome> outcomes = List.of(new RankOutcome(0, 0), new RankOutcome(3, 0), new RankOutcome(19, 0));
        // ranks 1, 4, 20
        assertThat(RankingMetrics.mrr(outcomes)).isCloseTo((1 + 0.25 + 0.05) / 3, within(EPS));
        assertThat(RankingMetrics.hitsAt(outcomes, 1)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.hitsAt(outcomes, 10)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(RankingMetrics.hitsAt(outcomes, 100)).isEqualTo(1.0);
        assertThat(RankingMetrics.meanRank(outcomes)).isCloseTo(25.0 / 3, within(EPS));
    }

    @Test
    void badInputsAreNamed() {
        assertThatThrownBy(() -> RankingMetrics.mrr(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ranking metrics need at least one ranked answer, but none were given.");
        assertThatThrownBy(() -> RankingMetrics.filteredRank(new float[] {1f, Float.NaN}, 0, null))
                .hasMessage("The score of candidate 1 is NaN; the model produced an invalid score.");
        assertThatThrownBy(() -> RankingMetrics.filteredRank(new float[] {1f}, 3, null))
                .hasMessage("The answer index 3 is outside the 1 candidates.");
        assertThatThrownBy(() -> new RankOutcome(0, 0).hitAt(0)).hasMessage("Hit@k needs k >= 1 but got k=0.");
    }

    @Test
    void aurocCountsTiesAsHalf() {
        double[] pos = {0.8, 0.4};
        double[] neg = {0.5, 0.4, 0.1};
        // 0.8 beats 3 negatives; 0.4 beats 0.1 and ties 0.4: (3 + 1 + 0.5) / 6
        assertThat(Roc.auroc(pos, neg)).isCloseTo(0.75, within(EPS));
        assertThat(Roc.auroc(new double[] {1, 2}, new double[] {3, 4})).isZero();
        assertThat(Roc.auroc(new double[] {5}, new double[] {5, 5})).isCloseTo(0.5, within(EPS));
    }

    @Test
    void rocCurvePointsAndAreaMatchAuroc() {
        double[] pos = {0.8, 0.4};
        double[] neg = {0.5, 0.4, 0.1};
        List<Roc.Point> curve = Roc.curve(pos, neg);
        assertThat(curve).containsExactly(
                new Roc.Point(0, 0),
                new Roc.Point(0, 0.5),
                new Roc.Point(1.0 / 3, 0.5),
                new Roc.Point(2.0 / 3, 1),
                new Roc.Point(1, 1));
        double area = 0;
        for (int i = 1; i < curve.size(); i++) {
            Roc.Point a = curve.get(i - 1);
            Roc.Point b = curve.get(i);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        assertThat(area).isCloseTo(Roc.auroc(pos, neg), within(EPS));
        assertThatThrownBy(() -> Roc.auroc(new double[0], neg))
                .hasMessage("AUROC needs at least one positive and one negative score but got 0 positives and 3 negatives.");
    }

    @Test
    void binaryConfusion() {
        boolean[] predicted = {true, true, false, false, true};
        boolean[] actual = {true, false, false, true, true};
        Classification.Confusion c = Classification.confusion(predicted, actual);
        assertThat(c).isEqualTo(new Classification.Confusion(2, 1, 1, 1));
        assertThat(c.accuracy()).isCloseTo(3.0 / 5, within(EPS));
        assertThat(c.precision()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(c.recall()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(c.f1()).isCloseTo(2.0 / 3, within(EPS)); // 2*2 / (2*2 + 1 + 1)
        assertThat(new Classification.Confusion(0, 0, 5, 0).f1()).isZero();
    }

    @Test
    void multiClassAccuracyAndMacroF1() {
        int[] predicted = {0, 1, 1, 2};
        int[] actual = {0, 1, 2, 2};
        assertThat(Classification.accuracy(predicted, actual)).isCloseTo(0.75, within(EPS));
        // class 0: F1 1; class 1: tp 1, fp 1 -> 2/3; class 2: tp 1, fn 1 -> 2/3
        assertThat(Classification.f1(predicted, actual, 1)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(Classification.macroF1(predicted, actual, 3)).isCloseTo(7.0 / 9, within(EPS));
        assertThatThrownBy(() -> Classification.accuracy(new int[] {1}, new int[] {1, 2}))
                .hasMessage("Predictions and labels must have the same length but got 1 predictions and 2 labels.");
    }
}

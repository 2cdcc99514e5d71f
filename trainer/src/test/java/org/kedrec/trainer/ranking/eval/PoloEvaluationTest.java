package org.kedrec.trainer.ranking.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kedrec.core.metrics.RankOutcome;

/** The metrics of the PoLo report against hand-computed values. */
class PoloEvaluationTest {
    @Test
    void averagePrecisionMatchesTheHandComputedSum() {
        // ranking: p(0.9) n(0.8) p(0.7) n(0.1): AP = 1/2 * 1 + 1/2 * 2/3
        assertThat(PoloEvaluation.averagePrecision(new double[] {0.9, 0.7}, new double[] {0.8, 0.1}))
                .isCloseTo(0.5 + 1.0 / 3, within(1e-12));
        // a tie between the one positive and one negative enters as one step at precision 1/2
        assertThat(PoloEvaluation.averagePrecision(new double[] {0.5}, new double[] {0.5, 0.1}))
                .isCloseTo(0.5, within(1e-12));
        assertThat(PoloEvaluation.averagePrecision(new double[] {1, 1}, new double[] {0, 0})).isEqualTo(1.0);
    }

    @Test
    void bothDirectionsRankTheirOwnAxisAndFilterOtherKnownPairs() {
        // 3 diseases (rows) x 3 compounds (columns)
        float[][] scores = {{0.9f, 0.8f, 0.1f}, {0.95f, 0.2f, 0.3f}, {0.5f, 0.85f, 0.4f}};
        java.util.BitSet[] known = new java.util.BitSet[3];
        for (int d = 0; d < 3; d++) {
            known[d] = new java.util.BitSet();
        }
        known[0].set(0); // the test pair itself
        known[1].set(0); // compound 0 also treats disease 1: filtered out of compound 0's disease ranking
        List<int[]> test = List.of(new int[] {0, 0});
        // compound 0 over diseases: 0.9 (answer), 0.95 (known, filtered), 0.5 -> rank 1
        assertThat(PoloEvaluation.compoundToDisease(scores, test, known)).containsExactly(new RankOutcome(0, 0));
        // disease 0 over compounds: 0.9 (answer) is highest -> rank 1; compound 1 at (2, 1) outranks in its row
        assertThat(PoloEvaluation.diseaseToCompound(scores, test, known)).containsExactly(new RankOutcome(0, 0));
        List<int[]> other = List.of(new int[] {2, 2});
        // compound 2 over diseases: 0.1, 0.3 below the answer's 0.4; disease 2 over compounds: 0.5 and 0.85 above it
        assertThat(PoloEvaluation.compoundToDisease(scores, other, known)).containsExactly(new RankOutcome(0, 0));
        assertThat(PoloEvaluation.diseaseToCompound(scores, other, known)).containsExactly(new RankOutcome(2, 0));
        known[1].clear(0);
        assertThat(PoloEvaluation.compoundToDisease(scores, test, known)).containsExactly(new RankOutcome(1, 0));
    }

    @Test
    void rankingMetricsCarryBootstrapIntervalsAroundTheirMean() {
        Map<String, Object> m = PoloEvaluation.ranking(List.of(new RankOutcome(0, 0), new RankOutcome(1, 0),
                new RankOutcome(9, 0), new RankOutcome(20, 0)));
        assertThat((double) m.get("mrr")).isCloseTo((1 + 0.5 + 0.1 + 1.0 / 21) / 4, within(1e-12));
        assertThat((double) m.get("hits1")).isEqualTo(0.25);
        assertThat((double) m.get("hits3")).isEqualTo(0.5);
        assertThat((double) m.get("hits10")).isEqualTo(0.75);
        double[] ci = (double[]) m.get("hits10Ci95");
        assertThat(ci[0]).isLessThan(0.75);
        assertThat(ci[1]).isEqualTo(1.0);
    }
}

package org.kedrec.trainer.ranking.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kedrec.core.metrics.RankOutcome;

class PairedBootstrapTest {
    @Test
    void identicalRankersDifferByExactlyNothing() {
        List<RankOutcome> a = List.of(new RankOutcome(0, 0), new RankOutcome(3, 1), new RankOutcome(20, 0));
        Map<String, Object> m = PairedBootstrap.compare(a, a, 200, 1);
        assertThat((double) m.get("mrrDiff")).isZero();
        assertThat((double[]) m.get("mrrCi95")).containsExactly(0, 0);
    }

    @Test
    void theMeanDifferenceIsHandComputedAndAClearWinnerExcludesZero() {
        // a: ranks 1 and 2; b: ranks 2 and 4 -> MRR diff = ((1 - 1/2) + (1/2 - 1/4)) / 2 = 0.375
        Map<String, Object> small = PairedBootstrap.compare(List.of(new RankOutcome(0, 0), new RankOutcome(1, 0)),
                List.of(new RankOutcome(1, 0), new RankOutcome(3, 0)), 500, 1);
        assertThat((double) small.get("mrrDiff")).isCloseTo(0.375, within(1e-12));
        assertThat((double) small.get("hit1Diff")).isCloseTo(0.5, within(1e-12));
        // 100 pairs where a is always first and b always tenth: the interval sits far above zero
        List<RankOutcome> a = new ArrayList<>();
        List<RankOutcome> b = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            a.add(new RankOutcome(0, 0));
            b.add(new RankOutcome(i % 2 == 0 ? 9 : 0, 0));
        }
        double[] ci = (double[]) PairedBootstrap.compare(a, b, 1000, 7).get("mrrCi95");
        assertThat(ci[0]).isGreaterThan(0.3);
        assertThat(ci[1]).isLessThan(0.6);
    }

    @Test
    void aurocDifferencesAreHandComputedAndResampledOverBothSets() {
        double[] pos = {0.9, 0.6, 0.4};
        double[] neg = {0.5, 0.3};
        Map<String, Object> same = PairedBootstrap.compareAuroc(pos, neg, pos, neg, 300, 3);
        assertThat((double) same.get("aurocDiff")).isZero();
        assertThat((double[]) same.get("aurocCi95")).containsExactly(0, 0);
        // a: 0.4 beats only 0.3, 5 of 6 (positive, negative) pairs right; b moves it to 0.1, below both: 4 of 6.
        // b is never above a in any resample, so the interval cannot reach below 0
        Map<String, Object> m = PairedBootstrap.compareAuroc(pos, neg, new double[] {0.9, 0.6, 0.1}, neg, 300, 3);
        assertThat((double) m.get("aurocDiff")).isCloseTo(5.0 / 6 - 4.0 / 6, within(1e-12));
        double[] ci = (double[]) m.get("aurocCi95");
        assertThat(ci[0]).isGreaterThanOrEqualTo(0);
        assertThat(ci[1]).isLessThanOrEqualTo(1);
        assertThatThrownBy(() -> PairedBootstrap.compareAuroc(pos, neg, pos, new double[0], 10, 1))
                .hasMessage("A paired AUROC bootstrap needs the same non-empty positives and negatives on both sides "
                        + "but got 3/2 and 3/0.");
    }

    @Test
    void unpairedListsAreRefused() {
        assertThatThrownBy(() -> PairedBootstrap.compare(List.of(new RankOutcome(0, 0)), List.of(), 10, 1))
                .hasMessage("A paired bootstrap needs the same non-empty pairs on both sides but got 1 and 0.");
    }

    @Test
    void clusteredIntervalsResampleWholeClustersAndAreWiderThanPairwiseOnes() {
        // 10 clusters of 10 values: five clusters all right, five all wrong. Pairwise the 100 values look like 100
        // coin flips (interval about +-0.1); by cluster there are only ten draws (about +-0.3).
        double[] values = new double[100];
        String[] clusters = new String[100];
        for (int i = 0; i < 100; i++) {
            clusters[i] = "d" + (i / 10);
            values[i] = (i / 10) % 2 == 0 ? 1 : 0;
        }
        double[] pairwise = PairedBootstrap.meanCi95(values, 2000, 3);
        double[] clustered = PairedBootstrap.clusteredMeanCi95(values, clusters, 2000, 3);
        assertThat(clustered[0]).isLessThanOrEqualTo(0.5).isLessThan(pairwise[0] - 0.1);
        assertThat(clustered[1]).isGreaterThanOrEqualTo(0.5).isGreaterThan(pairwise[1] + 0.1);
        // One value per cluster: the same resampling as the pairwise bootstrap's, in distribution.
        double[] constant = new double[] {1, 1, 1};
        assertThat(PairedBootstrap.clusteredMeanCi95(constant, new String[] {"a", "b", "c"}, 100, 1))
                .containsExactly(1, 1);
        assertThatThrownBy(() -> PairedBootstrap.clusteredMeanCi95(new double[2], new String[1], 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values and 1 clusters");
    }
}

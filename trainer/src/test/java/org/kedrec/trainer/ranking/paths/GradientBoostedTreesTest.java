package org.kedrec.trainer.ranking.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The boosted trees against hand-computed Newton steps, and an interaction a linear model cannot learn. */
class GradientBoostedTreesTest {
    @Test
    void quantileBinsPutEqualValuesTogether() {
        float[] edges = GradientBoostedTrees.quantileEdges(new float[] {4, 1, 3, 2}, 2);
        assertThat(edges).containsExactly(3f, Float.POSITIVE_INFINITY);
        assertThat(GradientBoostedTrees.bin(edges, 1)).isZero();
        assertThat(GradientBoostedTrees.bin(edges, 3)).isZero();
        assertThat(GradientBoostedTrees.bin(edges, 3.5f)).isEqualTo(1);
        // a constant column has one bin
        assertThat(GradientBoostedTrees.quantileEdges(new float[] {0, 0, 0}, 8))
                .containsExactly(0f, Float.POSITIVE_INFINITY);
    }

    @Test
    void oneStumpTakesTheNewtonStep() {
        // base logit log(2/2) = 0; g = 0.5 - y, h = 0.25; the split x <= 0 gives leaves -G/H = -(1)/(0.5) and +2
        float[][] x = {{0}, {0}, {1}, {1}};
        boolean[] y = {false, false, true, true};
        GradientBoostedTrees model = GradientBoostedTrees.fit(x, y,
                new GradientBoostedTrees.Params(1, 1, 1.0, 0, 0, 16, 1, 1));
        assertThat(model.trees()).isEqualTo(1);
        assertThat(model.logit(new float[] {0})).isCloseTo(-2, within(1e-9));
        assertThat(model.logit(new float[] {1})).isCloseTo(2, within(1e-9));
        assertThat(model.splitCounts(1)).containsExactly(1);
    }

    @Test
    void learnsAnInteractionThatLogisticRegressionCannot() {
        // y = x0 XOR x1, cells of unequal size (100, 100, 50, 50 rows) so that a greedy first split has a gain
        int[][] cells = {{0, 0, 100}, {0, 1, 100}, {1, 0, 50}, {1, 1, 50}};
        java.util.List<float[]> rows = new java.util.ArrayList<>();
        java.util.List<Boolean> labels = new java.util.ArrayList<>();
        for (int[] cell : cells) {
            for (int i = 0; i < cell[2]; i++) {
                rows.add(new float[] {cell[0], cell[1], (i * 7919 % 13) / 13f}); // a third, irrelevant feature
                labels.add((cell[0] ^ cell[1]) == 1);
            }
        }
        float[][] x = rows.toArray(new float[0][]);
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        GradientBoostedTrees trees = GradientBoostedTrees.fit(x, y,
                new GradientBoostedTrees.Params(30, 2, 0.3, 1, 1, 16, 1, 1));
        LogisticRegression linear = LogisticRegression.fit(x, y, null, 1);
        int linearWrong = 0;
        for (int[] cell : cells) {
            float[] row = {cell[0], cell[1], 0.5f};
            boolean positive = (cell[0] ^ cell[1]) == 1;
            assertThat(positive ? trees.logit(row) : -trees.logit(row)).as("cell %s", cell).isGreaterThan(2);
            if ((linear.logit(row) > 0) != positive) {
                linearWrong++;
            }
        }
        assertThat(linearWrong).isPositive();
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> new GradientBoostedTrees.Params(0, 4, 0.1, 1, 1, 64, 0.25, 1))
                .hasMessage("Invalid boosting parameters: rounds 0, depth 4, learning rate 0.1, bins 64, "
                        + "negative rate 0.25.");
        assertThatThrownBy(() -> GradientBoostedTrees.fit(new float[][] {{1}}, new boolean[0],
                GradientBoostedTrees.Params.defaults()))
                .hasMessage("Boosting needs one label per row but got 1 rows and 0 labels.");
    }
}

package org.kedrec.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathScorerTest {
    @Test
    void multipliesDampedDegreesPerRelationship() {
        // CbGaD through SLC6A3 on the demo graph: drug binds 14 genes, gene bound by 44 drugs, associated with 8
        // diseases, disease associated with 49 genes.
        double expected = Math.pow(14 * 44, -0.4) * Math.pow(8 * 49, -0.4);
        assertThat(PathScorer.pathDegreeProduct(List.of(14L, 44L, 8L, 49L))).isCloseTo(expected, within(1e-15));
        assertThat(PathScorer.pathDegreeProduct(List.of(1, 1))).isEqualTo(1.0);
        assertThat(PathScorer.pathDegreeProduct(List.of(2, 2), 0.0)).isEqualTo(1.0);
    }

    @Test
    void hubsAndLongerPathsScoreLower() {
        assertThat(PathScorer.pathDegreeProduct(List.of(5, 500, 3, 20)))
                .isLessThan(PathScorer.pathDegreeProduct(List.of(5, 5, 3, 20)));
        assertThat(PathScorer.pathDegreeProduct(List.of(5, 5, 3, 20, 2, 2)))
                .isLessThan(PathScorer.pathDegreeProduct(List.of(5, 5, 3, 20)));
    }

    @Test
    void needsTwoDegreesPerRelationship() {
        assertThatThrownBy(() -> PathScorer.pathDegreeProduct(List.of(1, 2, 3)))
                .hasMessage("A path needs two degrees per relationship but got 3: [1, 2, 3].");
        assertThatThrownBy(() -> PathScorer.pathDegreeProduct(new ArrayList<Integer>()))
                .hasMessage("A path needs two degrees per relationship but got 0: [].");
    }
}

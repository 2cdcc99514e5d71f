package org.kedrec.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathSelectorTest {
    static GraphPath path(String metapath, String gene, double score) {
        return new GraphPath(metapath, List.of("DrugBank:DB1", gene, "DOID:1"), List.of("a", gene, "d"),
                List.of("Drug", "Gene", "Disease"), List.of("BINDS", "ASSOCIATES"), List.of(true, false),
                List.of(1L, 1L, 1L, 1L), score);
    }

    @Test
    void takesTheBestOfEachMetapathBeforeRepeatingOne() {
        List<GraphPath> paths = List.of(path("CbGaD", "G1", 0.9), path("CbGaD", "G2", 0.8),
                path("CuGaD", "G3", 0.1), path("CdGaD", "G4", 0.05), path("CbGaD", "G5", 0.7));
        assertThat(PathSelector.select(paths, 3, 1)).extracting(p -> p.ids().get(1))
                .containsExactly("G1", "G3", "G4");
        assertThat(PathSelector.select(paths, 3, 2)).extracting(p -> p.ids().get(1))
                .containsExactly("G1", "G2", "G3");
    }

    @Test
    void fillsUpFromRepeatedMetapathsWhenFewAreAvailable() {
        List<GraphPath> paths = List.of(path("CbGaD", "G2", 0.8), path("CbGaD", "G1", 0.9),
                path("CbGaD", "G9", 0.8));
        assertThat(PathSelector.select(paths, 3, 1)).extracting(p -> p.ids().get(1))
                .containsExactly("G1", "G2", "G9");
        assertThat(PathSelector.select(List.of(), 3, 1)).isEmpty();
    }
}

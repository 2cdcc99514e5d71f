package org.kedrec.core.explain;

import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The walk on a hand-made graph: the query's order (score without the drug's degree, then ids), the per-metapath
 * cap, simple paths, directions of undirected steps, degrees, and drugs or diseases that are not in the graph. That
 * it returns exactly the query's paths on a real graph is checked in the plugin (PathQueryFormsTest).
 */
class PathTraversalTest {
    /** An in-memory graph: node ids are the handles. */
    private static final class MemoryGraph implements PathGraph<String> {
        final Map<String, String> labels = new java.util.HashMap<>();
        final List<String[]> edges = new ArrayList<>();

        MemoryGraph node(String id, String label) {
            labels.put(id, label);
            return this;
        }

        MemoryGraph edge(String from, String type, String to) {
            edges.add(new String[] {from, type, to});
            return this;
        }

        @Override
        public String find(String label, String id) {
            return label.equals(labels.get(id)) ? id : null;
        }

        @Override
        public void expand(String node, String type, Metapath.Direction direction, String otherLabel,
                Neighbour<String> visitor) {
            for (String[] e : edges) {
                if (!e[1].equals(type)) {
                    continue;
                }
                boolean out = e[0].equals(node) && direction != Metapath.Direction.IN;
                boolean in = e[2].equals(node) && direction != Metapath.Direction.OUT && !(out && e[0].equals(e[2]));
                if (out && otherLabel.equals(labels.get(e[2]))) {
                    visitor.accept(e[2], true);
                }
                if (in && otherLabel.equals(labels.get(e[0]))) {
                    visitor.accept(e[0], false);
                }
            }
        }

        @Override
        public long degree(String node, String type, Metapath.Direction direction, String otherLabel) {
            long[] count = {0};
            for (String label : List.of("Drug", "Gene", "Disease")) {
                if (otherLabel == null || otherLabel.equals(label)) {
                    expand(node, type, direction, label, (other, start) -> count[0]++);
                }
            }
            return count[0];
        }

        @Override
        public String id(String node) {
            return node;
        }

        @Override
        public String name(String node) {
            return node.toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static MemoryGraph graph() {
        return new MemoryGraph()
                .node("C1", "Drug").node("C2", "Drug")
                .node("G1", "Gene").node("G2", "Gene").node("G3", "Gene")
                .node("D1", "Disease").node("D2", "Disease")
                .edge("C1", "BINDS", "G1").edge("C1", "BINDS", "G2").edge("C2", "BINDS", "G2")
                .edge("D1", "ASSOCIATES", "G1").edge("D1", "ASSOCIATES", "G2")
                .edge("D2", "ASSOCIATES", "G2").edge("D2", "ASSOCIATES", "G3")
                .edge("G1", "INTERACTS", "G3").edge("G2", "INTERACTS", "G2");
    }

    @Test
    void pathsComeInTheQueryOrderWithTheirDegrees() {
        PathTraversal<String> walk = new PathTraversal<>(graph(), PathScorer.DAMPING, List.of());
        Metapath cbgad = Metapaths.byAbbreviation("CbGaD");
        Map<String, List<GraphPath>> found = walk.candidatesForDisease("D1", List.of("C1", "C2", "C9"),
                List.of(cbgad), 5);
        assertThat(found.keySet()).containsExactly("C1", "C2", "C9");
        // Via G1 (bound by one drug, associated with one disease) before via G2 (two and two).
        assertThat(found.get("C1")).extracting(GraphPath::ids)
                .containsExactly(List.of("C1", "G1", "D1"), List.of("C1", "G2", "D1"));
        assertThat(found.get("C1").get(0).degrees()).containsExactly(2L, 1L, 1L, 2L);
        assertThat(found.get("C1").get(1).degrees()).containsExactly(2L, 2L, 2L, 2L);
        assertThat(found.get("C1").get(0).names()).containsExactly("c1", "g1", "d1");
        assertThat(found.get("C1").get(0).directions()).containsExactly(true, false);
        assertThat(found.get("C1").get(0).score())
                .isEqualTo(PathScorer.pathDegreeProduct(List.of(2L, 1L, 1L, 2L)));
        assertThat(found.get("C2")).extracting(GraphPath::ids).containsExactly(List.of("C2", "G2", "D1"));
        assertThat(found.get("C9")).as("a drug that is not in the graph").isEmpty();

        assertThat(walk.candidatesForDisease("D1", List.of("C1"), List.of(cbgad), 1).get("C1"))
                .extracting(GraphPath::ids).containsExactly(List.of("C1", "G1", "D1"));
        assertThat(walk.candidatesForDisease("D9", List.of("C1"), List.of(cbgad), 3).get("C1"))
                .as("a disease that is not in the graph").isEmpty();
    }

    @Test
    void pathsAreSimpleAndUndirectedStepsKeepTheirDirection() {
        PathTraversal<String> walk = new PathTraversal<>(graph(), PathScorer.DAMPING, List.of());
        Metapath cbgigad = Metapaths.byAbbreviation("CbGiGaD");
        Map<String, List<GraphPath>> toD2 = walk.candidatesForDisease("D2", List.of("C1"), List.of(cbgigad), 5);
        assertThat(toD2.get("C1")).extracting(GraphPath::ids).containsExactly(List.of("C1", "G1", "G3", "D2"));
        assertThat(toD2.get("C1").get(0).directions()).containsExactly(true, true, false);
        // G2 interacts only with itself: C1-G2-G2-D1 would pass G2 twice.
        Map<String, List<GraphPath>> toD1 = walk.candidatesForDisease("D1", List.of("C1", "C2"), List.of(cbgigad), 5);
        assertThat(toD1.get("C1")).isEmpty();
        assertThat(toD1.get("C2")).isEmpty();
    }

    @Test
    void aDrugListedTwiceIsRefused() {
        PathTraversal<String> walk = new PathTraversal<>(graph(), PathScorer.DAMPING, List.of());
        assertThatThrownBy(() -> walk.candidatesForDisease("D1", List.of("C1", "C1"), Metapaths.DEFAULT, 1))
                .hasMessage("The drug `C1` is listed twice in one path request; list each drug once.");
    }
}

package org.kedrec.core.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;

/** The serving layer's pure parts: metapath catalogues, what a request needs, the ranker's fallback choice. */
class ServingTest {
    @Test
    void catalogueByMaximumLength() {
        assertThat(Explainer.metapaths(3)).isSameAs(Metapaths.DEFAULT);
        assertThat(Explainer.metapaths(2)).isNotEmpty().allSatisfy(m -> assertThat(m.length()).isEqualTo(2));
        assertThat(Explainer.metapaths(4)).hasSize(Metapaths.DEFAULT.size() + 1).contains(Metapaths.PATHWAY);
        assertThat(Explainer.metapaths(2).size() + Metapaths.DEFAULT.stream().filter(m -> m.length() == 3).count())
                .isEqualTo(Metapaths.DEFAULT.size());
        assertThatThrownBy(() -> Explainer.metapaths(5)).hasMessage(
                "The value of `maxPathLength` must be between 2 and 4 but was 5.");
    }

    @Test
    void needs() {
        assertThat(new Explainer.Needs(false, false, RationaleMode.NONE).anything()).isFalse();
        assertThat(new Explainer.Needs(true, false, null).example()).isFalse();
        assertThat(new Explainer.Needs(false, false, RationaleMode.TEACHER).example()).isTrue();
        assertThat(RationaleMode.of(" Student ")).isEqualTo(RationaleMode.STUDENT);
        assertThatThrownBy(() -> RationaleMode.of("gpt")).hasMessage(
                "Invalid value for `rationale`: `gpt`. Valid values are: [teacher, student, none].");
    }

    @Test
    void nothingAskedRunsNoQuery() {
        List<String> queries = new ArrayList<>();
        Explainer explainer = new Explainer((cypher, params) -> {
            queries.add(cypher);
            return List.of();
        });
        List<Explainer.Explanation> out = explainer.explainEach("DOID:1", "d",
                List.of(new Explainer.Candidate("DrugBank:DB1", "a")), 3, 3,
                new Explainer.Needs(false, false, RationaleMode.NONE), null);
        assertThat(queries).isEmpty();
        assertThat(out).singleElement().satisfies(e -> assertThat(e.paths()).isEmpty());
        explainer.explainEach("DOID:1", "d", List.of(new Explainer.Candidate("DrugBank:DB1", "a")), 3, 3,
                new Explainer.Needs(true, false, RationaleMode.NONE), null);
        assertThat(queries).hasSize(1);
        // Without paths, trials or publications the teacher still answers, from the example it is given; it does not
        // call a drug it is asked about a disease-modifying treatment (nothing served establishes that).
        List<Explainer.Explanation> taught = explainer.explainEach("DOID:1", "dropsy",
                List.of(new Explainer.Candidate("DrugBank:DB1", "Aspirin")), 3, 3,
                new Explainer.Needs(false, true, RationaleMode.TEACHER), null);
        assertThat(taught.get(0).rationale()).isEqualTo("Aspirin. No evidence here links Aspirin to dropsy.");
        assertThat(taught.get(0).evidence()).isEmpty();
    }

    @Test
    void theRankersFallbackChoiceIsItsBestScoreWithOddsThatSumToOne() {
        double[] out = new double[3];
        int best = CandidateSelector.normaliseOdds(new double[] {0.2, 0.8, 0.5}, out);
        assertThat(best).isEqualTo(1);
        assertThat(out[0] + out[1] + out[2]).isCloseTo(1.0, within(1e-12));
        // odds 0.25 : 4 : 1
        assertThat(out[1] / out[2]).isCloseTo(4.0, within(1e-9));
        assertThat(out[2] / out[0]).isCloseTo(4.0, within(1e-9));
        assertThat(CandidateSelector.normaliseOdds(new double[] {0.5, 0.5}, new double[2])).isZero();
    }

    @Test
    void selectRefusesMoreCandidatesThanTheStudentsPromptHolds() {
        List<Explainer.Candidate> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(new Explainer.Candidate("DrugBank:DB" + i, "d" + i));
        }
        Explainer explainer = new Explainer((cypher, params) -> List.<Map<String, Object>>of());
        assertThatThrownBy(() -> CandidateSelector.select(explainer, "DOID:1", "d", nine, org.kedrec.core.lm.PromptShape.DEFAULT, null,
                new double[9], RationaleMode.NONE)).hasMessage("kedrec.select chooses among 1 to 8 drugs but got 9. "
                        + "Pass a shorter list, or rank any number of drugs with kedrec.recommend.");
        assertThat(Metapaths.DEFAULT).extracting(Metapath::length).containsOnly(2, 3);
    }
}

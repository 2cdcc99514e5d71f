package org.kedrec.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The measures of {@code kedrec eval explain}, on hand-made call results (the live run needs a served graph). */
class ExplainEvaluationTest {
    @Test
    void mechanismSharesCountOnlyPairsThatHaveAMechanismAndGenesCountOnceInTheTopFive() {
        ExplainEvaluation.Measures measures = new ExplainEvaluation.Measures();
        measures.add(new ExplainEvaluation.Ranked(List.of("mechanism", "similarity"),
                List.of(List.of("G1"), List.of("G1", "G2"))), true);
        measures.add(new ExplainEvaluation.Ranked(List.of("similarity", "similarity", "mechanism"),
                List.of(List.of(), List.of(), List.of("G3"))), true);
        measures.add(new ExplainEvaluation.Ranked(
                List.of("similarity", "similarity", "similarity", "similarity", "similarity", "mechanism"),
                List.of(List.of(), List.of(), List.of(), List.of(), List.of(), List.of("G9"))), true);
        // No mechanism path in the graph: it counts for the genes, not for the mechanism shares.
        measures.add(new ExplainEvaluation.Ranked(List.of("similarity"), List.of(List.of("G4"))), false);
        Map<String, Object> out = measures.toMap();
        assertThat(out.get("mechanismTop1")).isEqualTo(0.333);
        assertThat(out.get("mechanismInTop5")).isEqualTo(0.667);
        assertThat(out.get("distinctGenesTop5")).isEqualTo(1.0);
        assertThat(out.get("pairsWithMechanism")).isEqualTo(3);
    }

    @Test
    void targetSharesCountPairsThatHaveATargetPathAndPharmacokineticLeadsCountOverAllPairs() {
        ExplainEvaluation.Measures measures = new ExplainEvaluation.Measures();
        // led by a path through the drug's metabolising enzyme although a target path exists: a miss
        measures.add(new ExplainEvaluation.Ranked(List.of("mechanism", "mechanism"), List.of(List.of("CYP"),
                List.of("T")), List.of(true, false)), new ExplainEvaluation.Offer(true, true));
        // led by a target path: a hit
        measures.add(new ExplainEvaluation.Ranked(List.of("mechanism"), List.of(List.of("T")), List.of(false)),
                new ExplainEvaluation.Offer(true, true));
        // only enzyme paths in the graph: not counted for the target share, counted as a pharmacokinetic lead
        measures.add(new ExplainEvaluation.Ranked(List.of("mechanism"), List.of(List.of("CYP")), List.of(true)),
                new ExplainEvaluation.Offer(true, false));
        measures.add(new ExplainEvaluation.Ranked(List.of("similarity"), List.of(List.of())),
                new ExplainEvaluation.Offer(false, false));
        Map<String, Object> out = measures.toMap();
        assertThat(out.get("targetTop1")).isEqualTo(0.5);
        assertThat(out.get("pairsWithTargetMechanism")).isEqualTo(2);
        assertThat(out.get("pharmacokineticTop1")).isEqualTo(0.5);
        assertThat(out.get("mechanismTop1")).isEqualTo(1.0);
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> millis = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            millis.add((double) i);
        }
        Map<String, Object> out = ExplainEvaluation.percentiles(millis);
        assertThat(out.get("p50Ms")).isEqualTo(100.0);
        assertThat(out.get("p99Ms")).isEqualTo(198.0);
        assertThat(out.get("calls")).isEqualTo(200);
        assertThat(ExplainEvaluation.percentiles(List.of()).get("p99Ms")).isEqualTo(0.0);
    }
}

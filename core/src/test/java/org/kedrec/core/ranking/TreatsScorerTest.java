package org.kedrec.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kedrec.core.ranking.kge.KgeBlock;
import org.kedrec.core.ranking.kge.KgeKind;

/**
 * The plain-Java scorer the ranker serves with gives the block's own serving call's scores (through a DJL predictor,
 * as the ranker scored before) for every kind of embedding, every disease and every drug, to float rounding.
 */
class TreatsScorerTest {
    private static final int ENTITIES = 60;
    private static final int RELATIONS = 3;
    private static final int DIM = 16;
    private static final int TREATS = 1;

    @ParameterizedTest
    @EnumSource(KgeKind.class)
    void theFastScorerGivesTheEnginesScores(KgeKind kind) throws Exception {
        KgeBlock block = new KgeBlock(kind, ENTITIES, RELATIONS, DIM);
        int[] drugs = new int[25];
        long[] drugsLong = new long[drugs.length];
        for (int i = 0; i < drugs.length; i++) {
            drugs[i] = 5 + 2 * i;
            drugsLong[i] = drugs[i];
        }
        int[] diseases = {0, 2, 4, 6, 56, 58};
        try (Model model = DrugRanker.newModel(Device.cpu())) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1), new Shape(1),
                    new Shape(drugs.length));
            TreatsScorer scorer = TreatsScorer.of(block, model.getNDManager(), TREATS, drugs, diseases, ENTITIES);
            try (Predictor<DrugRanker.HeadQuery, float[]> engine =
                    model.newPredictor(new DrugRanker.HeadQueryTranslator())) {
                int compared = 0;
                for (int disease : diseases) {
                    assertThat(scorer.knows(disease)).isTrue();
                    float[] expected = engine.predict(new DrugRanker.HeadQuery(TREATS, disease, drugsLong));
                    float[] got = scorer.scores(disease);
                    assertThat(got).hasSameSizeAs(expected);
                    for (int c = 0; c < got.length; c++) {
                        assertThat((double) got[c]).as("%s disease %d drug %d", kind, disease, c)
                                .isCloseTo(expected[c], within(1e-5 * Math.max(1, Math.abs(expected[c]))));
                        compared++;
                    }
                }
                assertThat(compared).isEqualTo(diseases.length * drugs.length);
                assertThat(scorer.knows(1)).as("not a disease").isFalse();
            }
        }
    }
}

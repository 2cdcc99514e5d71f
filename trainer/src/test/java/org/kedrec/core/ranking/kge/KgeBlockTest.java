package org.kedrec.core.ranking.kge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The three scoring functions against hand-computed values, through the block's serving call (score every candidate
 * head) and its training call (positive, corrupted heads and tails). Lives in the trainer's tests because it needs
 * the PyTorch engine, which core does not depend on.
 */
class KgeBlockTest {
    private static float[] serve(KgeBlock block, NDManager m, long relation, long tail, long... heads) {
        NDList out = block.forward(new ParameterStore(m, false),
                new NDList(m.create(new long[] {relation}), m.create(new long[] {tail}), m.create(heads)), false);
        return out.singletonOrThrow().toFloatArray();
    }

    private static KgeBlock block(NDManager m, KgeKind kind, int dim, float[][] entities, float[][] relations) {
        KgeBlock block = new KgeBlock(kind, entities.length, relations.length, dim);
        block.initialize(m, DataType.FLOAT32, new Shape(1), new Shape(1), new Shape(1));
        block.entityParameter().getArray().set(FloatBuffer.wrap(flatten(entities)));
        block.relationParameter().getArray().set(FloatBuffer.wrap(flatten(relations)));
        return block;
    }

    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        return out;
    }

    @Test
    void distMultIsTheTrilinearProduct() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            KgeBlock block = block(m, KgeKind.DISTMULT, 2,
                    new float[][] {{1, 2}, {3, -1}, {0.5f, 0.5f}}, new float[][] {{2, 1}});
            // (e1, r0, e0): 3*2*1 + (-1)*1*2 = 4 ; (e2, r0, e0): 0.5*2*1 + 0.5*1*2 = 2
            assertThat(serve(block, m, 0, 0, 1, 2)).containsExactly(4f, 2f);
        }
    }

    @Test
    void complExIsTheRealPartOfTheHermitianProduct() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // dim 1: h = 1 + 2i, r = 3 - 1i, t = 2 + 1i ; h*r = (3 + 2) + (-1 + 6)i = 5 + 5i ;
            // (5 + 5i) * conj(2 + 1i) = (5 + 5i)(2 - 1i) = 10 - 5i + 10i + 5 = 15 + 5i -> 15
            // reversed roles (t as head): (2 + 1i)(3 - 1i) = 7 + 1i ; (7 + 1i)(1 - 2i) = 7 - 14i + i + 2 = 9 -> 9
            KgeBlock block = block(m, KgeKind.COMPLEX, 1, new float[][] {{1, 2}, {2, 1}}, new float[][] {{3, -1}});
            // candidates e0 and e1 for (?, r0, e1): e0 gives 15 ; e1 gives Re((2 + i)(3 - i)(2 - i)) = Re((7 + i)(2 - i))
            // = 14 - 7i + 2i + 1 = 15 - 5i -> 15
            assertThat(serve(block, m, 0, 1, 0, 1)).containsExactly(15f, 15f);
        }
    }

    @Test
    void complExIsAsymmetric() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            KgeBlock block = block(m, KgeKind.COMPLEX, 1, new float[][] {{1, 2}, {2, 1}}, new float[][] {{3, -1}});
            assertThat(serve(block, m, 0, 1, 0)).containsExactly(15f); // (h=e0, t=e1)
            assertThat(serve(block, m, 0, 0, 1)).containsExactly(9f); // (h=e1, t=e0)
        }
    }

    @Test
    void complExTrainingCallScoresCorruptedHeadsAndTailsAsWholeTriples() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            KgeBlock block = block(m, KgeKind.COMPLEX, 1, new float[][] {{1, 2}, {2, 1}}, new float[][] {{3, -1}});
            NDList out = block.forward(new ParameterStore(m, false), new NDList(m.create(new long[] {1}),
                    m.create(new long[] {0}), m.create(new long[] {0}), m.create(new long[] {0, 1}),
                    m.create(new long[] {0, 1})), true);
            // (e1, r0, e0) = 9 (above); heads e0, e1 for (?, r0, e0): 15, 9; tails for (e1, r0, ?): e1*r0 = 7 + i,
            // (7 + i)(1 - 2i) = 9 - 13i -> 9 and (7 + i)(2 - i) = 15 - 5i -> 15
            assertThat(out.get(0).toFloatArray()).containsExactly(9f);
            assertThat(out.get(1).toFloatArray()).containsExactly(15f, 9f);
            assertThat(out.get(2).toFloatArray()).containsExactly(9f, 15f);
        }
    }

    @Test
    void rotatEIsMinusTheDistanceAfterRotation() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // dim 1: h = 1 + 0i rotated by pi/2 gives 0 + 1i; t = 0 + 1i -> distance 0 ; t = 3 + 1i -> distance 3
            KgeBlock block = block(m, KgeKind.ROTATE, 1, new float[][] {{1, 0}, {0, 1}, {3, 1}},
                    new float[][] {{(float) (Math.PI / 2)}});
            float[] toT1 = serve(block, m, 0, 1, 0);
            float[] toT2 = serve(block, m, 0, 2, 0);
            assertThat((double) toT1[0]).isCloseTo(0, within(1e-3));
            assertThat((double) toT2[0]).isCloseTo(-3, within(1e-4));
        }
    }

    @Test
    void trainingCallScoresPositivesAndSharedNegatives() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            KgeBlock block = block(m, KgeKind.DISTMULT, 2,
                    new float[][] {{1, 2}, {3, -1}, {0.5f, 0.5f}}, new float[][] {{2, 1}});
            NDList out = block.forward(new ParameterStore(m, false), new NDList(m.create(new long[] {1}),
                    m.create(new long[] {0}), m.create(new long[] {0}), m.create(new long[] {1, 2}),
                    m.create(new long[] {0, 1, 2})), true);
            assertThat(out.get(0).toFloatArray()).containsExactly(4f); // (e1, r0, e0)
            assertThat(out.get(1).toFloatArray()).containsExactly(4f, 2f); // heads e1, e2 for (?, r0, e0)
            // tails for (e1, r0, ?): e1*r0 = (6, -1) . (1,2), (3,-1), (0.5,0.5) = 4, 19, 2.5
            assertThat(out.get(2).toFloatArray()).containsExactly(4f, 19f, 2.5f);
            // N3 per triple: |h|^3 + |t|^3 + |r|^3 = (27 + 1) + (1 + 8) + (8 + 1) = 46
            assertThat(out.get(3).getFloat()).isEqualTo(46f);
            assertThat(block.getOutputShapes(new Shape[] {new Shape(1), new Shape(1), new Shape(1), new Shape(2),
                new Shape(3)})).containsExactly(new Shape(1), new Shape(1, 2), new Shape(1, 3), new Shape());
            assertThat(out.get(0).getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    /**
     * The trainer differentiates only the rows a batch touches (gathered into small tables, indexes renumbered into
     * them); that must give the same scores and, row for row, the same gradients as the whole-table call, for every
     * scoring function, including rows that appear in several roles (entity 1 is a head, a candidate head and a
     * candidate tail here).
     */
    @Test
    void theTrainingCallOverGatheredRowsEqualsTheWholeTableCall() {
        for (KgeKind kind : KgeKind.values()) {
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                Engine.getEngine("PyTorch").setRandomSeed(5);
                int dim = 3;
                KgeBlock block = new KgeBlock(kind, 9, 3, dim);
                block.initialize(m, DataType.FLOAT32, new Shape(1), new Shape(1), new Shape(1));
                NDArray entities = block.entityParameter().getArray();
                NDArray relations = block.relationParameter().getArray();
                long[] touched = {7, 1, 4, 2, 8};  // table rows, in the order the trainer would meet them
                long[][] global = {{7, 1}, {2, 2}, {4, 8}, {1, 2, 7}, {8, 1}};  // heads, relations, tails, candidates
                long[][] local = {{0, 1}, {0, 0}, {2, 4}, {1, 3, 0}, {4, 1}};

                NDArray wholeEntities = entities.duplicate();
                NDArray wholeRelations = relations.duplicate();
                wholeEntities.setRequiresGradient(true);
                wholeRelations.setRequiresGradient(true);
                NDArray gatheredEntities =
                        entities.get(new NDIndex("{}", m.create(touched)));
                NDArray gatheredRelation = relations.get(new NDIndex("2:3"));
                gatheredEntities.setRequiresGradient(true);
                gatheredRelation.setRequiresGradient(true);
                float[][] whole = scoresAndBackward(m, block, wholeEntities, wholeRelations, global);
                float[][] gathered = scoresAndBackward(m, block, gatheredEntities, gatheredRelation, local);
                for (int i = 0; i < whole.length; i++) {
                    assertThat(gathered[i]).as(kind + " output " + i).containsExactly(whole[i], within(1e-6f));
                }
                float[] wholeGradient = wholeEntities.getGradient().toFloatArray();
                float[] gatheredGradient = gatheredEntities.getGradient().toFloatArray();
                int width = kind.entityWidth(dim);
                for (int i = 0; i < touched.length; i++) {
                    for (int c = 0; c < width; c++) {
                        assertThat(gatheredGradient[i * width + c]).as(kind + " gradient of row " + touched[i])
                                .isCloseTo(wholeGradient[(int) touched[i] * width + c], within(1e-6f));
                    }
                }
                assertThat(wholeGradient[3 * width]).as("an untouched row has no gradient").isZero();
                float[] relationGradient = wholeRelations.getGradient().toFloatArray();
                int relationWidth = kind.relationWidth(dim);
                assertThat(gatheredRelation.getGradient().toFloatArray()).as(kind + " relation gradient")
                        .containsExactly(Arrays.copyOfRange(relationGradient, 2 * relationWidth,
                                3 * relationWidth), within(1e-6f));
            }
        }
    }

    private static float[][] scoresAndBackward(NDManager m, KgeBlock block, NDArray entities,
            NDArray relations, long[][] indexes) {
        NDList in = new NDList();
        for (long[] index : indexes) {
            in.add(m.create(index));
        }
        try (GradientCollector collector =
                Engine.getEngine("PyTorch").newGradientCollector()) {
            NDList out = block.trainingScores(entities, relations, in);
            // A loss that reads every output with a different weight, so that every gradient entry is exercised.
            NDArray loss = out.get(0).sum().add(out.get(1).mul(0.5f).sum())
                    .add(out.get(2).mul(-0.25f).sum()).add(out.get(3));
            collector.backward(loss);
            float[][] values = new float[out.size()][];
            for (int i = 0; i < out.size(); i++) {
                values[i] = out.get(i).toFloatArray();
            }
            return values;
        }
    }

    @Test
    void badShapesAndNamesAreExplained() {
        assertThatThrownBy(() -> new KgeBlock(KgeKind.COMPLEX, 0, 1, 8))
                .hasMessage("A KG-embedding model needs at least one entity, relation and dimension but got 0 "
                        + "entities, 1 relations, dim 8.");
        assertThatThrownBy(() -> KgeKind.parse("transe"))
                .hasMessage("Unknown KG-embedding model `transe`. Valid models are: [distmult, complex, rotate].");
        assertThat(KgeKind.parse("ComplEx")).isEqualTo(KgeKind.COMPLEX);
    }
}

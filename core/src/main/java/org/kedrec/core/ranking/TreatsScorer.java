package org.kedrec.core.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import org.kedrec.core.ranking.kge.KgeBlock;
import org.kedrec.core.ranking.kge.KgeKind;

/**
 * The KG-embedding scores of {@code (drug, TREATS, disease)} for every drug, computed in plain Java over float arrays
 * copied out of the {@link KgeBlock} once at load: the drugs' rows, the diseases' rows and the TREATS relation. The
 * formulas are the block's serving call ({@link KgeBlock} with 3 inputs) written out: one disease against all drugs
 * is a few hundred thousand multiply-adds, so a per-call NDArray round trip through the engine (a predictor from the
 * pool, three index arrays, a native call and a copy back) cost more than the arithmetic, and with more clients than
 * predictors the calls queued for one. Dot products are summed in double and rounded once, so a score differs from
 * the engine's float GEMM by a rounding (DrugRankerTest and the plugin's fixture compare both); thread-safe and
 * allocation-free apart from the returned array.
 */
final class TreatsScorer {
    /** Keeps RotatE's distance finite where it is zero, as {@link KgeBlock} does. */
    private static final float EPS = 1e-9f;

    private final KgeKind kind;
    private final int width;
    private final int drugs;
    private final float[] drugRows;
    private final float[] diseaseRows;
    private final int[] diseaseRowOfEntity;
    private final float[] relation;

    private TreatsScorer(KgeKind kind, int width, float[] drugRows, float[] diseaseRows, int[] diseaseRowOfEntity,
            float[] relation) {
        this.kind = kind;
        this.width = width;
        this.drugs = drugRows.length / width;
        this.drugRows = drugRows;
        this.diseaseRows = diseaseRows;
        this.diseaseRowOfEntity = diseaseRowOfEntity;
        this.relation = relation;
    }

    /**
     * Copies the rows it needs out of {@code block}'s loaded parameters.
     *
     * @param drugIndexes the drugs' entity indexes, in scoring order
     * @param diseaseIndexes the entity indexes of every disease that may be scored
     */
    static TreatsScorer of(KgeBlock block, NDManager manager, int treatsRelation, int[] drugIndexes,
            int[] diseaseIndexes, int entityCount) {
        KgeKind kind = block.kind();
        int width = kind.entityWidth(block.dim());
        try (NDManager scope = manager.newSubManager()) {
            NDArray entities = block.entityParameter().getArray();
            NDArray relations = block.relationParameter().getArray();
            float[] drugRows = rows(scope, entities, drugIndexes);
            float[] diseaseRows = rows(scope, entities, diseaseIndexes);
            float[] relation = rows(scope, relations, new int[] {treatsRelation});
            int[] rowOf = new int[entityCount];
            java.util.Arrays.fill(rowOf, -1);
            for (int i = 0; i < diseaseIndexes.length; i++) {
                rowOf[diseaseIndexes[i]] = i;
            }
            return new TreatsScorer(kind, width, drugRows, diseaseRows, rowOf, relation);
        }
    }

    /** Rows of {@code table}, by the block's own embedding lookup (the serving call's first step). */
    private static float[] rows(NDManager scope, NDArray table, int[] indexes) {
        if (indexes.length == 0) {
            return new float[0];
        }
        long[] longs = new long[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            longs[i] = indexes[i];
        }
        NDArray index = scope.create(longs);
        NDArray picked = table.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
        picked.attach(scope);
        return picked.toFloatArray();
    }

    boolean knows(int diseaseEntity) {
        return diseaseEntity >= 0 && diseaseEntity < diseaseRowOfEntity.length
                && diseaseRowOfEntity[diseaseEntity] >= 0;
    }

    /** Every drug's score for the disease with entity index {@code diseaseEntity}, in drug order. */
    float[] scores(int diseaseEntity) {
        int t = diseaseRowOfEntity[diseaseEntity] * width;
        float[] out = new float[drugs];
        switch (kind) {
            case DISTMULT -> {
                float[] q = new float[width];
                for (int j = 0; j < width; j++) {
                    q[j] = relation[j] * diseaseRows[t + j];
                }
                dots(q, out);
            }
            case COMPLEX -> {
                // KgeBlock.complexHeadQuery: r o conj(t) as [re | im], so the score is a dot product with the drug.
                int half = width / 2;
                float[] q = new float[width];
                for (int j = 0; j < half; j++) {
                    float rr = relation[j];
                    float ri = relation[half + j];
                    float tr = diseaseRows[t + j];
                    float ti = diseaseRows[t + half + j];
                    q[j] = rr * tr + ri * ti;
                    q[half + j] = rr * ti - ri * tr;
                }
                dots(q, out);
            }
            case ROTATE -> {
                // |h o r - t| = |h - t o conj(r)|: rotate the disease back, then the distance to every drug.
                int half = width / 2;
                float[] re = new float[half];
                float[] im = new float[half];
                for (int j = 0; j < half; j++) {
                    float cos = (float) Math.cos(relation[j]);
                    float sin = -(float) Math.sin(relation[j]);
                    float er = diseaseRows[t + j];
                    float ei = diseaseRows[t + half + j];
                    re[j] = er * cos - ei * sin;
                    im[j] = er * sin + ei * cos;
                }
                for (int c = 0; c < drugs; c++) {
                    int o = c * width;
                    double sum = 0;
                    for (int j = 0; j < half; j++) {
                        float dr = re[j] - drugRows[o + j];
                        float di = im[j] - drugRows[o + half + j];
                        sum += Math.sqrt(dr * dr + di * di + EPS);
                    }
                    out[c] = (float) -sum;
                }
            }
        }
        return out;
    }

    private void dots(float[] q, float[] out) {
        for (int c = 0; c < drugs; c++) {
            int o = c * width;
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += (double) q[j] * drugRows[o + j];
            }
            out[c] = (float) sum;
        }
    }
}

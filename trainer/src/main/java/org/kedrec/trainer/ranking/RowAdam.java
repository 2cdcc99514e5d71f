package org.kedrec.trainer.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Adam for one embedding table that updates only the rows a batch touched ("lazy" Adam, as TensorFlow's
 * LazyAdamOptimizer and PyTorch's SparseAdam), from a gradient that holds only those rows. Rows a batch did not touch
 * keep their moments (their gradient is exactly zero, so only the momentum decay would differ). Every array it reads
 * or writes per step has the batch's size, so a step costs the same on a table of 28 thousand or 445 thousand rows;
 * DJL's own optimisers rewrite every row of every table on every step.
 */
final class RowAdam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final NDArray table;
    private final NDArray means;
    private final NDArray variances;

    /** Moments for {@code table}, kept in {@code manager} (which must outlive training). */
    RowAdam(NDArray table, NDManager manager) {
        this.table = table;
        this.means = manager.zeros(table.getShape(), table.getDataType(), table.getDevice());
        this.variances = manager.zeros(table.getShape(), table.getDataType(), table.getDevice());
    }

    /**
     * Applies step {@code step} (1-based, for the bias correction) with learning rate {@code learningRate}:
     * {@code gradient[i]} is the gradient of table row {@code rows[i]}; {@code rows} holds no row twice.
     */
    void update(NDArray rows, NDArray gradient, int step, float learningRate) {
        try (NDManager scope = table.getManager().newSubManager(table.getDevice())) {
            NDIndex at = new NDIndex("{}", rows);
            NDArray m = means.get(scope, at).mul(BETA1).add(gradient.mul(1 - BETA1));
            NDArray v = variances.get(scope, at).mul(BETA2).add(gradient.square().mul(1 - BETA2));
            float c1 = (float) (1 - Math.pow(BETA1, step));
            float c2 = (float) (1 - Math.pow(BETA2, step));
            NDArray update = m.div(c1).div(v.div(c2).sqrt().add(EPSILON)).mul(learningRate);
            table.set(at, table.get(scope, at).sub(update));
            means.set(at, m);
            variances.set(at, v);
        }
    }

    @Override
    public void close() {
        means.close();
        variances.close();
    }
}

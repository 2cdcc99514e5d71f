package org.kedrec.trainer.ranking;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam that updates only the embedding rows a batch touched ("lazy" Adam, as TensorFlow's LazyAdamOptimizer and
 * PyTorch's SparseAdam): DJL's Adam rewrites every row of every table on every step, which for a 28k-entity table
 * costs more than the batch's forward and backward passes together. Rows a batch did not touch keep their moments
 * (their gradient is exactly zero, so only the momentum decay would differ). The training loop names the touched
 * rows per parameter before each {@code trainer.step()}. Like the engine's own updates, it clears the gradient it
 * consumed.
 */
final class LazyAdam extends Optimizer {
    private final ParameterTracker learningRate;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private final Map<String, long[]> touched = new HashMap<>();
    private final Map<String, String> parameterOfId = new HashMap<>();
    private int step;

    LazyAdam(ParameterTracker learningRate) {
        super(new Builder());
        this.learningRate = learningRate;
    }

    /** The rows of parameter {@code name} that the next step updates. */
    void touch(String parameterName, long[] rows) {
        touched.put(parameterName, rows);
    }

    /** Maps DJL's parameter ids to the names the training loop uses. */
    void name(String parameterId, String parameterName) {
        parameterOfId.put(parameterId, parameterName);
    }

    /** Starts a step: the bias correction counts steps, not rows. */
    void nextStep() {
        step++;
    }

    /** {@inheritDoc} */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = Math.max(step, 1);
        float lr = learningRate.getNewValue(parameterId, t - 1);
        NDManager manager = weight.getManager();
        Device device = weight.getDevice();
        NDArray mean = means.computeIfAbsent(parameterId, k -> zerosLike(weight));
        NDArray variance = variances.computeIfAbsent(parameterId, k -> zerosLike(weight));
        long[] rows = touched.get(parameterOfId.getOrDefault(parameterId, parameterId));
        if (rows == null || rows.length == 0) {
            return;
        }
        try (NDManager scope = manager.newSubManager(device)) {
            NDArray index = scope.create(rows);
            NDIndex at = new NDIndex("{}", index);
            NDArray g = grad.get(scope, at);
            NDArray m = mean.get(scope, at).mul(beta1).add(g.mul(1 - beta1));
            NDArray v = variance.get(scope, at).mul(beta2).add(g.square().mul(1 - beta2));
            float c1 = (float) (1 - Math.pow(beta1, t));
            float c2 = (float) (1 - Math.pow(beta2, t));
            NDArray update = m.div(c1).div(v.div(c2).sqrt().add(epsilon)).mul(lr);
            NDArray w = weight.get(scope, at).sub(update);
            weight.set(at, w);
            mean.set(at, m);
            variance.set(at, v);
            // DJL's PyTorch engine does not zero gradients between steps (its built-in updates do it natively),
            // and the gradient handed to an optimiser may be a copy: clear the parameter's own gradient. Only the
            // touched rows can be non-zero, so clearing them is enough.
            NDArray own = weight.getGradient();
            own.set(at, 0f);
            own.close();
        }
    }

    private static NDArray zerosLike(NDArray weight) {
        NDArray z = weight.getManager().zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        z.setName("adam-state");
        return z;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}

package org.kedrec.core.lm;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;

/**
 * What the causal LMs backed by a DJL {@link Model} share (the student and a user's TorchScript export): the model's
 * device, one session per call on a sub-manager of the model's (so a call's arrays go with its session), and closing
 * the model.
 *
 * @param <M> the model type
 */
abstract class ModelCausalLm<M extends Model> implements CausalLm {
    protected final M model;

    ModelCausalLm(M model) {
        this.model = model;
    }

    /** A new session whose arrays live on {@code manager}; closing the session closes it. */
    abstract LmSession newSession(NDManager manager);

    /** {@inheritDoc} */
    @Override
    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** {@inheritDoc} */
    @Override
    public LmSession newSession() {
        return newSession(model.getNDManager().newSubManager());
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        model.close();
    }
}

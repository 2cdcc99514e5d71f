package org.kedrec.core.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.tensor.Scalars;

/**
 * A GPT-style decoder-only transformer as one DJL block: token + learned position embeddings, {@code layers}
 * pre-LayerNorm blocks (fused QKV projection, additive causal mask, GELU MLP), a final LayerNorm and an output
 * head tied to the token embedding.
 *
 * <p>DJL 0.36 has no GPT block and its attention block returns no keys/values, so attention is written here with
 * NDArray ops; {@link #step} runs new tokens against a {@link KvCache} for incremental decoding and gives the same
 * logits as a full forward pass over the whole sequence.
 *
 * <p>{@link #forward} inputs: {@code ids} (B, T) int64 and, optionally, a flat int64 index into the B*T positions
 * whose logits are wanted (training computes the vocabulary projection only for answer tokens). Output: logits
 * (B, T, V), or (N, V) for N indexed positions.
 */
public final class StudentTransformer extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final float LN_EPS = 1e-5f;

    private final StudentConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<Layer> layers = new ArrayList<>();
    private final Parameter finalGamma;
    private final Parameter finalBeta;

    private record Layer(Parameter ln1Gamma, Parameter ln1Beta, Parameter qkvWeight, Parameter qkvBias,
                         Parameter projWeight, Parameter projBias, Parameter ln2Gamma, Parameter ln2Beta,
                         Parameter fcWeight, Parameter fcBias, Parameter outWeight, Parameter outBias) {}

    public StudentTransformer(StudentConfig config) {
        super(VERSION);
        this.config = config;
        int d = config.dModel();
        float residualScale = (float) (0.02 / Math.sqrt(2.0 * config.layers()));
        tokenEmbedding = weight("token_embedding", new Shape(config.vocabSize(), d), 0.02f);
        positionEmbedding = weight("position_embedding", new Shape(config.maxSeqLen(), d), 0.01f);
        for (int l = 0; l < config.layers(); l++) {
            String p = "layer" + l + "_";
            layers.add(new Layer(
                    constant(p + "ln1_gamma", d, 1f, Parameter.Type.GAMMA),
                    constant(p + "ln1_beta", d, 0f, Parameter.Type.BETA),
                    weight(p + "qkv_weight", new Shape(3L * d, d), 0.02f),
                    constant(p + "qkv_bias", 3 * d, 0f, Parameter.Type.BIAS),
                    weight(p + "proj_weight", new Shape(d, d), residualScale),
                    constant(p + "proj_bias", d, 0f, Parameter.Type.BIAS),
                    constant(p + "ln2_gamma", d, 1f, Parameter.Type.GAMMA),
                    constant(p + "ln2_beta", d, 0f, Parameter.Type.BETA),
                    weight(p + "fc_weight", new Shape(config.ffnDim(), d), 0.02f),
                    constant(p + "fc_bias", config.ffnDim(), 0f, Parameter.Type.BIAS),
                    weight(p + "out_weight", new Shape(d, config.ffnDim()), residualScale),
                    constant(p + "out_bias", d, 0f, Parameter.Type.BIAS)));
        }
        finalGamma = constant("final_gamma", d, 1f, Parameter.Type.GAMMA);
        finalBeta = constant("final_beta", d, 0f, Parameter.Type.BETA);
    }

    private Parameter weight(String name, Shape shape, float sigma) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
                .optInitializer(new NormalInitializer(sigma)).build());
    }

    private Parameter constant(String name, int size, float value, Parameter.Type type) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(new Shape(size))
                .optInitializer(new ConstantInitializer(value)).build());
    }

    public StudentConfig config() {
        return config;
    }

    /** Initializes every parameter (shapes are fixed by the config). */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, 1));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        // Every parameter's shape comes from the config, not from the input.
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        if (inputShapes.length > 1) {
            return new Shape[] {new Shape(inputShapes[1].get(0), config.vocabSize())};
        }
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.vocabSize())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray hidden = hidden(ps, ids, null, training);
        if (inputs.size() > 1) {
            hidden = hidden.reshape(-1, config.dModel()).get(inputs.get(1));
        }
        return new NDList(head(ps, hidden, training));
    }

    /**
     * Runs {@code ids} (B, T) after the {@code cache}'s tokens, appends their keys and values to the cache, and
     * returns the logits (B, T, V). Never used for training.
     */
    public NDArray step(ParameterStore ps, NDArray ids, KvCache cache) {
        if (cache.length() + ids.getShape().get(1) > config.maxSeqLen()) {
            throw new IllegalArgumentException(org.kedrec.core.Messages.format(
                    "The sequence would grow to %d tokens, beyond this model's maxSeqLen of %d.",
                    cache.length() + ids.getShape().get(1), config.maxSeqLen()));
        }
        return head(ps, hidden(ps, ids, cache, false), false);
    }

    /** Like {@link #step}, but returns only the logits after the last new token: (B, V). */
    public NDArray stepLast(ParameterStore ps, NDArray ids, KvCache cache) {
        long time = ids.getShape().get(1);
        if (cache.length() + time > config.maxSeqLen()) {
            throw new IllegalArgumentException(org.kedrec.core.Messages.format(
                    "The sequence would grow to %d tokens, beyond this model's maxSeqLen of %d.",
                    cache.length() + time, config.maxSeqLen()));
        }
        NDArray hidden = hidden(ps, ids, cache, false);
        return head(ps, hidden.get(":, " + (time - 1) + ", :"), false);
    }

    private NDArray hidden(ParameterStore ps, NDArray ids, KvCache cache, boolean training) {
        Device device = ids.getDevice();
        long batch = ids.getShape().get(0);
        long time = ids.getShape().get(1);
        int past = cache == null ? 0 : cache.length();
        NDArray wte = ps.getValue(tokenEmbedding, device, training);
        NDArray wpe = ps.getValue(positionEmbedding, device, training);
        NDArray x = Embedding.embedding(ids, wte, SparseFormat.DENSE).singletonOrThrow()
                .add(wpe.get(past + ":" + (past + time)));
        x = dropout(x, training);
        NDManager manager = ids.getManager();
        // A single new token may see every cached one: no mask (saves four ops per decoding step).
        NDArray mask = null;
        if (time > 1) {
            NDArray keyPositions = manager.arange(0, past + time, 1, DataType.INT32, device);
            NDArray queryPositions = manager.arange(past, past + time, 1, DataType.INT32, device).reshape(time, 1);
            mask = keyPositions.gt(queryPositions).toType(x.getDataType(), false).mul(-1e9f);
        }
        int d = config.dModel();
        int heads = config.heads();
        int hd = config.headDim();
        float scale = (float) (1.0 / Math.sqrt(hd));
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            NDArray h = LayerNorm.layerNorm(x, new Shape(d), ps.getValue(layer.ln1Gamma, device, training),
                    ps.getValue(layer.ln1Beta, device, training), LN_EPS).singletonOrThrow();
            NDArray qkv = Linear.linear(h, ps.getValue(layer.qkvWeight, device, training),
                    ps.getValue(layer.qkvBias, device, training)).singletonOrThrow();
            qkv = qkv.reshape(batch, time, 3, heads, hd).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0);
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            if (cache != null) {
                k = cache.appendKeys(l, k);
                v = cache.appendValues(l, v);
            }
            // Scalars, not mul(scale): training's backward pass reads the number (see Scalars).
            NDArray scores = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), scale);
            if (mask != null) {
                scores = scores.add(mask);
            }
            // No dropout on the (B, H, T, T) attention weights: on a CPU it costs as much as the layer itself.
            NDArray attention = scores.softmax(-1);
            NDArray y = attention.matMul(v).transpose(0, 2, 1, 3).reshape(batch, time, d);
            y = Linear.linear(y, ps.getValue(layer.projWeight, device, training),
                    ps.getValue(layer.projBias, device, training)).singletonOrThrow();
            x = x.add(dropout(y, training));
            h = LayerNorm.layerNorm(x, new Shape(d), ps.getValue(layer.ln2Gamma, device, training),
                    ps.getValue(layer.ln2Beta, device, training), LN_EPS).singletonOrThrow();
            NDArray m = Activation.gelu(Linear.linear(h, ps.getValue(layer.fcWeight, device, training),
                    ps.getValue(layer.fcBias, device, training)).singletonOrThrow());
            m = Linear.linear(m, ps.getValue(layer.outWeight, device, training),
                    ps.getValue(layer.outBias, device, training)).singletonOrThrow();
            x = x.add(dropout(m, training));
        }
        if (cache != null) {
            cache.advance((int) time);
        }
        return LayerNorm.layerNorm(x, new Shape(d), ps.getValue(finalGamma, device, training),
                ps.getValue(finalBeta, device, training), LN_EPS).singletonOrThrow();
    }

    private NDArray head(ParameterStore ps, NDArray hidden, boolean training) {
        return Linear.linear(hidden, ps.getValue(tokenEmbedding, hidden.getDevice(), training)).singletonOrThrow();
    }

    private NDArray dropout(NDArray x, boolean training) {
        if (!training || config.dropout() == 0f) {
            return x;
        }
        return Dropout.dropout(x, config.dropout(), true).singletonOrThrow();
    }

    /** A fresh, empty key/value cache for this model's layers. */
    public KvCache newCache() {
        return new KvCache(config.layers());
    }
}

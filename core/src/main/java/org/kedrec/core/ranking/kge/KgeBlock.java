package org.kedrec.core.ranking.kge;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.kedrec.core.Messages;
import org.kedrec.core.tensor.Scalars;

/**
 * A knowledge-graph embedding model as a DJL block: one embedding table for entities and one for relations, and a
 * scoring function ({@link KgeKind}). Training and serving run the same block.
 *
 * <p>Two call shapes, told apart by the number of inputs (all int64 index vectors):
 *
 * <ul>
 *   <li>training, 5 inputs {@code (heads[B], relations[B], tails[B], headCandidates[K1], tailCandidates[K2])} gives
 *       {@code (positive[B], headScores[B,K1], tailScores[B,K2], regulariser[])}: each positive triple scored
 *       against shared corrupted heads and tails, written as matrix products so thousands of negatives cost one
 *       GEMM (PyTorch-BigGraph's batched negatives); the regulariser is the N3 norm of the batch's embeddings
 *       (Lacroix et al. 2018), per triple;
 *   <li>serving, 3 inputs {@code (relations[Q], tails[Q], headCandidates[C])} gives {@code scores[Q,C]}: the score
 *       of every candidate head, e.g. every drug for {@code (?, TREATS, disease)}.
 * </ul>
 */
public final class KgeBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Keeps the gradient of RotatE's modulus finite where a distance is exactly zero. */
    private static final float EPS = 1e-9f;

    private final KgeKind kind;
    private final int entityCount;
    private final int relationCount;
    private final int dim;
    private final Parameter entities;
    private final Parameter relations;

    public KgeBlock(KgeKind kind, int entityCount, int relationCount, int dim) {
        super(VERSION);
        if (entityCount < 1 || relationCount < 1 || dim < 1) {
            throw new IllegalArgumentException(Messages.format(
                    "A KG-embedding model needs at least one entity, relation and dimension but got %d entities, "
                            + "%d relations, dim %d.",
                    entityCount, relationCount, dim));
        }
        this.kind = kind;
        this.entityCount = entityCount;
        this.relationCount = relationCount;
        this.dim = dim;
        // RotatE follows its paper: entities uniform in a small box, phases uniform over the circle. The bilinear
        // models start near zero so that early scores are small and the softmax is not saturated.
        entities = addParameter(Parameter.builder()
                .setName("entities")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(entityCount, kind.entityWidth(dim)))
                .optInitializer(kind == KgeKind.ROTATE ? new UniformInitializer(0.1f) : new NormalInitializer(0.1f))
                .build());
        relations = addParameter(Parameter.builder()
                .setName("relations")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(relationCount, kind.relationWidth(dim)))
                .optInitializer(kind == KgeKind.ROTATE ? new UniformInitializer((float) Math.PI) : new NormalInitializer(0.1f))
                .build());
    }

    public KgeKind kind() {
        return kind;
    }

    public int entityCount() {
        return entityCount;
    }

    public int relationCount() {
        return relationCount;
    }

    public int dim() {
        return dim;
    }

    /** The entity table parameter (rows = entity indexes). */
    public Parameter entityParameter() {
        return entities;
    }

    /** The relation table parameter. */
    public Parameter relationParameter() {
        return relations;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray entityTable = store.getValue(entities, inputs.head().getDevice(), training);
        NDArray relationTable = store.getValue(relations, inputs.head().getDevice(), training);
        if (inputs.size() == 5) {
            return trainingScores(entityTable, relationTable, inputs);
        }
        if (inputs.size() == 3) {
            NDArray r = lookup(inputs.get(0), relationTable);
            NDArray t = lookup(inputs.get(1), entityTable);
            NDArray candidates = lookup(inputs.get(2), entityTable);
            return new NDList(scoreHeads(r, t, candidates));
        }
        throw new IllegalArgumentException(Messages.format(
                "KgeBlock takes 5 inputs (training) or 3 inputs (head scoring) but got %d.", inputs.size()));
    }

    /**
     * The training call shape over given tables: {@code entityRows} and {@code relationRows} are the whole tables
     * (the block's own forward) or only the rows one batch touches, with the five index vectors pointing into them.
     * The trainer passes the touched rows so that the backward pass makes a gradient of the batch's size, not of
     * the whole entity table: with whole tables every step wrote one table-sized gradient per lookup, which made a
     * step's cost grow with the graph and an epoch grow with its square (issue 16).
     */
    public NDList trainingScores(NDArray entityRows, NDArray relationRows, NDList indexes) {
        NDArray h = lookup(indexes.get(0), entityRows);
        NDArray r = lookup(indexes.get(1), relationRows);
        NDArray t = lookup(indexes.get(2), entityRows);
        NDArray headCandidates = lookup(indexes.get(3), entityRows);
        NDArray tailCandidates = lookup(indexes.get(4), entityRows);
        NDArray positive = scoreTriples(h, r, t);
        NDArray headScores = scoreHeads(r, t, headCandidates);
        NDArray tailScores = scoreTails(h, r, tailCandidates);
        // Scalars, not pow(3)/div(n): the backward pass reads these numbers (see Scalars).
        NDArray reg = Scalars.pow(h.abs(), 3).sum().add(Scalars.pow(t.abs(), 3).sum());
        if (kind != KgeKind.ROTATE) {
            reg = reg.add(Scalars.pow(r.abs(), 3).sum());
        }
        reg = Scalars.div(reg, (float) h.getShape().get(0));
        return new NDList(positive, headScores, tailScores, reg);
    }

    private static NDArray lookup(NDArray indexes, NDArray table) {
        NDArrayEx ex = table.getNDArrayInternal();
        return ex.embedding(indexes, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Scores of whole triples, {@code [B]}. */
    NDArray scoreTriples(NDArray h, NDArray r, NDArray t) {
        return switch (kind) {
            case DISTMULT -> h.mul(r).mul(t).sum(new int[] {1});
            case COMPLEX -> complexTailQuery(h, r).mul(t).sum(new int[] {1});
            case ROTATE -> rotatedDistance(rotate(h, r, false), t.expandDims(1)).neg().squeeze(1);
        };
    }

    /** Scores of {@code (h, r, ?)} against candidate tails, {@code [B, K]}. */
    NDArray scoreTails(NDArray h, NDArray r, NDArray candidates) {
        return switch (kind) {
            case DISTMULT -> h.mul(r).matMul(candidates.transpose());
            case COMPLEX -> complexTailQuery(h, r).matMul(candidates.transpose());
            case ROTATE -> rotatedDistance(rotate(h, r, false), candidates.expandDims(0)).neg();
        };
    }

    /** Scores of {@code (?, r, t)} against candidate heads, {@code [B, K]}. */
    NDArray scoreHeads(NDArray r, NDArray t, NDArray candidates) {
        return switch (kind) {
            case DISTMULT -> r.mul(t).matMul(candidates.transpose());
            case COMPLEX -> complexHeadQuery(r, t).matMul(candidates.transpose());
            // |h o r - t| = |h - t o conj(r)| because |r| = 1
            case ROTATE -> rotatedDistance(rotate(t, r, true), candidates.expandDims(0)).neg();
        };
    }

    /** {@code h o r} as [re | im], so that {@code Re(<h, r, conj(c)>) = q . c}. */
    private static NDArray complexTailQuery(NDArray h, NDArray r) {
        return complexProduct(h, r, false);
    }

    /** {@code t o conj(r)}, so that {@code Re(<c, r, conj(t)>) = Re(<t, conj(r), conj(c)>) = q . c}. */
    private static NDArray complexHeadQuery(NDArray r, NDArray t) {
        return complexProduct(t, r, true);
    }

    /** {@code a o b}, or {@code a o conj(b)}, of complex vectors stored as [re | im]. */
    private static NDArray complexProduct(NDArray a, NDArray b, boolean conjugateB) {
        NDList as = a.split(2, 1);
        NDList bs = b.split(2, 1);
        NDArray ar = as.get(0);
        NDArray ai = as.get(1);
        NDArray br = bs.get(0);
        NDArray bi = conjugateB ? bs.get(1).neg() : bs.get(1);
        return ar.mul(br).sub(ai.mul(bi)).concat(ar.mul(bi).add(ai.mul(br)), 1);
    }

    /** {@code e o r} (or {@code e o conj(r)}) for phases {@code r}, as [re | im] of shape [B, 1, 2d]. */
    private static NDArray rotate(NDArray e, NDArray phase, boolean conjugate) {
        NDList es = e.split(2, 1);
        NDArray er = es.get(0);
        NDArray ei = es.get(1);
        NDArray cos = phase.cos();
        NDArray sin = conjugate ? phase.sin().neg() : phase.sin();
        NDArray re = er.mul(cos).sub(ei.mul(sin));
        NDArray im = er.mul(sin).add(ei.mul(cos));
        return re.concat(im, 1).expandDims(1);
    }

    /** Sum over coordinates of the complex modulus of {@code x - c}: [B,1,2d] vs [1,K,2d] (or [B,1,2d]) to [B,K]. */
    private static NDArray rotatedDistance(NDArray x, NDArray candidates) {
        NDArray diff = x.sub(candidates);
        NDList parts = diff.split(2, 2);
        return parts.get(0).square().add(parts.get(1).square()).add(EPS).sqrt().sum(new int[] {2});
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (inputShapes.length == 5) {
            long b = inputShapes[0].get(0);
            return new Shape[] {
                new Shape(b), new Shape(b, inputShapes[3].get(0)), new Shape(b, inputShapes[4].get(0)), new Shape()
            };
        }
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[2].get(0))};
    }

    /** {@inheritDoc} */
    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        os.writeUTF(kind.name());
        os.writeInt(entityCount);
        os.writeInt(relationCount);
        os.writeInt(dim);
    }

    /** {@inheritDoc} */
    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("Unsupported KgeBlock encoding version: " + loadVersion);
        }
        String savedKind = is.readUTF();
        int savedEntities = is.readInt();
        int savedRelations = is.readInt();
        int savedDim = is.readInt();
        if (!savedKind.equals(kind.name()) || savedEntities != entityCount || savedRelations != relationCount
                || savedDim != dim) {
            throw new MalformedModelException(Messages.format(
                    "The saved parameters are a %s model with %d entities, %d relations and dim %d, but the "
                            + "configuration describes %s with %d entities, %d relations and dim %d; the model "
                            + "directory is inconsistent, retrain it.",
                    savedKind, savedEntities, savedRelations, savedDim, kind.name(), entityCount, relationCount, dim));
        }
    }
}

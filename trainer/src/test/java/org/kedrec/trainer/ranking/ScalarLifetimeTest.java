package org.kedrec.trainer.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.lm.SpecialTokens;
import org.kedrec.core.lm.StudentConfig;
import org.kedrec.core.lm.StudentTransformer;
import org.kedrec.core.ranking.kge.KgeBlock;
import org.kedrec.core.ranking.kge.KgeKind;

/**
 * The rare "training loss became NaN": DJL's {@code x.pow(3)}, {@code x.div(2)} and {@code x.mul(0.01)} wrap the
 * number in a tensor that aliases a Java direct buffer and close it as soon as the operation returns, while the
 * autograd graph keeps that tensor for the backward pass. A garbage collection between the forward and the backward
 * pass frees the buffer (glibc then writes its free-list pointers over the number), so the backward pass multiplies
 * by garbage. Here the collection is forced at exactly that moment, which a training run meets only by chance. The
 * student's attention scale is the same case.
 */
class ScalarLifetimeTest {
    @Test
    void theGradientOfTheTrainingLossSurvivesACollectionBeforeTheBackwardPass() {
        for (KgeKind kind : KgeKind.values()) {
            float[][] undisturbed = gradients(kind, false);
            float[][] collected = gradients(kind, true);
            for (float[] g : undisturbed) {
                assertThat(g).as(kind + " gradient without a collection").isNotEmpty();
                for (float v : g) {
                    assertThat(Float.isFinite(v)).as(kind + " finite gradient").isTrue();
                }
            }
            assertThat(collected[0]).as(kind + " entity gradient after a collection").containsExactly(undisturbed[0]);
            assertThat(collected[1]).as(kind + " relation gradient after a collection")
                    .containsExactly(undisturbed[1]);
        }
    }

    @Test
    void theStudentsGradientSurvivesACollectionBeforeTheBackwardPass() {
        List<float[]> undisturbed = studentGradients(false);
        List<float[]> collected = studentGradients(true);
        assertThat(collected).hasSameSizeAs(undisturbed);
        for (int i = 0; i < undisturbed.size(); i++) {
            for (float v : undisturbed.get(i)) {
                assertThat(Float.isFinite(v)).as("finite gradient of parameter " + i).isTrue();
            }
            assertThat(collected.get(i)).as("gradient of parameter " + i + " after a collection")
                    .containsExactly(undisturbed.get(i));
        }
    }

    /** Every parameter's gradient of a tiny student's squared logits, with or without a collection before backward. */
    private static List<float[]> studentGradients(boolean collectBeforeBackward) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(11);
            StudentTransformer student = new StudentTransformer(
                    new StudentConfig(SpecialTokens.COUNT + 300, 16, 1, 8, 2, 16, 0f, 4, 4));
            student.initialize(m, DataType.FLOAT32, new Shape(1, 6));
            NDArray ids = m.create(new long[][] {{1, 5, 9, 2, 7, 3}});
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray logits = student.forward(new ParameterStore(m, false), new NDList(ids), true)
                        .singletonOrThrow();
                NDArray loss = logits.square().sum();
                if (collectBeforeBackward) {
                    // without a collection this test could not fail (e.g. under -XX:+DisableExplicitGC)
                    assertThat(collect()).as("a forced collection ran").isTrue();
                }
                collector.backward(loss);
            }
            List<float[]> out = new ArrayList<>();
            student.getParameters().values().forEach(p -> out.add(p.getArray().getGradient().toFloatArray()));
            return out;
        }
    }

    /** The entity and relation gradients of one training loss, with or without a collection before backward. */
    private static float[][] gradients(KgeKind kind, boolean collectBeforeBackward) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            int entities = 6;
            int dim = 3;
            KgeBlock block = new KgeBlock(kind, entities, 2, dim);
            block.initialize(m, DataType.FLOAT32, new Shape(1), new Shape(1), new Shape(1));
            block.entityParameter().getArray().set(FloatBuffer.wrap(ramp(entities * kind.entityWidth(dim), 0.37f)));
            block.relationParameter().getArray().set(FloatBuffer.wrap(ramp(2 * kind.relationWidth(dim), 0.53f)));
            NDArray heads = m.create(new long[] {0, 1});
            NDArray tails = m.create(new long[] {3, 4});
            NDArray headCandidates = m.create(new long[] {0, 1, 2});
            NDArray tailCandidates = m.create(new long[] {3, 4, 5});
            NDList labels = new NDList(headCandidates.expandDims(0).eq(heads.expandDims(1)),
                    tailCandidates.expandDims(0).eq(tails.expandDims(1)));
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(m, false),
                        new NDList(heads, m.create(new long[] {1, 1}), tails, headCandidates, tailCandidates), true);
                NDArray loss = new KgeTrainer.KgeLoss(0.01).evaluate(labels, out);
                if (collectBeforeBackward) {
                    // without a collection this test could not fail (e.g. under -XX:+DisableExplicitGC)
                    assertThat(collect()).as("a forced collection ran").isTrue();
                }
                collector.backward(loss);
            }
            return new float[][] {
                block.entityParameter().getArray().getGradient().toFloatArray(),
                block.relationParameter().getArray().getGradient().toFloatArray()
            };
        }
    }

    /** Values in (-1, 1) that differ per position, so that every gradient entry is distinct and non-zero. */
    private static float[] ramp(int n, float step) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.sin(1 + i * step);
        }
        return out;
    }

    /**
     * Runs three full collections, each until a fresh weak reference has been cleared and queued (the reference
     * handler, which also runs the direct buffers' cleaners, has processed it), and then gives it a moment more.
     * Returns whether any collection was seen.
     */
    private static boolean collect() {
        boolean collected = false;
        for (int round = 0; round < 3; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            try {
                if (queue.remove(2000) != sentinel) {
                    continue;
                }
                collected = true;
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return collected;
            }
        }
        return collected;
    }
}

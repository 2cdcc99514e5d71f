package org.kedrec.trainer.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import picocli.CommandLine.Option;

/**
 * {@code --threads}: PyTorch's intra-op threads for the commands that train or decode the student, declared once
 * with one default: {@code @Mixin TorchThreadsOption threads;} and {@link #apply()} before the command's first tensor.
 */
public final class TorchThreadsOption {
    @Option(names = "--threads", defaultValue = "1",
            description = "PyTorch intra-op threads (0 = leave the engine's count: one per core unless set before). "
                    + "Default ${DEFAULT-VALUE}: fastest for single decodes, and it leaves the other cores to the "
                    + "server; training is faster with one thread per core on an idle machine (the demo's quick "
                    + "profile trains with 0; docs/student.md).")
    int threads;

    /**
     * Sets PyTorch's intra-op threads for this JVM. The engine reads the system properties once, when it starts; in a
     * JVM where an earlier command already started it ({@code kedrec demo} runs {@code train kge}, whose device
     * check starts the engine, before {@code train student}) the properties alone would be ignored silently, so the
     * running engine's thread pool is resized too (PyTorch allows that at any time; the inter-op pool it does not).
     */
    public void apply() {
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(threads);
        }
    }
}

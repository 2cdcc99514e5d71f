package org.kedrec.trainer.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads}: PyTorch's intra-op threads for the commands that train or decode the student, declared once
 * with one default: {@code @Mixin TorchThreadsOption threads;} and {@link #apply()} before the engine starts.
 */
public final class TorchThreadsOption {
    @Option(names = "--threads", defaultValue = "1",
            description = "PyTorch intra-op threads (0 = the engine's default), set before the engine starts. "
                    + "Default ${DEFAULT-VALUE}: on the shared 2-core CPU one thread trained faster than two, and it "
                    + "is fastest for single decodes (docs/student.md).")
    int threads;

    /** Sets PyTorch's thread counts; only effective before the engine first starts in this JVM. */
    public void apply() {
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}

package org.kedrec.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TorchThreadsOptionTest {
    private static TorchThreadsOption parse(String... args) {
        return CommandLine.populateCommand(new TorchThreadsOption(), args);
    }

    /** kedrec demo runs train kge (which starts the engine) before train student: --threads must still hold. */
    @Test
    void theCountHoldsWhenTheEngineIsAlreadyRunning() {
        Engine.getEngine("PyTorch");
        int before = JniUtils.getNumThreads();
        try {
            parse("--threads", "2").apply();
            assertThat(JniUtils.getNumThreads()).isEqualTo(2);
            parse().apply(); // the default
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
            parse("--threads", "0").apply(); // leaves the running engine's count alone
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }
}

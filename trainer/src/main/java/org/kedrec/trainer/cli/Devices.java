package org.kedrec.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.kedrec.core.Messages;
import org.kedrec.core.ranking.DrugRanker;

/** Parses {@code --device auto|cpu|gpu|gpu:N}. */
final class Devices {
    private Devices() {}

    static Device parse(String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ENGLISH);
        if (value.equals("auto")) {
            return DrugRanker.defaultDevice();
        }
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        if (value.equals("gpu") || value.startsWith("gpu:")) {
            int gpus = Engine.getInstance().getGpuCount();
            int id = value.equals("gpu") ? 0 : parseId(text, value.substring(4));
            if (id >= gpus) {
                throw new IllegalArgumentException(Messages.format(
                        "--device %s asks for GPU %d but the PyTorch engine sees %d GPU(s). Use --device cpu, or "
                                + "point PYTORCH_LIBRARY_PATH at a CUDA build of libtorch.",
                        text, id, gpus));
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException(Messages.format(
                "Invalid --device `%s`. Valid values are: auto, cpu, gpu, gpu:N.", text));
    }

    private static int parseId(String text, String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid --device `%s`. Valid values are: auto, cpu, gpu, gpu:N.", text), e);
        }
    }
}

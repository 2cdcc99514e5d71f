package org.kedrec.trainer.cli;

import ai.djl.Device;
import picocli.CommandLine.Option;

/**
 * {@code --device auto|cpu|gpu|gpu:N} of every command that trains or evaluates a model (ranker and student),
 * declared and parsed once ({@link Devices}), so that each accepts the same values: {@code @Mixin DeviceOption device;}.
 */
public final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default: "
            + "${DEFAULT-VALUE}: the GPU when the engine sees one).")
    String device;

    /** The device asked for; an error naming the value and the valid ones otherwise. */
    public Device device() {
        return Devices.parse(device);
    }
}

package org.kedrec.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.server.data.GraphSynth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kedrec data synth}: a data directory shaped like the demo one at N times its size; see {@link GraphSynth}. */
@Command(name = "synth", description = {
    "Write a data directory shaped like the demo set at N times its size (N relabelled copies of the demo graph "
            + "with a share of the edges rewired between copies: every metaedge keeps its degree distribution on "
            + "both sides; trials and abstracts in proportion), in the files the importer reads. See "
            + "docs/scaling.md.",
    ""
})
public final class DataSynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dir;

    @Option(names = "--scale", paramLabel = "N", required = true,
            description = "How many times the demo graph (1 writes the demo set itself).")
    int scale;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The folder to write the synthetic data directory to.")
    Path out;

    @Mixin
    SynthOptions synthOptions;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        Path source = dir.resolve();
        Path target = out.toAbsolutePath().normalize();
        GraphSynth synth;
        try {
            synth = new GraphSynth(source, target, scale, synthOptions.rewire, synthOptions.seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        GraphSynth.Result result;
        long start = System.nanoTime();
        try {
            result = synth.write();
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Writing the synthetic graph to %s failed: %s", target,
                    e.getMessage()), e);
        }
        for (Map.Entry<String, Long> file : result.files().entrySet()) {
            KedrecCli.say(spec, file.getValue() < 0 ? file.getKey() + ": copied"
                    : Messages.format("%s: %,d rows", file.getKey(), file.getValue()));
        }
        KedrecCli.say(spec, Messages.format("Scale %d in %.1f s: %,d nodes, %,d edges (%,d rewired between copies), "
                        + "%,d trials, %,d abstracts in %s. Import it with `bin/kedrec import offline --data %s`.",
                scale, (System.nanoTime() - start) / 1e9, result.nodes(), result.edges(), result.rewired(),
                result.trials(), result.publications(), target, target));
        return 0;
    }
}

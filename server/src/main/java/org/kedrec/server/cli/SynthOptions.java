package org.kedrec.server.cli;

import picocli.CommandLine.Option;

/**
 * How a synthetic graph is made from the demo set ({@code data synth}, {@code bench scale}): the share of edges rewired
 * between copies and the seed. One definition, so both commands make the same graph from the same values.
 */
public final class SynthOptions {
    @Option(names = "--rewire", paramLabel = "SHARE", defaultValue = "0.1",
            description = "Share of the edges whose target moves to another copy (default: ${DEFAULT-VALUE}).")
    double rewire;

    @Option(names = "--seed", defaultValue = "42",
            description = "Random seed of the synthetic graph (default: ${DEFAULT-VALUE}).")
    long seed;
}

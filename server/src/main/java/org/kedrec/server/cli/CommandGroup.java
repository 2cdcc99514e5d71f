package org.kedrec.server.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code kedrec}, {@code kedrec bench}, {@code data}, {@code eval},
 * {@code server}, {@code train}): called without one, it names them as a usage error (exit 2). One definition, so the
 * groups cannot drift in what they say.
 */
abstract class CommandGroup implements Runnable {
    @Spec
    CommandSpec spec;

    /** {@inheritDoc} */
    @Override
    public final void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }
}

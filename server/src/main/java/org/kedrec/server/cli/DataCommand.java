package org.kedrec.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kedrec data fetch|verify|derive}: get, check and complete the data directory. See docs/data.md. */
@Command(
        name = "data",
        description = {
            "Get the data directory on a fresh machine: download the pinned originals (fetch), check them (verify), "
                    + "and produce the derived files from them (derive). See docs/data.md.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {DataFetchCommand.class, DataVerifyCommand.class, DataDeriveCommand.class, DataSynthCommand.class})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** {@inheritDoc} */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }
}

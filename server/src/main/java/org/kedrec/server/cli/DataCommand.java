package org.kedrec.server.cli;

import picocli.CommandLine.Command;

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
public final class DataCommand extends CommandGroup {
}

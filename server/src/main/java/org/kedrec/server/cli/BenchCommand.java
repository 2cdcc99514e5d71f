package org.kedrec.server.cli;

import picocli.CommandLine.Command;

/** {@code kedrec bench ...}: speed measurements that write a report (never timed unit tests). */
@Command(
        name = "bench",
        description = {"Measure the speed of a KEDRec step on a fresh server and write a JSON report.", ""},
        commandListHeading = "%nCommands:%n",
        subcommands = {BenchImportCommand.class, BenchDatasetCommand.class, BenchRecommendCommand.class,
            BenchScaleCommand.class, BenchSoakCommand.class, BenchFaultsCommand.class})
public final class BenchCommand extends CommandGroup {
}

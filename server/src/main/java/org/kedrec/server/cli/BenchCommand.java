package org.kedrec.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kedrec bench ...}: speed measurements that write a report (never timed unit tests). */
@Command(
        name = "bench",
        description = {"Measure the speed of a KEDRec step on a fresh server and write a JSON report.", ""},
        commandListHeading = "%nCommands:%n",
        subcommands = {BenchImportCommand.class, BenchDatasetCommand.class, BenchRecommendCommand.class,
            BenchScaleCommand.class, BenchSoakCommand.class, BenchFaultsCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** {@inheritDoc} */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }
}

package org.kedrec.server.cli;

import org.kedrec.trainer.cli.TrainKgeCommand;
import org.kedrec.trainer.student.TrainStudentCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kedrec train ...}: the trainer's commands, one line each in {@code subcommands}. */
@Command(
        name = "train",
        description = {"Train a KEDRec model (DJL on PyTorch; GPU when present).", ""},
        commandListHeading = "%nCommands:%n",
        subcommands = {TrainKgeCommand.class, TrainStudentCommand.class})
public final class TrainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** {@inheritDoc} */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }
}

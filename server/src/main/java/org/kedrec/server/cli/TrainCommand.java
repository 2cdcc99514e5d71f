package org.kedrec.server.cli;

import org.kedrec.trainer.cli.TrainKgeCommand;
import org.kedrec.trainer.student.TrainStudentCommand;
import picocli.CommandLine.Command;

/** {@code kedrec train ...}: the trainer's commands, one line each in {@code subcommands}. */
@Command(
        name = "train",
        description = {"Train a KEDRec model (DJL on PyTorch; GPU when present).", ""},
        commandListHeading = "%nCommands:%n",
        subcommands = {TrainKgeCommand.class, TrainStudentCommand.class})
public final class TrainCommand extends CommandGroup {
}

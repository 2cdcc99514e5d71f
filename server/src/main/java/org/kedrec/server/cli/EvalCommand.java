package org.kedrec.server.cli;

import org.kedrec.trainer.cli.EvalKgeCommand;
import org.kedrec.trainer.student.EvalStudentCommand;
import picocli.CommandLine.Command;

/** {@code kedrec eval ...}: evaluation reports of trained models, one line each in {@code subcommands}. */
@Command(
        name = "eval",
        description = {"Evaluate a trained KEDRec model on held-out data and write a JSON report.", ""},
        commandListHeading = "%nCommands:%n",
        subcommands = {EvalKgeCommand.class, EvalStudentCommand.class, EvalExplainCommand.class})
public final class EvalCommand extends CommandGroup {
}

package org.kedrec.trainer.cli;

import org.kedrec.trainer.student.EvalStudentCommand;
import org.kedrec.trainer.student.TrainStudentCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the trainer's commands on their own ({@code train kge|student}, {@code eval kge|student}), as the
 * {@code kedrec} command line of the server module registers them, for a machine that has the trainer jar alone
 * (a GPU box that trains and ships a model directory).
 */
@Command(name = "kedrec-trainer", mixinStandardHelpOptions = true,
        subcommands = {TrainerMain.Train.class, TrainerMain.Eval.class},
        description = "KEDRec trainer commands (normally reached as `kedrec train ...` and `kedrec eval ...`).")
public final class TrainerMain {
    @Command(name = "train", subcommands = {TrainKgeCommand.class, TrainStudentCommand.class}, description = "Train a model component.")
    static final class Train {}

    @Command(name = "eval", subcommands = {EvalKgeCommand.class, EvalStudentCommand.class}, description = "Evaluate a model component.")
    static final class Eval {}

    private TrainerMain() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with an error handler that prints a failed command's message, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(TrainerMain.class, new PrivateConstructorFactory());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + e.getMessage());
            if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException)) {
                e.printStackTrace(commandLine.getErr()); // a bug, not a user error: show where
            }
            return 1;
        });
        return cli;
    }

    /** picocli instantiates the private-constructor holder classes through this. */
    private static final class PrivateConstructorFactory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == TrainerMain.class) {
                var constructor = cls.getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor.newInstance();
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}

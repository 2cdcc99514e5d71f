package org.kedrec.server.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code kedrec}: the one command line of the project. Each top-level command is one line in {@link #COMMANDS};
 * errors in the user's input print the message and a hint and exit with 2, failures while running print the
 * message (a sentence saying what to do) and exit with 1.
 */
@Command(
        name = "kedrec",
        // Inherited: every subcommand gets -h/--help and -V/--version with the same version text.
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {
            "Explainable drug recommendation inside Neo4j: an implementation of KEDRec-LM (Zhang et al. 2025).",
            ""
        },
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'kedrec COMMAND --help' for the options of a command. Documentation: docs/server.md."})
public final class KedrecCli extends CommandGroup {
    /** Exit code of a command that ran but failed (picocli's default for exceptions). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad input on the command line (picocli's default). */
    public static final int EXIT_USAGE = 2;

    /** The top-level commands, one line each: another module adds its picocli command class here. */
    static final List<Class<?>> COMMANDS = List.of(
            DemoCommand.class,
            DataCommand.class,
            ServerCommand.class,
            org.kedrec.importer.cli.ImportCommand.class,
            org.kedrec.importer.dataset.DatasetCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            BenchCommand.class);

    /** The configured command line; tests call this with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KedrecCli());
        for (Class<?> command : COMMANDS) {
            cli.addSubcommand(command);
        }
        // The importer module cannot start servers: the offline first load joins `kedrec import` from here.
        cli.getSubcommands().get("import").addSubcommand(ImportOfflineCommand.class);
        cli.addSubcommand(CommandLine.HelpCommand.class);
        cli.setParameterExceptionHandler(KedrecCli::onBadInput);
        cli.setExecutionExceptionHandler(KedrecCli::onFailure);
        cli.setUsageHelpAutoWidth(true);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The message, picocli's "did you mean" suggestions and where to read more; no wall of usage text. */
    static int onBadInput(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    /** Our own errors are sentences for the user: print them without a stack trace. */
    static int onFailure(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (e instanceof IllegalStateException
                || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException) {
            err.println(e.getMessage());
        } else {
            err.println(command.getCommandSpec().qualifiedName() + " failed unexpectedly: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** Writes a line and flushes, so progress shows while a long step runs. */
    static void say(CommandSpec spec, String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}

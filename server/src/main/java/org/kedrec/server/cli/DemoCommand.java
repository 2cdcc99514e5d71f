package org.kedrec.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kedrec.commandline.DataOption;
import org.kedrec.commandline.OptionChecks;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.server.ServerSettings;
import org.kedrec.server.data.DemoDataSetup;
import org.kedrec.server.data.FetchProgress;
import org.kedrec.server.demo.DemoProfile;
import org.kedrec.server.demo.DemoRunner;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kedrec demo}: the whole way from the data to a recommendation in Browser, in one command. The steps are
 * {@link DemoRunner}'s; this class reads the options.
 */
@Command(
        name = "demo",
        description = {
            "Start Neo4j with the KEDRec plugin, import the demo data, build the expRxRec dataset, train the ranker "
                    + "and the student, load the model, print a recommendation for hypertension and leave the "
                    + "server running for Browser. A re-run reuses every finished step. See docs/demo.md.",
            ""
        })
public final class DemoCommand implements Callable<Integer> {
    /** The default home when neither --home nor this variable gives one ({@code bin/kedrec} sets it). */
    public static final String HOME_ENV = "KEDREC_DEMO_HOME";
    /** Relative to the working directory when {@link #HOME_ENV} is not set. */
    public static final String DEFAULT_HOME = ".kedrec/demo";

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--offline", description = "Do not fetch or derive missing data files; stop at step 1 with the "
            + "list of what is missing instead.")
    boolean offline;

    @Option(names = "--mirror", paramLabel = "URL|DIR", description = "Fetch missing originals from this mirror "
            + "(same layout as the data directory) instead of their pinned public sources.")
    String mirror;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:" + HOME_ENV + "}",
            description = "The server home of the demo (default: $" + HOME_ENV + "; bin/kedrec sets it to "
                    + "<repository>/" + DEFAULT_HOME + ").")
    Path home;

    @Mixin
    ServerOptions serverOptions = new ServerOptions("2g", "1g");

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ServerAuth auth;

    @Option(names = "--profile", paramLabel = "quick|full", defaultValue = "quick",
            description = "How much training: quick (minutes on a laptop) or full (the documented defaults of "
                    + "train kge and train student). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--disease", paramLabel = "ID", defaultValue = "DOID:10763",
            description = "The disease to recommend for: id, xref (e.g. MESH:D006973) or name (default: "
                    + "${DEFAULT-VALUE}, hypertension).")
    String disease;

    @Option(names = "--k", paramLabel = "N", defaultValue = "10",
            description = "How many drugs to recommend (default: ${DEFAULT-VALUE}).")
    int k;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        DemoProfile chosen;
        try {
            chosen = DemoProfile.parse(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        OptionChecks.require(spec, k >= 1 && k <= 100, "--k", k, "a number from 1 to 100");
        if (disease == null || disease.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--disease': it is empty; give "
                    + "a disease id (DOID:10763), xref (MESH:D006973) or name (hypertension).");
        }
        Path homeDir = (home == null || home.toString().isBlank() ? Path.of(DEFAULT_HOME) : home)
                .toAbsolutePath().normalize();
        ServerSettings server;
        try {
            server = new ServerSettings(homeDir, serverOptions.bolt(), serverOptions.http(), ServerAuth.password(auth),
                    serverOptions.heap(), serverOptions.pageCache(), ServerSettings.DEFAULT_START_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path dataDir = data.ifAny();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!offline) {
            // Step 0: a fresh machine fetches and derives what is missing (docs/data.md); --offline skips it.
            Path target = dataDir != null ? dataDir : DataDirectory.defaultTarget();
            if (DemoDataSetup.complete(target, mirror, out, new FetchProgress(err, System.console() != null))) {
                dataDir = target;
            }
        }
        DemoRunner runner = new DemoRunner(out, err, args -> {
            CommandLine cli = KedrecCli.commandLine();
            cli.setOut(out);
            cli.setErr(err);
            cli.setColorScheme(spec.commandLine().getColorScheme());
            return cli.execute(args.toArray(String[]::new));
        });
        runner.run(new DemoRunner.Settings(dataDir, server, chosen, disease.strip(), k));
        return 0;
    }
}

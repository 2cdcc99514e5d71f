package org.kedrec.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.kedrec.commandline.DataOption;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.OnError;
import org.kedrec.importer.cli.ImportCommand;
import org.kedrec.core.progress.ConsoleProgress;
import org.kedrec.server.Distribution;
import org.kedrec.server.OfflineLoad;
import org.kedrec.server.ServerHome;
import org.kedrec.server.ServerSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code kedrec import offline}: the first load of a new server home with Neo4j's offline bulk importer. Reads the
 * demo set with the same mapping as {@code kedrec import all}, has {@code neo4j-admin database import} write the
 * database, starts the server (with the options of {@code kedrec server start}) and creates the schema. The server
 * keeps running; later imports go online ({@code kedrec import ...}) and create nothing twice.
 */
@Command(
        name = "offline",
        mixinStandardHelpOptions = true,
        description = {
            "Load the whole demo set (as `import all`) into a NEW server home with neo4j-admin database import, "
                    + "several times faster than over Bolt, then start the server and create the schema. The "
                    + "database must not exist yet: for an existing one, start the server and use `import all`.",
            ""
        })
public final class ImportOfflineCommand extends ServerStartCommand {
    @Mixin
    DataOption data;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here.")
    Path report;

    @Option(names = "--on-error", paramLabel = "fail|skip", defaultValue = "fail",
            converter = ImportCommand.OnErrorConverter.class,
            description = "A bad input line stops the load (fail, the default) or is skipped and counted (skip).")
    OnError onError;

    /** {@inheritDoc} */
    @Override
    public Integer call() {
        ServerSettings settings = settings();
        Path dataDir = data.requireFolder(spec);
        // Before anything is read or started: a running server or an existing database is refused.
        OfflineLoad.requireNewDatabase(new ServerHome(settings.home()));
        Distribution dist = Distribution.locate();
        ImportOptions options = ImportOptions.defaults()
                .withOnError(onError)
                .withDataDirectory(dataDir)
                .withProgress(ConsoleProgress.forTerminal(spec.commandLine().getErr()));
        OfflineLoad.Result result = new OfflineLoad(line -> KedrecCli.say(spec, line)).load(dist, settings, options,
                importer -> importer.importAll(dataDir),
                started -> GraphDatabase.driver(started.boltUri(), settings.authEnabled()
                        ? AuthTokens.basic(ServerSettings.USER, settings.password())
                        : AuthTokens.none()));
        ImportReport loaded = result.report();
        PrintWriter out = spec.commandLine().getOut();
        out.println(Messages.format("Loaded %,d nodes and %,d relationships in %.1f s: %,.0f relationships/s "
                        + "(reading %.1f s, neo4j-admin files %.1f s, neo4j-admin import %.1f s, schema %.1f s; the "
                        + "server start, %.1f s, not counted).",
                loaded.created().nodes(), loaded.created().relationships(), loaded.seconds(),
                loaded.relationshipsPerSecond(), result.buildSeconds(), result.filesSeconds(), result.adminSeconds(),
                result.schemaSeconds(), result.startSeconds()));
        if (loaded.skippedLines() > 0) {
            out.println(Messages.format("Skipped lines: %,d %s", loaded.skippedLines(), loaded.skippedByReason()));
        }
        loaded.ignored().forEach((reason, count) -> out.println(Messages.format("Ignored: %,d %s", count, reason)));
        loaded.warnings().forEach(w -> out.println("Warning: " + w));
        if (report != null) {
            loaded.write(report);
            out.println("Report written to " + report);
        }
        out.println("Neo4j is running with the loaded graph:");
        out.println("  Bolt:     " + result.started().boltUri() + "  " + credentials());
        out.println("  Browser:  " + result.started().browserUrl());
        out.println("  Stop it:  kedrec server stop --home " + result.started().home().root());
        out.flush();
        return 0;
    }
}

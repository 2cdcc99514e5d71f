package org.kedrec.server.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.kedrec.server.Distribution;
import org.kedrec.server.TemporaryServer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The temporary server a bench command starts for itself and stops again: {@code --home} (new or empty, by default
 * a temporary folder), {@code --timeout} and the ports and memory of {@link ServerOptions}, with this command's memory
 * defaults: {@code @Mixin TemporaryServerOptions server = new TemporaryServerOptions("2g", "1g");}.
 */
public final class TemporaryServerOptions {
    @Mixin
    ServerOptions server;

    @Option(names = "--home", paramLabel = "DIR", description = "A new or empty folder for the server home "
            + "(default: a temporary folder, deleted afterwards).")
    Path home;

    @Mixin
    TimeoutOption timeout = new TimeoutOption(180);

    public TemporaryServerOptions(String heap, String pageCache) {
        server = new ServerOptions(heap, pageCache);
    }

    public ServerOptions server() {
        return server;
    }

    /** Checks memory sizes and the timeout before anything starts: usage errors (exit 2) that name the option. */
    public void validate(CommandSpec spec) {
        server.requireMemory(spec);
        timeout.check(spec);
    }

    /** Starts the temporary server with extra neo4j.conf lines ({@code key=value}). */
    public TemporaryServer start(Distribution dist, List<String> confLines, Consumer<String> say) {
        return TemporaryServer.start(dist, home, server.bolt, server.http, server.heap, server.pageCache, confLines,
                timeout.duration(), say);
    }

    /** Loads a new home offline and starts its server ({@link TemporaryServer#loadOffline}). */
    public TemporaryServer.Loaded loadOffline(Distribution dist, List<String> confLines, ImportOptions options,
            Function<Importer, ImportReport> build, Consumer<String> say) {
        return TemporaryServer.loadOffline(dist, home, server.bolt, server.http, server.heap, server.pageCache,
                confLines, options, build, timeout.duration(), say);
    }
}

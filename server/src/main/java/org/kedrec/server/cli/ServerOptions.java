package org.kedrec.server.cli;

import org.kedrec.server.ByteSize;
import org.kedrec.server.ServerSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The ports and memory of a Neo4j server that a command starts ({@code server start}, {@code demo} and the bench
 * commands' temporary servers), declared once. The memory defaults differ by command (a bench import wants more heap
 * than a server for a few queries), so each command passes its own:
 * {@code @Mixin ServerOptions server = new ServerOptions("2g", "1g");}; picocli keeps an initialised mixin and shows
 * the field values as the defaults.
 */
public final class ServerOptions {
    @Option(names = "--bolt", paramLabel = "PORT", defaultValue = "" + ServerSettings.DEFAULT_BOLT_PORT,
            description = "Bolt port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int bolt;

    @Option(names = "--http", paramLabel = "PORT", defaultValue = "" + ServerSettings.DEFAULT_HTTP_PORT,
            description = "HTTP port on 127.0.0.1, for Neo4j Browser and the HTTP API (default: ${DEFAULT-VALUE}).")
    int http;

    @Option(names = "--heap", paramLabel = "SIZE",
            description = "Java heap of the server, initial and maximum (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--pagecache", paramLabel = "SIZE", description = "Neo4j page cache (default: ${DEFAULT-VALUE}).")
    String pageCache;

    /** The defaults of {@code kedrec server start}. */
    public ServerOptions() {
        this(ServerSettings.DEFAULT_HEAP, ServerSettings.DEFAULT_PAGE_CACHE);
    }

    /** With this command's memory defaults, in neo4j.conf form ({@code 2g}, {@code 512m}). */
    public ServerOptions(String heap, String pageCache) {
        this.heap = heap;
        this.pageCache = pageCache;
    }

    public int bolt() {
        return bolt;
    }

    public int http() {
        return http;
    }

    public String heap() {
        return heap;
    }

    public String pageCache() {
        return pageCache;
    }

    /**
     * Checks --heap and --pagecache before anything starts: a usage error (exit 2) naming the option and the bad
     * value, as {@link ByteSize#parse} words it.
     */
    public void requireMemory(CommandSpec spec) {
        try {
            ByteSize.parse("--heap", heap);
            ByteSize.parse("--pagecache", pageCache);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}

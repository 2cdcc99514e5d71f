package org.kedrec.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@code conf/neo4j.conf}. The settings KEDRec needs sit in a managed block that every start rewrites; the
 * lines below its END marker belong to the user and are kept, except that a user line setting one of the managed
 * keys is commented out (Neo4j would otherwise see the key twice and one of the two would silently lose).
 */
public final class Neo4jConf {
    static final String BEGIN = "# BEGIN KEDREC MANAGED SETTINGS";
    static final String END = "# END KEDREC MANAGED SETTINGS";
    static final String OVERRIDDEN = "# overridden by kedrec (use the `kedrec server start` option instead): ";
    static final String JVM_ADDITIONAL = "server.jvm.additional";

    /** Touches every heap page at start, so the heap is resident from the start instead of page by page. */
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    /**
     * JVM flags of Neo4j's own tarball neo4j.conf, in its order (its "JVM Parameters" section; packagers copy the
     * list as "Default JVM parameters from neo4j.conf", e.g. nixpkgs' neo4j module, AlwaysPreTouch third). {@link
     * #PRE_TOUCH} is among them there too, so a managed server now runs with the flags Neo4j ships: without
     * it G1 makes the committed heap resident region by region over minutes of load, and the 16-client soak's
     * resident memory grew 15.8 % from its second to its last minute, which reads as a leak; with it +2.5 %
     * (docs/reliability.md). The cost: the whole heap resident from the start, and the start longer by the time
     * to touch it (1.7-2.7 s for 1 GB, 4.3-6.3 s for 2 GB on the shared 2-core machine). A user line
     * {@code server.jvm.additional=-XX:-AlwaysPreTouch} below the END line turns it off (the later flag wins).
     */
    static final List<String> NEO4J_JVM_FLAGS = List.of(
            "-XX:+UseG1GC",
            "-XX:-OmitStackTraceInFastThrow",
            PRE_TOUCH,
            "-XX:+UnlockExperimentalVMOptions",
            "-XX:+TrustFinalNonStaticFields",
            "-XX:+DisableExplicitGC",
            "-Djdk.nio.maxCachedBufferSize=1024",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Djdk.tls.ephemeralDHKeySize=2048",
            "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
            "-XX:FlightRecorderOptions=stackdepth=256",
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:+DebugNonSafepoints",
            // Without these Neo4j falls back to slower paths and warns ("Reflection access to
            // java.nio.DirectByteBuffer is not available", "Incorrect file descriptor" on transaction logs).
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED",
            "-Dlog4j2.disable.jmx=true",
            "-Dlog4j.layout.jsonTemplate.maxStringLength=32768");

    /**
     * System property with more JVM flags for every server prepared in this JVM, separated by spaces, written after
     * {@link #NEO4J_JVM_FLAGS} (so they win). The integration tests set {@code -XX:TieredStopAtLevel=1} and one
     * PyTorch thread (server/pom.xml): their servers live a minute or two, and C2's compilations at start-up then
     * cost more CPU than they save (server start on the shared 2-core machine: 13 s of CPU and 14.5-15.2 s to ready
     * with C2, 7.3-8.2 s and 10.2-11.3 s with C1 only).
     */
    public static final String EXTRA_JVM_FLAGS_PROPERTY = "kedrec.server.jvmFlags";

    private Neo4jConf() {}

    static final String ALLOWLIST = "dbms.security.procedures.allowlist";
    static final String MERGED = "# merged into the allowlist above: ";
    /** Procedures KEDRec needs; a user's own allowlist line (say for GDS) is added to these, not dropped. */
    static final List<String> ALLOWED = List.of("kedrec.*", "apoc.*");
    private static final String KEDREC_PREFIX = "kedrec.";

    static final String UNMANAGED_EXTENSIONS = "server.unmanaged_extension_classes";
    /** The plugin's JAX-RS package ({@code org.kedrec.plugin.browser.BrowserContent}) and where it is mounted. */
    static final String BROWSER_PACKAGE = "org.kedrec.plugin.browser";
    static final String BROWSER_MOUNT = "/kedrec";

    /** The Browser guide of a server started with {@code --http port}, for {@code :play}. */
    public static String guideUrl(int httpPort) {
        return "http://127.0.0.1:" + httpPort + BROWSER_MOUNT + "/guide";
    }

    /** The Browser style of a server started with {@code --http port}, for {@code :style}. */
    public static String styleUrl(int httpPort) {
        return "http://127.0.0.1:" + httpPort + BROWSER_MOUNT + "/style.grass";
    }

    /** The managed settings for {@code settings} in {@code home}, in file order ({@code server.jvm.additional} repeats). */
    static List<String> managedLines(ServerHome home, ServerSettings settings) {
        return managedLines(home, settings, List.of());
    }

    static List<String> managedLines(ServerHome home, ServerSettings settings, List<String> extraAllowed) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("server.default_listen_address", "127.0.0.1");
        values.put("server.default_advertised_address", "127.0.0.1");
        values.put("server.bolt.enabled", "true");
        values.put("server.bolt.listen_address", "127.0.0.1:" + settings.boltPort());
        values.put("server.bolt.advertised_address", "127.0.0.1:" + settings.boltPort());
        values.put("server.http.enabled", "true");
        values.put("server.http.listen_address", "127.0.0.1:" + settings.httpPort());
        values.put("server.http.advertised_address", "127.0.0.1:" + settings.httpPort());
        values.put("server.https.enabled", "false");
        values.put("dbms.security.auth_enabled", Boolean.toString(settings.authEnabled()));
        values.put("dbms.usage_report.enabled", "false");
        // The plugin's procedures and APOC; nothing needs dbms.security.procedures.unrestricted (docs/server.md).
        // A user's own line that names kedrec procedures narrows ours (say, without kedrec.model.load, which
        // Community cannot restrict to admins): kedrec.* is then left out, or it would allow everything again.
        Set<String> allowed = new LinkedHashSet<>();
        boolean narrowed = extraAllowed.stream().anyMatch(entry -> entry.startsWith(KEDREC_PREFIX));
        for (String entry : ALLOWED) {
            if (!(narrowed && entry.startsWith(KEDREC_PREFIX))) {
                allowed.add(entry);
            }
        }
        allowed.addAll(extraAllowed);
        values.put(ALLOWLIST, String.join(",", allowed));
        values.put("server.directories.import", "import");
        values.put("server.memory.heap.initial_size", settings.heap());
        values.put("server.memory.heap.max_size", settings.heap());
        values.put("server.memory.pagecache.size", settings.pageCache());
        // Bolt waits 2 s for in-flight responses on shutdown by default; a local server stops at once.
        values.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        // The Browser guide and style, served by the plugin at /kedrec (docs/browser.md). Browser fetches them
        // without credentials and only from allow-listed hosts (its default list has localhost, not 127.0.0.1),
        // and applies the style each time it connects.
        values.put(UNMANAGED_EXTENSIONS, BROWSER_PACKAGE + "=" + BROWSER_MOUNT);
        values.put("dbms.security.http_auth_allowlist", "/,/browser.*," + BROWSER_MOUNT + ".*");
        values.put("browser.remote_content_hostname_whitelist", "guides.neo4j.com,localhost,127.0.0.1");
        values.put("browser.post_connect_cmd", "style " + styleUrl(settings.httpPort()));

        List<String> lines = new ArrayList<>();
        values.forEach((key, value) -> lines.add(key + "=" + value));
        for (String flag : NEO4J_JVM_FLAGS) {
            lines.add(JVM_ADDITIONAL + "=" + flag);
        }
        // DJL inside the plugin: never download, unpack the PyTorch natives into the home, keep JNA's files there.
        lines.add(JVM_ADDITIONAL + "=-Dai.djl.offline=true");
        lines.add(JVM_ADDITIONAL + "=-DDJL_CACHE_DIR=" + home.djlCache());
        lines.add(JVM_ADDITIONAL + "=-Djna.tmpdir=" + home.jnaTmp());
        // One line per flag: Neo4j splits server.jvm.additional at line ends only.
        for (String flag : System.getProperty(EXTRA_JVM_FLAGS_PROPERTY, "").trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                lines.add(JVM_ADDITIONAL + "=" + flag);
            }
        }
        return lines;
    }

    /** Writes the managed block and keeps the user's lines; atomic, so a crash never leaves half a file. */
    public static void write(ServerHome home, ServerSettings settings) {
        Path file = home.confFile();
        try {
            List<String> user = Files.exists(file) ? userLines(Files.readAllLines(file, StandardCharsets.UTF_8))
                    : List.of();
            List<String> managed = managedLines(home, settings, userAllowed(user));
            Set<String> managedKeys = managed.stream()
                    .map(line -> line.substring(0, line.indexOf('=')))
                    .filter(key -> !key.equals(JVM_ADDITIONAL))
                    .collect(Collectors.toSet());
            List<String> out = new ArrayList<>();
            out.add(BEGIN + ": `kedrec server start` rewrites this block on every start.");
            out.add("# Put your own settings below the END line; they are kept. See docs/server.md.");
            out.addAll(managed);
            out.add(END);
            for (String line : user) {
                Optional<String> key = keyOf(line);
                if (key.isPresent() && key.get().equals(ALLOWLIST)) {
                    out.add(MERGED + line);
                } else {
                    out.add(key.isPresent() && managedKeys.contains(key.get()) ? OVERRIDDEN + line : line);
                }
            }
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Entries of the user's own allowlist lines, including ones merged earlier (kept as comments). */
    static List<String> userAllowed(List<String> userLines) {
        List<String> allowed = new ArrayList<>();
        for (String line : userLines) {
            String setting = line.startsWith(MERGED) ? line.substring(MERGED.length()) : line;
            if (keyOf(setting).filter(ALLOWLIST::equals).isPresent()) {
                for (String entry : setting.substring(setting.indexOf('=') + 1).split(",")) {
                    if (!entry.isBlank()) {
                        allowed.add(entry.trim());
                    }
                }
            }
        }
        return allowed;
    }

    /** The lines after the managed block; a file without the block (one the user wrote) is all user lines. */
    static List<String> userLines(List<String> lines) {
        int begin = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(BEGIN) && begin < 0) {
                begin = i;
            } else if (lines.get(i).startsWith(END) && begin >= 0) {
                end = i;
                break;
            }
        }
        if (begin < 0 || end < 0) {
            return lines;
        }
        List<String> user = new ArrayList<>(lines.subList(0, begin));
        user.addAll(lines.subList(end + 1, lines.size()));
        return user;
    }

    /** The effective settings of a conf file (last one wins), for status and stop. */
    public static Map<String, String> read(Path file) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return settings;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                keyOf(line).ifPresent(key -> settings.put(key, line.substring(line.indexOf('=') + 1).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return settings;
    }

    private static Optional<String> keyOf(String line) {
        String trimmed = line.trim();
        int eq = trimmed.indexOf('=');
        if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
            return Optional.empty();
        }
        return Optional.of(trimmed.substring(0, eq).trim());
    }
}

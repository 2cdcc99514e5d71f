package org.kedrec.server.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.DatasetCardFile;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.importer.ImportOptions;
import org.kedrec.importer.ImportReport;
import org.kedrec.importer.Importer;
import org.kedrec.core.progress.ConsoleProgress;
import org.kedrec.server.Distribution;
import org.kedrec.server.Neo4jServer;
import org.kedrec.server.OfflineLoad;
import org.kedrec.server.PortCheck;
import org.kedrec.server.ServerHome;
import org.kedrec.server.ServerSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Path.Segment;

/**
 * The eight steps of {@code kedrec demo}: data, server, import, dataset, training, model, recommendation, and what
 * to do next. Each step prints a line when it starts and one with its time when it ends, or says why it was
 * reused. Steps that write files write them to a temporary place first and move them into place when complete
 * (the trainers do the same for their components), and record what they did in {@link DemoState}'s files, so an
 * interrupted run leaves nothing that the next run trusts.
 */
public final class DemoRunner {
    /** The demo model's folder name under {@code <home>/models}. */
    public static final String MODEL_NAME = "demo";
    /** The dataset folder under the home. */
    public static final String DATASET = "dataset";
    static final int STEPS = 8;

    /** Runs {@code kedrec ARGS...} in this process with the demo's output; returns the exit code. */
    @FunctionalInterface
    public interface Kedrec {
        int run(List<String> args);
    }

    /**
     * What the demo was asked for.
     *
     * @param dataDir the data directory, or {@code null} when none was given or found
     * @param server the server's home, ports, password and memory
     * @param profile how much training
     * @param disease id, xref or name of the disease to recommend for
     * @param k how many drugs
     */
    public record Settings(Path dataDir, ServerSettings server, DemoProfile profile, String disease, int k) {}

    /** One step's outcome, for the summary and for tests. */
    public record StepTime(int number, String title, boolean reused, String note, double seconds) {}

    /** What a run did. */
    public record Result(List<StepTime> steps, List<RecommendTable.Row> rows, String diseaseId,
            Neo4jServer.StartResult server, double seconds) {}

    private final PrintWriter out;
    private final PrintWriter err;
    private final Kedrec kedrec;
    private final List<StepTime> times = new ArrayList<>();

    /**
     * @param out where the steps, the table and the next steps are printed
     * @param err where progress bars are drawn
     * @param kedrec runs the other commands (dataset build, train kge, train student) in this process
     */
    public DemoRunner(PrintWriter out, PrintWriter err, Kedrec kedrec) {
        this.out = out;
        this.err = err;
        this.kedrec = kedrec;
    }

    public Result run(Settings settings) {
        long begin = System.nanoTime();
        ServerSettings server = settings.server();
        ServerHome home = new ServerHome(server.home());

        // 1. The data.
        long t = step(1, "Data");
        Path dataDir = DemoData.require(settings.dataDir());
        String fingerprint = DemoState.fingerprint(dataDir);
        done(1, "Data", t, Messages.format("%s holds the %d files the demo reads", dataDir, DemoData.FILES.size()));

        // 2 and 3. The server and the graph: a new home is loaded offline before its first start (fastest).
        Neo4jServer.StartResult started;
        ImportOptions importOptions = ImportOptions.defaults().withDataDirectory(dataDir)
                .withProgress(ConsoleProgress.forTerminal(err));
        boolean running = home.runningProcess().isPresent();
        boolean databaseExists = Files.exists(home.data().resolve("databases").resolve(OfflineLoad.DATABASE));
        if (!running && !databaseExists) {
            t = step(2, "Server");
            // Before the offline load writes the database: a busy port found only at the server's start would leave
            // a loaded database without its record, and the re-run would import it again online.
            PortCheck.requireFree(server.boltPort(), "Bolt", "--bolt");
            PortCheck.requireFree(server.httpPort(), "HTTP", "--http");
        }
        Distribution dist = Distribution.locate();
        if (!running && !databaseExists) {
            done(2, "Server", t, Messages.format("%s has no database yet: the offline import (step 3) writes it, "
                    + "then starts Neo4j", home.root()));
            t = step(3, "Import");
            OfflineLoad.Result loaded = new OfflineLoad(this::say).load(dist, server, importOptions,
                    importer -> importer.importAll(dataDir), s -> driver(s, server));
            started = loaded.started();
            ImportReport report = loaded.report();
            writeImportRecord(home, dataDir, fingerprint, "offline", report);
            done(3, "Import", t, Messages.format("offline: %,d nodes and %,d relationships (Neo4j started in %.1f s "
                    + "on the way)", report.totalNodes(), report.totalRelationships(), loaded.startSeconds()));
        } else {
            t = step(2, "Server");
            Neo4jServer neo4j = new Neo4jServer(this::say);
            started = neo4j.start(dist, server);
            if (started.alreadyRunning() && !started.staleJars().isEmpty()) {
                // A server started before the plugin was rebuilt would serve the old procedures and model code.
                say(Messages.format("  restarting Neo4j (pid %d): it started before %s was rebuilt", started.pid(),
                        String.join(", ", started.staleJars())));
                neo4j.stop(home, server.startTimeout());
                started = neo4j.start(dist, server);
                done(2, "Server", t, Messages.format("Neo4j %s restarted with the rebuilt jars (pid %d)",
                        started.version(), started.pid()));
            } else if (started.alreadyRunning()) {
                reused(2, "Server", t, Messages.format("Neo4j already runs in %s (pid %d)", home.root(),
                        started.pid()));
            } else {
                done(2, "Server", t, Messages.format("Neo4j %s started (pid %d)", started.version(), started.pid()));
            }
        }

        try (Driver driver = driver(started, server)) {
            DemoState.ImportRecord imported = DemoState.read(home.root().resolve(DemoState.IMPORT_FILE),
                    DemoState.ImportRecord.class);
            if (running || databaseExists) {
                t = step(3, "Import");
                Importer importer = new Importer(driver, importOptions);
                ImportReport now = importer.graphReport();
                DemoState.Decision decision = DemoState.importDecision(imported, fingerprint, now.nodes(),
                        now.relationships());
                if (decision.reuse()) {
                    reused(3, "Import", t, decision.reason());
                } else {
                    say("  importing online because " + decision.reason());
                    ImportReport report = importer.importAll(dataDir);
                    imported = writeImportRecord(home, dataDir, fingerprint, "online", report);
                    done(3, "Import", t, Messages.format("online: %,d nodes and %,d relationships in the graph, "
                            + "%,d relationships created", report.totalNodes(), report.totalRelationships(),
                            report.created().relationships()));
                }
            }

            // 4. The dataset.
            Path dataset = home.root().resolve(DATASET);
            String datasetHash = dataset(settings, started, dataDir, dataset, imported);

            // 5. The ranker and the student.
            Path model = home.root().resolve("models").resolve(MODEL_NAME);
            train(settings, started, dataDir, dataset, model, datasetHash);

            // 6. kedrec.conf and the model load.
            t = step(6, "Model");
            boolean changed = writeKedrecConf(home);
            Record info = single(driver, "CALL kedrec.model.load() YIELD name, state, error, loadMillis, device "
                    + "RETURN name, state, error, loadMillis, device", Map.of());
            if (!"loaded".equals(info.get("state").asString())) {
                throw new IllegalStateException(Messages.format("The plugin did not load the model %s: state %s, %s. "
                        + "See %s; run `kedrec demo` again once it is fixed (finished steps are reused).", model,
                        info.get("state").asString(), info.get("error").asString(""), home.debugLog()));
            }
            done(6, "Model", t, Messages.format("%s conf/kedrec.conf (kedrec.model.dir=models/%s); the plugin "
                            + "loaded model `%s` on %s in %d ms", changed ? "wrote" : "kept", MODEL_NAME,
                    info.get("name").asString(), info.get("device").asString(), info.get("loadMillis").asLong()));

            // 7. The recommendation.
            t = step(7, "Recommend");
            Recommendation recommendation = recommend(driver, settings.disease(), settings.k(),
                    SplitPlan.read(dataset.resolve("splits.tsv")));
            double recommendSeconds = (System.nanoTime() - t) / 1e9;
            RecommendTable.format(recommendation.diseaseName() + " (" + recommendation.diseaseId() + ")",
                    recommendation.rows()).forEach(this::say);
            done(7, "Recommend", t, Messages.format("kedrec.recommend with the student's rationales answered in "
                    + "%.1f s", recommendSeconds));

            // 8. What next.
            step(8, "Ready");
            double total = (System.nanoTime() - begin) / 1e9;
            nextSteps(started, settings, recommendation);
            times.add(new StepTime(8, "Ready", false, "", 0));
            summary(total);
            return new Result(List.copyOf(times), recommendation.rows(), recommendation.diseaseId(), started, total);
        }
    }

    private String dataset(Settings settings, Neo4jServer.StartResult started, Path dataDir, Path dataset,
            DemoState.ImportRecord imported) {
        long t = step(4, "Dataset");
        DemoState.Decision decision = DemoState.datasetDecision(dataset, imported);
        if (decision.reuse()) {
            reused(4, "Dataset", t, decision.reason());
            return DemoState.read(dataset.resolve(DemoState.DATASET_STAMP), DemoState.DatasetStamp.class).dataHash();
        }
        say("  building because " + decision.reason());
        Path tmp = dataset.resolveSibling(DATASET + ".tmp");
        deleteTree(tmp);
        List<String> args = new ArrayList<>(List.of("dataset", "build", "--uri", started.boltUri(), "--out",
                tmp.toString(), "--data", dataDir.toString()));
        args.addAll(password(settings.server(), false));
        kedrec(4, args);
        String dataHash = cardHash(tmp);
        DemoState.writeJson(tmp.resolve(DemoState.DATASET_STAMP),
                new DemoState.DatasetStamp(imported.importedAt(), dataHash));
        replace(tmp, dataset);
        done(4, "Dataset", t, Messages.format("%s (data hash %s)", dataset, dataHash));
        return dataHash;
    }

    private void train(Settings settings, Neo4jServer.StartResult started, Path dataDir, Path dataset, Path model,
            String datasetHash) {
        long t = step(5, "Training");
        String profile = settings.profile().label();
        List<String> notes = new ArrayList<>();
        List<String> trainKge = new ArrayList<>(List.of("train", "kge", "--uri", started.boltUri(), "--model",
                model.toString(), "--splits", dataset.resolve("splits.tsv").toString(), "--data", dataDir.toString()));
        trainKge.addAll(password(settings.server(), true));
        boolean rankerReused = reuseOrTrain(model, "ranker", datasetHash, profile, settings.profile().kgeArguments(),
                trainKge, notes, null);
        String stale = staleStudent(rankerReused, settings.profile().studentArguments());
        boolean studentReused = reuseOrTrain(model, "student", datasetHash, profile,
                settings.profile().studentArguments(), List.of("train", "student", "--dataset", dataset.toString(),
                        "--model", model.toString()), notes, stale);
        if (rankerReused && studentReused) {
            reused(5, "Training", t, Messages.format("%s: ranker and student were trained with profile %s on dataset "
                    + "%s", model, profile, datasetHash));
        } else {
            done(5, "Training", t, model + ": " + String.join(", ", notes));
        }
    }

    /**
     * Why the student must be retrained whatever its stamp, or null: a student that reads the ranker's scores
     * ({@code --ranker-tool}: its prompt line and its fitted vote) learnt them from the ranker it was trained beside.
     */
    static String staleStudent(boolean rankerReused, List<String> studentArguments) {
        return !rankerReused && studentArguments.contains("--ranker-tool")
                ? "reading the ranker, which was just retrained" : null;
    }

    /**
     * Reuses the model's {@code component} (ranker or student) when its stamp says it was trained with this profile
     * on this dataset, else trains it with {@code command} and the profile's arguments and stamps it; adds a note for
     * the step's line and says whether it was reused. A non-null {@code staleBecause} trains it whatever its stamp.
     */
    private boolean reuseOrTrain(Path model, String component, String datasetHash, String profile,
            List<String> profileArguments, List<String> command, List<String> notes, String staleBecause) {
        String arguments = String.join(" ", profileArguments);
        DemoState.Decision decision = staleBecause != null ? DemoState.Decision.run(staleBecause)
                : DemoState.componentDecision(model, component, component, datasetHash, profile, arguments);
        if (decision.reuse()) {
            say("  " + component + " reused: " + decision.reason());
            notes.add(component + " reused");
            return true;
        }
        say("  training the " + component + " (" + profile + ") because it is " + decision.reason());
        DemoState.forgetComponent(model, component);
        long start = System.nanoTime();
        List<String> args = new ArrayList<>(command);
        args.addAll(profileArguments);
        kedrec(5, args);
        double seconds = (System.nanoTime() - start) / 1e9;
        DemoState.writeComponentStamp(model, component, new DemoState.ComponentStamp(datasetHash, profile, arguments,
                now(), round(seconds)));
        notes.add(Messages.format("%s trained in %.1f s", component, seconds));
        return false;
    }

    /** The disease as the graph names it, and the table's rows. */
    record Recommendation(String diseaseId, String diseaseName, List<RecommendTable.Row> rows) {}

    static final String RECOMMEND = """
            CALL kedrec.recommend($disease, {k: $k, rationale: 'student', excludeKnown: false})
            YIELD rank, drug, score, paths, rationale
            RETURN rank, drug.id AS id, drug.name AS name, score, head(paths) AS path, rationale,
                   EXISTS { MATCH (drug)-[:TREATS]->(:Disease {id: $diseaseId}) } AS known
            ORDER BY rank""";

    /** Finds the disease as {@code kedrec.recommend} does (id, xref, name), then recommends for it. */
    static Recommendation recommend(Driver driver, String disease, int k, SplitPlan splits) {
        List<Record> found = list(driver, """
                MATCH (d:Disease) WHERE d.id = $q OR $q IN coalesce(d.xrefs, []) OR toLower(d.name) = toLower($q)
                RETURN d.id AS id, d.name AS name ORDER BY d.id = $q DESC, d.id LIMIT 1""", Map.of("q", disease));
        // Unknown: the procedure itself says so, with the closest names.
        String diseaseId = found.isEmpty() ? disease : found.get(0).get("id").asString();
        String diseaseName = found.isEmpty() ? disease : found.get(0).get("name").asString(disease);
        List<RecommendTable.Row> rows = new ArrayList<>();
        for (Record row : list(driver, RECOMMEND, Map.of("disease", disease, "k", k, "diseaseId", diseaseId))) {
            String drugId = row.get("id").asString();
            String known = "no";
            if (row.get("known").asBoolean()) {
                PairSplit split = splits.splitOf(drugId, diseaseId);
                known = split == PairSplit.TRAIN ? "yes (train)" : "yes (held out)";
            }
            rows.add(new RecommendTable.Row(row.get("rank").asLong(), row.get("name").asString(drugId), drugId,
                    row.get("score").asDouble(), known, pathText(row.get("path")), row.get("rationale").asString("")));
        }
        return new Recommendation(diseaseId, diseaseName, rows);
    }

    static String pathText(Value value) {
        if (value == null || value.isNull()) {
            return "";
        }
        org.neo4j.driver.types.Path path = value.asPath();
        List<String> names = new ArrayList<>(List.of(name(path.start())));
        List<String> types = new ArrayList<>();
        List<Boolean> forward = new ArrayList<>();
        for (Segment segment : path) {
            types.add(segment.relationship().type());
            forward.add(segment.relationship().startNodeElementId().equals(segment.start().elementId()));
            names.add(name(segment.end()));
        }
        return RecommendTable.pathText(names, types, forward);
    }

    private static String name(org.neo4j.driver.types.Node node) {
        Value name = node.get("name");
        return name.isNull() ? node.get("id").asString("?") : name.asString();
    }

    private void nextSteps(Neo4jServer.StartResult started, Settings settings, Recommendation recommendation) {
        ServerSettings server = settings.server();
        String credentials = server.authEnabled()
                ? "user " + ServerSettings.USER + ", password " + passwordSource(server)
                : "no authentication";
        say("Neo4j keeps running with the demo graph and model:");
        say("  Browser:  " + started.browserUrl());
        say("  Bolt:     " + started.boltUri() + "  (" + credentials + ")");
        say("  Guide:    :play " + org.kedrec.server.Neo4jConf.guideUrl(server.httpPort())
                + "  (in Browser: recommend, explain and select, step by step)");
        say("  Stop it:  bin/kedrec server stop --home " + started.home().root());
        String disease = recommendation.diseaseId();
        String drug = recommendation.rows().isEmpty() ? "Ramipril" : recommendation.rows().get(0).drug();
        String second = recommendation.rows().size() < 2 ? "Lisinopril" : recommendation.rows().get(1).drug();
        say("Queries to paste into Browser:");
        // cypher-safe: example calls printed for the user to copy, never run
        say(Messages.format("  CALL kedrec.recommend('%s', {k: 10}) YIELD rank, drug, score, paths, rationale "
                + "RETURN rank, drug.name, score, paths, rationale", recommendation.diseaseName()));
        say(Messages.format("  CALL kedrec.explain('%s', '%s') YIELD path, metapath, score, rationale RETURN *",
                disease, drug));
        // cypher-safe: printed for the user to copy, never run
        say(Messages.format("  CALL kedrec.select('%s', ['%s', '%s']) YIELD drug, probability, selected, rationale "
                + "RETURN drug.name, probability, selected, rationale", disease, drug, second));
        say("  CALL kedrec.model.info()");
    }

    /** Where the password came from, never the password itself unless it is the documented default. */
    static String passwordSource(ServerSettings server) {
        String env = System.getenv("KEDREC_NEO4J_PASSWORD");
        if (env != null && !env.isEmpty() && env.equals(server.password())) {
            return "in $KEDREC_NEO4J_PASSWORD";
        }
        if ("kedrec-demo".equals(server.password())) {
            return "kedrec-demo (the default; choose your own with --password on a new home)";
        }
        return "given with --password";
    }

    private void summary(double total) {
        say("Step times:");
        for (StepTime time : times) {
            if (time.number() == STEPS) {
                continue;
            }
            say(Messages.format("  %d %-10s %8.1f s  %s", time.number(), time.title(), time.seconds(),
                    time.reused() ? "reused" : "done"));
        }
        say(Messages.format("  total        %8.1f s", total));
    }

    // --- steps ---------------------------------------------------------------------------------------------------

    private long step(int number, String title) {
        say(Messages.format("[%d/%d] %s", number, STEPS, title));
        return System.nanoTime();
    }

    private void done(int number, String title, long start, String note) {
        double seconds = (System.nanoTime() - start) / 1e9;
        times.add(new StepTime(number, title, false, note, seconds));
        say(Messages.format("[%d/%d] %s done in %.1f s: %s", number, STEPS, title, seconds, note));
    }

    private void reused(int number, String title, long start, String reason) {
        double seconds = (System.nanoTime() - start) / 1e9;
        times.add(new StepTime(number, title, true, reason, seconds));
        say(Messages.format("[%d/%d] %s reused (%.1f s): %s", number, STEPS, title, seconds, reason));
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private void kedrec(int step, List<String> args) {
        out.flush();
        int exit = kedrec.run(args);
        if (exit != 0) {
            throw new IllegalStateException(Messages.format("Step %d failed: `kedrec %s` exited with code %d (its "
                    + "message is above). Fix the cause and run `kedrec demo` again: the finished steps are reused.",
                    step, String.join(" ", masked(args)), exit));
        }
    }

    /** The arguments with the value of {@code --password} replaced, for messages. */
    static List<String> masked(List<String> args) {
        List<String> shown = new ArrayList<>(args);
        for (int i = 0; i + 1 < shown.size(); i++) {
            if ("--password".equals(shown.get(i))) {
                shown.set(i + 1, "***");
            }
        }
        return shown;
    }

    /**
     * The password options of the dataset builder ({@code trainer} false: an empty one sends no authentication) or
     * of the trainer (which always logs in; a server without authentication accepts any password).
     */
    static List<String> password(ServerSettings server, boolean trainer) {
        if (server.authEnabled()) {
            return List.of("--password", server.password());
        }
        return List.of("--password", trainer ? "no-authentication" : "");
    }

    private static Driver driver(Neo4jServer.StartResult started, ServerSettings server) {
        return GraphDatabase.driver(started.boltUri(), server.authEnabled()
                ? AuthTokens.basic(ServerSettings.USER, server.password())
                : AuthTokens.none());
    }

    // --- files ---------------------------------------------------------------------------------------------------

    private static DemoState.ImportRecord writeImportRecord(ServerHome home, Path dataDir, String fingerprint,
            String mode, ImportReport report) {
        DemoState.ImportRecord record = new DemoState.ImportRecord(dataDir.toString(), fingerprint, mode, now(),
                report.nodes(), report.relationships(), round(report.seconds()));
        DemoState.writeJson(home.root().resolve(DemoState.IMPORT_FILE), record);
        return record;
    }

    /** The card's {@code dataHash}; a build that wrote no hash is not trusted. */
    static String cardHash(Path dataset) {
        return DatasetCardFile.read(dataset).map(c -> DatasetCardFile.text(c, DatasetCardFile.DATA_HASH))
                .orElseThrow(() -> new IllegalStateException(Messages.format("The dataset card %s has no "
                        + "dataHash; delete %s and run `kedrec demo` again.", DatasetCardFile.in(dataset), dataset)));
    }

    /**
     * Writes {@code kedrec.model.dir=models/demo} into {@code <home>/conf/kedrec.conf}, keeping the file's other
     * lines; returns false when the file already said so.
     */
    static boolean writeKedrecConf(ServerHome home) {
        Path conf = home.conf().resolve("kedrec.conf");
        String wanted = "kedrec.model.dir=models/" + MODEL_NAME;
        List<String> lines = new ArrayList<>();
        try {
            if (Files.isRegularFile(conf)) {
                lines.addAll(Files.readAllLines(conf, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + conf + ": " + e.getMessage(), e);
        }
        if (lines.stream().map(String::strip).anyMatch(wanted::equals)
                && lines.stream().map(String::strip).filter(l -> l.startsWith("kedrec.model.dir")).count() == 1) {
            return false;
        }
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("kedrec.model.dir") && (stripped.length() == 16
                    || stripped.charAt(16) == '=' || Character.isWhitespace(stripped.charAt(16)))) {
                kept.add("# replaced by kedrec demo: " + line);
            } else {
                kept.add(line);
            }
        }
        kept.add(wanted);
        DemoState.writeText(conf, String.join("\n", kept) + "\n");
        return true;
    }

    /** Moves a complete folder into place, replacing an older one. */
    static void replace(Path complete, Path target) {
        Path old = target.resolveSibling(target.getFileName() + ".old");
        try {
            deleteTree(old);
            if (Files.exists(target)) {
                Files.move(target, old);
            }
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + complete + " to " + target + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    // --- Bolt ----------------------------------------------------------------------------------------------------

    private static List<Record> list(Driver driver, String cypher, Map<String, Object> params) {
        try (Session session = driver.session()) {
            return session.run(cypher, Values.value(params)).list();
        }
    }

    private static Record single(Driver driver, String cypher, Map<String, Object> params) {
        return list(driver, cypher, params).get(0);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}

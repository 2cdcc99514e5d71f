package org.kedrec.server.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.DatasetCardFile;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.core.text.EnumLabels;
import org.kedrec.importer.ImportBenchmark;
import org.kedrec.importer.ImportOptions;
import org.kedrec.server.Neo4jConf;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * Kills the real commands with SIGKILL part-way and checks that a re-run ends where a clean run ends: the import
 * ({@code kedrec import all}), the dataset build, the ranker and the student training, each run as a child JVM of
 * the {@code kedrec} command line against one server. Per stage: one clean run (the reference), then per kill point
 * a run killed after that fraction of the fastest run so far, or as soon as it prints its stage's progress line
 * ({@link KillPoint}), what it left behind, and a re-run compared with the reference (graph counts per label and type and no duplicate
 * ids; the dataset's {@code dataHash}; the same recommendations, and for the student the same rationales, from a
 * model loaded by the plugin).
 */
public final class FaultBenchmark {
    /** The stages, in pipeline order: each needs what the one before it wrote. */
    public enum Stage {
        // Each stage's progress line is one it prints once it is well into what a kill must not leave
        // half-written: the import has read the trials map, with Hetionet's nodes and edges and the trials written
        // (the nodes line alone came before any commit: a kill there left an empty graph), and goes on to the
        // trials' relationships and the literature; the dataset build has found the explanation paths and goes on
        // to the evidence and the files; the ranker has read the graph and its evidence and goes on to fit and
        // write; the student has finished its first of four epochs.
        IMPORT("trials map"), DATASET("expRxRec: explanation paths"), RANKER("Evidence ("),
        STUDENT("epoch 1:");

        private final String progressLine;

        Stage(String progressLine) {
            this.progressLine = progressLine;
        }

        /** The start of the line after which a kill {@link KillPoint#PROGRESS at progress} lands. */
        public String progressLine() {
            return progressLine;
        }

        public String label() {
            return EnumLabels.lowerCase(this);
        }

        /** Parses a stage name; the error names the valid ones. */
        public static Stage parse(String value) {
            return EnumLabels.find(Stage.class, Stage::label, value).orElseThrow(() -> new IllegalArgumentException(
                    Messages.format("Invalid value for option '--stages': `%s`. Valid values are: [import, dataset, "
                            + "ranker, student].", value)));
        }
    }

    /**
     * What to run.
     *
     * @param dataDir the data directory every command reads
     * @param work a new folder for datasets, logs and model snapshots
     * @param modelHome the server's {@code kedrec.model.home}: models trained there load by name
     * @param boltUri the server, without authentication
     * @param stages which stages to kill (every stage runs, since each needs the one before; stages not listed run
     *     once, clean)
     * @param points kill points: fractions of the fastest run's wall clock, each in (0, 1), or the progress line
     * @param kgeArguments extra arguments of {@code kedrec train kge}
     * @param studentArguments extra arguments of {@code kedrec train student}
     * @param childHeap heap of each child JVM
     */
    public record Options(Path dataDir, Path work, Path modelHome, String boltUri, List<Stage> stages,
            List<KillPoint> points, List<String> kgeArguments, List<String> studentArguments, String childHeap) {}

    /**
     * When a killed run is killed: after a fraction of the stage's fastest run so far, or ({@link #PROGRESS}, fraction
     * null) as soon as it prints its stage's {@link Stage#progressLine}, which lands mid-write however fast the
     * machine is at the time; a fraction of a time missed when a re-run on the warmed server was much faster.
     */
    public record KillPoint(Double fraction) {
        public static final KillPoint PROGRESS = new KillPoint(null);

        /** The part of the run names: the fraction in percent, or {@code progress}. */
        String label() {
            return fraction == null ? "progress" : Long.toString(Math.round(fraction * 100));
        }
    }

    /** When {@link #child} kills: never, after {@code seconds}, or once the log has a line beginning {@code line}. */
    record Kill(double seconds, String line) {
        static final Kill NEVER = new Kill(-1, null);
    }

    /** One child run: its exit code, whether we killed it, how long it ran and the last line it wrote. */
    record ChildRun(int exitCode, boolean killed, double seconds, String lastOutput) {}

    private static final long CHILD_TIMEOUT_MINUTES = 30;
    private static final int DISEASES = 5;
    private static final int K = 5;
    private static final int STUDENT_DISEASES = 2;
    private static final int STUDENT_K = 2;

    private final Options options;
    private final Driver driver;
    private final Consumer<String> say;
    private final List<String> java;

    public FaultBenchmark(Options options, Driver driver, Consumer<String> say) {
        this.options = options;
        this.driver = driver;
        this.say = say;
        this.java = javaCommand(options.childHeap());
    }

    /** Runs every stage and returns the report's {@code stages} object (stage label to its runs). */
    public Map<String, Object> run() throws IOException {
        Files.createDirectories(options.work().resolve("logs"));
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put(Stage.IMPORT.label(), importStage());
        Path dataset = options.work().resolve("dataset-clean");
        stages.put(Stage.DATASET.label(), datasetStage(dataset));
        Path rankerOnly = options.work().resolve("ranker-only");
        stages.put(Stage.RANKER.label(), rankerStage(dataset, rankerOnly));
        stages.put(Stage.STUDENT.label(), studentStage(dataset, rankerOnly));
        return stages;
    }

    /** Whether every re-run of every stage ended identical to its clean run. */
    @SuppressWarnings("unchecked")
    public static boolean allIdentical(Map<String, Object> stages) {
        return stages.values().stream().allMatch(stage -> Boolean.TRUE.equals(((Map<String, Object>) stage)
                .get("identical")));
    }

    private boolean kills(Stage stage) {
        return options.stages().contains(stage);
    }

    private Map<String, Object> importStage() {
        List<String> args = List.of("import", "all", "--uri", options.boltUri(), "--password", "", "--data",
                options.dataDir().toString());
        ImportBenchmark.wipe(driver, ImportOptions.DEFAULT_DATABASE);
        ChildRun clean = child("import-clean", args, Kill.NEVER);
        Map<String, Object> reference = graphSignature();
        Map<String, Object> stage = stageReport(clean);
        stage.put("reference", reference);
        List<Map<String, Object>> runs = new ArrayList<>();
        boolean identical = true;
        // Kill points are fractions of the fastest run so far: a re-run on a warmed server can take half the clean
        // run's time, and a point of the clean run's time would then miss.
        double fastest = clean.seconds();
        if (kills(Stage.IMPORT)) {
            for (KillPoint point : options.points()) {
                ImportBenchmark.wipe(driver, ImportOptions.DEFAULT_DATABASE);
                String name = "import-" + point.label();
                ChildRun killed = child(name + "-killed", args, kill(Stage.IMPORT, point, fastest));
                Map<String, Object> run = killedReport(Stage.IMPORT, point, killed);
                Map<String, Object> left = graphSignature();
                run.put("afterKill", Map.of("nodes", left.get("nodes"), "relationships", left.get("relationships")));
                ChildRun rerun = child(name + "-rerun", args, Kill.NEVER);
                fastest = Math.min(fastest, rerun.seconds());
                Map<String, Object> after = graphSignature();
                boolean same = rerun.exitCode() == 0 && after.equals(reference);
                run.put("rerunSeconds", round(rerun.seconds()));
                run.put("rerunExitCode", rerun.exitCode());
                run.put("identical", same);
                if (!same) {
                    run.put("rerunSignature", after);
                }
                identical &= same;
                runs.add(run);
                say.accept(line(Stage.IMPORT, point, killed, same, Messages.format("%s nodes, %s relationships",
                        after.get("nodes"), after.get("relationships"))));
            }
        }
        return finish(stage, runs, identical && clean.exitCode() == 0);
    }

    private Map<String, Object> datasetStage(Path clean) {
        ChildRun first = child("dataset-clean", datasetArgs(clean), Kill.NEVER);
        String reference = first.exitCode() == 0 ? dataHash(clean) : null;
        Map<String, Object> stage = stageReport(first);
        stage.put("dataHash", reference);
        List<Map<String, Object>> runs = new ArrayList<>();
        boolean identical = reference != null;
        double fastest = first.seconds();
        if (kills(Stage.DATASET)) {
            for (KillPoint point : options.points()) {
                Path out = options.work().resolve("dataset-" + point.label());
                ChildRun killed = child("dataset-" + point.label() + "-killed", datasetArgs(out),
                        kill(Stage.DATASET, point, fastest));
                Map<String, Object> run = killedReport(Stage.DATASET, point, killed);
                run.put("afterKill", folderState(out, DatasetCardFile.FILE));
                ChildRun rerun = child("dataset-" + point.label() + "-rerun", datasetArgs(out), Kill.NEVER);
                fastest = Math.min(fastest, rerun.seconds());
                String hash = rerun.exitCode() == 0 ? dataHash(out) : null;
                boolean same = Objects.equals(hash, reference) && hash != null;
                run.put("rerunSeconds", round(rerun.seconds()));
                run.put("rerunExitCode", rerun.exitCode());
                run.put("dataHash", hash);
                run.put("identical", same);
                identical &= same;
                runs.add(run);
                say.accept(line(Stage.DATASET, point, killed, same, "dataHash " + hash));
            }
        }
        return finish(stage, runs, identical);
    }

    private List<String> datasetArgs(Path out) {
        return List.of("dataset", "build", "--uri", options.boltUri(), "--password", "", "--out", out.toString(),
                "--data", options.dataDir().toString());
    }

    /**
     * What sets the ranker's and the student's kill stages apart; the loop is {@link #trainingStage}.
     *
     * @param stage the stage, for {@link #kills} and the printed lines
     * @param component the component folder a run writes into the model folder ({@code ranker}, {@code student})
     * @param rationale the rationale mode the comparison asks the plugin for
     * @param cleanName the clean run's model name under the model home
     * @param runPrefix the killed runs' model names are this plus the point in percent
     * @param arguments the command line for a model folder
     * @param seed a model folder copied into each run's folder before it starts (the ranker the student trains on),
     *     or null to start from nothing
     * @param compared what the printed line says was compared
     */
    private record Training(Stage stage, String component, String rationale, String cleanName, String runPrefix,
            Function<Path, List<String>> arguments, Path seed, String compared) {}

    private Map<String, Object> rankerStage(Path dataset, Path rankerOnly) throws IOException {
        Training ranker = new Training(Stage.RANKER, "ranker", "none", "faults-clean", "faults-ranker-",
                model -> rankerArgs(dataset, model), null, "recommendations for " + DISEASES + " diseases");
        return trainingStage(ranker, options.modelHome().resolve(ranker.cleanName()),
                // The student trains into copies of this folder: the ranker alone, as the clean run left it.
                cleanModel -> AtomicDirectory.copy(cleanModel, rankerOnly));
    }

    private List<String> rankerArgs(Path dataset, Path model) {
        List<String> args = new ArrayList<>(List.of("train", "kge", "--uri", options.boltUri(), "--password",
                "no-authentication", "--model", model.toString(), "--splits", dataset.resolve("splits.tsv").toString(),
                "--data", options.dataDir().toString(), "--device", "cpu", "--no-write-back"));
        args.addAll(options.kgeArguments());
        return args;
    }

    private Map<String, Object> studentStage(Path dataset, Path rankerOnly) throws IOException {
        Training student = new Training(Stage.STUDENT, "student", "student", "faults-student-clean",
                "faults-student-", model -> studentArgs(dataset, model), rankerOnly,
                "recommendations and student rationales");
        return trainingStage(student, options.modelHome().resolve(student.cleanName()), cleanModel -> { });
    }

    /** Something done with the clean run's model folder before the kills (it may copy, so it may throw). */
    private interface AfterClean {
        void accept(Path cleanModel) throws IOException;
    }

    /**
     * One training stage: a clean run (the reference recommendations and the learned files' hash), then per kill
     * point a run killed after that fraction of the fastest run so far, what it left, and a re-run compared with
     * the reference through the plugin.
     */
    private Map<String, Object> trainingStage(Training training, Path cleanModel, AfterClean afterClean)
            throws IOException {
        if (training.seed() != null) {
            AtomicDirectory.copy(training.seed(), cleanModel);
        }
        String label = training.stage().label();
        ChildRun first = child(label + "-clean", training.arguments().apply(cleanModel), Kill.NEVER);
        Map<String, Object> stage = stageReport(first);
        List<Map<String, Object>> reference = first.exitCode() == 0
                ? recommendations(training.cleanName(), training.rationale()) : null;
        stage.put("parametersSha256", first.exitCode() == 0
                ? parametersHash(cleanModel.resolve(training.component())) : null);
        afterClean.accept(cleanModel);
        List<Map<String, Object>> runs = new ArrayList<>();
        boolean identical = reference != null;
        double fastest = first.seconds();
        if (kills(training.stage())) {
            for (KillPoint point : options.points()) {
                String name = training.runPrefix() + point.label();
                Path model = options.modelHome().resolve(name);
                if (training.seed() != null) {
                    AtomicDirectory.copy(training.seed(), model);
                }
                ChildRun killed = child(name + "-killed", training.arguments().apply(model),
                        kill(training.stage(), point, fastest));
                Map<String, Object> run = killedReport(training.stage(), point, killed);
                run.put("afterKill", folderState(model, training.component()));
                ChildRun rerun = child(name + "-rerun", training.arguments().apply(model), Kill.NEVER);
                fastest = Math.min(fastest, rerun.seconds());
                boolean same = rerun.exitCode() == 0
                        && compare(run, reference, recommendations(name, training.rationale()));
                run.put("rerunSeconds", round(rerun.seconds()));
                run.put("rerunExitCode", rerun.exitCode());
                run.put("sameParameters", rerun.exitCode() == 0
                        && parametersHash(model.resolve(training.component())).equals(stage.get("parametersSha256")));
                run.put("identical", same);
                identical &= same;
                runs.add(run);
                say.accept(line(training.stage(), point, killed, same, training.compared()));
            }
        }
        return finish(stage, runs, identical);
    }

    private List<String> studentArgs(Path dataset, Path model) {
        List<String> args = new ArrayList<>(List.of("train", "student", "--dataset", dataset.toString(), "--model",
                model.toString(), "--device", "cpu"));
        args.addAll(options.studentArguments());
        return args;
    }

    // ---- comparing what a run left

    /** Nodes and relationships per label and type, and ids held by more than one node of a label (duplicates). */
    Map<String, Object> graphSignature() {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Session session = driver.session()) {
            out.put("nodes", session.run("MATCH (n) RETURN count(n) AS c").single().get("c").asLong());
            out.put("relationships", session.run("MATCH ()-[r]->() RETURN count(r) AS c").single().get("c").asLong());
            Map<String, Long> labels = new LinkedHashMap<>();
            session.run("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS c ORDER BY label")
                    .forEachRemaining(r -> labels.put(r.get("label").asString(), r.get("c").asLong()));
            out.put("labels", labels);
            Map<String, Long> types = new LinkedHashMap<>();
            session.run("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS c ORDER BY type")
                    .forEachRemaining(r -> types.put(r.get("type").asString(), r.get("c").asLong()));
            out.put("types", types);
            out.put("duplicateIds", session.run("""
                    MATCH (n) WHERE n.id IS NOT NULL
                    WITH labels(n) AS labels, n.id AS id, count(*) AS c WHERE c > 1
                    RETURN count(*) AS c""").single().get("c").asLong());
        }
        return out;
    }

    /** The top {@code K} of the first diseases with a known treatment, as the plugin answers with {@code model}. */
    List<Map<String, Object>> recommendations(String model, String rationale) {
        List<Map<String, Object>> out = new ArrayList<>();
        // A barely trained student writes to its token limit: each rationale costs seconds, so fewer of them.
        boolean student = rationale.equals("student");
        int k = student ? STUDENT_K : K;
        try (Session session = driver.session()) {
            List<String> diseases = session.run("MATCH (d:Disease)<-[:TREATS]-() RETURN DISTINCT d.id AS id "
                    + "ORDER BY id LIMIT $n", Map.of("n", student ? STUDENT_DISEASES : DISEASES))
                    .list(r -> r.get("id").asString());
            for (String disease : diseases) {
                List<Record> rows = session.run("""
                        CALL kedrec.recommend($disease, {model: $model, k: $k, rationale: $rationale,
                                                         excludeKnown: false})
                        YIELD rank, drug, score, rationale
                        RETURN drug.id AS drug, score, rationale ORDER BY rank""",
                        Map.of("disease", disease, "model", model, "k", k, "rationale", rationale)).list();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("disease", disease);
                entry.put("drugs", rows.stream().map(r -> r.get("drug").asString()).toList());
                entry.put("scores", rows.stream().map(r -> r.get("score").asDouble()).toList());
                entry.put("rationales", rows.stream().map(r -> r.get("rationale").asString("")).toList());
                out.add(entry);
            }
        }
        return out;
    }

    /** Same drugs in the same order and the same rationales; records the largest score difference. */
    @SuppressWarnings("unchecked")
    private static boolean compare(Map<String, Object> run, List<Map<String, Object>> reference,
            List<Map<String, Object>> actual) {
        if (reference == null || reference.size() != actual.size() || reference.isEmpty()) {
            return false;
        }
        boolean same = true;
        double maxScoreDifference = 0;
        for (int i = 0; i < reference.size(); i++) {
            Map<String, Object> a = reference.get(i);
            Map<String, Object> b = actual.get(i);
            same &= a.get("disease").equals(b.get("disease")) && a.get("drugs").equals(b.get("drugs"))
                    && a.get("rationales").equals(b.get("rationales"));
            List<Double> sa = (List<Double>) a.get("scores");
            List<Double> sb = (List<Double>) b.get("scores");
            for (int j = 0; j < Math.min(sa.size(), sb.size()); j++) {
                maxScoreDifference = Math.max(maxScoreDifference, Math.abs(sa.get(j) - sb.get(j)));
            }
        }
        run.put("diseasesCompared", reference.size());
        run.put("maxScoreDifference", maxScoreDifference);
        if (!same) {
            run.put("rerunRecommendations", actual);
        }
        return same;
    }

    private static String dataHash(Path dataset) {
        try {
            return DatasetCardFile.read(dataset).map(c -> DatasetCardFile.text(c, DatasetCardFile.DATA_HASH))
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * SHA-256 over what a component learned, in name order: the {@code *.params} files (the embedding, the student)
     * and the feature model's weights and scores ({@code metapaths.json}, {@code path-scores.bin}), which are all
     * the default ranker has since it trains no embedding.
     */
    static String parametersHash(Path component) {
        try (Stream<Path> files = Files.list(component)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(FaultBenchmark::learned).sorted().toList()) {
                digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean learned(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".params") || name.equals(RankerFiles.PATH_SCORES) || name.equals(RankerFiles.METAPATHS);
    }

    /**
     * What a killed run left at {@code folder}: whether the folder exists, whether {@code marker} (the file or
     * component that makes it complete) is in it, and the leftover temporary folders next to it.
     */
    static Map<String, Object> folderState(Path folder, String marker) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folderExists", Files.isDirectory(folder));
        out.put("published", Files.exists(folder.resolve(marker)));
        List<String> leftovers = new ArrayList<>();
        for (Path dir : List.of(folder.getParent(), folder)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).sorted()
                            .forEach(leftovers::add);
                } catch (IOException e) {
                    leftovers.add("unreadable: " + e.getMessage());
                }
            }
        }
        out.put("temporaryLeftovers", leftovers);
        return out;
    }

    // ---- child processes

    /** The JVM flag of C1-only compilation, which a child inherits ({@link #javaCommand}). */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    /**
     * The code cache size a C1-only child inherits with it: C1 only shrinks the default code cache from 240 MB to
     * 48 MB, which a JVM running Neo4j's driver and our commands can fill ("Out of space in CodeCache for adapters").
     */
    static final String CODE_CACHE = "-XX:ReservedCodeCacheSize=";

    /**
     * {@code java ... KedrecCli}: this JVM's class path and the settings the launcher gives the command line (public
     * for the tests that run a command in a JVM of its own, as a user's shell does), and this JVM's PyTorch thread
     * counts where set. A JVM that runs C1 only (the test JVMs do, test.argLine) starts its children so too: a child
     * of a test is a run of seconds, whose C2 compilations would cost it more CPU than they save on 2 cores.
     */
    public static List<String> javaCommand(String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jvmArguments.contains(C1_ONLY)) {
            command.add(C1_ONLY);
            jvmArguments.stream().filter(a -> a.startsWith(CODE_CACHE)).forEach(command::add);
        }
        for (String property : List.of("ai.djl.offline", "DJL_CACHE_DIR", "jna.tmpdir", "ai.djl.pytorch.num_threads",
                "ai.djl.pytorch.num_interop_threads", "kedrec.dist", "kedrec.data.default", "java.io.tmpdir",
                "slf4j.provider", Neo4jConf.EXTRA_JVM_FLAGS_PROPERTY)) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        String jar = System.getProperty("kedrec.cli.jar");
        command.add("-cp");
        command.add(jar != null && Files.isRegularFile(Path.of(jar)) ? jar : System.getProperty("java.class.path"));
        command.add("org.kedrec.server.cli.KedrecCli");
        return command;
    }

    /** The kill of a run at {@code point} of {@code stage}, whose fastest run so far took {@code fastest} seconds. */
    private static Kill kill(Stage stage, KillPoint point, double fastest) {
        return point.fraction() == null ? new Kill(-1, stage.progressLine())
                : new Kill(point.fraction() * fastest, null);
    }

    /** Runs {@code kedrec args} in a child JVM and sends it SIGKILL as {@code kill} says. */
    ChildRun child(String name, List<String> args, Kill kill) {
        List<String> command = new ArrayList<>(java);
        command.addAll(args);
        Path log = options.work().resolve("logs").resolve(name + ".log");
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            boolean killed = false;
            if (kill.seconds() >= 0) {
                if (!process.waitFor(Math.round(kill.seconds() * 1000), TimeUnit.MILLISECONDS)) {
                    // destroyForcibly is SIGKILL on Linux: no shutdown hook, no finally block runs.
                    process.destroyForcibly();
                    killed = true;
                }
            } else if (kill.line() != null) {
                killed = killAtLine(process, log, kill.line());
            }
            if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(Messages.format("`kedrec %s` did not finish in %d minutes; see %s.",
                        args.get(0), CHILD_TIMEOUT_MINUTES, log));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ChildRun run = new ChildRun(process.exitValue(), killed, seconds, lastLine(log));
            if (kill == Kill.NEVER && run.exitCode() != 0) {
                say.accept(Messages.format("  %s exited with %d: %s (log %s)", name, run.exitCode(), run.lastOutput(),
                        log));
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while `kedrec " + args.get(0) + "` ran", e);
        }
    }

    /**
     * Watches {@code log} as the child writes it and sends SIGKILL as soon as a line starting with {@code line} is in
     * it; false when the child ended first. Reads only what was appended since the last look, every 20 ms.
     */
    static boolean killAtLine(Process process, Path log, String line) throws IOException, InterruptedException {
        StringBuilder seen = new StringBuilder();
        long read = 0;
        while (true) {
            // Whether it ended is asked before the last read, so a line written just before the end still counts.
            boolean ended = !process.isAlive();
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long length = file.length();
                if (length > read) {
                    byte[] bytes = new byte[(int) (length - read)];
                    file.seek(read);
                    file.readFully(bytes);
                    read = length;
                    seen.append(new String(bytes, StandardCharsets.UTF_8));
                }
            }
            if (containsLineStart(seen, line)) {
                if (ended) {
                    return false;
                }
                process.destroyForcibly();
                return true;
            }
            if (ended) {
                return false;
            }
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether a line of {@code text} (after a newline or a carriage return) starts with {@code start}. */
    static boolean containsLineStart(CharSequence text, String start) {
        String all = text.toString();
        for (int at = all.indexOf(start); at >= 0; at = all.indexOf(start, at + 1)) {
            if (at == 0 || all.charAt(at - 1) == '\n' || all.charAt(at - 1) == '\r') {
                return true;
            }
        }
        return false;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The last non-blank line a run wrote (after the last carriage return of a redrawn progress bar), cut short. */
    static String lastLine(Path log) {
        try {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            String last = "";
            for (String line : text.split("[\r\n]")) {
                if (!line.isBlank()) {
                    last = line.strip();
                }
            }
            return Messages.echo(last);
        } catch (IOException e) {
            return "";
        }
    }

    // ---- report helpers

    private static Map<String, Object> stageReport(ChildRun clean) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("cleanSeconds", round(clean.seconds()));
        stage.put("cleanExitCode", clean.exitCode());
        return stage;
    }

    private static Map<String, Object> killedReport(Stage stage, KillPoint point, ChildRun killed) {
        Map<String, Object> run = new LinkedHashMap<>();
        if (point.fraction() != null) {
            run.put("point", point.fraction());
        } else {
            run.put("killedAfterLine", stage.progressLine());
        }
        run.put("killedAtSeconds", round(killed.seconds()));
        // A run that ended before its kill point was not killed: the point missed, and the report says so.
        run.put("killed", killed.killed());
        run.put("killedExitCode", killed.exitCode());
        run.put("lastOutputBeforeKill", killed.lastOutput());
        return run;
    }

    private static Map<String, Object> finish(Map<String, Object> stage, List<Map<String, Object>> runs,
            boolean identical) {
        stage.put("runs", runs);
        stage.put("kills", runs.stream().filter(r -> Boolean.TRUE.equals(r.get("killed"))).count());
        stage.put("identical", identical);
        return stage;
    }

    private static String line(Stage stage, KillPoint point, ChildRun killed, boolean same, String what) {
        String at = point.fraction() == null ? "after `" + stage.progressLine() + "`"
                : Messages.format("at %3d%%", Math.round(point.fraction() * 100));
        return Messages.format("  %-8s kill %s (%.1f s, %s): re-run %s (%s)", stage.label(), at,
                killed.seconds(), killed.killed() ? "killed" : "had already finished",
                same ? "identical to the clean run" : "DIFFERS from the clean run", what);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

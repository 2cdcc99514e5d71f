package org.kedrec.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.kedrec.core.Messages;
import org.kedrec.core.model.ModelManifest;
import org.kedrec.core.ranking.RankerFiles;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/**
 * The models of one database server, loaded once and shared by every procedure call ({@code @Context public
 * ModelService models;}). Created, started and closed by {@link ModelExtensionFactory}.
 *
 * <p>The default model ({@code kedrec.model.dir}) starts loading when the server starts, on a loader thread of its
 * own, so the database is up at once; a call that needs it waits (checking for termination). Other models under
 * {@code kedrec.model.home} load on first use or through {@code kedrec.model.load(name)}. A model that fails to
 * load leaves the database working: the calls that need it fail with the reason (naming the path and the setting),
 * and the next call tries again once the files have changed, so training a model after the server started needs
 * no restart.
 *
 * <p>Every load runs on the loader thread, whose context class loader is the plugin's: DJL finds the PyTorch engine
 * through the context class loader, and a Neo4j worker thread's one does not see it when the plugin is loaded from
 * a plugins folder (STACK.md). The ranker and the student are thread-safe (each bounds its own predictors).
 */
public final class ModelService implements AutoCloseable {
    private final Path neo4jHome;
    private final Supplier<KedrecSettings> settingsReader;
    private final Log log;
    private final ExecutorService loader;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final LookupCache lookups = new LookupCache();
    private volatile KedrecSettings settings;
    private volatile String active;
    private volatile boolean closed;
    private volatile AdjacencyCache adjacency;

    /** A model name with its current (or last) load. */
    private record Slot(String name, Path path, String origin, CompletableFuture<LoadedModel> future, String stamp) {}

    /**
     * @param settingsReader reads {@code kedrec.conf} and the environment; called at start and by
     *     {@code kedrec.model.load}, so edits take effect without a restart
     */
    public ModelService(Path neo4jHome, Supplier<KedrecSettings> settingsReader, Log log) {
        this.neo4jHome = neo4jHome;
        this.settingsReader = settingsReader;
        this.log = log;
        ClassLoader pluginLoader = ModelService.class.getClassLoader();
        this.loader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "kedrec-model-loader");
            thread.setDaemon(true);
            thread.setContextClassLoader(pluginLoader);
            return thread;
        });
        this.settings = settingsReader.get();
    }

    /** Logs the settings and starts loading the default model, if one is configured. */
    public void start() {
        start(model -> {});
    }

    /**
     * {@link #start()}, and once the default model has loaded, hands it to {@code whenLoaded} (on the loader's
     * completion, not on a caller's thread): the extension warms the query plans with it.
     */
    public void start(java.util.function.Consumer<LoadedModel> whenLoaded) {
        KedrecSettings current = settings;
        current.problems().forEach(problem -> log.warn("KEDRec: %s", problem));
        if (current.modelDir() == null) {
            log.info("KEDRec: no default model configured (%s); kedrec.recommend needs one.",
                    current.whereToSet(KedrecSettings.MODEL_DIR));
            return;
        }
        String name = defaultName(current);
        active = name;
        log.info("KEDRec: loading model `%s` from %s (%s)", name, current.modelDir(),
                current.sourceOf(KedrecSettings.MODEL_DIR));
        Slot slot = schedule(name, current.modelDir(), origin(current, name));
        slot.future().whenComplete((model, error) -> {
            if (error != null) {
                log.error("KEDRec: %s The database keeps working; kedrec.* calls that need the model fail with this "
                        + "message until it loads.", rootMessage(error));
            } else {
                log.info("KEDRec: model `%s` loaded in %d ms on %s (%s)", name, model.loadMillis(), model.device(),
                        model.engine());
                whenLoaded.accept(model);
            }
        });
    }

    public KedrecSettings settings() {
        return settings;
    }

    /** Gives the path walk arrays of the server's databases to the calls; closed with this service. */
    void useAdjacency(AdjacencyCache cache) {
        adjacency = cache;
    }

    /**
     * The path walk arrays of {@code database} if they are current, else null (the walk reads through cursors;
     * {@link AdjacencyCache}).
     */
    AdjacencySnapshot adjacency(String database) {
        AdjacencyCache cache = adjacency;
        return cache == null || database == null ? null : cache.current(database);
    }

    /** Caches of entity lookups (input text to CURIE), per database. */
    LookupCache lookups() {
        return lookups;
    }

    /** The name of the model calls use by default, or null. */
    public String activeName() {
        return active;
    }

    /**
     * The model for a call: {@code name}, or the active model when blank. Waits while it loads; the lease must be
     * closed when the call ends.
     */
    public ModelLease acquire(String name, TerminationGuard guard) {
        String wanted = name == null || name.isBlank() ? active : name.strip();
        if (wanted == null) {
            throw new IllegalStateException(notConfiguredMessage());
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Slot slot = slotFor(wanted);
            LoadedModel model = await(slot, guard);
            if (model.retain()) {
                return new ModelLease(model);
            }
            // Replaced and closed between the lookup and the retain: take the new one.
        }
        throw new IllegalStateException(Messages.format(
                "The KEDRec model `%s` was replaced three times while this call waited; run it again.", wanted));
    }

    /**
     * Loads (or reloads) a model and makes it the one calls use by default. Re-reads {@code kedrec.conf} first. A
     * blank name means the default model ({@code kedrec.model.dir}).
     */
    public LoadedModel load(String name, TerminationGuard guard) {
        KedrecSettings current = settingsReader.get();
        settings = current;
        String wanted = name == null || name.isBlank() ? null : name.strip();
        if (wanted == null) {
            if (current.modelDir() == null) {
                throw new IllegalArgumentException(Messages.format(
                        "kedrec.model.load() without a name loads the default model, but none is configured. Set %s, "
                                + "or pass the name of a model under %s: %s.",
                        current.whereToSet(KedrecSettings.MODEL_DIR), KedrecSettings.MODEL_HOME,
                        modelNamesInHome(current)));
            }
            wanted = defaultName(current);
        }
        Path path = pathFor(current, wanted);
        // Published only once loaded: a failed reload leaves the model that works in place.
        Slot slot = newLoad(wanted, path, origin(current, wanted));
        LoadedModel model;
        try {
            model = await(slot, guard);
        } catch (RuntimeException e) {
            // Terminated while loading: the model that arrives later is nobody's, so close it.
            retire(slot);
            throw e;
        }
        Slot previous;
        synchronized (slots) {
            previous = slots.put(wanted, slot);
        }
        active = wanted;
        if (previous != null) {
            retire(previous);
        }
        log.info("KEDRec: model `%s` loaded from %s in %d ms on %s and made the default", wanted, path,
                model.loadMillis(), model.device());
        AdjacencyCache cache = adjacency;
        if (cache != null) {
            // Stale arrays (a commit changed the graph since they were read) are read again when a model loads, as
            // on the first call after the commit; current ones are kept.
            cache.refreshAll();
        }
        return model;
    }

    /** A snapshot of one model's state for {@code kedrec.model.info}. */
    public record Status(String name, Path path, String state, LoadedModel model, String error) {}

    /** The state of {@code name}, or of the active model when blank; never loads anything. */
    public Status status(String name) {
        String wanted = name == null || name.isBlank() ? active : name.strip();
        if (wanted == null) {
            return new Status(null, null, "not configured", null, notConfiguredMessage());
        }
        Slot slot = slots.get(wanted);
        if (slot == null) {
            KedrecSettings current = settings;
            Path path;
            try {
                path = pathFor(current, wanted);
            } catch (IllegalArgumentException e) {
                return new Status(wanted, null, "unknown", null, e.getMessage());
            }
            return new Status(wanted, path, "not loaded", null, null);
        }
        CompletableFuture<LoadedModel> future = slot.future();
        if (!future.isDone()) {
            return new Status(wanted, slot.path(), "loading", null, null);
        }
        try {
            return new Status(wanted, slot.path(), "loaded", future.getNow(null), null);
        } catch (RuntimeException e) {
            return new Status(wanted, slot.path(), "failed", null, rootMessage(e));
        }
    }

    /** One model directory found by {@code kedrec.model.list}. */
    public record Listed(String name, Path path, boolean isDefault, boolean active, String state,
            ModelManifest manifest, String problem) {}

    /** The default model and every model directory under the model home, by name. */
    public List<Listed> list() {
        KedrecSettings current = settings;
        Map<String, Path> found = new java.util.TreeMap<>();
        for (String name : modelNamesInHome(current)) {
            found.put(name, current.modelHome().resolve(name));
        }
        String defaultName = current.modelDir() == null ? null : defaultName(current);
        if (defaultName != null) {
            found.put(defaultName, current.modelDir());
        }
        List<Listed> out = new ArrayList<>();
        found.forEach((name, path) -> {
            ModelManifest manifest = null;
            String problem = null;
            try {
                manifest = ModelManifest.readIfPresent(path).orElse(null);
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
            Status status = status(name);
            if (problem == null && status.error() != null) {
                problem = status.error();
            }
            out.add(new Listed(name, path, name.equals(defaultName), name.equals(active), status.state(), manifest,
                    problem));
        });
        return out;
    }

    /** Folders under the model home that hold a ranker, sorted. */
    static List<String> modelNamesInHome(KedrecSettings settings) {
        Path home = settings.modelHome();
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(home)) {
            return children.filter(p -> Files.isRegularFile(RankerFiles.dir(p).resolve(RankerFiles.CONFIG)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Slot slotFor(String name) {
        Slot slot = slots.get(name);
        if (slot != null) {
            CompletableFuture<LoadedModel> future = slot.future();
            boolean failed = future.isCompletedExceptionally();
            // A failed load is retried once its files change (a model trained after the server started).
            if (!failed || slot.stamp().equals(stamp(slot.path()))) {
                return slot;
            }
        }
        KedrecSettings current = settings;
        Path path = slot != null ? slot.path() : pathFor(current, name);
        synchronized (slots) {
            Slot again = slots.get(name);
            if (again != slot) {
                return again;
            }
            return schedule(name, path, slot != null ? slot.origin() : origin(current, name));
        }
    }

    private Slot schedule(String name, Path path, String origin) {
        Slot slot = newLoad(name, path, origin);
        slots.put(name, slot);
        return slot;
    }

    /** Starts loading on the loader thread without publishing the slot. */
    private Slot newLoad(String name, Path path, String origin) {
        if (closed) {
            throw new IllegalStateException("The KEDRec model service has been shut down with the database.");
        }
        String device = settings.device();
        String stamp = stamp(path);
        KedrecSettings current = settings;
        CompletableFuture<LoadedModel> future = CompletableFuture.supplyAsync(() -> {
            try {
                return LoadedModel.load(name, path, origin, device);
            } catch (RuntimeException e) {
                // The log keeps the whole story with the server's paths; callers get it with the paths replaced by
                // the settings that name them.
                log.warn("KEDRec: model `%s` from %s did not load: %s", name, path, rootMessage(e));
                throw redacted(current, e);
            }
        }, loader);
        return new Slot(name, path, origin, future, stamp);
    }

    private static void retire(Slot slot) {
        slot.future().whenComplete((model, error) -> {
            if (model != null) {
                model.release();
            }
        });
    }

    private LoadedModel await(Slot slot, TerminationGuard guard) {
        while (true) {
            try {
                return slot.future().get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (guard != null) {
                    guard.check();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the KEDRec model to load.", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(rootMessage(cause), cause);
            }
        }
    }

    private Path pathFor(KedrecSettings current, String name) {
        if (current.modelDir() != null && name.equals(defaultName(current))) {
            return current.modelDir();
        }
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(Messages.format(
                    "Invalid model name `%s`: a model is named by its folder under %s, without slashes.",
                    Messages.echo(name), KedrecSettings.MODEL_HOME));
        }
        Path path = current.modelHome().resolve(name);
        if (!Files.isDirectory(path)) {
            java.util.Set<String> known = new java.util.LinkedHashSet<>();
            if (current.modelDir() != null) {
                known.add(defaultName(current));
            }
            known.addAll(modelNamesInHome(current));
            throw new IllegalArgumentException(Messages.format(
                    "Unknown model `%s`: there is no such folder under %s. Models known: %s (the default model, set "
                            + "by %s, and the folders under %s).",
                    Messages.echo(name), KedrecSettings.MODEL_HOME, known, KedrecSettings.MODEL_DIR,
                    KedrecSettings.MODEL_HOME));
        }
        return path;
    }

    private static String defaultName(KedrecSettings settings) {
        Path fileName = settings.modelDir().getFileName();
        return fileName == null ? "default" : fileName.toString();
    }

    private static String origin(KedrecSettings settings, String name) {
        if (settings.modelDir() != null && name.equals(defaultName(settings))) {
            return KedrecSettings.MODEL_DIR + ", from " + settings.publicSourceOf(KedrecSettings.MODEL_DIR);
        }
        return KedrecSettings.MODEL_HOME + ", from " + settings.publicSourceOf(KedrecSettings.MODEL_HOME);
    }

    private String notConfiguredMessage() {
        KedrecSettings current = settings;
        return Messages.format("No KEDRec model is configured. Set %s to a model directory trained by `kedrec train "
                        + "kge` and call kedrec.model.load() (or restart the server), or call "
                        + "kedrec.model.load('<name>') for a model under %s.",
                current.whereToSet(KedrecSettings.MODEL_DIR), KedrecSettings.MODEL_HOME);
    }

    /** Changes whenever the model's files are written again (a retrain), so a failed load is retried. */
    private static String stamp(Path dir) {
        StringBuilder out = new StringBuilder();
        for (Path file : List.of(dir, dir.resolve(ModelManifest.FILE), RankerFiles.dir(dir).resolve(RankerFiles.CONFIG),
                dir.resolve(LoadedModel.STUDENT_DIR))) {
            try {
                out.append(Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1).append(';');
            } catch (IOException e) {
                out.append("?;");
            }
        }
        return out.toString();
    }

    /** The same failure with the server's folders replaced by their settings, and no cause for Neo4j to show. */
    static RuntimeException redacted(KedrecSettings settings, RuntimeException error) {
        String message = settings.redact(rootMessage(error));
        RuntimeException out = error instanceof IllegalArgumentException
                ? new IllegalArgumentException(message) : new IllegalStateException(message);
        out.addSuppressed(error);
        return out;
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Closes every model once its calls have returned and stops the loader. */
    @Override
    public void close() {
        closed = true;
        loader.shutdown();
        try {
            loader.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slots.values().forEach(ModelService::retire);
        slots.clear();
        AdjacencyCache cache = adjacency;
        if (cache != null) {
            cache.close();
        }
    }

    /** A model held for the duration of one call. */
    public static final class ModelLease implements AutoCloseable {
        private final LoadedModel model;
        private boolean closed;

        ModelLease(LoadedModel model) {
            this.model = model;
        }

        public LoadedModel model() {
            return model;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                model.release();
            }
        }
    }
}

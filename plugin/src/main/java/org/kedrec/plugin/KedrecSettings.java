package org.kedrec.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.text.DidYouMean;

/**
 * The plugin's own settings, read from {@code kedrec.conf} beside {@code neo4j.conf} and from environment variables
 * (which win, as APOC's do over {@code apoc.conf}). Never from {@code neo4j.conf}: Neo4j's strict validation rejects
 * keys it does not know.
 *
 * <p>A bad line never stops the database: it is reported in {@link #problems()} (logged at start and shown by
 * {@code kedrec.model.info}) and the default is used.
 *
 * @param confFile where {@code kedrec.conf} is looked for (it may not exist)
 * @param modelDir the default model directory, or null when none is configured
 * @param modelHome the folder whose sub-folders are the models {@code kedrec.model.list/load} know
 * @param device {@code auto} (GPU when the engine sees one), {@code cpu} or {@code gpu}
 * @param maxK the largest {@code k} a call may ask for
 * @param sources per setting, where its value came from (the file and line, or the environment variable)
 * @param problems lines that were ignored, as sentences
 */
public record KedrecSettings(
        Path confFile,
        Path modelDir,
        Path modelHome,
        String device,
        int maxK,
        Map<String, String> sources,
        List<String> problems) {

    public static final String FILE_NAME = "kedrec.conf";
    public static final String MODEL_DIR = "kedrec.model.dir";
    public static final String MODEL_HOME = "kedrec.model.home";
    public static final String DEVICE = "kedrec.model.device";
    public static final String MAX_K = "kedrec.recommend.max_k";
    public static final List<String> KEYS = List.of(MODEL_DIR, MODEL_HOME, DEVICE, MAX_K);
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");
    public static final int DEFAULT_MAX_K = 100;
    /** The model home when none is set: {@code <neo4j home>/models}. */
    public static final String DEFAULT_MODEL_HOME = "models";

    public KedrecSettings {
        sources = Map.copyOf(sources);
        problems = List.copyOf(problems);
    }

    /** The environment variable of a key: {@code kedrec.model.dir} is {@code KEDREC_MODEL_DIR}. */
    public static String environmentName(String key) {
        return key.replace('.', '_').toUpperCase(Locale.ENGLISH);
    }

    /**
     * Where a key is set, for messages to callers: {@code `kedrec.model.dir` in kedrec.conf (or KEDREC_MODEL_DIR)}.
     * The file is named, not its absolute path: a caller may not learn the server's folders (the log has them).
     */
    public String whereToSet(String key) {
        return Messages.format("`%s` in %s (or the environment variable %s)", key, FILE_NAME, environmentName(key));
    }

    /** {@link #sourceOf}, with the configuration file named instead of its absolute path, for messages to callers. */
    public String publicSourceOf(String key) {
        return redact(sourceOf(key));
    }

    /**
     * {@code text} with the server's absolute folders (the model home, the configuration file) replaced by the
     * setting that names them, for messages to callers; the server log keeps the full text.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(confFile.toAbsolutePath().toString(), FILE_NAME);
        if (modelDir != null) {
            out = out.replace(modelDir.toAbsolutePath().toString(), "<" + MODEL_DIR + ">");
        }
        return out.replace(modelHome.toAbsolutePath().toString(), "<" + MODEL_HOME + ">");
    }

    /**
     * The {@code k} of a call, between 1 and {@link #maxK()}; over the limit, the message names the limit and where
     * to raise it.
     */
    public int k(org.kedrec.core.config.ConfigReader reader, int defaultValue) {
        int k = reader.intValue("k", defaultValue);
        if (k < 1 || k > maxK) {
            throw new IllegalArgumentException(Messages.format(
                    "The value of `k` must be between 1 and %d but was %d. The upper limit is set by %s.", maxK, k,
                    whereToSet(MAX_K)));
        }
        return k;
    }

    /** Where the value of {@code key} came from, or {@code default}. */
    public String sourceOf(String key) {
        return sources.getOrDefault(key, "default");
    }

    /**
     * The folder of {@code kedrec.conf}: {@code $NEO4J_CONF}, else the {@code --config-dir} the server was started
     * with, else {@code <neo4j home>/conf} (what the harness and an embedded database have).
     */
    public static Path confDir(Path neo4jHome, Map<String, String> env, String javaCommand) {
        String fromEnv = env.get("NEO4J_CONF");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return neo4jHome.resolve(fromEnv.strip());
        }
        if (javaCommand != null) {
            for (String arg : javaCommand.split(" ")) {
                if (arg.startsWith("--config-dir=")) {
                    return neo4jHome.resolve(arg.substring("--config-dir=".length()));
                }
            }
        }
        return neo4jHome.resolve("conf");
    }

    /** Reads {@code <confDir>/kedrec.conf} (when present) and the environment. Relative paths resolve against the home. */
    public static KedrecSettings load(Path neo4jHome, Path confDir, Map<String, String> env) {
        Path file = confDir.resolve(FILE_NAME);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                lines = List.of();
                problems.add(Messages.format("Could not read %s (%s); its settings are ignored.", file, e.getMessage()));
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    problems.add(Messages.format(
                            "%s line %d is not `key=value`: `%s`; it is ignored.", file, i + 1, line));
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (!KEYS.contains(key)) {
                    List<String> close = DidYouMean.suggest(key, KEYS, 1);
                    problems.add(Messages.format("%s line %d: unknown setting `%s`%s; it is ignored. Known settings: %s.",
                            file, i + 1, key, close.isEmpty() ? "" : " (did you mean " + close.get(0) + "?)", KEYS));
                    continue;
                }
                values.put(key, value);
                sources.put(key, file + " line " + (i + 1));
            }
        }
        for (String key : KEYS) {
            String fromEnv = env.get(environmentName(key));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv.strip());
                sources.put(key, "environment variable " + environmentName(key));
            }
        }

        Path modelDir = values.containsKey(MODEL_DIR) ? neo4jHome.resolve(values.get(MODEL_DIR)).normalize() : null;
        Path modelHome = neo4jHome.resolve(values.getOrDefault(MODEL_HOME, DEFAULT_MODEL_HOME)).normalize();
        String device = values.getOrDefault(DEVICE, "auto").toLowerCase(Locale.ENGLISH);
        if (!DEVICES.contains(device)) {
            problems.add(Messages.format("Invalid value for %s (%s): `%s`. Valid values are: %s. Using auto.",
                    DEVICE, sources.get(DEVICE), values.get(DEVICE), DEVICES));
            device = "auto";
            sources.remove(DEVICE);
        }
        int maxK = DEFAULT_MAX_K;
        if (values.containsKey(MAX_K)) {
            try {
                maxK = Integer.parseInt(values.get(MAX_K));
                if (maxK < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(Messages.format("Invalid value for %s (%s): `%s`. It must be a whole number of at least "
                        + "1. Using %d.", MAX_K, sources.get(MAX_K), values.get(MAX_K), DEFAULT_MAX_K));
                maxK = DEFAULT_MAX_K;
                sources.remove(MAX_K);
            }
        }
        return new KedrecSettings(file, modelDir, modelHome, device, maxK, sources, problems);
    }
}

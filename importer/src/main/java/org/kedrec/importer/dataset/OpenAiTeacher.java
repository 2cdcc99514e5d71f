package org.kedrec.importer.dataset;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.evidence.Citations;
import org.kedrec.core.rationale.EvidenceTeacher;
import org.kedrec.core.rationale.Teacher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A teacher backed by any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama,
 * llama.cpp server, …), with the safeguards a dataset build needs:
 *
 * <ul>
 *   <li>the API key is read from an environment variable and only ever sent as the {@code Authorization} header,
 *       never logged nor written anywhere;
 *   <li>answers are cached on disk, one file per SHA-256 of (model, prompt), so a rebuild costs no requests;
 *   <li>requests are rate-limited and retried with exponential backoff on 429, 5xx and I/O errors (honouring
 *       {@code Retry-After}); a 401/403 stops the build at once;
 *   <li>every answer is validated: the selection is parsed from its first line and must be the relevant drug's
 *       slot, and every slot and NCT/PMID id it cites must be present in the example ({@link Citations}). A
 *       rejected answer is counted by reason and the {@link EvidenceTeacher} answers instead.
 * </ul>
 */
public final class OpenAiTeacher implements Teacher {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiTeacher.class);
    private static final Gson GSON = new Gson();

    static final String SYSTEM_PROMPT = "You are a clinical pharmacologist who explains drug recommendations. "
            + "Start your answer with the slot of the drug that treats the disease, e.g. `[C1].`, then explain why "
            + "in two to four sentences (40 to 80 words). Refer to the disease as [D] and to the candidates by "
            + "their slots [C1], [C2]; cite evidence by its slots [E1], [E2], … right after each claim. Cite only "
            + "slots that appear in the evidence and name no trial or publication that is not listed.";

    /**
     * @param endpoint the chat-completions URL, or a base URL such as {@code https://api.openai.com/v1} to which
     *     {@code /chat/completions} is appended
     * @param model the model name sent with each request
     * @param apiKeyEnv the environment variable that holds the API key
     * @param cacheDir where answers are cached
     * @param requestsPerSecond the most requests started per second
     * @param maxRetries retries after the first attempt
     * @param backoff the first retry's delay; doubled per retry, capped at 60 s
     * @param timeout per request
     * @param revealAnswer tell the model which candidate is relevant (rationalisation) rather than let it choose
     */
    public record Settings(
            URI endpoint,
            String model,
            String apiKeyEnv,
            Path cacheDir,
            double requestsPerSecond,
            int maxRetries,
            Duration backoff,
            Duration timeout,
            boolean revealAnswer) {

        public Settings {
            if (endpoint == null || endpoint.getScheme() == null
                    || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
                throw new IllegalArgumentException(Messages.format(
                        "The teacher endpoint `%s` is not an http(s) URL; pass e.g. "
                                + "--openai-url https://api.openai.com/v1.", endpoint));
            }
            String path = endpoint.getPath() == null ? "" : endpoint.getPath();
            if (!path.endsWith("/chat/completions")) {
                endpoint = URI.create(endpoint.toString().replaceAll("/+$", "") + "/chat/completions");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("The OpenAI-compatible teacher needs a model name: pass "
                        + "--openai-model NAME.");
            }
            if (requestsPerSecond <= 0) {
                throw new IllegalArgumentException(Messages.format(
                        "--openai-rps must be positive but was %s.", requestsPerSecond));
            }
            if (maxRetries < 0) {
                throw new IllegalArgumentException(Messages.format(
                        "--openai-retries must be 0 or more but was %d.", maxRetries));
            }
        }

        public static Settings of(URI endpoint, String model, String apiKeyEnv, Path cacheDir) {
            return new Settings(endpoint, model, apiKeyEnv, cacheDir, 2.0, 4, Duration.ofSeconds(1),
                    Duration.ofSeconds(120), true);
        }
    }

    private final Settings settings;
    private final String apiKey;
    private final HttpClient client;
    private final Map<String, Integer> rejections = new TreeMap<>();
    private int requests;
    private int cacheHits;
    private int accepted;
    private long nextRequestNanos;

    /** Reads the key from the environment variable named in {@code settings}. */
    public OpenAiTeacher(Settings settings) {
        this(settings, System.getenv());
    }

    OpenAiTeacher(Settings settings, Map<String, String> environment) {
        this.settings = settings;
        String key = environment.get(settings.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(Messages.format(
                    "The OpenAI-compatible teacher reads its API key from the environment variable %s, which is "
                            + "not set. Set it (any value, e.g. `none`, for a local server that needs no key) or "
                            + "name another variable with --openai-key-env.", settings.apiKeyEnv()));
        }
        this.apiKey = key.strip();
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public String name() {
        return "openai:" + settings.model();
    }

    /** Rejected answers by reason: noSelection, wrongSelection, unknownCitation, empty, requestFailed. */
    public synchronized Map<String, Integer> rejections() {
        return Map.copyOf(rejections);
    }

    /** HTTP requests sent (retries included). */
    public synchronized int requests() {
        return requests;
    }

    public synchronized int cacheHits() {
        return cacheHits;
    }

    public synchronized int accepted() {
        return accepted;
    }

    @Override
    public synchronized Answer answer(ExpRxRecExample example) {
        String user = userPrompt(example);
        String cacheKey = sha256(settings.model() + "\n" + SYSTEM_PROMPT + "\n" + user);
        Optional<String> content = readCache(cacheKey);
        if (content.isPresent()) {
            cacheHits++;
        } else {
            content = request(user);
            content.ifPresent(text -> writeCache(cacheKey, text));
        }
        if (content.isEmpty()) {
            return reject(example, "requestFailed");
        }
        String output = content.get().strip();
        if (output.isEmpty()) {
            return reject(example, "empty");
        }
        Optional<String> selection = Citations.selection(output);
        if (selection.isEmpty()) {
            return reject(example, "noSelection");
        }
        if (!selection.get().equals(example.answer())) {
            return reject(example, "wrongSelection");
        }
        if (!Citations.unknown(example, output).isEmpty()) {
            return reject(example, "unknownCitation");
        }
        accepted++;
        return new Answer(output, name());
    }

    String userPrompt(ExpRxRecExample example) {
        String prompt = example.instruction() + "\n\n" + example.input();
        if (settings.revealAnswer() && example.answer() != null) {
            prompt += "\n\nThe drug that treats the disease is " + example.answer()
                    + ". Start with it and explain from the evidence why it does and why the other candidate is "
                    + "less supported.";
        }
        return prompt;
    }

    private Answer reject(ExpRxRecExample example, String reason) {
        rejections.merge(reason, 1, Integer::sum);
        LOG.debug("Teacher answer for {} rejected ({}); the evidence teacher answers instead.", example.id(), reason);
        return new Answer(EvidenceTeacher.rationale(example), EvidenceTeacher.NAME);
    }

    private Optional<String> request(String user) {
        JsonObject body = new JsonObject();
        body.addProperty("model", settings.model());
        body.addProperty("temperature", 0);
        JsonArray messages = new JsonArray();
        messages.add(message("system", SYSTEM_PROMPT));
        messages.add(message("user", user));
        body.add("messages", messages);
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(GSON.toJson(body), StandardCharsets.UTF_8))
                .build();
        long delay = settings.backoff().toMillis();
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            throttle();
            requests++;
            long retryAfter = -1;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return Optional.ofNullable(content(response.body()));
                }
                if (status == 401 || status == 403) {
                    throw new IllegalStateException(Messages.format(
                            "The chat endpoint %s refused the API key from %s (HTTP %d). Check the key and the "
                                    + "endpoint.", settings.endpoint(), settings.apiKeyEnv(), status));
                }
                if (status != 429 && status < 500) {
                    LOG.warn("The chat endpoint {} answered HTTP {}; this example falls back to the evidence "
                            + "teacher.", settings.endpoint(), status);
                    return Optional.empty();
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(OpenAiTeacher::seconds)
                        .orElse(-1L);
                LOG.debug("HTTP {} from the chat endpoint, attempt {}.", status, attempt + 1);
            } catch (IOException e) {
                LOG.debug("Chat request failed ({}), attempt {}.", e.getMessage(), attempt + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the chat endpoint.", e);
            }
            if (attempt < settings.maxRetries()) {
                sleep(retryAfter >= 0 ? retryAfter * 1000 : delay);
                delay = Math.min(delay * 2, 60_000);
            }
        }
        LOG.warn("The chat endpoint {} failed {} times; this example falls back to the evidence teacher.",
                settings.endpoint(), settings.maxRetries() + 1);
        return Optional.empty();
    }

    /** The first choice's message content of a chat-completions response, or null. */
    static String content(String body) {
        try {
            JsonElement root = JsonParser.parseString(body);
            JsonArray choices = root.getAsJsonObject().getAsJsonArray("choices");
            if (choices == null || choices.isEmpty()) {
                return null;
            }
            JsonObject message = choices.get(0).getAsJsonObject().getAsJsonObject("message");
            JsonElement content = message == null ? null : message.get("content");
            return content == null || content.isJsonNull() ? null : content.getAsString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void throttle() {
        long interval = (long) (1e9 / settings.requestsPerSecond());
        long now = System.nanoTime();
        if (nextRequestNanos > now) {
            sleep((nextRequestNanos - now) / 1_000_000);
            now = System.nanoTime();
        }
        nextRequestNanos = now + interval;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry the chat endpoint.", e);
        }
    }

    private static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JsonObject message(String role, String content) {
        JsonObject message = new JsonObject();
        message.addProperty("role", role);
        message.addProperty("content", content);
        return message;
    }

    private Optional<String> readCache(String key) {
        Path file = settings.cacheDir().resolve(key + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject cached = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            return Optional.of(cached.get("content").getAsString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the unreadable teacher cache entry {}.", file);
            return Optional.empty();
        }
    }

    private void writeCache(String key, String content) {
        try {
            Files.createDirectories(settings.cacheDir());
            JsonObject cached = new JsonObject();
            cached.addProperty("model", settings.model());
            cached.addProperty("content", content);
            Path file = settings.cacheDir().resolve(key + ".json");
            Path tmp = settings.cacheDir().resolve(key + ".json.tmp");
            Files.writeString(tmp, GSON.toJson(cached), StandardCharsets.UTF_8);
            DatasetBuilder.move(tmp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the teacher cache in " + settings.cacheDir(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** The settings, for the card; holds the name of the key's variable, never the key. */
    public Settings settings() {
        return settings;
    }

    /** Summary counts for logs and the card. */
    public synchronized Map<String, Object> stats() {
        return Map.of("requests", requests, "cacheHits", cacheHits, "accepted", accepted,
                "rejected", rejections.values().stream().mapToInt(Integer::intValue).sum());
    }

    static List<String> rejectionReasons() {
        return List.of("requestFailed", "empty", "noSelection", "wrongSelection", "unknownCitation");
    }
}

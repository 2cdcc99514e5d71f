package org.kedrec.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Debian {@code chromium}, driven over the Chrome DevTools Protocol with nothing but the JDK's HTTP client
 * and WebSocket: one page, JavaScript evaluation, typed text, screenshots. Started on a fixed loopback debugging port
 * with a throw-away profile; {@link #close()} ends the process it started.
 */
final class Chromium implements AutoCloseable {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The chromium executable: {@code -Dkedrec.chromium=PATH}, else the first of chromium, chromium-browser, google-chrome on PATH. */
    static Optional<Path> find() {
        String configured = System.getProperty("kedrec.chromium", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    static Chromium start(Path executable, Path profile, int debugPort, int width, int height) throws Exception {
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=" + debugPort,
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI list = URI.create("http://127.0.0.1:" + debugPort + "/json/list");
            String pageSocket = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pageSocket == null) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("chromium exited with code " + process.exitValue() + " at start; see "
                            + profile.resolveSibling(profile.getFileName() + ".log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("chromium's DevTools did not answer on port " + debugPort + " in 30 s.");
                }
                try {
                    JsonArray targets = JsonParser.parseString(
                            http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body())
                            .getAsJsonArray();
                    for (JsonElement target : targets) {
                        if ("page".equals(target.getAsJsonObject().get("type").getAsString())) {
                            pageSocket = target.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                        }
                    }
                } catch (ConnectException notYet) {
                    // not listening yet
                }
                if (pageSocket == null) {
                    Thread.sleep(200);
                }
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                    .get(10, TimeUnit.SECONDS);
            Chromium chromium = new Chromium(process, socket);
            listener.owner = chromium;
            chromium.call("Page.enable", new JsonObject());
            chromium.call("Runtime.enable", new JsonObject());
            return chromium;
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** One DevTools command; its result, or an exception with the protocol's error. */
    JsonObject call(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        JsonObject message = new JsonObject();
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", params);
        socket.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
        JsonObject reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.getAsJsonObject("result");
    }

    void navigate(String url) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("url", url);
        call("Page.navigate", params);
    }

    /** Evaluates a JavaScript expression in the page (promises awaited) and returns its JSON value. */
    JsonElement evaluate(String expression) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        params.addProperty("awaitPromise", true);
        JsonObject result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + result.get("exceptionDetails") + " in " + expression);
        }
        JsonObject value = result.getAsJsonObject("result");
        return value.has("value") ? value.get("value") : com.google.gson.JsonNull.INSTANCE;
    }

    /** Waits until a JavaScript expression is true, or fails saying what was awaited. */
    void waitFor(String what, String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // While a page loads, document.body may still be null: an error counts as "not yet".
            JsonElement value = evaluate("(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()");
            if (value.isJsonPrimitive() && value.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + ". The page says:\n" + evaluate("document.body ? document.body.innerText.slice(0, 3000) : ''").getAsString());
            }
            Thread.sleep(250);
        }
    }

    /** Types text into the focused element, as a paste would (no key events per character). */
    void insertText(String text) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("text", text);
        call("Input.insertText", params);
    }

    /** A PNG of the page area {x, y, width, height} in CSS pixels. */
    byte[] screenshot(double x, double y, double width, double height) throws Exception {
        JsonObject clip = new JsonObject();
        clip.addProperty("x", x);
        clip.addProperty("y", y);
        clip.addProperty("width", width);
        clip.addProperty("height", height);
        clip.addProperty("scale", 1);
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        params.add("clip", clip);
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").getAsString());
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        // chromium's own helper processes (zygote, renderer, GPU) are children of the one this class started.
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        helpers.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Collects the fragments of each message and completes the call it answers; events are ignored. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        private volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                JsonObject message = JsonParser.parseString(buffer.toString()).getAsJsonObject();
                buffer.setLength(0);
                if (message.has("id") && owner != null) {
                    CompletableFuture<JsonObject> answer = owner.pending.remove(message.get("id").getAsInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (owner != null) {
                owner.pending.values().forEach(answer -> answer.completeExceptionally(error));
            }
        }
    }

    static String js(String text) {
        return new com.google.gson.JsonPrimitive(text).toString();
    }
}

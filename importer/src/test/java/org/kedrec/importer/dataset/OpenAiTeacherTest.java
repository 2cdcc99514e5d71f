package org.kedrec.importer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.dataset.ExampleAssembler;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.Variant;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.evidence.PublicationRecord;
import org.kedrec.core.evidence.TrialRecord;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.explain.PathScorer;
import org.kedrec.core.rationale.EvidenceTeacher;
import org.kedrec.core.rationale.Teacher;

/**
 * The OpenAI-compatible teacher against a local HTTP server that answers like a chat-completions endpoint (the
 * external service's stand-in): request shape and key, validation and fallback, cache, retries, errors.
 */
@Order(0)
class OpenAiTeacherTest {
    static final int PORT = 8060;
    static final String KEY = "sk-test-0123456789";

    record Reply(int status, String body, Map<String, String> headers) {
        static Reply answer(String content) {
            JsonObject message = new JsonObject();
            message.addProperty("role", "assistant");
            message.addProperty("content", content);
            JsonObject choice = new JsonObject();
            choice.add("message", message);
            JsonObject body = new JsonObject();
            com.google.gson.JsonArray choices = new com.google.gson.JsonArray();
            choices.add(choice);
            body.add("choices", choices);
            return new Reply(200, body.toString(), Map.of());
        }
    }

    HttpServer server;
    final Deque<Reply> replies = new ArrayDeque<>();
    final List<String> bodies = new ArrayList<>();
    final List<String> authorizations = new ArrayList<>();
    final List<String> paths = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", PORT), 0);
        server.createContext("/", exchange -> {
            synchronized (this) {
                paths.add(exchange.getRequestURI().getPath());
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                Reply reply = replies.isEmpty() ? new Reply(500, "{}", Map.of()) : replies.poll();
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    OpenAiTeacher teacher(boolean reveal) {
        OpenAiTeacher.Settings settings = new OpenAiTeacher.Settings(URI.create("http://localhost:" + PORT + "/v1"),
                "test-model", "TEST_KEY", tmp.resolve("cache"), 1000, 2, Duration.ofMillis(5), Duration.ofSeconds(10),
                reveal);
        return new OpenAiTeacher(settings, Map.of("TEST_KEY", KEY));
    }

    /** Hypertension: Amlodipine (relevant, [C2]) against Warfarin ([C1]). */
    static ExpRxRecExample example() {
        List<Long> degrees = List.of(8L, 15L, 6L, 120L);
        GraphPath amlodipine = new GraphPath("CbGaD", List.of("DrugBank:DB00381", "NCBIGene:775", "DOID:10763"),
                List.of("Amlodipine", "CACNA1C", "hypertension"), List.of("Drug", "Gene", "Disease"),
                List.of("BINDS", "ASSOCIATES"), List.of(true, false), degrees, PathScorer.pathDegreeProduct(degrees));
        CandidateEvidence relevant = new CandidateEvidence("DrugBank:DB00381", "Amlodipine", List.of(amlodipine),
                List.of(new TrialRecord("NCT:NCT00000102", null, "phase 3", "completed", null, null)),
                List.of(new PublicationRecord("PMID:12345678", "Amlodipine in hypertension", 2.0)));
        CandidateEvidence negative = new CandidateEvidence("DrugBank:DB00682", "Warfarin", List.of(), List.of(),
                List.of());
        return ExampleAssembler.assemble("DOID:10763|DrugBank:DB00381|both", "DOID:10763", "hypertension",
                List.of(negative, relevant), 1, Variant.BOTH, "train", "structural");
    }

    @Test
    void acceptsAGroundedAnswerAndSendsTheKeyOnlyAsAHeader() {
        String good = "[C2]. [C2] binds CACNA1C, a gene associated with [D] [E1], and completed phase 3 trial "
                + "NCT00000102 [E2]; PMID 12345678 [E3] reports it in [D]. Nothing links [C1] to [D].";
        replies.add(Reply.answer(good));
        OpenAiTeacher teacher = teacher(true);
        Teacher.Answer answer = teacher.answer(example());
        assertThat(answer).isEqualTo(new Teacher.Answer(good, "openai:test-model"));
        assertThat(paths).containsExactly("/v1/chat/completions");
        assertThat(authorizations).containsExactly("Bearer " + KEY);
        JsonObject body = JsonParser.parseString(bodies.get(0)).getAsJsonObject();
        assertThat(body.get("model").getAsString()).isEqualTo("test-model");
        assertThat(body.get("temperature").getAsInt()).isZero();
        assertThat(body.getAsJsonArray("messages")).hasSize(2);
        String user = body.getAsJsonArray("messages").get(1).getAsJsonObject().get("content").getAsString();
        assertThat(user).startsWith(ExpRxRecExample.INSTRUCTION + "\n\nDisease: [D] hypertension\n")
                .endsWith("The drug that treats the disease is [C2]. Start with it and explain from the evidence "
                        + "why it does and why the other candidate is less supported.");
        assertThat(bodies.get(0)).doesNotContain(KEY);
        assertThat(teacher.stats()).containsEntry("accepted", 1).containsEntry("requests", 1);
        assertThat(teacher.settings().toString()).doesNotContain(KEY);
    }

    @Test
    void answersComeFromTheCacheOnTheSecondAsk() throws IOException {
        replies.add(Reply.answer("[C2]. [C2] binds CACNA1C [E1]."));
        teacher(true).answer(example());
        OpenAiTeacher again = teacher(true);
        assertThat(again.answer(example()).output()).isEqualTo("[C2]. [C2] binds CACNA1C [E1].");
        assertThat(bodies).hasSize(1);
        assertThat(again.cacheHits()).isEqualTo(1);
        try (var files = Files.list(tmp.resolve("cache"))) {
            List<Path> entries = files.toList();
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).getFileName().toString()).matches("[0-9a-f]{64}\\.json");
            assertThat(Files.readString(entries.get(0))).doesNotContain(KEY);
        }
    }

    @Test
    void rejectsUngroundedOrWrongAnswersAndFallsBackToTheEvidenceTeacher() {
        replies.add(Reply.answer("[C2]. It binds CACNA1C [E7] and was in NCT99999999."));
        replies.add(Reply.answer("[C1]. Warfarin is better [E1]."));
        replies.add(Reply.answer("I am not sure which one."));
        replies.add(Reply.answer("   "));
        OpenAiTeacher teacher = teacher(false);
        ExpRxRecExample example = example();
        String fallback = EvidenceTeacher.rationale(example);
        for (int i = 0; i < 4; i++) {
            ExpRxRecExample distinct = ExampleAssembler.assemble(example.id() + i, "DOID:10763", "hypertension",
                    List.of(new CandidateEvidence("DrugBank:DB00682", "Warfarin", List.of(), List.of(), List.of()),
                            new CandidateEvidence("DrugBank:DB00381", "Amlodipine" + " ".repeat(i), List.of(),
                                    List.of(), List.of())),
                    1, Variant.BOTH, "train", "structural");
            assertThat(teacher.answer(distinct).teacher()).isEqualTo(EvidenceTeacher.NAME);
        }
        assertThat(teacher.rejections()).isEqualTo(Map.of("unknownCitation", 1, "wrongSelection", 1,
                "noSelection", 1, "empty", 1));
        assertThat(fallback).startsWith("[C2].");
        String user = JsonParser.parseString(bodies.get(0)).getAsJsonObject().getAsJsonArray("messages").get(1)
                .getAsJsonObject().get("content").getAsString();
        assertThat(user).doesNotContain("The drug that treats the disease is");
    }

    @Test
    void retriesRateLimitsAndServerErrorsThenGivesUp() {
        replies.add(new Reply(429, "{}", Map.of("Retry-After", "0")));
        replies.add(new Reply(503, "{}", Map.of()));
        replies.add(Reply.answer("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E1]."));
        OpenAiTeacher teacher = teacher(true);
        assertThat(teacher.answer(example()).teacher()).isEqualTo("openai:test-model");
        assertThat(teacher.requests()).isEqualTo(3);

        // Three failures in a row (1 + 2 retries): the evidence teacher answers and the failure is counted.
        ExpRxRecExample other = ExampleAssembler.assemble("other", "DOID:10763", "hypertension",
                List.of(new CandidateEvidence("DrugBank:DB00381", "Amlodipine", List.of(), List.of(), List.of())),
                0, Variant.VANILLA, "train", "structural");
        assertThat(teacher.answer(other)).isEqualTo(new Teacher.Answer(EvidenceTeacher.rationale(other),
                EvidenceTeacher.NAME));
        assertThat(teacher.requests()).isEqualTo(6);
        assertThat(teacher.rejections()).isEqualTo(Map.of("requestFailed", 1));
    }

    @Test
    void aRefusedKeyStopsTheBuildWithoutShowingTheKey() {
        replies.add(new Reply(401, "{\"error\": \"bad key\"}", Map.of()));
        assertThatThrownBy(() -> teacher(true).answer(example()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The chat endpoint http://localhost:" + PORT + "/v1/chat/completions refused the API key "
                        + "from TEST_KEY (HTTP 401). Check the key and the endpoint.")
                .message().doesNotContain(KEY);
    }

    @Test
    void settingsAreCheckedWithTheFix() {
        assertThatThrownBy(() -> new OpenAiTeacher(OpenAiTeacher.Settings.of(
                URI.create("http://localhost:1/v1"), "m", "NO_SUCH_VARIABLE", tmp), Map.of()))
                .hasMessage("The OpenAI-compatible teacher reads its API key from the environment variable "
                        + "NO_SUCH_VARIABLE, which is not set. Set it (any value, e.g. `none`, for a local server "
                        + "that needs no key) or name another variable with --openai-key-env.");
        assertThatThrownBy(() -> OpenAiTeacher.Settings.of(URI.create("ftp://x"), "m", "K", tmp))
                .hasMessage("The teacher endpoint `ftp://x` is not an http(s) URL; pass e.g. "
                        + "--openai-url https://api.openai.com/v1.");
        assertThatThrownBy(() -> OpenAiTeacher.Settings.of(URI.create("http://x/v1"), " ", "K", tmp))
                .hasMessage("The OpenAI-compatible teacher needs a model name: pass --openai-model NAME.");
        assertThat(OpenAiTeacher.Settings.of(URI.create("http://x/v1/chat/completions"), "m", "K", tmp).endpoint())
                .hasToString("http://x/v1/chat/completions");
        assertThat(OpenAiTeacher.content("{\"choices\": []}")).isNull();
        assertThat(OpenAiTeacher.content("not json")).isNull();
    }

    @Test
    void theKeyIsInNoCacheFileStatsOrMessage() throws IOException {
        replies.add(Reply.answer("[C2]. [C2] binds CACNA1C, a gene associated with [D] [E1]."));
        replies.add(new Reply(500, "{}", Map.of()));
        replies.add(new Reply(500, "{}", Map.of()));
        replies.add(new Reply(500, "{}", Map.of()));
        OpenAiTeacher teacher = teacher(true);
        teacher.answer(example());
        ExpRxRecExample other = ExampleAssembler.assemble("other", "DOID:10763", "hypertension",
                List.of(new CandidateEvidence("DrugBank:DB00381", "Amlodipine", List.of(), List.of(), List.of())),
                0, Variant.VANILLA, "train", "structural");
        teacher.answer(other);
        int files = 0;
        try (var walk = java.nio.file.Files.walk(tmp)) {
            for (Path file : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                files++;
                assertThat(java.nio.file.Files.readString(file)).as(file.toString()).doesNotContain(KEY);
            }
        }
        assertThat(files).as("cache files").isPositive();
        assertThat(String.valueOf(teacher.stats())).doesNotContain(KEY);
        assertThat(String.valueOf(teacher.rejections())).doesNotContain(KEY);
        assertThat(teacher.settings().toString()).doesNotContain(KEY);
    }
}

package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.core.model.ModelManifest;
import org.neo4j.driver.Session;

/**
 * A damaged model folder (truncated, mixing two models, missing a component) fails to load with a message that
 * says what to do and names no server folder; the model that serves keeps serving, and the database answers.
 * Each case is a copy of the fixture model damaged on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelIntegrityTest {
    private static final String PREFIX = "Failed to invoke procedure `kedrec.model.load`: Caused by: "
            + "java.lang.IllegalStateException: Could not load the KEDRec model from <kedrec.model.home>/%s (set by "
            + "kedrec.model.home, from kedrec.conf line 2): ";

    private final TestDb db = TestDb.get();
    private final List<Path> copies = new ArrayList<>();

    @AfterEach
    void removeCopies() {
        copies.forEach(AtomicDirectory::delete);
        copies.clear();
        db.run("CALL kedrec.model.load($m)", Map.of("m", TestDb.MODEL));
    }

    private Path copy(String name) throws IOException {
        Path from = db.modelHome.resolve(TestDb.MODEL);
        Path to = db.modelHome.resolve(name);
        AtomicDirectory.delete(to);
        copies.add(to);
        AtomicDirectory.copy(from, to);
        return to;
    }

    private static void truncateHalf(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
    }

    private static Path params(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".params")).findFirst().orElseThrow();
        }
    }

    private static void listStudent(Path model) {
        JsonObject entry = new JsonObject();
        entry.addProperty("path", LoadedModel.STUDENT_DIR);
        entry.addProperty("kind", "kedrec-student");
        ModelManifest.mergeComponent(model, "kedrec", "test", LoadedModel.STUDENT_DIR, entry, null);
    }

    /** The load fails with exactly this cause, and the fixture keeps serving. */
    private void refused(String name, String cause) {
        String message = db.failure("CALL kedrec.model.load($m)", Map.of("m", name));
        assertThat(message).startsWith(String.format(PREFIX, name)).contains(cause)
                .doesNotContain(db.home.toString()).doesNotContain("\tat ");
        assertThat(db.run("CALL kedrec.model.info() YIELD name, state RETURN name + ' ' + state AS s").get(0)
                .get("s").asString()).isEqualTo(TestDb.MODEL + " loaded");
        assertThat(db.run("CALL kedrec.recommend('hypertension', {k: 3, rationale: 'none'}) YIELD rank "
                + "RETURN count(*) AS n").get(0).get("n").asLong()).isEqualTo(3);
        assertThat(db.run("MATCH (n) RETURN count(n) > 0 AS any").get(0).get("any").asBoolean()).isTrue();
    }

    @Test
    void aTruncatedRankerIsRefused() throws IOException {
        Path model = copy("damaged-ranker");
        truncateHalf(params(model.resolve("ranker")));
        refused("damaged-ranker", "");
    }

    @Test
    void aRankerFromOtherDataIsRefused() throws IOException {
        Path model = copy("damaged-hash");
        Path manifest = model.resolve(ModelManifest.FILE);
        String text = Files.readString(manifest);
        String hash = ModelManifest.read(model).component("ranker").orElseThrow().get("dataHash").getAsString();
        Files.writeString(manifest, text.replace(hash, "0".repeat(64)));
        refused("damaged-hash", "The folder `ranker` holds a ranker trained on other data (data hash "
                + hash.substring(0, 12) + "…) than the one the model's model.json records (000000000000…): the "
                + "folder mixes two models. Retrain it with `kedrec train kge`, or copy the whole model folder again.");
    }

    @Test
    void aMissingComponentIsRefused() throws IOException {
        Path model = copy("damaged-missing");
        listStudent(model);
        AtomicDirectory.delete(model.resolve(LoadedModel.STUDENT_DIR));
        refused("damaged-missing", "The model's model.json lists the component `student`, but its folder `student` "
                + "is missing: the model folder is incomplete (a partial copy, or a training run that did not "
                + "finish). Retrain it with `kedrec train student`, or copy the whole model folder again.");
    }

    @Test
    void aTruncatedListedStudentIsRefused() throws IOException {
        Path model = copy("damaged-student");
        listStudent(model);
        truncateHalf(params(model.resolve(LoadedModel.STUDENT_DIR)));
        refused("damaged-student", "its student (folder `student`, listed in model.json) does not load: ");
    }

    @Test
    void reloadsUnderLoadFailNoCall() throws Exception {
        String drug = db.run("CALL kedrec.recommend('hypertension', {k: 1, rationale: 'none'}) YIELD drug "
                + "RETURN drug.id AS id").get(0).get("id").asString();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread client = new Thread(() -> {
                try (Session session = db.driver.session()) {
                    while (running.get()) {
                        try {
                            session.run("CALL kedrec.recommend('hypertension', {k: 5}) YIELD rank RETURN count(*)")
                                    .consume();
                            session.run("RETURN kedrec.score('hypertension', $drug) AS s", Map.of("drug", drug)).consume();
                            calls.addAndGet(2);
                        } catch (RuntimeException e) {
                            errors.add(e.getMessage());
                        }
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        try {
            for (int reload = 0; reload < 5; reload++) {
                Thread.sleep(300);
                db.run("CALL kedrec.model.load($m)", Map.of("m", reload % 2 == 0 ? TestDb.RANKER_ONLY : TestDb.MODEL));
            }
            Thread.sleep(300);
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(30_000);
            }
        }
        assertThat(errors).isEmpty();
        assertThat(calls.get()).isGreaterThan(20);
    }
}

package org.kedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.model.AtomicDirectory;
import org.kedrec.server.cli.CliRun;
import org.kedrec.testkit.FixtureModel;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * Neo4j Browser in headless Debian {@code chromium}, against the real server that {@code kedrec server start} runs
 * (ports 8312/8313, DevTools on 8314) with the demo graph ({@code kedrec import offline}) and a small ranker trained
 * on it: Browser connects, the KEDRec style is applied by the server's post-connect command, the guide plays from
 * {@code /kedrec/guide}, and {@code kedrec.explain} for hypertension and losartan is drawn as a graph whose nodes the test counts and checks
 * before it saves PNGs of both frames under {@code target/screenshots/} (and, with
 * {@code -Dkedrec.screenshots.update=true}, under {@code docs/img/}, the committed pictures). Skipped, saying so,
 * where no chromium binary exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserScreenshotIT {
    private static final int BOLT = 8312;
    private static final int HTTP = 8313;
    private static final int DEVTOOLS = 8314;
    private static final String DRUG_COLOUR = "#2F7ED8";
    private static final String DISEASE_COLOUR = "#D9453F";

    private final Path target = Path.of("target").toAbsolutePath();
    private final Path home = target.resolve("it-homes/browser");
    private Driver driver;
    private Chromium chromium;
    private String skipped;

    @BeforeAll
    void start() throws Exception {
        Optional<Path> executable = Chromium.find();
        if (executable.isEmpty()) {
            // Each test then reports itself skipped with this reason (an assumption here would hide them all).
            skipped = "No chromium binary on PATH (nor -Dkedrec.chromium=PATH): the Browser screenshot test is "
                    + "skipped. On Debian: apt-get install -y chromium.";
            return;
        }
        AtomicDirectory.delete(home);
        // The demo graph (76,279 nodes, 277,987 relationships), loaded as `kedrec import offline` does: about a
        // minute, several times faster than over Bolt. The server keeps running with it.
        CliRun loaded = CliRun.of("import", "offline", "--home", home.toString(), "--bolt", Integer.toString(BOLT),
                "--http", Integer.toString(HTTP), "--no-auth", "--heap", "1g", "--pagecache", "256m");
        assertThat(loaded.exitCode()).as(loaded.toString()).isZero();
        driver = GraphDatabase.driver("bolt://127.0.0.1:" + BOLT, AuthTokens.none());
        trainAndLoadASmallRanker();

        AtomicDirectory.delete(target.resolve("chromium-profile"));
        chromium = Chromium.start(executable.get(), target.resolve("chromium-profile"), DEVTOOLS, 1400, 1000);
    }

    /** Explain needs a model that knows the pair: one epoch of a small ranker on the demo graph (quality aside). */
    private void trainAndLoadASmallRanker() throws Exception {
        Path data = DataDirectory.forTests(Assumptions::abort);
        // The kit's tiny ranker, cut to one epoch with larger batches: the demo graph is 200 times the fixture.
        FixtureModel.trainRanker(driver, data, home.resolve("models/small"), "it", FixtureModel.tinyRanker()
                .with(Map.of("epochs", 1, "batchSize", 2048, "negatives", 16)));
        Files.write(home.resolve("conf/kedrec.conf"), List.of("kedrec.model.dir=models/small"));
        try (Session session = driver.session()) {
            assertThat(session.run("CALL kedrec.model.load() YIELD state RETURN state").single().get("state")
                    .asString()).isEqualTo("loaded");
        }
    }

    @BeforeEach
    void skipWithoutChromium() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    void stopWhatWeStarted() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (driver != null) {
            driver.close();
            CliRun.of("server", "stop", "--home", home.toString());
        }
    }

    @Test
    @Order(1)
    void browserConnectsAndTheServerAppliesTheKedrecStyle() throws Exception {
        chromium.navigate("http://127.0.0.1:" + HTTP + "/browser/?dbms=neo4j://127.0.0.1:" + BOLT);
        chromium.waitFor("Browser's connect form", "document.querySelector('[data-testid=connect]') != null",
                Duration.ofSeconds(60));
        // The server runs without authentication: choose "No authentication" as a user would, and connect.
        chromium.evaluate("""
                (() => {
                  const method = document.querySelector('[data-testid=authenticationMethod]');
                  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(method, 'NO_AUTH');
                  method.dispatchEvent(new Event('change', {bubbles: true}));
                  document.querySelector('[data-testid=connect]').click();
                  return true;
                })()""");
        // browser.post_connect_cmd runs `:style <url>` once connected; its frame shows the loaded rules.
        chromium.waitFor("the post-connect :style frame", "document.body.innerText.includes(':style "
                + Neo4jConf.styleUrl(HTTP) + "') && document.body.innerText.includes('node.Drug')",
                Duration.ofSeconds(60));
    }

    @Test
    @Order(2)
    void theGuidePlaysFromTheServer() throws Exception {
        run(":play " + Neo4jConf.guideUrl(HTTP));
        chromium.waitFor("the guide's first slide", "document.querySelector('[data-testid=frame]') != null"
                + " && document.querySelector('[data-testid=frame]').innerText.includes('Explainable drug "
                + "recommendation inside Neo4j')", Duration.ofSeconds(30));
        assertThat(chromium.evaluate("document.querySelector('[data-testid=frame]').innerText").getAsString())
                .contains(":style " + Neo4jConf.styleUrl(HTTP), "RETURN kedrec.version() AS plugin")
                .doesNotContain("Not found");
        save("browser-guide.png", newestFrame());
    }

    @Test
    @Order(3)
    void explainIsDrawnAsAGraphOfTheStyledPaths() throws Exception {
        // Losartan, an angiotensin receptor blocker: its mechanism path (hypertension's genes bound by the drug) is
        // the one to see; the demo graph also has similarity and clinical paths for the pair.
        run("CALL kedrec.explain('hypertension', 'Losartan') YIELD path RETURN path");
        chromium.waitFor("graph nodes of the explain result", "document.querySelector('[data-testid=frame]')"
                + ".querySelectorAll('svg g.node').length > 0", Duration.ofSeconds(60));
        waitForTheLayoutToSettle();
        JsonElement nodes = chromium.evaluate("""
                Array.from(document.querySelector('[data-testid=frame]').querySelectorAll('svg g.node')).map(node => ({
                  text: node.textContent.trim(),
                  // A node is a filled circle plus an unfilled selection ring.
                  fill: Array.from(node.querySelectorAll('circle')).map(circle => getComputedStyle(circle).fill)
                      .find(fill => fill !== 'none') || ''
                }))""");
        List<String> texts = new ArrayList<>();
        List<String> fills = new ArrayList<>();
        for (JsonElement node : nodes.getAsJsonArray()) {
            texts.add(node.getAsJsonObject().get("text").getAsString());
            fills.add(node.getAsJsonObject().get("fill").getAsString());
        }
        assertThat(texts).hasSizeGreaterThanOrEqualTo(4).contains("hypertension", "Losartan");
        assertThat(fills.get(texts.indexOf("Losartan"))).isEqualTo(rgb(DRUG_COLOUR));
        assertThat(fills.get(texts.indexOf("hypertension"))).isEqualTo(rgb(DISEASE_COLOUR));
        assertThat(chromium.evaluate("document.querySelector('[data-testid=frame]')"
                + ".querySelectorAll('svg g.relationship').length").getAsInt()).isGreaterThanOrEqualTo(texts.size() - 1);
        save("browser-explain.png", newestFrame());
    }

    /** A style.grass colour as the computed CSS style writes it: #2F7ED8 is rgb(47, 126, 216). */
    static String rgb(String hex) {
        int value = Integer.parseInt(hex.substring(1), 16);
        return "rgb(" + (value >> 16) + ", " + ((value >> 8) & 0xFF) + ", " + (value & 0xFF) + ")";
    }

    /** Puts a command into Browser's editor and presses its Run button. */
    private void run(String command) throws Exception {
        chromium.evaluate("(() => { document.querySelector('[data-testid=activeEditor] textarea').focus(); "
                + "return true; })()");
        chromium.insertText(command);
        chromium.evaluate("(() => { document.querySelector('[data-testid=editor-Run]').click(); return true; })()");
    }

    /** The force layout moves nodes for a while: wait until two looks half a second apart agree. */
    private void waitForTheLayoutToSettle() throws Exception {
        String positions = "Array.from(document.querySelector('[data-testid=frame]').querySelectorAll('svg g.node'))"
                + ".map(node => node.getAttribute('transform')).join(';')";
        String previous = "";
        for (int look = 0; look < 40; look++) {
            String now = chromium.evaluate(positions).getAsString();
            if (now.equals(previous)) {
                return;
            }
            previous = now;
            Thread.sleep(500);
        }
    }

    /** The bounding box of the newest result frame (Browser puts it on top of the stream). */
    private JsonObject newestFrame() throws Exception {
        return chromium.evaluate("""
                (() => {
                  const box = document.querySelector('[data-testid=frame]').getBoundingClientRect();
                  return {x: box.x, y: box.y, width: box.width, height: box.height};
                })()""").getAsJsonObject();
    }

    private void save(String name, JsonObject box) throws Exception {
        byte[] png = chromium.screenshot(box.get("x").getAsDouble(), box.get("y").getAsDouble(),
                box.get("width").getAsDouble(), box.get("height").getAsDouble());
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        Path file = target.resolve("screenshots").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        if (Boolean.getBoolean("kedrec.screenshots.update")) {
            Path docs = Path.of(System.getProperty("kedrec.repo.root", "..")).resolve("docs/img").resolve(name);
            Files.createDirectories(docs.getParent());
            Files.write(docs, png);
        }
    }
}

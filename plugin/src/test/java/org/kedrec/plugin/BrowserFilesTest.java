package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kedrec.core.graph.GraphSchema;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.plugin.CypherScripts.Statement;
import org.kedrec.plugin.browser.BrowserContent;

/** The Browser guide, {@code examples.cypher} and {@code style.grass}: in step with each other and well formed. */
class BrowserFilesTest {
    @Test
    void examplesHoldTheGuidesStatementsInTheGuidesOrder() {
        List<String> guide = CypherScripts.guideBlocks(CypherScripts.guide()).stream()
                .filter(block -> !block.isBrowserCommand()).map(Statement::normalized).toList();
        List<String> examples = CypherScripts.statements(CypherScripts.folder().resolve("examples.cypher")).stream()
                .map(Statement::normalized).toList();
        assertThat(guide).hasSizeGreaterThanOrEqualTo(20);
        assertThat(examples).containsExactlyElementsOf(guide);
    }

    @Test
    void theJarServesTheFilesOfTheCypherFolder() throws IOException {
        assertThat(BrowserContent.resource("style.grass"))
                .isEqualTo(Files.readString(CypherScripts.folder().resolve("style.grass")));
        String guide = Files.readString(CypherScripts.guide());
        assertThat(guide).contains(BrowserContent.DEFAULT_BASE + "style.grass");
        assertThat(BrowserContent.guideHtml(URI.create("http://127.0.0.1:8313/kedrec/")))
                .isEqualTo(guide.replace("http://127.0.0.1:7474/kedrec/", "http://127.0.0.1:8313/kedrec/"));
        assertThat(BrowserContent.guideHtml(URI.create("http://localhost:7474/kedrec")))
                .contains(":style http://localhost:7474/kedrec/style.grass");
        assertThatThrownBy(() -> BrowserContent.resource("guide/missing.html")).hasMessage(
                "The KEDRec plugin jar lacks org/kedrec/plugin/browser/guide/missing.html; it was not built by "
                        + "Maven. Rebuild it with ./mvnw -B -ntp -Dfast package.");
    }

    @Test
    void theGuideIsABrowserSlideDeckWithoutScripts() {
        String guide = BrowserContent.resource("guide/kedrec.html");
        assertThat(guide).contains("<article class=\"guide\">", "<carousel class=\"deck container-fluid\">");
        assertThat(count(guide, "<slide ")).isEqualTo(count(guide, "</slide>")).isGreaterThanOrEqualTo(8);
        // Browser strips scripts and on* handlers from remote guides: none may be relied on.
        assertThat(guide).doesNotContainPattern("(?i)<script|\\son[a-z]+=");
        assertThat(guide).contains("DOID:10763", "DOID:9352", "kedrec.recommend(", "kedrec.explain(",
                "kedrec.select(", "kedrec.recommend.write(", "PREDICTED_TREATS", "kedrec.model.info(", ":Trial",
                ":Publication");
    }

    @Test
    void theStyleParsesAsBrowserParsesItAndTellsEveryLabelApart() {
        Map<String, Map<String, String>> rules = parseGrass(BrowserContent.resource("style.grass"));
        assertThat(rules).containsKeys("node", "relationship");
        List<String> colours = Arrays.stream(EntityKind.values()).map(kind -> {
            Map<String, String> rule = rules.get("node." + kind.label());
            assertThat(rule).as("node.%s", kind.label()).isNotNull();
            // Entities by name; trials and publications by their short NCT/PMID id (titles are sentences).
            boolean evidence = kind == EntityKind.TRIAL || kind == EntityKind.PUBLICATION;
            assertThat(rule).containsEntry("caption", evidence ? "{id}" : "{name}")
                    .containsKeys("color", "border-color", "diameter");
            return rule.get("color").toUpperCase();
        }).toList();
        assertThat(colours).doesNotHaveDuplicates();
        for (String type : List.of(GraphSchema.TREATS, GraphSchema.PREDICTED_TREATS, GraphSchema.TESTS,
                GraphSchema.STUDIES, GraphSchema.MENTIONS)) {
            assertThat(rules.get("relationship." + type)).as(type).containsEntry("caption", "<type>");
        }
        assertThat(rules.get("relationship." + GraphSchema.PREDICTED_TREATS).get("color"))
                .isNotEqualTo(rules.get("relationship." + GraphSchema.TREATS).get("color"));
    }

    /**
     * Browser's own GraSS reader, line for line (neo4j-browser 5.24 {@code parseGrass}): braces outside quotes open
     * and close a rule, quote characters are dropped, white space is dropped from selectors, and a property (split at
     * ';') is kept only when it splits at ':' into exactly two parts. It knows no comments: a comment would become
     * part of the next selector, so none may appear. Also checks that no property is lost that way.
     */
    static Map<String, Map<String, String>> parseGrass(String grass) {
        assertThat(grass).doesNotContain("/*", "//");
        Map<String, String> bodies = new LinkedHashMap<>();
        boolean inQuote = false;
        boolean inBody = false;
        boolean nested = false;
        StringBuilder selector = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (char c : grass.toCharArray()) {
            boolean skip = true;
            switch (c) {
                case '{' -> {
                    if (inQuote) {
                        skip = false;
                    } else if (inBody) {
                        nested = true;
                    } else {
                        inBody = true;
                    }
                }
                case '}' -> {
                    if (inQuote) {
                        skip = false;
                    } else if (nested) {
                        nested = false;
                    } else {
                        inBody = false;
                        assertThat(bodies.put(selector.toString(), body.toString())).as("%s twice", selector).isNull();
                        selector.setLength(0);
                        body.setLength(0);
                    }
                }
                case '\'', '"' -> inQuote = !inQuote;
                default -> skip = false;
            }
            if (!skip) {
                if (inBody) {
                    body.append(c);
                } else if (!Character.isWhitespace(c)) {
                    selector.append(c);
                }
            }
        }
        assertThat(selector.toString()).as("text after the last rule").isEmpty();
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        bodies.forEach((name, text) -> {
            assertThat(name).matches("(node|relationship)(\\.[A-Za-z_]+)?");
            Map<String, String> properties = new LinkedHashMap<>();
            for (String property : text.split(";")) {
                if (property.isBlank()) {
                    continue;
                }
                String[] parts = property.split(":");
                assertThat(parts).as("property `%s` of %s", property.strip(), name).hasSize(2);
                properties.put(parts[0].strip(), parts[1].strip());
            }
            rules.put(name, properties);
        });
        return rules;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}

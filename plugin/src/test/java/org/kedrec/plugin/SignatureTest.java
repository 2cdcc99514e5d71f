package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * The user-visible surface, pinned: names, signatures, modes and descriptions of every {@code kedrec.*} procedure and
 * function compared with {@code src/test/resources/golden/kedrec-signatures.json} (APOC's ArgumentDescriptionsTest).
 * After an intended change, regenerate it with {@code -Dkedrec.golden.update=true} and review the diff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureTest {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Path GOLDEN = Path.of(System.getProperty("kedrec.repo.root", ".."), "plugin", "src", "test",
            "resources", "golden", "kedrec-signatures.json").toAbsolutePath().normalize();

    private final TestDb db = TestDb.get();

    private List<Map<String, Object>> surface() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : db.run("""
                SHOW PROCEDURES YIELD name, signature, description, mode, argumentDescription, returnDescription
                WHERE name STARTS WITH 'kedrec' RETURN * ORDER BY name""")) {
            out.add(entry("procedure", r));
        }
        for (Record r : db.run("""
                SHOW FUNCTIONS YIELD name, signature, description, argumentDescription, returnDescription
                WHERE name STARTS WITH 'kedrec' RETURN * ORDER BY name""")) {
            out.add(entry("function", r));
        }
        return out;
    }

    private static Map<String, Object> entry(String kind, Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("name", r.get("name").asString());
        out.put("signature", r.get("signature").asString());
        if (r.containsKey("mode")) {
            out.put("mode", r.get("mode").asString());
        }
        out.put("description", r.get("description").asString());
        out.put("arguments", describe(r.get("argumentDescription")));
        Value returns = r.get("returnDescription");
        out.put("returns", returns.isNull() ? null
                : returns.hasType(org.neo4j.driver.internal.types.InternalTypeSystem.TYPE_SYSTEM.LIST())
                        ? describe(returns) : returns.asString());
        return out;
    }

    private static List<String> describe(Value list) {
        List<String> out = new ArrayList<>();
        for (Value item : list.values()) {
            Map<String, Object> map = item.asMap();
            out.add(map.get("name") + " :: " + map.get("type") + " -- " + map.get("description"));
        }
        return out;
    }

    @Test
    void theSurfaceMatchesTheGoldenFile() throws IOException {
        String actual = GSON.toJson(surface()) + "\n";
        if (Boolean.getBoolean("kedrec.golden.update") || !Files.exists(GOLDEN)) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void everyProcedureArgumentAndColumnIsDescribed() {
        List<Map<String, Object>> surface = surface();
        assertThat(surface).extracting(e -> e.get("name")).containsExactly("kedrec.explain", "kedrec.model.info",
                "kedrec.model.list", "kedrec.model.load", "kedrec.recommend", "kedrec.recommend.write",
                "kedrec.select", "kedrec.score", "kedrec.version");
        for (Map<String, Object> entry : surface) {
            assertThat((String) entry.get("description")).as(entry.get("name") + "").hasSizeGreaterThan(40);
            @SuppressWarnings("unchecked")
            List<String> arguments = (List<String>) entry.get("arguments");
            for (String argument : arguments) {
                String description = argument.substring(argument.indexOf(" -- ") + 4);
                String name = argument.substring(0, argument.indexOf(" :: "));
                // Without a description Neo4j shows the bare signature of the argument.
                assertThat(description).as(entry.get("name") + " " + argument).hasSizeGreaterThan(20)
                        .doesNotStartWith(name + " :: ");
            }
            if (entry.get("returns") instanceof List<?> columns) {
                for (Object column : columns) {
                    String description = column.toString().substring(column.toString().indexOf(" -- ") + 4);
                    String name = column.toString().substring(0, column.toString().indexOf(" :: "));
                    assertThat(description).as(entry.get("name") + " " + column).hasSizeGreaterThan(10)
                            .doesNotStartWith(name + " :: ");
                }
            }
        }
    }

    @Test
    void everyConfigKeyIsDocumentedInItsArgumentsDescription() {
        Map<String, List<String>> keys = Map.of(
                Constants.RECOMMEND_CONFIG, RecommendConfig.KEYS,
                Constants.EXPLAIN_CONFIG, ExplainConfig.KEYS,
                Constants.SELECT_CONFIG, SelectConfig.KEYS,
                Constants.WRITE_CONFIG, WriteConfig.KEYS);
        keys.forEach((description, list) -> {
            for (String key : list) {
                assertThat(description).contains(key + " :: ");
            }
            assertThat(description.split(" :: ", -1)).as(description).hasSize(list.size() + 1);
        });
    }
}

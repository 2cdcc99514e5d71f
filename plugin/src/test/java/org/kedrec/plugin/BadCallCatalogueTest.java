package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * The bad calls of the catalogue in {@code docs/reliability.md}, run as written there: each row's statement must
 * fail over Bolt with exactly the row's message, wrapped as Neo4j wraps a procedure's {@code IllegalArgument} or
 * {@code IllegalState} exception (no other exception, no stack trace), naming no server folder, and echoing at
 * most 200 characters of what the caller passed. The doc is the test's data, so it cannot drift from the code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadCallCatalogueTest {
    /** {@code | P07 | `CALL ...` | message |} */
    static final Pattern ROW = Pattern.compile("^\\| (P\\d\\d) \\| `(.+?)` \\| (.*) \\|$");
    private static final Pattern WRAPPED = Pattern.compile("^Failed to invoke (procedure|function) `kedrec\\.[a-z.]+`: "
            + "Caused by: java\\.lang\\.Illegal(Argument|State)Exception: (.*)$", Pattern.DOTALL);

    private final TestDb db = TestDb.get();

    static Path doc() {
        return Path.of(System.getProperty("kedrec.repo.root", "..")).toAbsolutePath().normalize()
                .resolve("docs/reliability.md");
    }

    record Case(String id, String cypher, String message) {}

    static List<Case> cases(Pattern row) throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(doc())) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                out.add(new Case(m.group(1), m.group(2).replace("\\|", "|"), m.group(3).replace("\\|", "|")));
            }
        }
        return out;
    }

    /** The message as the catalogue writes it: the sentence after Neo4j's wrapper, on one line. */
    private String seen(String cypher) {
        try (Session session = db.driver.session()) {
            session.run(cypher).consume();
            return "(no error)";
        } catch (Neo4jException e) {
            String message = e.getMessage();
            Matcher m = WRAPPED.matcher(message);
            // Neo4j's own refusals (a wrong argument type) come without the procedure's wrapper.
            String text = m.matches() ? m.group(3) : "Neo4j: " + message.lines().findFirst().orElse("");
            return text.replace("\n", "\\n").replace("|", "\\|");
        }
    }

    @Test
    void everyBadCallOfTheCatalogueGetsItsMessage() throws IOException {
        List<Case> cases = cases(ROW);
        assertThat(cases).as("procedure cases in " + doc()).hasSizeGreaterThanOrEqualTo(45);
        List<String> wrong = new ArrayList<>();
        StringBuilder actual = new StringBuilder();
        for (Case c : cases) {
            String seen = seen(c.cypher());
            actual.append("| ").append(c.id()).append(" | `").append(c.cypher()).append("` | ").append(seen)
                    .append(" |\n");
            if (!seen.equals(c.message().replace("|", "\\|"))) {
                wrong.add(c.id() + ": " + seen);
            }
            // No server folder, no stack trace; a caller's value comes back at most 200 characters long.
            if (seen.contains(db.home.toString()) || seen.contains("\tat ") || seen.length() > 1200) {
                wrong.add(c.id() + " leaks a path, a stack trace or a long value: " + seen);
            }
        }
        Path target = Path.of(System.getProperty("kedrec.target", "target"), "bad-call-catalogue.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, actual);
        assertThat(wrong).as("rows whose message differs (all rows as seen: " + target + ")").isEmpty();
        // Nothing was written by any of them.
        assertThat(db.run("MATCH ()-[r:PREDICTED_TREATS]->() RETURN count(r) AS n").get(0).get("n").asLong())
                .isZero();
    }
}

package org.kedrec.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.kedrec.plugin.CypherScripts.Statement;
import org.kedrec.plugin.browser.BrowserContent;
import org.neo4j.driver.Record;

/**
 * Runs every statement of every {@code .cypher} file in the repository's {@code cypher/} folder and every runnable
 * block of the Browser guide, in file order, on the fixture graph with the fixture model. The guide names real
 * diseases and drugs of the demo graph that the fixture holds too (hypertension, type 2 diabetes mellitus, Ramipril,
 * Eplerenone, ...). A statement fails its test when it errors, or when it returns no row although it is not a
 * schema command. The predictions the guide writes are deleted again afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CypherFilesTest {
    private final TestDb db = TestDb.get();

    @BeforeAll
    void start() {
        deletePredictions();
    }

    @AfterAll
    void deletePredictions() {
        if (db == null) {
            return; // skipped without data: @AfterAll still runs
        }
        db.run("MATCH ()-[r:PREDICTED_TREATS]->() DELETE r");
    }

    @TestFactory
    Stream<DynamicTest> everyStatementRunsAndReturnsRows() {
        List<Statement> all = new ArrayList<>();
        for (Path file : CypherScripts.cypherFiles()) {
            all.addAll(CypherScripts.statements(file));
        }
        all.addAll(CypherScripts.guideBlocks(CypherScripts.guide()));
        assertThat(all).extracting(Statement::source)
                .contains("schema.cypher", "examples.cypher", "guide/kedrec.html");
        return all.stream().map(statement -> DynamicTest.dynamicTest(
                statement.where() + " " + firstLine(statement.text()), () -> check(statement)));
    }

    private void check(Statement statement) {
        if (statement.isBrowserCommand()) {
            // The only Browser command the guide uses: load the style from the server that serves the guide.
            assertThat(statement.text()).as(statement.where())
                    .isEqualTo(":style " + BrowserContent.DEFAULT_BASE + "style.grass");
            return;
        }
        assertThat(CypherScripts.split(statement.source(), statement.text())).as(
                "%s must be one statement", statement.where()).hasSize(1);
        List<Record> rows;
        try {
            rows = db.run(statement.text());
        } catch (RuntimeException e) {
            throw new AssertionError(statement.where() + " failed: " + e.getMessage() + "\n" + statement.text(), e);
        }
        if (statement.expectsRows()) {
            assertThat(rows).as("%s returned no rows:%n%s", statement.where(), statement.text()).isNotEmpty();
        } else {
            assertThat(rows).as(statement.where()).isEmpty();
        }
    }

    private static String firstLine(String text) {
        return CypherScripts.withoutComments(text).strip().lines().findFirst().orElse("");
    }
}

package org.kedrec.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bad command lines of the catalogue in {@code docs/reliability.md}, run as written there: each must end with
 * the row's exit code and the row's first line on stderr, and write no report. The doc is the test's data.
 */
class CliCatalogueTest {
    /** {@code | C03 | `bench soak --seconds abc` | 2 | message |} */
    private static final Pattern ROW = Pattern.compile("^\\| (C\\d\\d) \\| `kedrec (.+?)` \\| (\\d) \\| (.*) \\|$");

    @Test
    void everyBadCommandLineOfTheCatalogueGetsItsMessage() throws IOException {
        Path doc = Path.of(System.getProperty("kedrec.repo.root", "..")).toAbsolutePath().normalize()
                .resolve("docs/reliability.md");
        List<String> wrong = new ArrayList<>();
        StringBuilder actual = new StringBuilder();
        int rows = 0;
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            rows++;
            CliRun run = CliRun.of(m.group(2).split(" "));
            String first = run.err().lines().findFirst().orElse("(nothing on stderr)").replace("|", "\\|");
            actual.append("| ").append(m.group(1)).append(" | `kedrec ").append(m.group(2)).append("` | ")
                    .append(run.exitCode()).append(" | ").append(first).append(" |\n");
            if (run.exitCode() != Integer.parseInt(m.group(3)) || !first.equals(m.group(4))) {
                wrong.add(m.group(1) + ": exit " + run.exitCode() + ", " + first);
            }
            assertThat(run.err()).as(m.group(1)).doesNotContain("\tat ");
        }
        Path target = Path.of(System.getProperty("kedrec.target", "target"), "cli-catalogue.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, actual);
        assertThat(rows).as("command-line cases in " + doc).isGreaterThanOrEqualTo(10);
        assertThat(wrong).as("rows whose outcome differs (all rows as seen: " + target + ")").isEmpty();
        assertThat(Path.of("never-written.json")).doesNotExist();
    }
}

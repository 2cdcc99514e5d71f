package org.kedrec.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Cypher is built by pasting values into its text: values go in as parameters ({@code $name}). A statement that
 * has Cypher in a string literal and builds it ({@code +}, {@code format(...)}, {@code formatted(...)}), or that
 * hands a built string to {@code run}/{@code execute}, fails this check unless the line (or one of the three above
 * it) says {@code cypher-safe:} and why: a label or type from a fixed list, a name quoted by {@code CypherNames}.
 * That marker is the review: a new site cannot slip in unread. Covers the main sources of every module.
 */
class CypherConcatenationTest {
    /** A string literal that starts like a Cypher statement or clause. */
    private static final Pattern CYPHER_LITERAL = Pattern.compile("\"\\s*(MATCH|OPTIONAL MATCH|MERGE|CREATE|CALL|"
            + "UNWIND|RETURN|WITH|DROP|SHOW|DETACH|DELETE|SET|LOAD CSV|FOREACH|REMOVE|WHERE)[\\s(\\\\]");
    /** Building a string: concatenation next to a literal, or a format call. */
    private static final Pattern BUILT = Pattern.compile("\"\\s*\\+\\s*[^\"\\s]|[^\"\\s]\\s*\\+\\s*\"|format\\(|"
            + "formatted\\(|\\.replace\\(");
    /** Handing a built string to a driver or a transaction. */
    private static final Pattern RUN_BUILT = Pattern.compile("\\b(session|tx|transaction|db|graph|driver|runner|s)"
            + "\\.(run|execute|executeTransactionally)\\(\\s*("
            + "(Messages|String)\\.format\\(|[a-z][A-Za-z0-9]*\\s*\\+)");
    private static final String MARKER = "cypher-safe:";
    private static final Pattern CYPHER_START = Pattern.compile("^\\s*(MATCH|OPTIONAL MATCH|MERGE|CREATE|CALL|UNWIND|"
            + "RETURN|WITH|DROP|SHOW|DETACH|LOAD CSV|FOREACH)[\\s(]");
    private static final Pattern BLOCK_BUILT = Pattern.compile("\"\"\"\\s*\\+|\\+\\s*\"\"\"|\"\"\"\\s*\\.formatted\\(|"
            + "format\\(");

    static List<String> findings(Path file, List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            // The statement this line belongs to: up to the next semicolon (statements span lines).
            StringBuilder statement = new StringBuilder();
            int end = i;
            while (end < lines.size()) {
                statement.append(lines.get(end)).append('\n');
                if (lines.get(end).contains(";")) {
                    break;
                }
                end++;
            }
            String line = lines.get(i);
            if (line.strip().startsWith("*") || line.strip().startsWith("//")) {
                continue;
            }
            boolean cypherBuilt = CYPHER_LITERAL.matcher(line).find() && BUILT.matcher(statement).find();
            if (line.contains("\"\"\"") && line.split("\"\"\"", -1).length == 2 && i + 1 < lines.size()
                    && CYPHER_START.matcher(lines.get(i + 1)).find()) {
                // A text block of Cypher: the statement runs past its closing quotes.
                int close = i + 1;
                while (close < lines.size() && !lines.get(close).contains("\"\"\"")) {
                    close++;
                }
                StringBuilder rest = new StringBuilder(line).append('\n');
                for (end = close; end < lines.size(); end++) {
                    rest.append(lines.get(end)).append('\n');
                    if (lines.get(end).contains(";")) {
                        break;
                    }
                }
                cypherBuilt = BLOCK_BUILT.matcher(rest).find();
            }
            boolean runBuilt = RUN_BUILT.matcher(line).find();
            if ((cypherBuilt || runBuilt) && !marked(lines, i, end)) {
                out.add(file + ":" + (i + 1) + ": " + line.strip());
            }
        }
        return out;
    }

    private static boolean marked(List<String> lines, int line, int end) {
        for (int j = Math.max(0, line - 3); j <= Math.min(lines.size() - 1, end); j++) {
            if (lines.get(j).contains(MARKER)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void noCypherIsBuiltFromValuesInAnyModule() throws IOException {
        Path root = Path.of(System.getProperty("kedrec.repo.root", "..")).toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/")).sorted().toList()) {
                files++;
                found.addAll(findings(root.relativize(file), Files.readAllLines(file)));
            }
        }
        assertThat(files).isGreaterThan(100);
        assertThat(found).as("Cypher built from values; pass them as $parameters, or quote a name with "
                + "CypherNames and mark the line `// cypher-safe: <why>`").isEmpty();
    }

    @Test
    void theCheckCatchesTheUsualWays() {
        Path file = Path.of("Example.java");
        assertThat(findings(file, List.of("session.run(\"MATCH (d:Disease {name: '\" + name + \"'}) RETURN d\");")))
                .hasSize(1);
        assertThat(findings(file, List.of("String q = \"MATCH (d) WHERE d.id = \" + id;", "tx.execute(q);")))
                .hasSize(1);
        assertThat(findings(file, List.of("tx.execute(Messages.format(QUERY, label));"))).hasSize(1);
        assertThat(findings(file, List.of("String q = \"\"\"", "    MATCH (d) WHERE d.name = '%s'",
                "    RETURN d\"\"\".formatted(name);"))).hasSize(1);
        assertThat(findings(file, List.of("session.run(\"MATCH (d) WHERE d.id = $id RETURN d\", Map.of(\"id\", id));")))
                .isEmpty();
        assertThat(findings(file, List.of("// cypher-safe: the label comes from EntityKind",
                "tx.execute(Messages.format(QUERY, kind.label()));"))).isEmpty();
    }
}

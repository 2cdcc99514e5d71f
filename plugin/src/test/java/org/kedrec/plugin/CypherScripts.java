package org.kedrec.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the statements of the repository's {@code cypher/} folder: every {@code .cypher} file split at the
 * semicolons that end statements (not those inside strings, quoted names or comments), and every runnable code block
 * of the Browser guide ({@code <pre class="... runnable ...">}, as Browser finds them).
 */
final class CypherScripts {
    /** One statement and where it came from, e.g. {@code examples.cypher:12}. */
    record Statement(String source, int line, String text) {
        String where() {
            return source + ":" + line;
        }

        /** A Browser command such as {@code :style URL} rather than Cypher. */
        boolean isBrowserCommand() {
            return text.startsWith(":");
        }

        /** Schema commands return no rows; everything else in cypher/ must return at least one. */
        boolean expectsRows() {
            return !SCHEMA_COMMAND.matcher(withoutComments(text)).lookingAt();
        }

        /** The statement with comments removed and runs of white space made one space, to compare files. */
        String normalized() {
            return withoutComments(text).replaceAll("\\s+", " ").strip();
        }
    }

    private static final Pattern SCHEMA_COMMAND = Pattern.compile(
            "\\s*(CREATE|DROP)\\s+(OR\\s+REPLACE\\s+)?(CONSTRAINT|((RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR)\\s+)?INDEX)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RUNNABLE = Pattern.compile(
            "<pre\\s+class=\"([^\"]*\\brunnable\\b[^\"]*)\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

    private CypherScripts() {}

    /** The repository's cypher/ folder (the tests run with the module folder as working directory). */
    static Path folder() {
        return Path.of(System.getProperty("kedrec.repo.root", "..")).resolve("cypher").toAbsolutePath().normalize();
    }

    static List<Path> cypherFiles() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(file -> file.toString().endsWith(".cypher")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path guide() {
        return folder().resolve("guide").resolve("kedrec.html");
    }

    static List<Statement> statements(Path file) {
        return split(file.getFileName().toString(), read(file));
    }

    /** The guide's runnable blocks, HTML entities decoded as Browser's {@code textContent} does. */
    static List<Statement> guideBlocks(Path guide) {
        // Comments are blanked, not removed, so that line numbers stay right.
        String html = blankComments(read(guide));
        List<Statement> blocks = new ArrayList<>();
        Matcher matcher = RUNNABLE.matcher(html);
        while (matcher.find()) {
            int line = (int) html.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
            blocks.add(new Statement("guide/" + guide.getFileName(), line, unescape(matcher.group(2)).strip()));
        }
        return blocks;
    }

    private static String blankComments(String html) {
        Matcher comment = Pattern.compile("(?s)<!--.*?-->").matcher(html);
        StringBuilder out = new StringBuilder();
        while (comment.find()) {
            comment.appendReplacement(out, Matcher.quoteReplacement(comment.group().replaceAll("[^\\n]", " ")));
        }
        comment.appendTail(out);
        return out.toString();
    }

    static String unescape(String html) {
        if (html.contains("<")) {
            throw new IllegalArgumentException("A runnable block holds markup, which Browser would drop: " + html);
        }
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** Splits a script at the semicolons outside strings, quoted names and comments; drops comment-only parts. */
    static List<Statement> split(String source, String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = 1;
        char quote = 0;
        boolean lineComment = false;
        boolean blockComment = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            char next = i + 1 < script.length() ? script.charAt(i + 1) : 0;
            if (current.toString().isBlank() && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (c == '\n') {
                line++;
            }
            if (lineComment) {
                lineComment = c != '\n';
            } else if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    current.append(c);
                    c = next;
                    i++;
                }
            } else if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    current.append(c);
                    c = next;
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '/' && next == '/') {
                lineComment = true;
            } else if (c == '/' && next == '*') {
                blockComment = true;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == ';') {
                add(statements, source, startLine, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (quote != 0 || blockComment) {
            throw new IllegalArgumentException(source + " ends inside a string or comment that starts in the "
                    + "statement at line " + startLine + ".");
        }
        add(statements, source, startLine, current);
        return statements;
    }

    private static void add(List<Statement> statements, String source, int line, StringBuilder text) {
        String statement = text.toString().strip();
        if (!withoutComments(statement).isBlank()) {
            statements.add(new Statement(source, line, statement));
        }
    }

    /** Drops {@code //} comments that start a line or follow code; strings holding // are not used in cypher/. */
    static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", "")
                .replaceAll("(?m)\\s+//[^'\"\\n]*$", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}

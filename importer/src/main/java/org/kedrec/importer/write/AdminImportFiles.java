package org.kedrec.importer.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.kedrec.core.Messages;

/**
 * An {@link OfflineGraph} as the CSV files and arguments of {@code neo4j-admin database import full}: one node file
 * per label ({@code :ID(Label)}, the node's number in its label, then {@code id:string} and the typed property
 * columns) and one relationship file per type and pair of labels ({@code :START_ID(Label)}, {@code :END_ID(Label)}
 * as those numbers, properties). Strings are always quoted (RFC 4180, quotes doubled), list elements are separated
 * by U+001F, which no input value holds (checked), and files with line breaks inside values are named to
 * {@code --multiline-fields}.
 *
 * <p>Why numbers ({@code --id-type=integer}) and not the ids themselves: the tool then maps, sorts and looks up
 * integers instead of encoding and comparing strings for every node and relationship end; at 16 times the demo
 * graph that took a sixth of its CPU time (docs/scaling.md). The {@code id} property is still written as a plain
 * string column, so the stored graph is the same. Since every end is looked up here, a relationship to a node the
 * graph does not hold is refused before the tool runs, naming both ids.
 *
 * <p>Every property column must hold one type (a CSV column cannot hold both longs and doubles, as nodes written
 * over Bolt could), and lists must be non-empty with non-empty elements; a graph that breaks this is refused with a
 * message pointing to the online import, never written differently.
 *
 * @param arguments the arguments that follow {@code neo4j-admin database import full} (the database name excluded)
 * @param files the CSV files written
 */
public record AdminImportFiles(List<String> arguments, List<Path> files, long nodes, long relationships) {
    /** The list element separator: the ASCII unit separator, which text data does not contain. */
    static final char ARRAY_DELIMITER = '\u001F';

    /** The arguments every import gets before the files: the list separator and the ids' type. */
    static final List<String> OPTIONS = List.of("--array-delimiter=U+001F", "--id-type=integer");

    /** Writes the graph's files into {@code directory} (created if needed) and returns the admin tool's arguments. */
    public static AdminImportFiles write(OfflineGraph graph, Path directory) {
        List<String> arguments = new ArrayList<>(OPTIONS);
        // Label to id to the node's number in its label (its row in the label's file).
        Map<String, Map<String, Integer>> numbers = new HashMap<>();
        List<Path> files = new ArrayList<>();
        List<String> multiline = new ArrayList<>();
        long nodeCount = 0;
        long relationshipCount = 0;
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, Map<String, Map<String, Object>>> label : graph.nodes().entrySet()) {
                if (label.getValue().isEmpty()) {
                    continue;
                }
                String name = label.getKey();
                Path file = directory.resolve("nodes-" + name + ".csv");
                Map<String, Type> columns = columns(label.getValue().values(), "label " + name, Map.of());
                columns.remove("id");
                List<String> header = new ArrayList<>();
                header.add(":ID(" + name + ")");
                header.add("id:string");
                columns.forEach((column, type) -> header.add(column + ":" + type.csv));
                Map<String, Integer> numbered = new HashMap<>(label.getValue().size() * 4 / 3 + 1);
                numbers.put(name, numbered);
                boolean lineBreaks = write(file, header, label.getValue().values(), rows -> {
                    List<Object> values = new ArrayList<>(columns.size() + 2);
                    String id = (String) rows.get("id");
                    int number = numbered.size();
                    numbered.put(id, number);
                    values.add(new NodeNumber(number));
                    values.add(id);
                    columns.keySet().forEach(c -> values.add(rows.get(c)));
                    return values;
                });
                arguments.add("--nodes=" + name + "=" + file);
                files.add(file);
                if (lineBreaks) {
                    multiline.add(file.toString());
                }
                nodeCount += label.getValue().size();
            }
            int shapeNumber = 0;
            for (Map.Entry<OfflineGraph.Shape, Map<OfflineGraph.Ends, Map<String, Object>>> entry
                    : graph.relationships().entrySet()) {
                OfflineGraph.Shape shape = entry.getKey();
                Map<OfflineGraph.Ends, Map<String, Object>> rels = entry.getValue();
                if (rels.isEmpty()) {
                    continue;
                }
                String what = Messages.format("relationship type %s (%s)->(%s)", shape.type(), shape.startLabel(),
                        shape.endLabel());
                Map<String, Type> columns = columns(rels.values(), what, shape.keyProps());
                List<String> header = new ArrayList<>();
                header.add(":START_ID(" + shape.startLabel() + ")");
                header.add(":END_ID(" + shape.endLabel() + ")");
                columns.forEach((column, type) -> header.add(column + ":" + type.csv));
                Path file = directory.resolve(Messages.format("rels-%03d-%s-%s-%s.csv", ++shapeNumber, shape.type(),
                        shape.startLabel(), shape.endLabel()));
                List<Map.Entry<OfflineGraph.Ends, Map<String, Object>>> rows = new ArrayList<>(rels.entrySet());
                Map<String, Integer> starts = numbers.getOrDefault(shape.startLabel(), Map.of());
                Map<String, Integer> ends = numbers.getOrDefault(shape.endLabel(), Map.of());
                boolean lineBreaks = write(file, header, rows, row -> {
                    List<Object> values = new ArrayList<>(columns.size() + 2);
                    values.add(number(starts, shape.startLabel(), row.getKey(), true, shape));
                    values.add(number(ends, shape.endLabel(), row.getKey(), false, shape));
                    columns.keySet().forEach(c -> values.add(
                            shape.keyProps().containsKey(c) ? shape.keyProps().get(c) : row.getValue().get(c)));
                    return values;
                });
                arguments.add("--relationships=" + shape.type() + "=" + file);
                files.add(file);
                if (lineBreaks) {
                    multiline.add(file.toString());
                }
                relationshipCount += rels.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Cannot write the import files into %s: %s", directory,
                    e.getMessage()), e);
        }
        if (!multiline.isEmpty()) {
            arguments.add("--multiline-fields-format=v2");
            arguments.add("--multiline-fields=" + String.join(",", multiline));
        }
        return new AdminImportFiles(List.copyOf(arguments), List.copyOf(files), nodeCount, relationshipCount);
    }

    /** A node's number in its label, written bare (unquoted) where the tool expects an integer id. */
    private record NodeNumber(int value) {
        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    /** The number of one end of a relationship; a missing node is refused, as the strict tool would refuse it. */
    private static NodeNumber number(Map<String, Integer> numbers, String label, OfflineGraph.Ends ends, boolean start,
            OfflineGraph.Shape shape) {
        String id = start ? ends.start() : ends.end();
        Integer number = numbers.get(id);
        if (number == null) {
            throw new IllegalStateException(Messages.format(
                    "The offline import cannot write the relationship %s (%s)-[%s]->%s (%s): no %s node has the id "
                            + "%s. Import the nodes that define it first or fix the id, or import into a running "
                            + "server instead (kedrec import all), which reports such rows by line.",
                    ends.start(), shape.startLabel(), shape.type(), ends.end(), shape.endLabel(), label, id));
        }
        return new NodeNumber(number);
    }

    /** Neo4j property types a CSV column can declare. */
    enum Type {
        STRING("string"), LONG("long"), DOUBLE("double"), BOOLEAN("boolean"),
        STRING_ARRAY("string[]"), LONG_ARRAY("long[]"), DOUBLE_ARRAY("double[]"), BOOLEAN_ARRAY("boolean[]");

        final String csv;

        Type(String csv) {
            this.csv = csv;
        }

        static Type of(Object value, String property, String what) {
            if (value instanceof String) {
                return STRING;
            }
            if (value instanceof Long) {
                return LONG;
            }
            if (value instanceof Double) {
                return DOUBLE;
            }
            if (value instanceof Boolean) {
                return BOOLEAN;
            }
            if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    throw unsupported(property, what, "an empty list, which the admin tool's CSV cannot express");
                }
                Type element = of(list.get(0), property, what);
                for (Object v : list) {
                    if (v instanceof List<?> || of(v, property, what) != element) {
                        throw unsupported(property, what, "a list that mixes types or nests lists");
                    }
                }
                return switch (element) {
                    case STRING -> STRING_ARRAY;
                    case LONG -> LONG_ARRAY;
                    case DOUBLE -> DOUBLE_ARRAY;
                    case BOOLEAN -> BOOLEAN_ARRAY;
                    default -> throw unsupported(property, what, "a list of lists");
                };
            }
            throw unsupported(property, what, "a value of type " + value.getClass().getSimpleName());
        }
    }

    private static IllegalStateException unsupported(String property, String what, String problem) {
        return new IllegalStateException(Messages.format(
                "The offline import cannot write property `%s` of %s: it holds %s. Import into a running server "
                        + "instead (kedrec import all), which stores any value Neo4j accepts.",
                property, what, problem));
    }

    /** The property columns of some entities, each with the one type all its values have, sorted by name. */
    private static Map<String, Type> columns(Collection<Map<String, Object>> entities, String what,
            Map<String, Object> keyProps) {
        Map<String, Type> columns = new TreeMap<>();
        keyProps.forEach((k, v) -> columns.put(k, Type.of(OfflineGraph.normalise(v), k, what)));
        for (Map<String, Object> entity : entities) {
            for (Map.Entry<String, Object> p : entity.entrySet()) {
                Type type = Type.of(p.getValue(), p.getKey(), what);
                Type before = columns.putIfAbsent(p.getKey(), type);
                if (before != null && before != type) {
                    throw unsupported(p.getKey(), what, Messages.format("values of types %s and %s", before.csv,
                            type.csv));
                }
            }
        }
        return columns;
    }

    /** Writes a header and rows; true when some value holds a line break. */
    private static <T> boolean write(Path file, List<String> header, Collection<T> rows,
            Function<T, List<Object>> values) throws IOException {
        boolean lineBreaks = false;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write(String.join(",", header));
            out.write('\n');
            StringBuilder line = new StringBuilder(256);
            for (T row : rows) {
                line.setLength(0);
                List<Object> fields = values.apply(row);
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    lineBreaks |= appendField(line, fields.get(i), file);
                }
                line.append('\n');
                out.append(line);
            }
        }
        return lineBreaks;
    }

    /** Appends one CSV field; true when it holds a line break. */
    private static boolean appendField(StringBuilder line, Object value, Path file) {
        if (value == null) {
            return false;
        }
        if (value instanceof String s) {
            return appendQuoted(line, s, file);
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new IllegalStateException(Messages.format("The offline import cannot write %s into %s. Import into "
                    + "a running server instead (kedrec import all).", d, file.getFileName()));
        }
        if (value instanceof List<?> list) {
            if (list.get(0) instanceof String) {
                StringBuilder joined = new StringBuilder();
                for (int i = 0; i < list.size(); i++) {
                    String element = (String) list.get(i);
                    if (element.isEmpty() || element.indexOf(ARRAY_DELIMITER) >= 0) {
                        throw new IllegalStateException(Messages.format(
                                "The offline import cannot write the list %s into %s: an element is empty or holds "
                                        + "the character U+001F. Import into a running server instead (kedrec "
                                        + "import all).",
                                list, file.getFileName()));
                    }
                    if (i > 0) {
                        joined.append(ARRAY_DELIMITER);
                    }
                    joined.append(element);
                }
                return appendQuoted(line, joined.toString(), file);
            }
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    line.append(ARRAY_DELIMITER);
                }
                line.append(list.get(i));
            }
            return false;
        }
        line.append(value);
        return false;
    }

    private static boolean appendQuoted(StringBuilder line, String s, Path file) {
        if (s.isEmpty()) {
            throw new IllegalStateException(Messages.format("The offline import cannot write an empty string into "
                    + "%s. Import into a running server instead (kedrec import all).", file.getFileName()));
        }
        line.append('"');
        boolean lineBreak = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                line.append('"');
            } else if (c == '\n' || c == '\r') {
                lineBreak = true;
            }
            line.append(c);
        }
        line.append('"');
        return lineBreak;
    }

    /** The files' total size in bytes. */
    public long bytes() {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}

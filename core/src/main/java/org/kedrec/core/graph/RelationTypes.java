package org.kedrec.core.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.kedrec.core.Messages;

/**
 * The relation mapping table: which relationship type, direction and meaning each source relation gets in the
 * KEDRec graph. It is data ({@code relation-types.tsv} beside this class), not code: the importer writes edges by
 * it, and the trainer and the plugin read "which types mean treats" from it.
 *
 * <p>Columns: {@code source} (the vocabulary the relation name belongs to: {@code Hetionet} metaedge abbreviations,
 * {@code DRKG} relation names, {@code BioRED} and {@code BC5CDR} relation types), {@code relation} (the source's
 * name), {@code type} (the upper-case relationship type), {@code start_label} and {@code end_label} (the direction
 * in the graph; a source relation between two labels is stored in this direction whichever way the source wrote
 * it), {@code semantics} ({@code treats}, {@code palliates} or empty). A relation may have several rows when the
 * source uses one name between different pairs of kinds (BioRED's {@code Association}).
 */
public final class RelationTypes {
    /** The classpath resource holding the table shipped with KEDRec. */
    public static final String RESOURCE = "relation-types.tsv";

    static final List<String> COLUMNS = List.of("source", "relation", "type", "start_label", "end_label", "semantics");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern LABEL = Pattern.compile("[A-Z][A-Za-z0-9]*");

    /** The meaning a row gives its relationship, as far as drug recommendation cares. */
    public enum Semantics {
        /** A disease-modifying indication: a positive drug-disease pair. */
        TREATS,
        /** A symptomatic indication: neither a positive nor a hard negative. */
        PALLIATES,
        /** Anything else. */
        NONE;

        static Semantics parse(String text) {
            return switch (text) {
                case "treats" -> TREATS;
                case "palliates" -> PALLIATES;
                case "" -> NONE;
                default -> throw new IllegalArgumentException(Messages.format(
                        "Unknown semantics `%s`: expected `treats`, `palliates` or an empty cell.", text));
            };
        }
    }

    /** One row of the table. */
    public record Row(
            String source, String relation, String type, String startLabel, String endLabel, Semantics semantics) {
        /** True when this row connects {@code a} and {@code b}, in either direction. */
        public boolean connects(String a, String b) {
            return (startLabel.equals(a) && endLabel.equals(b)) || (startLabel.equals(b) && endLabel.equals(a));
        }
    }

    private static volatile RelationTypes shipped;

    private final List<Row> rows;
    private final Map<String, List<Row>> bySourceRelation;

    private RelationTypes(List<Row> rows) {
        this.rows = List.copyOf(rows);
        Map<String, List<Row>> index = new LinkedHashMap<>();
        for (Row row : rows) {
            index.computeIfAbsent(key(row.source(), row.relation()), k -> new ArrayList<>()).add(row);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.bySourceRelation = Collections.unmodifiableMap(index);
    }

    /** The table shipped with KEDRec (loaded once). */
    public static RelationTypes load() {
        RelationTypes table = shipped;
        if (table == null) {
            try (InputStream in = RelationTypes.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(Messages.format(
                            "The relation mapping table %s is missing from the classpath next to %s; the kedrec-core "
                                    + "jar is incomplete, rebuild it.",
                            RESOURCE, RelationTypes.class.getName()));
                }
                table = read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shipped = table;
        }
        return table;
    }

    /**
     * Reads a table in the same format, e.g. a user's extended copy. Fails on the first bad row with its line
     * number.
     *
     * @param reader the TSV text
     * @param name how to call the table in error messages
     */
    public static RelationTypes read(Reader reader, String name) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null || !List.of(stripCr(header).split("\t", -1)).equals(COLUMNS)) {
            throw new IllegalArgumentException(Messages.format(
                    "%s line 1: expected the header %s but found %s.",
                    name, String.join("\\t", COLUMNS), header == null ? "an empty file" : "`" + stripCr(header) + "`"));
        }
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String line;
        int number = 1;
        while ((line = in.readLine()) != null) {
            number++;
            line = stripCr(line);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != COLUMNS.size()) {
                throw new IllegalArgumentException(Messages.format(
                        "%s line %d: expected %d tab-separated cells (%s) but found %d.",
                        name, number, COLUMNS.size(), String.join(", ", COLUMNS), cells.length));
            }
            String type = cells[2];
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException(Messages.format(
                        "%s line %d: relationship type `%s` must be upper case letters, digits and underscores, "
                                + "e.g. `TREATS`.",
                        name, number, type));
            }
            for (String label : new String[] {cells[3], cells[4]}) {
                if (!LABEL.matcher(label).matches()) {
                    throw new IllegalArgumentException(Messages.format(
                            "%s line %d: label `%s` must be a CamelCase word, e.g. `Drug`.", name, number, label));
                }
            }
            Semantics semantics;
            try {
                semantics = Semantics.parse(cells[5]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.format("%s line %d: %s", name, number, e.getMessage()), e);
            }
            Row row = new Row(cells[0], cells[1], type, cells[3], cells[4], semantics);
            String unique = key(row.source(), row.relation()) + "\u0000" + row.startLabel() + "\u0000" + row.endLabel();
            String reverse = key(row.source(), row.relation()) + "\u0000" + row.endLabel() + "\u0000" + row.startLabel();
            if (!seen.add(unique) || (!row.startLabel().equals(row.endLabel()) && seen.contains(reverse))) {
                throw new IllegalArgumentException(Messages.format(
                        "%s line %d: %s relation `%s` between %s and %s is mapped twice.",
                        name, number, row.source(), row.relation(), row.startLabel(), row.endLabel()));
            }
            rows.add(row);
        }
        return new RelationTypes(rows);
    }

    /** Every row, in file order. */
    public List<Row> rows() {
        return rows;
    }

    /** The rows for a source relation (several when the source uses the name between different kinds). */
    public List<Row> find(String source, String relation) {
        return bySourceRelation.getOrDefault(key(source, relation), List.of());
    }

    /** The row for a source relation between two labels, in either direction. */
    public Optional<Row> find(String source, String relation, String labelA, String labelB) {
        return find(source, relation).stream().filter(r -> r.connects(labelA, labelB)).findFirst();
    }

    /** The relationship types that carry the given meaning, e.g. {@code [TREATS]} for {@link Semantics#TREATS}. */
    public Set<String> typesWith(Semantics semantics) {
        Set<String> types = new LinkedHashSet<>();
        rows.stream().filter(r -> r.semantics() == semantics).forEach(r -> types.add(r.type()));
        return types;
    }

    /** The rows of one source vocabulary, e.g. {@code Hetionet}. */
    public List<Row> ofSource(String source) {
        return rows.stream().filter(r -> r.source().equals(source)).toList();
    }

    private static String key(String source, String relation) {
        return source.toLowerCase(Locale.ENGLISH) + "\u0000" + relation;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}

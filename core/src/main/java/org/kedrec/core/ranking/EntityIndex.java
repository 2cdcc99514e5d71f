package org.kedrec.core.ranking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kedrec.core.Messages;
import org.kedrec.core.text.NumberedLines;

/**
 * The entities a ranker knows, numbered from 0: CURIE, Neo4j label and name ({@code entities.tsv}:
 * {@code index<TAB>id<TAB>label<TAB>name}). Row {@code i} of the embedding table belongs to entity {@code i}.
 * Immutable and safe to share between threads.
 */
public final class EntityIndex {
    public static final String HEADER = "index\tid\tlabel\tname";

    private final List<String> ids;
    private final List<String> labels;
    private final List<String> names;
    private final Map<String, Integer> byId;

    public EntityIndex(List<String> ids, List<String> labels, List<String> names) {
        if (ids.size() != labels.size() || ids.size() != names.size()) {
            throw new IllegalArgumentException(Messages.format(
                    "An entity index needs one label and one name per id but got %d ids, %d labels, %d names.",
                    ids.size(), labels.size(), names.size()));
        }
        this.ids = List.copyOf(ids);
        this.labels = List.copyOf(labels);
        this.names = Collections.unmodifiableList(new ArrayList<>(names)); // names may be empty strings
        Map<String, Integer> map = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            Integer previous = map.put(ids.get(i), i);
            if (previous != null) {
                throw new IllegalArgumentException(Messages.format(
                        "The entity id %s appears twice (rows %d and %d); ids must be unique.", ids.get(i), previous, i));
            }
        }
        this.byId = map;
    }

    public int size() {
        return ids.size();
    }

    public String id(int index) {
        return ids.get(index);
    }

    public String label(int index) {
        return labels.get(index);
    }

    public String name(int index) {
        return names.get(index);
    }

    public List<String> ids() {
        return ids;
    }

    public Optional<Integer> indexOf(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The index of {@code id}, or -1. */
    public int indexOrMinusOne(String id) {
        Integer i = byId.get(id);
        return i == null ? -1 : i;
    }

    /** The indexes of all entities with this label, ascending. */
    public int[] withLabel(String label) {
        return java.util.stream.IntStream.range(0, ids.size()).filter(i -> labels.get(i).equals(label)).toArray();
    }

    public void write(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (int i = 0; i < ids.size(); i++) {
                out.write(i + "\t" + ids.get(i) + "\t" + labels.get(i) + "\t" + clean(names.get(i)) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    public static EntityIndex read(Path file) {
        List<String> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalStateException(Messages.format(
                        "%s line 1: expected the header `%s` but found `%s`.", file, HEADER.replace("\t", "<TAB>"),
                        header));
            }
            NumberedLines.forEach(in, 1, (number, line) -> {
                String[] cols = line.split("\t", -1);
                if (cols.length != 4 || !cols[0].equals(Integer.toString(ids.size()))) {
                    throw new IllegalStateException(Messages.format(
                            "%s line %d: expected `%d<TAB>id<TAB>label<TAB>name` but found `%s`.",
                            file, number, ids.size(), line));
                }
                ids.add(cols[1]);
                labels.add(cols[2]);
                names.add(cols[3]);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return new EntityIndex(ids, labels, names);
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}

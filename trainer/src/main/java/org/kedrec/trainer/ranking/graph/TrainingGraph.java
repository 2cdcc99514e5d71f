package org.kedrec.trainer.ranking.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.kedrec.core.Messages;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.RelationKeys;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.text.NumberedLines;

/**
 * The graph a ranker is trained on: entities (every drug and disease, plus every entity of a kept triple), relations
 * and the triples, sorted by their text so that the data hash and the indexes are the same on every run. Built by
 * {@link TrainingGraphBuilder}, which has already removed every held-out TREATS edge.
 */
public final class TrainingGraph {
    private final EntityIndex entities;
    private final List<String> relations;
    private final int[] heads;
    private final int[] relationOf;
    private final int[] tails;
    private final List<TreatsPair> treatsPairs;
    private final Map<String, Long> excluded;
    private final String dataHash;

    TrainingGraph(EntityIndex entities, List<String> relations, int[] heads, int[] relationOf, int[] tails,
            List<TreatsPair> treatsPairs, Map<String, Long> excluded, String dataHash) {
        this.entities = entities;
        this.relations = List.copyOf(relations);
        this.heads = heads;
        this.relationOf = relationOf;
        this.tails = tails;
        this.treatsPairs = List.copyOf(treatsPairs);
        this.excluded = Map.copyOf(excluded);
        this.dataHash = dataHash;
    }

    public EntityIndex entities() {
        return entities;
    }

    public List<String> relations() {
        return relations;
    }

    public int size() {
        return heads.length;
    }

    public int head(int i) {
        return heads[i];
    }

    public int relation(int i) {
        return relationOf[i];
    }

    public int tail(int i) {
        return tails[i];
    }

    /** Index of the TREATS relation, or -1 if the graph has no training TREATS edge. */
    public int treatsRelation() {
        return relations.indexOf(RelationKeys.TREATS);
    }

    /** Every TREATS pair the export saw, held out or not, with its split. */
    public List<TreatsPair> treatsPairs() {
        return treatsPairs;
    }

    public List<TreatsPair> pairsOf(PairSplit split) {
        return treatsPairs.stream().filter(p -> p.split() == split).toList();
    }

    /** Why edges were left out of training: counts by reason (e.g. {@code TREATS test}). */
    public Map<String, Long> excluded() {
        return excluded;
    }

    /** SHA-256 (hex) of the sorted triple lines, {@code head<TAB>relation<TAB>tail\n} each. */
    public String dataHash() {
        return dataHash;
    }

    /** Number of triples per relation, by relation index. */
    public long[] relationCounts() {
        long[] counts = new long[relations.size()];
        for (int r : relationOf) {
            counts[r]++;
        }
        return counts;
    }

    /** Writes the triples, sorted, as gzipped TSV ({@code head<TAB>relation<TAB>tail}, with a header). */
    public void writeTriples(Path file) {
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                StandardCharsets.UTF_8)) {
            out.write("head\trelation\ttail\n");
            for (int i = 0; i < heads.length; i++) {
                out.write(line(i));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Writes {@code relations.tsv}: {@code index<TAB>relation<TAB>triples}. */
    public void writeRelations(Path file) {
        long[] counts = relationCounts();
        StringBuilder text = new StringBuilder("index\trelation\ttriples\n");
        for (int r = 0; r < relations.size(); r++) {
            text.append(r).append('\t').append(relations.get(r)).append('\t').append(counts[r]).append('\n');
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /**
     * This graph plus side triples ({@code head, relation key, tail}), for computing features only: the result is
     * never trained on or written. Existing entities and relations keep their indexes; new entities (e.g. ATC
     * classes) are appended in the order first seen, with the labels given in {@code newLabels}; a triple whose
     * ends are neither known nor in {@code newLabels} is an error.
     */
    public TrainingGraph withSideTriples(List<String[]> triples, Map<String, String> newLabels) {
        List<String> ids = new ArrayList<>(entities.ids());
        List<String> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            labels.add(entities.label(i));
            names.add(entities.name(i));
        }
        Map<String, Integer> added = new LinkedHashMap<>();
        List<String> rels = new ArrayList<>(relations);
        Map<String, Integer> relationIndex = new LinkedHashMap<>();
        for (String r : rels) {
            relationIndex.put(r, relationIndex.size());
        }
        int n = heads.length;
        int[] h = java.util.Arrays.copyOf(heads, n + triples.size());
        int[] r = java.util.Arrays.copyOf(relationOf, n + triples.size());
        int[] t = java.util.Arrays.copyOf(tails, n + triples.size());
        int k = n;
        for (String[] triple : triples) {
            int[] ends = new int[2];
            for (int e = 0; e < 2; e++) {
                String id = triple[e == 0 ? 0 : 2];
                int index = entities.indexOrMinusOne(id);
                if (index < 0) {
                    Integer a = added.get(id);
                    if (a == null) {
                        String label = newLabels.get(id);
                        if (label == null) {
                            throw new IllegalArgumentException(Messages.format(
                                    "The side triple %s %s %s names `%s`, which is neither in the training graph "
                                            + "nor among the new entities.",
                                    triple[0], triple[1], triple[2], id));
                        }
                        a = ids.size();
                        ids.add(id);
                        labels.add(label);
                        names.add("");
                        added.put(id, a);
                    }
                    index = a;
                }
                ends[e] = index;
            }
            Integer rel = relationIndex.get(triple[1]);
            if (rel == null) {
                rel = rels.size();
                rels.add(triple[1]);
                relationIndex.put(triple[1], rel);
            }
            h[k] = ends[0];
            r[k] = rel;
            t[k] = ends[1];
            k++;
        }
        return new TrainingGraph(new EntityIndex(ids, labels, names), rels, h, r, t, treatsPairs, excluded,
                dataHash + "+side");
    }

    String line(int i) {
        return entities.id(heads[i]) + "\t" + relations.get(relationOf[i]) + "\t" + entities.id(tails[i]);
    }

    /**
     * Reads a model directory's stored training graph back (for evaluation without a database): the entity index
     * fixes the numbering, the triples file the edges; the hash is recomputed and must match {@code expectedHash}.
     */
    public static TrainingGraph read(EntityIndex entities, List<String> relations, Path triplesFile,
            List<TreatsPair> treatsPairs, String expectedHash) {
        Map<String, Integer> relationIndex = new LinkedHashMap<>();
        for (String relation : relations) {
            relationIndex.put(relation, relationIndex.size());
        }
        List<int[]> rows = new ArrayList<>();
        MessageDigest sha = sha256();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(triplesFile), 1 << 16), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (!"head\trelation\ttail".equals(header)) {
                throw new IllegalStateException(Messages.format(
                        "%s line 1: expected the header `head<TAB>relation<TAB>tail` but found `%s`.", triplesFile,
                        header));
            }
            NumberedLines.forEach(in, 1, (number, line) -> {
                String[] cols = line.split("\t", -1);
                int h = cols.length == 3 ? entities.indexOrMinusOne(cols[0]) : -1;
                int t = cols.length == 3 ? entities.indexOrMinusOne(cols[2]) : -1;
                if (h < 0 || t < 0) {
                    throw new IllegalStateException(Messages.format(
                            "%s line %d: `%s` is not a triple of entities in the model's entity index.",
                            triplesFile, number, line));
                }
                Integer r = relationIndex.get(cols[1]);
                if (r == null) {
                    throw new IllegalStateException(Messages.format(
                            "%s line %d: relation `%s` is not in the model's relation index.", triplesFile, number,
                            cols[1]));
                }
                rows.add(new int[] {h, r, t});
                sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + triplesFile, e);
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        if (expectedHash != null && !expectedHash.equals(hash)) {
            throw new IllegalStateException(Messages.format(
                    "%s hashes to %s but the model was trained on data hashing to %s; the model directory was "
                            + "modified. Retrain the model.",
                    triplesFile, hash, expectedHash));
        }
        int[] heads = rows.stream().mapToInt(x -> x[0]).toArray();
        int[] rels = rows.stream().mapToInt(x -> x[1]).toArray();
        int[] tails = rows.stream().mapToInt(x -> x[2]).toArray();
        return new TrainingGraph(entities, relations, heads, rels, tails, treatsPairs, Map.of(), hash);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** Each entity's position in {@code entities}: the row or column of a (disease x drug) table. */
    public static Map<Integer, Integer> positions(int[] entities) {
        Map<Integer, Integer> out = new HashMap<>();
        for (int i = 0; i < entities.length; i++) {
            out.put(entities[i], i);
        }
        return out;
    }
}

package org.kedrec.core.split;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kedrec.core.Messages;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.text.NumberedLines;

/**
 * The one definition of which TREATS edges are held out, shared by the dataset builder, the KG-embedding trainer
 * and the evaluation, so that no model ever trains on an edge it is measured on.
 *
 * <ul>
 *   <li>Pair split: {@code eval/hetionet_CtD_split.tsv} ({@code train}/{@code holdout}); a pair missing from the
 *       file (e.g. a DRKG treats edge) follows the file's own rule, {@code SHA-1("DB…|DOID…") mod 5 == 0}.
 *   <li>Zero-shot diseases: a disease whose {@code SHA-1("zeroshot|" + id) mod 100 < 15}; all of its TREATS pairs
 *       are held out (about 15% of diseases; TxGNN's zero-shot setting).
 *   <li>Validation: training pairs with {@code SHA-1("validation|" + drug + "|" + disease) mod 10 == 0}.
 * </ul>
 *
 * Pairs are keyed by CURIEs: {@code DrugBank:DB00014} and {@code DOID:10283}.
 */
public final class SplitPlan {
    public static final String SPLIT_FILE = "eval/hetionet_CtD_split.tsv";
    static final int ZERO_SHOT_PERCENT = 15;
    static final int VALIDATION_BUCKETS = 10;

    private final Map<String, Boolean> fileHoldout;
    private final Map<String, PairSplit> overrides;
    private final Set<String> zeroShotDiseases;
    /** Diseases held out whole on top of the rules or the file (a cross-fitting fold's); empty for most plans. */
    private final Set<String> alsoHeldOut;

    private SplitPlan(Map<String, Boolean> fileHoldout, Map<String, PairSplit> overrides, Set<String> zeroShot) {
        this(fileHoldout, overrides, zeroShot, Set.of());
    }

    private SplitPlan(Map<String, Boolean> fileHoldout, Map<String, PairSplit> overrides, Set<String> zeroShot,
                      Set<String> alsoHeldOut) {
        this.fileHoldout = fileHoldout;
        this.overrides = overrides;
        this.zeroShotDiseases = zeroShot;
        this.alsoHeldOut = alsoHeldOut;
    }

    /** Reads the published CtD split ({@code compound_id, disease_id, …, split}) from the data directory. */
    public static SplitPlan fromDataDirectory(Path dataDir) {
        Path file = dataDir.resolve(SPLIT_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(Messages.format(
                    "Missing split file %s. Point KEDREC_DATA at the data directory that holds %s.", file, SPLIT_FILE));
        }
        Map<String, Boolean> holdout = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("compound_id\tdisease_id")) {
                throw new IllegalArgumentException(Messages.format(
                        "%s line 1: expected the header `compound_id<TAB>disease_id<TAB>…<TAB>split` but found `%s`.",
                        file, header));
            }
            NumberedLines.forEachNonBlank(reader, 1, (number, line) -> {
                String[] cols = line.split("\t", -1);
                String split = cols[cols.length - 1].strip();
                if (cols.length < 3 || !(split.equals("train") || split.equals("holdout"))) {
                    throw new IllegalArgumentException(Messages.format(
                            "%s line %d: expected a last column `train` or `holdout` but found `%s`.",
                            file, number, split));
                }
                holdout.put(key(Curies.fromHetionet(cols[0]), Curies.fromHetionet(cols[1])), split.equals("holdout"));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return new SplitPlan(holdout, Map.of(), null);
    }

    /** The split of a known TREATS pair. */
    public PairSplit splitOf(String drugCurie, String diseaseCurie) {
        String key = key(drugCurie, diseaseCurie);
        PairSplit override = overrides.get(key);
        if (override != null) {
            return override;
        }
        if (isZeroShotDisease(diseaseCurie)) {
            return PairSplit.ZEROSHOT;
        }
        Boolean held = fileHoldout.get(key);
        boolean heldOut = held != null
                ? held
                : StableHash.bucket(Curies.localPart(drugCurie) + "|" + diseaseCurie, 5) == 0;
        if (heldOut) {
            return PairSplit.TEST;
        }
        return StableHash.bucket("validation|" + drugCurie + "|" + diseaseCurie, VALIDATION_BUCKETS) == 0
                ? PairSplit.VALIDATION
                : PairSplit.TRAIN;
    }

    /** True if every TREATS edge of this disease is held out. */
    public boolean isZeroShotDisease(String diseaseCurie) {
        if (alsoHeldOut.contains(diseaseCurie)) {
            return true;
        }
        if (zeroShotDiseases != null) {
            return zeroShotDiseases.contains(diseaseCurie);
        }
        return StableHash.bucket("zeroshot|" + diseaseCurie, 100) < ZERO_SHOT_PERCENT;
    }

    /** True if the published file holds this pair out (the 148 held-out pairs, zero-shot or not). */
    public boolean inPublishedHoldout(String drugCurie, String diseaseCurie) {
        return Boolean.TRUE.equals(fileHoldout.get(key(drugCurie, diseaseCurie)));
    }

    /** The pairs named in the published split file, as {@code drug|disease} keys. */
    public Set<String> publishedPairs() {
        return Collections.unmodifiableSet(fileHoldout.keySet());
    }

    /** The zero-shot diseases among {@code diseases}. */
    public Set<String> zeroShotDiseases(Collection<String> diseases) {
        Set<String> out = new TreeSet<>();
        for (String disease : diseases) {
            if (isZeroShotDisease(disease)) {
                out.add(disease);
            }
        }
        return out;
    }

    /**
     * Writes {@code splits.tsv}: {@code kind<TAB>id<TAB>split} with one {@code pair} row per TREATS pair
     * ({@code DrugBank:DB00014|DOID:10283}) and one {@code disease} row per zero-shot disease.
     */
    public void write(Path file, Collection<String[]> treatsPairs) {
        Map<String, PairSplit> rows = new TreeMap<>();
        Set<String> diseases = new TreeSet<>();
        for (String[] pair : treatsPairs) {
            rows.put(key(pair[0], pair[1]), splitOf(pair[0], pair[1]));
            diseases.add(pair[1]);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("kind\tid\tsplit\n");
            for (String disease : zeroShotDiseases(diseases)) {
                out.write("disease\t" + disease + "\tzeroshot\n");
            }
            for (Map.Entry<String, PairSplit> row : rows.entrySet()) {
                out.write("pair\t" + row.getKey() + "\t" + row.getValue().label() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Reads a {@code splits.tsv} written by {@link #write}; its rows override the rules above. */
    public static SplitPlan read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(Messages.format(
                    "Missing split definition %s. Build the dataset first (`kedrec dataset build`), or omit the "
                            + "option to use the built-in split rules.", file));
        }
        Map<String, PairSplit> pairs = new HashMap<>();
        Set<String> zeroShot = new TreeSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] cols = line.split("\t", -1);
                if (cols.length != 3) {
                    throw new IllegalArgumentException(Messages.format(
                            "%s line %d: expected `kind<TAB>id<TAB>split` but found `%s`.", file, number, line));
                }
                switch (cols[0]) {
                    case "disease" -> zeroShot.add(cols[1]);
                    case "pair" -> pairs.put(cols[1], PairSplit.fromLabel(cols[2]));
                    default -> throw new IllegalArgumentException(Messages.format(
                            "%s line %d: unknown kind `%s`; expected `pair` or `disease`.", file, number, cols[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return new SplitPlan(Map.of(), pairs, zeroShot);
    }

    /**
     * This plan with every TREATS pair of {@code diseases} held out as a zero-shot disease's: the split a cross-fitted
     * ranker trains on, so that it meets those diseases as it meets a new one (no TREATS edge into them), through the
     * same export rule that keeps the test pairs out. Pairs of other diseases keep their split.
     */
    public SplitPlan withDiseasesHeldOut(Collection<String> diseases) {
        Set<String> held = new TreeSet<>(diseases);
        Map<String, PairSplit> moved = new HashMap<>(overrides);
        for (Map.Entry<String, PairSplit> row : overrides.entrySet()) {
            String disease = row.getKey().substring(row.getKey().indexOf('|') + 1);
            if (held.contains(disease)) {
                moved.put(row.getKey(), PairSplit.ZEROSHOT);
            }
        }
        held.addAll(alsoHeldOut);
        return new SplitPlan(fileHoldout, moved, zeroShotDiseases, Collections.unmodifiableSet(held));
    }

    /** The pairs this plan names one by one (the {@code pair} rows of a {@code splits.tsv} it was read from). */
    public List<String[]> namedPairs() {
        List<String[]> out = new ArrayList<>();
        new TreeSet<>(overrides.keySet()).forEach(k -> out.add(k.split("\\|", 2)));
        return out;
    }

    /** The key of a pair in {@code splits.tsv}. */
    public static String key(String drugCurie, String diseaseCurie) {
        return drugCurie + "|" + diseaseCurie;
    }
}

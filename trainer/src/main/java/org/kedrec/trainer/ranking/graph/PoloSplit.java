package org.kedrec.trainer.ranking.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.core.text.NumberedLines;

/**
 * The Compound-treats-Disease split of PoLo (Liu et al. 2021), reused by REx: {@code eval/polo/train.txt},
 * {@code dev.txt} and {@code test.txt}, one {@code Compound::DB…<TAB>CtD<TAB>Disease::DOID:…} per line. Train pairs
 * are TRAIN, dev pairs VALIDATION (model selection only) and test pairs TEST, so every dev and test edge stays out of
 * the training graph through the same {@link SplitPlan} every trainer honours. There are no zero-shot diseases in
 * this split: PoLo has none.
 */
public final class PoloSplit {
    public static final String NAME = "polo";
    public static final String DIR = "eval/polo";
    private static final String[] FILES = {"train.txt", "dev.txt", "test.txt"};
    private static final PairSplit[] SPLITS = {PairSplit.TRAIN, PairSplit.VALIDATION, PairSplit.TEST};

    private final Map<String, PairSplit> pairs;

    private PoloSplit(Map<String, PairSplit> pairs) {
        this.pairs = pairs;
    }

    /** Reads the three files from {@code <dataDir>/eval/polo/}. */
    public static PoloSplit read(Path dataDir) {
        Map<String, PairSplit> pairs = new LinkedHashMap<>();
        for (int f = 0; f < FILES.length; f++) {
            Path file = DataDirectory.requireFile(dataDir, DIR + "/" + FILES[f]);
            PairSplit split = SPLITS[f];
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                NumberedLines.forEachNonBlank(in, 0, (number, line) -> {
                    String[] cols = line.strip().split("\t", -1);
                    if (cols.length != 3 || !cols[1].equals("CtD") || !cols[0].startsWith("Compound::")
                            || !cols[2].startsWith("Disease::")) {
                        throw new IllegalArgumentException(Messages.format(
                                "%s line %d: expected `Compound::DB…<TAB>CtD<TAB>Disease::DOID:…` but found `%s`; "
                                        + "restore the file from the PoLo repository (see the data README).",
                                file, number, line));
                    }
                    String key = SplitPlan.key(Curies.fromHetionet(cols[0]), Curies.fromHetionet(cols[2]));
                    PairSplit before = pairs.put(key, split);
                    if (before != null && before != split) {
                        throw new IllegalArgumentException(Messages.format(
                                "%s line %d: the pair %s is already in the %s split; PoLo's splits are disjoint, "
                                        + "restore the files from the PoLo repository.",
                                file, number, key, before.label()));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
        return new PoloSplit(pairs);
    }

    /** The split of every PoLo pair, keyed {@code DrugBank:DB…|DOID:…}. */
    public Map<String, PairSplit> pairs() {
        return java.util.Collections.unmodifiableMap(pairs);
    }

    /** The pairs of one split as {drug, disease} CURIEs, in file order. */
    public List<String[]> pairsOf(PairSplit split) {
        List<String[]> out = new ArrayList<>();
        pairs.forEach((k, v) -> {
            if (v == split) {
                out.add(k.split("\\|", 2));
            }
        });
        return out;
    }

    /**
     * This split as a {@link SplitPlan}: its {@code splits.tsv} form read back, the one way a plan takes explicit
     * pair splits (core's plan has no other public constructor, and the file is what the model directory stores
     * anyway). A TREATS pair outside PoLo (another source) falls to the plan's hash rule; no disease is zero-shot.
     */
    public SplitPlan plan() {
        try {
            Path file = Files.createTempFile("polo-splits", ".tsv");
            try {
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    out.write("kind\tid\tsplit\n");
                    for (Map.Entry<String, PairSplit> e : pairs.entrySet()) {
                        out.write("pair\t" + e.getKey() + "\t" + e.getValue().name().toLowerCase(Locale.ENGLISH)
                                + "\n");
                    }
                }
                return SplitPlan.read(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a temporary split file", e);
        }
    }
}

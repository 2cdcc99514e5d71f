package org.kedrec.core.ranking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.Messages;

/** The files of a ranker inside a model directory ({@code <model>/ranker/…}). */
public final class RankerFiles {
    /** The component's folder and its name in {@code model.json}. */
    public static final String COMPONENT = "ranker";
    public static final String CONFIG = "config.json";
    public static final String ENTITIES = "entities.tsv";
    public static final String RELATIONS = "relations.tsv";
    /** DJL parameters, {@code kge-0000.params}, written by {@code Model.save(dir, PARAMS_PREFIX)}. */
    public static final String PARAMS_PREFIX = "kge";
    public static final String METRICS = "metrics.json";
    /** The training triples, {@code head<TAB>relation<TAB>tail}, sorted, gzipped: the data the hash is over. */
    public static final String TRIPLES = "triples.tsv.gz";
    /** The split of every TREATS pair the export saw ({@code SplitPlan.write} format). */
    public static final String SPLITS = "splits.tsv";
    /** The metapath model's logit for every (disease, drug) pair, precomputed ({@link PathScores}). */
    public static final String PATH_SCORES = "path-scores.bin";
    /** The metapaths and their learned weights (readable by the plugin to weigh explanation paths). */
    public static final String METAPATHS = "metapaths.json";
    /** The side information a "KG + evidence" ranker was trained with (trainer's {@code Evidence}). */
    public static final String EVIDENCE = "evidence.tsv.gz";
    public static final String CHECKPOINTS = "checkpoints";

    private RankerFiles() {}

    public static Path dir(Path modelDir) {
        return modelDir.resolve(COMPONENT);
    }

    /** The relations of {@code relations.tsv} ({@code index<TAB>relation<TAB>triples}), by index. */
    public static List<String> readRelations(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] cols = lines.get(i).split("\t", -1);
                if (cols.length < 2 || !cols[0].equals(Integer.toString(out.size()))) {
                    throw new IllegalStateException(Messages.format(
                            "%s line %d: expected `%d<TAB>relation<TAB>triples` but found `%s`.", file, i + 1,
                            out.size(), lines.get(i)));
                }
                out.add(cols[1]);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}

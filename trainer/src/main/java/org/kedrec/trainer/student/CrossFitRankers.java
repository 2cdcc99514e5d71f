package org.kedrec.trainer.student;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.CandidateScorer;
import org.kedrec.core.lm.RankerLine;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.core.split.StableHash;

/**
 * Cross-fitted ranker lines for the student's training prompts. A training example's disease has its TREATS edges in
 * the full ranker's training graph, so the full ranker is sure of it (right on 0.865 of the training pairs, a higher
 * score below 0.003 on 20 of 483) and the student learns to follow its line; on a held-out disease a third of the
 * pairs are in the ranker's weak regime (right on 0.42 of them), which the student never saw. Here the training
 * diseases are split into K folds, and the ranker of fold k is trained with fold k's diseases held out whole, as a
 * zero-shot disease's (through {@link SplitPlan#withDiseasesHeldOut}: the split file {@code train kge --splits}
 * reads, so the one export rule that keeps test pairs out keeps these out too). A training example's line comes from
 * the ranker of its disease's fold, one that never saw that disease treated; validation, test and held-out prompts
 * keep the full ranker, as serving does.
 *
 * <p>Layout of the folder ({@code train student --cross-fit-rankers DIR}): {@code fold-<k>.splits.tsv} (the split
 * each fold's ranker must be trained on) and {@code fold-<k>/} (a model folder, {@code ranker/} inside, trained by
 * {@code kedrec train kge --splits DIR/fold-<k>.splits.tsv --model DIR/fold-<k>}). Which diseases a fold's ranker did
 * not see is read back from the split its ranker recorded ({@code ranker/splits.tsv}), not assumed.
 */
public final class CrossFitRankers {
    static final String SPLITS_SUFFIX = ".splits.tsv";

    private CrossFitRankers() {}

    /**
     * The training diseases (those of the training examples that the dataset's split does not hold out whole) in
     * {@code folds} folds of near-equal size: ordered by a stable hash of the id, then dealt round-robin, so the
     * assignment depends on the diseases alone, not on the order of the examples.
     */
    static Map<String, Integer> folds(List<ExpRxRecExample> train, SplitPlan plan, int folds) {
        List<String> diseases = train.stream().map(e -> e.disease() == null ? null : e.disease().id())
                .filter(d -> d != null && !plan.isZeroShotDisease(d)).distinct()
                .sorted(Comparator.comparingInt((String d) -> StableHash.bucket("crossfit|" + d, Integer.MAX_VALUE))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        if (diseases.size() < folds) {
            throw new IllegalArgumentException(Messages.format(
                    "--cross-fit-folds %d is more than the %d training diseases; use at most %d folds.", folds,
                    diseases.size(), diseases.size()));
        }
        Map<String, Integer> out = new TreeMap<>();
        for (int i = 0; i < diseases.size(); i++) {
            out.put(diseases.get(i), i % folds + 1);
        }
        return out;
    }

    /** {@code DIR/fold-<k>}: the model folder of fold k's ranker. */
    static Path foldModel(Path dir, int fold) {
        return dir.resolve("fold-" + fold);
    }

    /** {@code DIR/fold-<k>.splits.tsv}: the split fold k's ranker is trained on. */
    static Path foldSplits(Path dir, int fold) {
        return dir.resolve("fold-" + fold + SPLITS_SUFFIX);
    }

    /**
     * Writes each fold's split file (the dataset's {@code splits.tsv} with the fold's diseases held out whole), and
     * returns the commands that train the fold rankers that are still missing (empty when all K are there).
     */
    static List<String> prepare(Path dir, Path datasetSplits, List<ExpRxRecExample> train, int folds) {
        SplitPlan plan = SplitPlan.read(datasetSplits);
        Map<String, Integer> byDisease = folds(train, plan, folds);
        List<String> missing = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int k = 1; k <= folds; k++) {
                int fold = k;
                List<String> held = byDisease.entrySet().stream().filter(e -> e.getValue() == fold)
                        .map(Map.Entry::getKey).toList();
                Path splits = foldSplits(dir, k);
                Path tmp = splits.resolveSibling(splits.getFileName() + ".tmp");
                plan.withDiseasesHeldOut(held).write(tmp, plan.namedPairs());
                Files.move(tmp, splits, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                if (!Files.isRegularFile(foldModel(dir, k).resolve("ranker").resolve("config.json"))) {
                    missing.add(Messages.format("kedrec train kge --uri URI --splits %s --model %s", splits,
                            foldModel(dir, k)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not write the fold splits into %s", dir), e);
        }
        return missing;
    }

    /**
     * The cross-fitted tool for the training examples: per disease, the fold ranker that held it out. Refuses a
     * training disease that no fold ranker held out, or that the ranker of another fold also lacks (a fold trained on
     * another split file), naming the fold to retrain.
     */
    static CandidateScorer load(Path dir, int folds, List<ExpRxRecExample> train, RankerLine line) {
        Map<String, DrugRanker> byDisease = new LinkedHashMap<>();
        List<DrugRanker> rankers = new ArrayList<>();
        java.util.Set<String> trainDiseases = StudentTrainer.diseasesOf(train);
        try {
            for (int k = 1; k <= folds; k++) {
                Path model = foldModel(dir, k);
                SplitPlan seen = SplitPlan.read(model.resolve("ranker").resolve("splits.tsv"));
                SplitPlan meant = SplitPlan.read(foldSplits(dir, k));
                DrugRanker ranker = DrugRanker.load(model);
                rankers.add(ranker);
                for (String disease : trainDiseases) {
                    boolean heldHere = seen.isZeroShotDisease(disease);
                    if (heldHere != meant.isZeroShotDisease(disease)) {
                        throw new IllegalStateException(Messages.format(
                                "The ranker in %s was not trained on %s (disease %s is %s there). Retrain it: "
                                        + "kedrec train kge --splits %s --model %s", model, foldSplits(dir, k),
                                disease, heldHere ? "held out" : "seen", foldSplits(dir, k), model));
                    }
                    if (heldHere) {
                        byDisease.putIfAbsent(disease, ranker);
                    }
                }
            }
        } catch (RuntimeException e) {
            rankers.forEach(DrugRanker::close);
            throw e;
        }
        List<String> uncovered = trainDiseases.stream().filter(d -> !byDisease.containsKey(d)).toList();
        if (!uncovered.isEmpty()) {
            rankers.forEach(DrugRanker::close);
            throw new IllegalStateException(Messages.format(
                    "No ranker in %s held out the training disease(s) %s: the folds were made for another training "
                            + "split. Delete %s and train the folds again.", dir,
                    uncovered.stream().limit(5).collect(Collectors.joining(", ")), dir));
        }
        Map<DrugRanker, CandidateScorer> scorers = new LinkedHashMap<>();
        rankers.forEach(r -> scorers.put(r, CandidateScorer.of(r, line)));
        return new CandidateScorer() {
            @Override
            public double[] scores(ExpRxRecExample example) {
                DrugRanker ranker = example.disease() == null ? null : byDisease.get(example.disease().id());
                if (ranker == null) {
                    throw new IllegalStateException(Messages.format(
                            "Example %s has no cross-fitted ranker for disease %s; it is not a training example.",
                            example.id(), example.disease() == null ? null : example.disease().id()));
                }
                return scorers.get(ranker).scores(example);
            }

            @Override
            public RankerLine lineForm() {
                return line;
            }

            @Override
            public void close() {
                rankers.forEach(DrugRanker::close);
            }
        };
    }

    /** The higher score of a pair below which the default ranker is unsure on new diseases (right on 0.42). */
    static final double WEAK = 0.003;

    /**
     * What a tool's line says on {@code examples}: {@code pairs} with a line, {@code right} (the share whose line puts
     * the relevant drug first, ties half), and {@code weakPairs}/{@code weakRight} for pairs whose higher score is
     * below {@link #WEAK}: the regime a student meets on held-out diseases, and that the full ranker almost never
     * shows on training pairs.
     */
    public static Map<String, Object> lineOn(List<ExpRxRecExample> examples, CandidateScorer tool) {
        int pairs = 0;
        int weak = 0;
        double right = 0;
        double weakRight = 0;
        for (ExpRxRecExample e : examples) {
            double[] s = tool.scores(e);
            if (s == null || s.length != 2 || Double.isNaN(s[0]) || Double.isNaN(s[1])) {
                continue;
            }
            double hit = s[0] == s[1] ? 0.5 : (s[e.label()] > s[1 - e.label()] ? 1 : 0);
            pairs++;
            right += hit;
            if (Math.max(s[0], s[1]) < WEAK) {
                weak++;
                weakRight += hit;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairs", pairs);
        out.put("right", pairs == 0 ? null : right / pairs);
        out.put("weakPairs", weak);
        out.put("weakRight", weak == 0 ? null : weakRight / weak);
        return out;
    }
}

package org.kedrec.trainer.ranking;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.core.split.StableHash;
import org.kedrec.trainer.ranking.eval.KgeEvaluation;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.EvidenceFeatures;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.paths.FitRows;
import org.kedrec.trainer.ranking.paths.GradientBoostedTrees;
import org.kedrec.trainer.ranking.paths.LogisticRegression;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/**
 * DEVELOPER TOOL (not a test): compares feature sets of the ranker's metapath/evidence model on a trained model
 * directory without retraining the embedding, by what model selection may look at: 5-fold cross-validation over the
 * training TREATS pairs (their features never use their own edge) and the VALIDATION pairs. Never the TEST pairs.
 * A fold's pairs stay in the fit as unlabelled (negative) pairs, exactly as the TEST pairs do when the real model
 * is fitted: leaving them out instead made boosted trees look better than they are (docs/ranker.md).
 * Arguments after the model: {@code drop:f1,f2*} (feature subsets), {@code rel:f1,f2} (per-disease relative copies),
 * {@code l2:X}, {@code gbdt:rounds,depth,rate,lambda,minHessian,negativeRate}.
 * {@code java -cp ... org.kedrec.trainer.ranking.HeadExperiment MODEL_DIR [drop:feature,...]...}
 */
public final class HeadExperiment {
    private HeadExperiment() {}

    public static void main(String[] args) {
        Path modelDir = Path.of(args[0]);
        Path dir = RankerFiles.dir(modelDir);
        try (DrugRanker ranker = DrugRanker.load(modelDir, Device.cpu())) {
            EntityIndex entities = ranker.entities();
            TrainingGraph graph = TrainingGraph.read(entities,
                    RankerFiles.readRelations(dir.resolve(RankerFiles.RELATIONS)), dir.resolve(RankerFiles.TRIPLES),
                    KgeEvaluation.readModelPairs(dir.resolve(RankerFiles.SPLITS)), ranker.config().dataHash());
            Evidence evidence = Evidence.read(dir.resolve(RankerFiles.EVIDENCE));
            int[] drugs = entities.withLabel(EntityKind.DRUG.label());
            int[] diseases = entities.withLabel(EntityKind.DISEASE.label());
            RankerTrainer.Pairs pairs = new RankerTrainer.Pairs(graph, drugs, diseases);
            float[][] kge = new float[diseases.length][];
            for (int d = 0; d < diseases.length; d++) {
                kge[d] = ranker.kgeScores(entities.id(diseases[d]));
            }
            long t0 = System.nanoTime();
            PathFeatures full = EvidenceFeatures.compute(graph, evidence, 0.4);
            PathFeatures kgOnly = PathFeatures.compute(graph, PathFeatures.DEFAULT_METAPATHS, 0.4);
            System.out.printf(Locale.ENGLISH, "features in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, full.names());
            if (!System.getProperty("skipBase", "false").equals("true")) {
                report("kg-only", kgOnly, kge, pairs);
                report("all", full, kge, pairs);
            }
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("rel:")) {
                    List<String> names = new ArrayList<>();
                    for (String n : args[i].substring(4).split(",")) {
                        names.add(n);
                    }
                    report(args[i], relative(full, names), kge, pairs);
                    continue;
                }
                if (args[i].startsWith("l2:")) {
                    double l2 = Double.parseDouble(args[i].substring(3));
                    System.out.printf(Locale.ENGLISH, "%-40s CV MRR %.4f%n", args[i], crossValidatedMrr(full, pairs.trainPositive, pairs.validation, l2));
                    continue;
                }
                if (args[i].startsWith("gbdt:")) {
                    String[] v = args[i].substring(5).split(",");
                    gbdt(args[i], full, kge, pairs, new GradientBoostedTrees.Params(Integer.parseInt(v[0]),
                            Integer.parseInt(v[1]), Double.parseDouble(v[2]), Double.parseDouble(v[3]),
                            Double.parseDouble(v[4]), 64, Double.parseDouble(v[5]), 42));
                    continue;
                }
                List<String> keep = new ArrayList<>(full.names());
                for (String drop : args[i].replaceFirst("^drop:", "").split(",")) {
                    keep.removeIf(n -> n.equals(drop) || (drop.endsWith("*") && n.startsWith(drop.substring(0,
                            drop.length() - 1))));
                }
                report(args[i], full.select(keep), kge, pairs);
            }
        }
    }

    static void report(String name, PathFeatures f, float[][] kge, RankerTrainer.Pairs pairs) {
        long t0 = System.nanoTime();
        MetapathModel model = MetapathModel.fit(f, pairs.trainPositive, pairs.validation);
        float[][] combined = RankerTrainer.combine(RankerTrainer.fitCombiner(kge, model.logits(), pairs), kge,
                model.logits());
        double cv = crossValidatedMrr(f, pairs.trainPositive, pairs.validation, model.l2());
        System.out.printf(Locale.ENGLISH, "%-40s features %2d  L2 %5.1f  CV MRR %.4f  validation: path %.4f "
                        + "combined %.4f (%.0f s)%n", name, f.featureCount(), model.l2(), cv, model.validationMrr(),
                MetapathModel.validationMrr(combined, pairs.trainPositive, pairs.validation),
                (System.nanoTime() - t0) / 1e9);
    }

    /** Appends, for each named feature, its value divided by the disease's largest value of it. */
    static PathFeatures relative(PathFeatures f, List<String> names) {
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        float[][][] extra = new float[nd][nc][names.size()];
        for (int j = 0; j < names.size(); j++) {
            int k = f.names().indexOf(names.get(j));
            for (int d = 0; d < nd; d++) {
                float max = 0;
                for (int c = 0; c < nc; c++) {
                    max = Math.max(max, f.of(d, c)[k]);
                }
                for (int c = 0; c < nc; c++) {
                    extra[d][c][j] = max > 0 ? f.of(d, c)[k] / max : 0;
                }
            }
        }
        List<String> extraNames = names.stream().map(n -> n + "Rel").toList();
        return f.withExtra(extraNames, extra);
    }

    static void gbdt(String name, PathFeatures f, float[][] kge, RankerTrainer.Pairs pairs,
            GradientBoostedTrees.Params params) {
        long t0 = System.nanoTime();
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        BitSet[] validation = new BitSet[nd];
        for (int d = 0; d < nd; d++) {
            validation[d] = new BitSet();
        }
        for (int[] v : pairs.validation) {
            validation[v[0]].set(v[1]);
        }
        BitSet[] none = new BitSet[nd];
        for (int d = 0; d < nd; d++) {
            none[d] = new BitSet();
        }
        float[][] logits = fitAndScore(f, pairs.trainPositive, none, params);
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        float[][] combined = RankerTrainer.combine(RankerTrainer.fitCombiner(kge, logits, pairs), kge, logits);
        // CV
        List<RankOutcome> outcomes = new ArrayList<>();
        for (int fold = 0; fold < 5; fold++) {
            BitSet[] out = new BitSet[nd];
            for (int d = 0; d < nd; d++) {
                out[d] = (BitSet) validation[d].clone();
                for (int c = pairs.trainPositive[d].nextSetBit(0); c >= 0; c = pairs.trainPositive[d].nextSetBit(c + 1)) {
                    if (StableHash.bucket(d + "|" + c, 5) == fold) {
                        out[d].set(c);
                    }
                }
            }
            // the fold's positives stay in the fit, labelled negative: exactly how TEST pairs are seen in training
            BitSet[] foldPositive = new BitSet[nd];
            for (int d = 0; d < nd; d++) {
                foldPositive[d] = (BitSet) pairs.trainPositive[d].clone();
                foldPositive[d].andNot(out[d]);
            }
            float[][] cv = fitAndScore(f, foldPositive, none, params);
            for (int d = 0; d < nd; d++) {
                for (int c = out[d].nextSetBit(0); c >= 0; c = out[d].nextSetBit(c + 1)) {
                    if (pairs.trainPositive[d].get(c)) {
                        BitSet filter = (BitSet) pairs.trainPositive[d].clone();
                        filter.or(out[d]);
                        outcomes.add(RankingMetrics.filteredRank(cv[d], c, filter));
                    }
                }
            }
        }
        System.out.printf(Locale.ENGLISH, "%-40s features %2d  GBDT      CV MRR %.4f  validation: path %.4f "
                        + "combined %.4f (fit %.0f s, all %.0f s)%n", name, f.featureCount(),
                RankingMetrics.mrr(outcomes), MetapathModel.validationMrr(logits, pairs.trainPositive, pairs.validation),
                MetapathModel.validationMrr(combined, pairs.trainPositive, pairs.validation), fitSeconds,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Fits on every pair not in {@code leaveOut} and scores every pair. */
    static float[][] fitAndScore(PathFeatures f, BitSet[] positive, BitSet[] leaveOut,
            GradientBoostedTrees.Params params) {
        FitRows fit = FitRows.of(f, positive, leaveOut);
        return FitRows.logits(f, GradientBoostedTrees.fit(fit.x(), fit.y(), params)::logit);
    }

    /** 5 folds over the training positives: each fold's pairs are left out of the fit and ranked. */
    /** 5-fold cross-validated MRR over the training pairs; a fold's pairs stay in the fit unlabelled. */
    public static double crossValidatedMrr(PathFeatures f, BitSet[] trainPositive, List<int[]> validation,
            double l2) {
        return crossValidatedMrr(List.of(f), new double[] {l2}, trainPositive, validation);
    }

    /**
     * The same for the average of several regressions' logits (feature set i fitted with {@code l2s[i]}), each
     * refitted on every fold: a model average is selected by the same cross-validation as one model.
     */
    public static double crossValidatedMrr(List<PathFeatures> fs, double[] l2s, BitSet[] trainPositive,
            List<int[]> validation) {
        PathFeatures f = fs.get(0);
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        List<RankOutcome> outcomes = new ArrayList<>();
        for (int fold = 0; fold < 5; fold++) {
            BitSet[] out = new BitSet[nd];
            boolean[] y = new boolean[nd * nc];
            for (int d = 0; d < nd; d++) {
                out[d] = new BitSet();
                for (int c = 0; c < nc; c++) {
                    boolean positive = trainPositive[d].get(c);
                    if (positive && StableHash.bucket(d + "|" + c, 5) == fold) {
                        out[d].set(c);
                        positive = false; // stays in the fit as an unlabelled pair, like a TEST pair
                    }
                    y[d * nc + c] = positive;
                }
            }
            for (int[] v : validation) {
                out[v[0]].set(v[1]); // never fitted on; filtered below
            }
            List<LogisticRegression> fits = new ArrayList<>();
            for (int m = 0; m < fs.size(); m++) {
                PathFeatures fm = fs.get(m);
                float[][] rows = new float[nd * nc][];
                for (int d = 0; d < nd; d++) {
                    for (int c = 0; c < nc; c++) {
                        rows[d * nc + c] = fm.of(d, c);
                    }
                }
                fits.add(LogisticRegression.fit(rows, y, null, l2s[m]));
            }
            for (int d = 0; d < nd; d++) {
                if (out[d].isEmpty()) {
                    continue;
                }
                float[] scores = new float[nc];
                for (int c = 0; c < nc; c++) {
                    double sum = 0;
                    for (int m = 0; m < fs.size(); m++) {
                        sum += fits.get(m).logit(fs.get(m).of(d, c));
                    }
                    scores[c] = (float) (sum / fs.size());
                }
                for (int c = out[d].nextSetBit(0); c >= 0; c = out[d].nextSetBit(c + 1)) {
                    if (!trainPositive[d].get(c)) {
                        continue; // a validation pair
                    }
                    BitSet filter = (BitSet) trainPositive[d].clone();
                    filter.or(out[d]);
                    outcomes.add(RankingMetrics.filteredRank(scores, c, filter));
                }
            }
        }
        return RankingMetrics.mrr(outcomes);
    }
}

package org.kedrec.trainer.ranking.eval;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.EvidenceFeatures;
import org.kedrec.trainer.ranking.graph.PoloSplit;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.paths.BoostedFeatureModel;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/**
 * DEVELOPER TOOL (not a test): compares feature-model variants on a {@code --split polo} model directory by the
 * PoLo DEV pairs only (both directions), the figures model selection may look at; never TEST.
 * {@code java -cp ... org.kedrec.trainer.ranking.eval.PoloExperiment MODEL_DIR [damping...]}
 */
public final class PoloExperiment {
    private PoloExperiment() {}

    public static void main(String[] args) {
        Path modelDir = Path.of(args[0]);
        Path dir = RankerFiles.dir(modelDir);
        try (DrugRanker ranker = DrugRanker.load(modelDir, Device.cpu())) {
            var modelPairs = KgeEvaluation.readModelPairs(dir.resolve(RankerFiles.SPLITS));
            TrainingGraph graph = KgeEvaluation.trainingGraph(ranker, dir, modelPairs);
            KgeEvaluation.Grid grid = new KgeEvaluation.Grid(ranker, graph);
            PoloEvaluation.Truth truth = new PoloEvaluation.Truth(DataDirectory.require(), grid, graph, modelPairs,
                    PoloSplit.read(DataDirectory.require()));
            Evidence evidence = ranker.config().usesEvidence() ? Evidence.read(dir.resolve(RankerFiles.EVIDENCE)) : null;
            List<Double> dampings = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                dampings.add(Double.parseDouble(args[i]));
            }
            if (dampings.isEmpty()) {
                dampings.add(0.4);
            }
            if (Boolean.getBoolean("pu") && evidence != null) {
                // positive-unlabelled reweighting (docs/ranker.md): DEV for selection, then TEST with -DpuTest=true
                PathFeatures all = EvidenceFeatures.compute(graph, evidence, 0.4);
                List<String> keep = new ArrayList<>(all.names());
                keep.removeAll(org.kedrec.trainer.ranking.paths.SimilarityFeatures.NAMES);
                PathFeatures def = all.select(keep);
                MetapathModel m = MetapathModel.fit(def, truth.trainPositive, truth.dev, true);
                print("default", m.logits(), truth);
                java.util.BitSet[] dev = Experiments.validationSet(def, truth.dev);
                float[][] pu = Experiments.puFit(def, truth.trainPositive, dev, 5, 0, m.l2());
                MetapathModel.centrePerDisease(pu);
                print("pu top 5 w 0", pu, truth);
                if (Boolean.getBoolean("puTest")) {
                    for (float[][] s : new float[][][] {m.logits(), pu}) {
                        var c2d = PoloEvaluation.compoundToDisease(s, truth.test, truth.known);
                        var d2c = PoloEvaluation.diseaseToCompound(s, truth.test, truth.known);
                        System.out.printf(Locale.ENGLISH, "TEST C->D MRR %.3f H@10 %.3f | D->C MRR %.3f%n",
                                RankingMetrics.mrr(c2d), RankingMetrics.hitsAt(c2d, 10), RankingMetrics.mrr(d2c));
                    }
                }
                return;
            }
            for (double w : dampings) {
                PathFeatures kg = PathFeatures.compute(graph, PathFeatures.DEFAULT_METAPATHS, w);
                report("kg w=" + w, kg, truth);
                if (evidence != null) {
                    PathFeatures all = EvidenceFeatures.compute(graph, evidence, w);
                    report("all w=" + w, all, truth);
                    for (var g : PoloEvaluation.featureGroups(all, true).entrySet()) {
                        List<String> keep = new ArrayList<>(all.names());
                        keep.removeAll(g.getValue());
                        report("all-" + g.getKey() + " w=" + w, all.select(keep), truth);
                    }
                    if (Boolean.getBoolean("boosted")) {
                        float[][] b = BoostedFeatureModel.fit(all, truth.trainPositive, List.of(),
                                BoostedFeatureModel.PARAMS).logits();
                        print("boosted all w=" + w, b, truth);
                    }
                } else {
                    List<String> keep = new ArrayList<>(kg.names());
                    keep.removeAll(PathFeatures.DEGREE_FEATURES);
                    report("kg-degree w=" + w, kg.select(keep), truth);
                }
            }
        }
    }

    private static void report(String name, PathFeatures f, PoloEvaluation.Truth truth) {
        print(name, MetapathModel.fit(f, truth.trainPositive, truth.dev).logits(), truth);
    }

    private static void print(String name, float[][] s, PoloEvaluation.Truth truth) {
        var c2d = PoloEvaluation.compoundToDisease(s, truth.dev, truth.known);
        var d2c = PoloEvaluation.diseaseToCompound(s, truth.dev, truth.known);
        System.out.printf(Locale.ENGLISH, "%-36s DEV C->D MRR %.3f H@10 %.3f | D->C MRR %.3f H@10 %.3f%n", name,
                RankingMetrics.mrr(c2d), RankingMetrics.hitsAt(c2d, 10), RankingMetrics.mrr(d2c),
                RankingMetrics.hitsAt(d2c, 10));
    }
}

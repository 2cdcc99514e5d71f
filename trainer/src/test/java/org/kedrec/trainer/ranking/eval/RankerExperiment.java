package org.kedrec.trainer.ranking.eval;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.metrics.Roc;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.RankerConfig;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.trainer.ranking.RankerTrainer;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TreatsPair;
import org.kedrec.trainer.ranking.paths.LogisticRegression;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/** DEVELOPER TOOL (not a test): variants of the default ranker on a trained model directory. */
public final class RankerExperiment {
    static KgeEvaluation.Truth truth;

    public static void main(String[] args) {
        Set<String> experiments = Experiments.chosen(args.length > 2 ? args[2] : "cal"); // before minutes of loading
        Path modelDir = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        Path dir = RankerFiles.dir(modelDir);
        try (DrugRanker ranker = DrugRanker.load(modelDir, Device.cpu())) {
            RankerConfig config = ranker.config();
            List<TreatsPair> modelPairs = KgeEvaluation.readModelPairs(dir.resolve(RankerFiles.SPLITS));
            TrainingGraph graph = KgeEvaluation.trainingGraph(ranker, dir, modelPairs);
            KgeEvaluation.Grid grid = new KgeEvaluation.Grid(ranker, graph);
            truth = new KgeEvaluation.Truth(dataDir, grid, graph, modelPairs);
            Evidence evidence = Evidence.read(dir.resolve(RankerFiles.EVIDENCE));
            long t0 = System.nanoTime();
            PathFeatures base = RankerTrainer.featuresFor(graph, evidence, 0.4, false);
            System.out.printf(Locale.ENGLISH, "features %d in %.1f s%n", base.featureCount(), (System.nanoTime() - t0) / 1e9);
            // These fit their own models (the first three select on cross-validation only): no base model here.
            boolean selectionOnly = experiments.stream()
                    .anyMatch(List.of("inter", "causes", "zs", "zscompare", "zstest", "avg")::contains);
            MetapathModel m = selectionOnly ? null : MetapathModel.fit(base, truth.trainPositive, truth.validation);
            if (!selectionOnly) {
                report("base L2 " + m.l2(), m.logits()); // prints TEST too: exploration, not selection
            }
            Experiments.run(args, graph, evidence, base, m, grid);
        }
    }

    static void report(String name, float[][] s) {
        KgeEvaluation.Evaluated e = KgeEvaluation.evaluate(s, truth.heldOut, truth, false);
        KgeEvaluation.Evaluated z = KgeEvaluation.evaluate(s, truth.zeroShot, truth, true);
        double val = MetapathModel.validationMrr(s, truth.trainPositive, truth.validation);
        System.out.printf(Locale.ENGLISH, "%-50s val %.4f | test MRR %.4f H1 %.3f H10 %.3f AUROC-NOT %.4f AUROC-rnd %.4f | ZS %.4f%n",
                name, val, RankingMetrics.mrr(e.outcomes()), RankingMetrics.hitsAt(e.outcomes(), 1),
                RankingMetrics.hitsAt(e.outcomes(), 10), Roc.auroc(e.positives(), e.notScores()),
                Roc.auroc(e.positives(), e.nonEdgeScores()), RankingMetrics.mrr(z.outcomes()));
    }

    static double crossValidatedMrr(PathFeatures f, java.util.BitSet[] trainPositive, List<int[]> validation, double l2) {
        return org.kedrec.trainer.ranking.HeadExperiment.crossValidatedMrr(f, trainPositive, validation, l2);
    }

    /** Validation-only AUROC proxy: validation pairs against nothing labelled; we print val MRR only. */
    static float[][] fitWeighted(PathFeatures f, double[][] negWeight, double[] grid, String name) {
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        java.util.BitSet[] held = new java.util.BitSet[nd];
        for (int d = 0; d < nd; d++) held[d] = new java.util.BitSet();
        for (int[] v : truth.validation) held[v[0]].set(v[1]);
        List<float[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            for (int c = 0; c < nc; c++) {
                if (!held[d].get(c)) {
                    rows.add(f.of(d, c));
                    boolean pos = truth.trainPositive[d].get(c);
                    labels.add(pos);
                    w.add(pos || negWeight == null ? 1.0 : negWeight[d][c]);
                }
            }
        }
        float[][] x = rows.toArray(new float[0][]);
        boolean[] y = new boolean[x.length];
        double[] ww = new double[x.length];
        for (int i = 0; i < y.length; i++) { y[i] = labels.get(i); ww[i] = w.get(i); }
        float[][] best = null;
        double bestVal = -1;
        for (double l2 : grid) {
            LogisticRegression lr = LogisticRegression.fit(x, y, ww, l2);
            float[][] s = new float[nd][nc];
            for (int d = 0; d < nd; d++) for (int c = 0; c < nc; c++) s[d][c] = (float) lr.logit(f.of(d, c));
            double val = MetapathModel.validationMrr(s, truth.trainPositive, truth.validation);
            report(name + " L2 " + l2, s);
            if (val > bestVal) { bestVal = val; best = s; }
        }
        return best;
    }
}

package org.kedrec.trainer.ranking.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.Messages;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.metrics.Roc;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.RankerConfig;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.trainer.ranking.RankerTrainer;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.EvidenceFeatures;
import org.kedrec.trainer.ranking.graph.PoloSplit;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TreatsPair;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;
import org.kedrec.trainer.ranking.paths.SimilarityFeatures;

/**
 * {@code kedrec eval kge --split polo}: the ranker on the PoLo/REx Compound-treats-Disease test pairs, in both
 * directions and filtered (every other known TREATS pair is removed from the candidates): compound→disease, each test
 * compound ranked against all diseases, as PoLo and REx report it, and disease→compound, each test disease ranked
 * against all compounds, as our users ask it. Beside the served model, on the same stored training graph and
 * evidence: the baselines (popularity, the best single metapath picked on dev, Rephetio's metapath regression over
 * the KG alone) and an ablation that refits the feature model without each of its feature groups, compared pair by
 * pair with a paired bootstrap. The dev pairs pick the single metapath and the regression's L2; TEST picks nothing.
 */
public final class PoloEvaluation {
    static final int RESAMPLES = 2000;

    /**
     * REx (IJCAI 2025) on the same test pairs, full Hetionet, compound→disease, filtered: the three configurations'
     * {@code scores.txt} in the REx PyTorch repository (MRR, Hits@1, Hits@3 where published, Hits@10).
     */
    static final Map<String, double[]> PUBLISHED = published();

    public record Options(Path modelDir, Path dataDir, int seed) {}

    private final Options options;
    private final ProgressTracker progress;

    public PoloEvaluation(Options options, ProgressTracker progress) {
        this.options = options;
        this.progress = progress;
    }

    private static Map<String, double[]> published() {
        Map<String, double[]> m = new LinkedHashMap<>();
        // MRR, Hits@1, Hits@10 (lowest and highest of the three published REx runs)
        m.put("REx (lowest of 3 runs)", new double[] {0.404, 0.285, 0.629});
        m.put("REx (highest of 3 runs)", new double[] {0.421, 0.325, 0.642});
        return m;
    }

    /** Runs the evaluation and returns the report as a JSON-ready map (contract: docs/ranker.md). */
    public Map<String, Object> run() {
        long start = System.nanoTime();
        Path dir = RankerFiles.dir(options.modelDir());
        try (DrugRanker ranker = DrugRanker.load(options.modelDir(), ai.djl.Device.cpu())) {
            RankerConfig config = ranker.config();
            List<TreatsPair> modelPairs = KgeEvaluation.readModelPairs(dir.resolve(RankerFiles.SPLITS));
            TrainingGraph graph = KgeEvaluation.trainingGraph(ranker, dir, modelPairs);
            KgeEvaluation.Grid grid = new KgeEvaluation.Grid(ranker, graph);
            PoloSplit polo = PoloSplit.read(options.dataDir());
            Truth truth = new Truth(options.dataDir(), grid, graph, modelPairs, polo);
            Evidence evidence = config.usesEvidence() ? Evidence.read(dir.resolve(RankerFiles.EVIDENCE)) : null;
            Object dampingValue = config.training().get("damping");
            double damping = dampingValue instanceof Number n ? n.doubleValue() : PathFeatures.DEFAULT_DAMPING;

            progress.begin("Score every (disease, compound) pair", 4);
            Map<String, float[][]> scorers = new LinkedHashMap<>();
            scorers.put("model", modelScores(ranker, grid));
            progress.advance(1);
            PathFeatures kgFeatures = PathFeatures.compute(graph, PathFeatures.DEFAULT_METAPATHS, damping);
            PathFeatures allFeatures = evidence != null ? EvidenceFeatures.compute(graph, evidence, damping) : kgFeatures;
            boolean centred = RankerTrainer.diseaseCentred(config);
            progress.advance(1);
            scorers.put("popularity", popularity(graph, grid, truth));
            String best = bestSingleMetapath(kgFeatures, truth);
            scorers.put("bestSingleMetapath", column(kgFeatures, kgFeatures.names().indexOf(best)));
            scorers.put("metapath", MetapathModel.fit(kgFeatures, truth.trainPositive, truth.dev).logits());
            scorers.put("random", grid.random(options.seed()));
            progress.advance(1);

            Map<String, List<String>> groups = featureGroups(allFeatures, evidence != null);
            List<String> modelFeatures = RankerTrainer.modelFeatures(allFeatures, config, evidence != null);
            Map<String, float[][]> ablated = new LinkedHashMap<>();
            Set<String> notInModel = new HashSet<>();
            float[][] featureModel = MetapathModel.fit(allFeatures.select(modelFeatures), truth.trainPositive, truth.dev,
                    centred).logits();
            for (Map.Entry<String, List<String>> g : groups.entrySet()) {
                List<String> other = new ArrayList<>(modelFeatures);
                if (modelFeatures.containsAll(g.getValue())) {
                    other.removeAll(g.getValue());
                } else {
                    // a group the model leaves out is measured the other way round: the model plus the group
                    other.addAll(g.getValue());
                    notInModel.add(g.getKey());
                }
                ablated.put(g.getKey(), MetapathModel.fit(allFeatures.select(other), truth.trainPositive, truth.dev,
                        centred).logits());
            }
            // centring moves whole disease rows: the model without it is the same fit uncentred, and with it
            // (for a model trained without) the same fit centred
            float[][] other = MetapathModel.fit(allFeatures.select(modelFeatures), truth.trainPositive, truth.dev,
                    !centred).logits();
            groups.put(CENTRING, List.of("every disease's logits shifted to the mean logit of all pairs"));
            ablated.put(CENTRING, other);
            if (!centred) {
                notInModel.add(CENTRING);
            }
            if (config.hasEmbedding()) {
                ablated.put("kge", featureModel);
            }
            progress.advance(1);
            progress.end();

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("split", PoloSplit.NAME);
            report.put("graph", "the KEDRec demo graph: most metaedges capped at 5,000 edges; TREATS, BINDS, "
                    + "ASSOCIATES, PARTICIPATES (pathway), RESEMBLES and INCLUDES (class) edges complete; published "
                    + "PoLo/REx runs use full Hetionet");
            report.put("model", ranker.info().kind());
            report.put("setting", evidence != null ? "KG + evidence" : "KG only");
            report.put("testPairs", truth.test.size());
            report.put("devPairs", truth.dev.size());
            report.put("diseasesRanked", grid.diseases.length);
            report.put("compoundsRanked", grid.drugs.length);
            Directions model = directions(scorers.get("model"), truth);
            report.put("compoundToDisease", ranking(model.c2d()));
            report.put("diseaseToCompound", ranking(model.d2c()));
            report.put("auroc", aurocs(scorers.get("model"), truth));
            report.put("auprc", auprcs(scorers.get("model"), truth));
            report.put("nonIndications", truth.nonIndications.size());
            report.put("randomPairs", truth.nonEdges.size());

            Map<String, Object> baselines = new LinkedHashMap<>();
            Map<String, String> descriptions = new LinkedHashMap<>();
            descriptions.put("popularity", "training TREATS degree of the disease plus that of the compound (in "
                    + "compound→disease ranking the disease's, in disease→compound the compound's)");
            descriptions.put("bestSingleMetapath", "the DWPC of " + best + " alone (picked by dev compound→disease "
                    + "MRR among the " + PathFeatures.DEFAULT_METAPATHS.size() + " KG metapaths)");
            descriptions.put("metapath", "Project Rephetio: logistic regression over the KG metapath DWPCs and "
                    + "degree features (no evidence), L2 picked on dev");
            descriptions.put("random", "uniform random scores, seed " + options.seed());
            for (Map.Entry<String, String> d : descriptions.entrySet()) {
                Directions b = directions(scorers.get(d.getKey()), truth);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("description", d.getValue());
                m.put("compoundToDisease", ranking(b.c2d()));
                m.put("diseaseToCompound", ranking(b.d2c()));
                m.put("auroc", aurocs(scorers.get(d.getKey()), truth));
                m.put("auprc", auprcs(scorers.get(d.getKey()), truth));
                m.put("modelMinusBaselineCompoundToDisease",
                        PairedBootstrap.compare(model.c2d(), b.c2d(), RESAMPLES, options.seed()));
                baselines.put(d.getKey(), m);
            }
            report.put("baselines", baselines);

            Map<String, Object> ablation = new LinkedHashMap<>();
            Directions full = directions(featureModel, truth);
            for (Map.Entry<String, float[][]> a : ablated.entrySet()) {
                Directions without = directions(a.getValue(), truth);
                boolean kge = a.getKey().equals("kge");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("removed", kge ? List.of("the " + config.model().displayName() + " embedding (the model "
                        + "against its feature model alone)") : groups.get(a.getKey()));
                boolean added = notInModel.contains(a.getKey());
                m.put("inModel", !added);
                Directions a1 = added ? without : kge ? model : full;
                Directions b1 = added ? full : without;
                Map<String, Object> c2d = PairedBootstrap.compare(a1.c2d(), b1.c2d(), RESAMPLES, options.seed());
                Map<String, Object> d2c = PairedBootstrap.compare(a1.d2c(), b1.d2c(), RESAMPLES, options.seed());
                m.put("mrrDiff", c2d.get("mrrDiff"));
                m.put("mrrCi95", c2d.get("mrrCi95"));
                m.put("compoundToDisease", c2d);
                m.put("diseaseToCompound", d2c);
                m.put("withoutIt", Map.of("compoundToDiseaseMrr", RankingMetrics.mrr(b1.c2d()),
                        "diseaseToCompoundMrr", RankingMetrics.mrr(b1.d2c())));
                double[] ci = (double[]) c2d.get("mrrCi95");
                double[] ciD2c = (double[]) d2c.get("mrrCi95");
                // a component earns its place by a resolvable gain in either direction without a resolvable loss
                // in the other: the compound-side ones (popularity, evidence) matter when compounds are ranked
                m.put("earnsItsPlace", (ci[0] > 0 && ciD2c[1] >= 0) || (ciD2c[0] > 0 && ci[1] >= 0));
                ablation.put(a.getKey(), m);
            }
            report.put("ablation", ablation);
            report.put("ablationNote", "component → compound→disease MRR of the model with it minus without it "
                    + "(refitted without the feature group on the same training graph; kge: the served model minus "
                    + "its feature model; a group the model leaves out, inModel false: the model plus it minus the model; "
                    + "diseaseCentring: the same fit with and without its logits centred per disease), "
                    + "95 % paired-bootstrap interval over the test pairs; diseaseToCompound "
                    + "holds the same for the other direction; a component earns its place when one direction's "
                    + "interval lies above 0 and the other's does not lie below 0");
            report.put("featureModelEqualsServedModel", config.hasEmbedding() ? null
                    : sameScores(featureModel, storedPathScores(dir)));
            Map<String, Object> pub = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> p : PUBLISHED.entrySet()) {
                pub.put(p.getKey(), Map.of("mrr", p.getValue()[0], "hits1", p.getValue()[1], "hits10",
                        p.getValue()[2]));
            }
            report.put("published", pub);
            report.put("publishedNote", "REx (IJCAI 2025) on the same PoLo test pairs, full Hetionet, "
                    + "compound→disease, filtered: the three configurations' scores.txt in the REx repository");
            Map<String, Object> trained = ranker.info().metrics();
            report.put("trainSeconds", trained.get("trainSeconds"));
            report.put("validation", trained.get("validation"));
            report.put("trainingTriples", graph.size());
            report.put("features", modelFeatures);
            KgeEvaluation.endWithProvenance(report, config, options.modelDir(), start);
            return report;
        }
    }

    /** Writes the report JSON and the Markdown report beside it ({@code FILE.md}). */
    public static void write(Map<String, Object> report, Path jsonFile) {
        try {
            KgeEvaluation.writeJsonAndMarkdown(jsonFile, report, PoloMarkdownReport.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the report " + jsonFile, e);
        }
    }

    private static float[][] modelScores(DrugRanker ranker, KgeEvaluation.Grid grid) {
        return grid.modelScores(ranker);
    }

    /** The ablation's name for the per-disease centring of the logits. */
    static final String CENTRING = "diseaseCentring";

    /** The feature groups the ablation removes one at a time. */
    static Map<String, List<String>> featureGroups(PathFeatures features, boolean evidence) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("kgMetapaths", PathFeatures.DEFAULT_METAPATHS.stream().map(m -> m.abbreviation()).toList());
        groups.put("popularity", PathFeatures.DEGREE_FEATURES);
        if (evidence) {
            groups.put("evidenceMetapaths", EvidenceFeatures.METAPATHS.stream().map(m -> m.abbreviation()).toList());
            groups.put("pairEvidence", EvidenceFeatures.PAIR_FEATURES);
            groups.put("palliates", List.of(EvidenceFeatures.PALLIATES));
            groups.put("similarity", SimilarityFeatures.NAMES);
        }
        for (List<String> g : groups.values()) {
            for (String name : g) {
                if (!features.names().contains(name)) {
                    throw new IllegalStateException(Messages.format(
                            "The ablation group feature `%s` is not among the features %s.", name, features.names()));
                }
            }
        }
        return groups;
    }

    private static float[][] column(PathFeatures f, int j) {
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        float[][] out = new float[nd][nc];
        for (int d = 0; d < nd; d++) {
            for (int c = 0; c < nc; c++) {
                out[d][c] = f.of(d, c)[j];
            }
        }
        return out;
    }

    /** The KG metapath whose DWPC alone ranks the dev pairs best, compound→disease (TEST picks nothing). */
    private static String bestSingleMetapath(PathFeatures f, Truth truth) {
        String best = null;
        double bestMrr = -1;
        for (int j = 0; j < PathFeatures.DEFAULT_METAPATHS.size(); j++) {
            List<RankOutcome> o = compoundToDisease(column(f, j), truth.dev, truth.known);
            double mrr = RankingMetrics.mrr(o);
            if (mrr > bestMrr) {
                bestMrr = mrr;
                best = f.names().get(j);
            }
        }
        return best;
    }

    private static float[][] popularity(TrainingGraph graph, KgeEvaluation.Grid grid, Truth truth) {
        int nd = grid.diseases.length;
        int nc = grid.drugs.length;
        int[] diseaseDegree = new int[nd];
        int[] drugDegree = new int[nc];
        for (int d = 0; d < nd; d++) {
            BitSet row = truth.trainPositive[d];
            diseaseDegree[d] = row.cardinality();
            for (int c = row.nextSetBit(0); c >= 0; c = row.nextSetBit(c + 1)) {
                drugDegree[c]++;
            }
        }
        float[][] out = new float[nd][nc];
        for (int d = 0; d < nd; d++) {
            for (int c = 0; c < nc; c++) {
                // additive, so each direction ranks by the side that varies in it
                out[d][c] = (float) (Math.log1p(diseaseDegree[d]) + Math.log1p(drugDegree[c]));
            }
        }
        return out;
    }

    record Directions(List<RankOutcome> c2d, List<RankOutcome> d2c) {}

    static Directions directions(float[][] scores, Truth truth) {
        return new Directions(compoundToDisease(scores, truth.test, truth.known),
                diseaseToCompound(scores, truth.test, truth.known));
    }

    /** Each pair's compound ranked against every disease, other known TREATS diseases of the compound filtered. */
    static List<RankOutcome> compoundToDisease(float[][] scores, List<int[]> pairs, BitSet[] known) {
        List<RankOutcome> out = new ArrayList<>();
        int nd = scores.length;
        for (int[] p : pairs) {
            float[] column = new float[nd];
            BitSet filter = new BitSet(nd);
            for (int d = 0; d < nd; d++) {
                column[d] = scores[d][p[1]];
                if (known[d].get(p[1])) {
                    filter.set(d);
                }
            }
            out.add(RankingMetrics.filteredRank(column, p[0], filter));
        }
        return out;
    }

    /** Each pair's disease ranked against every compound, other known TREATS compounds of the disease filtered. */
    static List<RankOutcome> diseaseToCompound(float[][] scores, List<int[]> pairs, BitSet[] known) {
        List<RankOutcome> out = new ArrayList<>();
        for (int[] p : pairs) {
            out.add(RankingMetrics.filteredRank(scores[p[0]], p[1], known[p[0]]));
        }
        return out;
    }

    /** MRR and Hits@1/3/10 with 95 % bootstrap intervals (pairs resampled with replacement). */
    static Map<String, Object> ranking(List<RankOutcome> outcomes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", outcomes.size());
        String[] names = {"mrr", "hits1", "hits3", "hits10"};
        int[] ks = {0, 1, 3, 10};
        int n = outcomes.size();
        for (int i = 0; i < names.length; i++) {
            double[] v = new double[n];
            for (int j = 0; j < n; j++) {
                v[j] = ks[i] == 0 ? outcomes.get(j).reciprocalRank() : outcomes.get(j).hitAt(ks[i]);
            }
            m.put(names[i], Arrays.stream(v).average().orElse(Double.NaN));
            m.put(names[i] + "Ci95", PairedBootstrap.meanCi95(v, RESAMPLES, 17));
        }
        m.put("meanRank", RankingMetrics.meanRank(outcomes));
        return m;
    }

    private static double[] positives(float[][] scores, Truth truth) {
        return truth.test.stream().mapToDouble(p -> scores[p[0]][p[1]]).toArray();
    }

    private static double[] values(float[][] scores, List<int[]> pairs) {
        return pairs.stream().mapToDouble(p -> scores[p[0]][p[1]]).toArray();
    }

    private static Map<String, Object> aurocs(float[][] scores, Truth truth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vsNonIndications", Roc.auroc(positives(scores, truth), values(scores, truth.nonIndications)));
        m.put("vsRandom", Roc.auroc(positives(scores, truth), values(scores, truth.nonEdges)));
        return m;
    }

    private static Map<String, Object> auprcs(float[][] scores, Truth truth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vsNonIndications", averagePrecision(positives(scores, truth), values(scores, truth.nonIndications)));
        m.put("vsRandom", averagePrecision(positives(scores, truth), values(scores, truth.nonEdges)));
        m.put("note", "average precision; chance level = positives / (positives + negatives): "
                + Messages.format("%.4f vs non-indications, %.5f vs random pairs",
                        truth.test.size() / (double) (truth.test.size() + truth.nonIndications.size()),
                        truth.test.size() / (double) (truth.test.size() + truth.nonEdges.size())));
        return m;
    }

    /**
     * Area under the precision-recall curve as average precision, {@code sum_n (R_n - R_{n-1}) P_n} over the
     * distinct score thresholds (tied scores enter together, so a tie is neither rewarded nor punished by order).
     */
    static double averagePrecision(double[] positives, double[] negatives) {
        int n = positives.length + negatives.length;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < positives.length; i++) {
            s[i] = positives[i];
            y[i] = true;
        }
        for (int i = 0; i < negatives.length; i++) {
            s[positives.length + i] = negatives[i];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        double ap = 0;
        int tp = 0;
        int seen = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            int groupTp = 0;
            while (j < n && s[order[j]] == s[order[i]]) {
                if (y[order[j]]) {
                    groupTp++;
                }
                j++;
            }
            tp += groupTp;
            seen += j - i;
            ap += (groupTp / (double) positives.length) * (tp / (double) seen);
            i = j;
        }
        return ap;
    }

    private static float[][] storedPathScores(Path dir) {
        org.kedrec.core.ranking.PathScores stored = org.kedrec.core.ranking.PathScores.read(
                dir.resolve(RankerFiles.PATH_SCORES));
        float[][] out = new float[stored.rowEntities().length][stored.columnEntities().length];
        for (int d = 0; d < out.length; d++) {
            for (int c = 0; c < out[d].length; c++) {
                out[d][c] = stored.value(d, c);
            }
        }
        return out;
    }

    private static boolean sameScores(float[][] a, float[][] b) {
        for (int d = 0; d < a.length; d++) {
            for (int c = 0; c < a[d].length; c++) {
                if (Math.abs(a[d][c] - b[d][c]) > 1e-3) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The PoLo test and dev pairs, every known TREATS pair (the filter) and the negatives, in grid coordinates. */
    static final class Truth {
        final List<int[]> test = new ArrayList<>();
        final List<int[]> dev = new ArrayList<>();
        final BitSet[] known;
        final BitSet[] trainPositive;
        final List<int[]> nonIndications = new ArrayList<>();
        final List<int[]> nonEdges = new ArrayList<>();

        Truth(Path dataDir, KgeEvaluation.Grid grid, TrainingGraph graph, List<TreatsPair> modelPairs,
                PoloSplit polo) {
            KgeEvaluation.GraphPairs g = KgeEvaluation.GraphPairs.of(grid, graph);
            known = g.known();
            trainPositive = g.trainPositive();
            BitSet[] palliates = g.palliates();
            Set<String> drugDiseaseEdges = g.drugDiseaseEdges();
            Map<String, PairSplit> modelSplit = new LinkedHashMap<>();
            for (TreatsPair p : modelPairs) {
                modelSplit.put(SplitPlan.key(p.drug(), p.disease()), p.split());
                Integer c = grid.drugColumn.get(p.drug());
                Integer d = grid.diseaseRow.get(p.disease());
                if (c != null && d != null) {
                    known[d].set(c);
                }
            }
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, PairSplit> e : polo.pairs().entrySet()) {
                String[] ids = e.getKey().split("\\|", 2);
                Integer c = grid.drugColumn.get(ids[0]);
                Integer d = grid.diseaseRow.get(ids[1]);
                if (c == null || d == null) {
                    missing.add(e.getKey());
                    continue;
                }
                known[d].set(c);
                if (e.getValue() == PairSplit.TRAIN) {
                    continue;
                }
                PairSplit trainedAs = modelSplit.get(e.getKey());
                if (trainedAs != e.getValue() || drugDiseaseEdges.contains(e.getKey())) {
                    throw new IllegalStateException(Messages.format(
                            "The model was not trained on the PoLo split: the %s pair %s is %s in its splits.tsv%s. "
                                    + "Retrain it with `kedrec train kge --split polo`.",
                            e.getValue() == PairSplit.TEST ? "test" : "dev", e.getKey(),
                            trainedAs == null ? "missing" : trainedAs.label(),
                            drugDiseaseEdges.contains(e.getKey()) ? " and the training graph holds an edge between "
                                    + "them" : ""));
                }
                (e.getValue() == PairSplit.TEST ? test : dev).add(new int[] {d, c});
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(Messages.format(
                        "%d PoLo pairs name a compound or disease the model does not know, e.g. %s; retrain it on a "
                                + "graph with every Hetionet compound and disease.",
                        missing.size(), missing.subList(0, Math.min(3, missing.size()))));
            }
            KgeEvaluation.addNonIndicationsAndNonEdges(dataDir, grid, known, palliates, nonIndications, nonEdges);
        }
    }
}

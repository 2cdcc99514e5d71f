package org.kedrec.trainer.ranking.eval;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.kedrec.core.Messages;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.ids.Curies;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.metrics.Roc;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.PathScores;
import org.kedrec.core.ranking.RankerConfig;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.core.ranking.RelationKeys;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.trainer.ranking.RankerTrainer;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TreatsPair;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/**
 * {@code kedrec eval kge}: ranks every drug for the diseases of the 148 published held-out TREATS pairs with the
 * served ranker ({@link DrugRanker}, loaded from the model directory exactly as the plugin loads it) and, in the same
 * run and on the same stored training graph, with the baselines random, popularity (drug degree) and Project
 * Rephetio's metapath model; plus the same metrics over the zero-shot diseases, a per-disease table, the embedding
 * component alone, and the serving latency. Needs no database: the training triples are in the model directory.
 */
public final class KgeEvaluation {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();
    static final int[] HIT_KS = {1, 3, 10, 30, 100};

    /** @param benchRounds rounds of {@code scoreAll} over every disease for the latency figures (0 = none) */
    public record Options(Path modelDir, Path dataDir, Device device, int randomSeed, int benchRounds) {}

    private final Options options;
    private final ProgressTracker progress;

    public KgeEvaluation(Options options, ProgressTracker progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs the evaluation and returns the report as a JSON-ready map. */
    public Map<String, Object> run() {
        long start = System.nanoTime();
        Path dir = RankerFiles.dir(options.modelDir());
        try (DrugRanker ranker = DrugRanker.load(options.modelDir(), options.device())) {
            RankerConfig config = ranker.config();
            EntityIndex entities = ranker.entities();
            List<TreatsPair> modelPairs = readModelPairs(dir.resolve(RankerFiles.SPLITS));
            TrainingGraph graph = trainingGraph(ranker, dir, modelPairs);
            Grid grid = new Grid(ranker, graph);
            Truth truth = new Truth(options.dataDir(), grid, graph, modelPairs);

            Evidence evidence = config.usesEvidence() ? Evidence.read(dir.resolve(RankerFiles.EVIDENCE)) : null;
            progress.begin("Score every drug for every disease", evidence != null ? 5 : 4);
            Map<String, float[][]> scorers = new LinkedHashMap<>();
            scorers.put("model", grid.modelScores(ranker));
            progress.advance(1);
            Object damping = config.training().get("damping");
            double w = damping instanceof Number n ? n.doubleValue() : PathFeatures.DEFAULT_DAMPING;
            // every feature once (degree features too), so the ablation's refits need no second computation
            PathFeatures allFeatures = RankerTrainer.featuresFor(graph, evidence, w, true);
            List<String> modelFeatures = RankerTrainer.modelFeatures(allFeatures, config, evidence != null);
            boolean centred = RankerTrainer.diseaseCentred(config);
            MetapathModel refitted = MetapathModel.fit(allFeatures.select(modelFeatures), truth.trainPositive,
                    truth.validation, centred);
            scorers.put("metapath", refitted.logits());
            progress.advance(1);
            if (evidence != null) {
                scorers.put("metapathKgOnly", MetapathModel.fit(RankerTrainer.featuresFor(graph, null, w, true),
                        truth.trainPositive, truth.validation).logits());
                scorers.put("trialEvidence", grid.trialEvidence(evidence));
                progress.advance(1);
            }
            scorers.put("popularity", grid.popularity(graph));
            scorers.put("random", grid.random(options.randomSeed()));
            progress.advance(1);
            scorers.put("kge", grid.kgeScores(ranker));
            if (config.hasPathScores()) {
                scorers.put("featureModel", storedPathScores(dir));
            }
            progress.advance(1);
            progress.end();

            Map<String, Object> report = new LinkedHashMap<>();
            Map<String, Evaluated> heldOut = new LinkedHashMap<>();
            Map<String, Evaluated> zeroShot = new LinkedHashMap<>();
            for (Map.Entry<String, float[][]> e : scorers.entrySet()) {
                heldOut.put(e.getKey(), evaluate(e.getValue(), truth.heldOut, truth, false));
                zeroShot.put(e.getKey(), evaluate(e.getValue(), truth.zeroShot, truth, true));
            }
            report.put("model", heldOut.get("model").metrics(ranker.info().kind()));
            Map<String, Object> baselines = new LinkedHashMap<>();
            baselines.put("popularity", heldOut.get("popularity").metrics("drug degree in the training graph"));
            baselines.put("random", heldOut.get("random").metrics("uniform random scores, seed " + options.randomSeed()));
            baselines.put("metapath", heldOut.get("metapath").metrics(evidence != null
                    ? "Project Rephetio: DWPC features + logistic regression on the same training graph and the same "
                            + "evidence as the model (trial/ATC/category metapaths and pair evidence features)"
                    : "Project Rephetio: DWPC features + logistic regression on the same training graph"));
            if (evidence != null) {
                baselines.put("metapathKgOnly", heldOut.get("metapathKgOnly").metrics(
                        "Project Rephetio on the training graph alone (no evidence)"));
                baselines.put("trialEvidence", heldOut.get("trialEvidence").metrics(
                        "number of trials testing the drug for the disease; ties broken by the drug's trial count"));
            }
            report.put("baselines", baselines);
            Map<String, Object> components = new LinkedHashMap<>();
            components.put("kge", heldOut.get("kge").metrics(config.hasEmbedding()
                    ? config.model().displayName() + " embedding alone (the ranker's DJL component)"
                    : "none: the ranker has no embedding (--no-kge), so this row is a constant score (chance)"));
            if (scorers.containsKey("featureModel")) {
                components.put("featureModel", heldOut.get("featureModel").metrics(config.components().contains(
                        RankerConfig.BOOSTED) ? "the ranker's gradient-boosted trees over the path and evidence "
                                + "features alone (precomputed path-scores.bin)"
                        : "the ranker's metapath logistic regression alone (precomputed path-scores.bin)"));
            }
            report.put("components", components);
            Map<String, Object> zs = new LinkedHashMap<>(zeroShot.get("model").metrics(ranker.info().kind()));
            zs.put("diseases", truth.zeroShotDiseases.size());
            Map<String, Object> zsBaselines = new LinkedHashMap<>();
            for (String name : scorers.keySet()) {
                if (!name.equals("model")) {
                    zsBaselines.put(name, zeroShot.get(name).metrics(null));
                }
            }
            zs.put("baselines", zsBaselines);
            report.put("zeroShot", zs);
            report.put("setting", evidence != null ? "KG + evidence" : "KG only");
            if (evidence != null) {
                report.put("evidence", evidence.summary());
            }
            report.put("heldOutPairs", truth.heldOut.size());
            report.put("compoundsRanked", grid.drugs.length);
            report.put("diseasesRanked", grid.diseases.length);
            report.put("nonIndications", truth.nonIndications.size());
            report.put("randomNonEdges", truth.nonEdges.size());
            Map<String, Object> trained = ranker.info().metrics();
            report.put("trainSeconds", trained.get("trainSeconds"));
            report.put("kgeSeconds", trained.get("kgeSeconds"));
            report.put("triplesPerSecond", trained.get("triplesPerSecond"));
            report.put("trainingTriples", graph.size());
            report.put("validation", trained.get("validation"));
            report.put("trainingDevice", trained.get("device"));
            report.put("ranker", rankerInfo(ranker));
            report.put("metapathBaselineEqualsRankerComponent", sameAsComponent(dir, scorers.get("metapath")));
            report.put("perDisease", perDisease(grid, truth, heldOut));
            Map<String, Object> paired = new LinkedHashMap<>();
            for (String name : scorers.keySet()) {
                if (!name.equals("model")) {
                    paired.put(name, PairedBootstrap.compare(heldOut.get("model").outcomes(),
                            heldOut.get(name).outcomes(), 2000, options.randomSeed()));
                }
            }
            report.put("pairedBootstrapModelMinus", paired);
            if (config.hasPathScores() && !config.components().contains(RankerConfig.BOOSTED)) {
                report.put("ablation", ablation(allFeatures, modelFeatures, evidence != null, centred, heldOut,
                        truth, config.hasEmbedding() ? config.model().displayName() : null));
                report.put("ablationNote", "component → MRR (and AUROC vs non-indications) of the ranker with it "
                        + "minus without it over the held-out pairs, 95 % paired-bootstrap intervals (2,000 "
                        + "resamples); a feature group is refitted out of the logistic regression on the same "
                        + "training graph and validation pairs (inModel false: a group the model leaves out, "
                        + "measured as the model plus it minus the model); kge: the served model minus its feature "
                        + "model alone; diseaseCentring: the same fit with and without its logits centred per disease "
                        + "(it orders no drug within a disease, so its MRR difference is 0 by construction). A "
                        + "component earns its place when an interval lies above 0 and none below");
            }
            if (options.benchRounds() > 0) {
                report.put("servingLatencyMs", bench(ranker, grid, options.benchRounds()));
            }
            report.put("curves", curves(heldOut));
            endWithProvenance(report, config, options.modelDir(), start);
            return report;
        }
    }

    /** Writes the report JSON, the markdown report beside it, and the PNG charts. */
    public static void write(Map<String, Object> report, Path jsonFile) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> curves = (Map<String, Object>) report.get("curves");
            Map<String, Object> json = new LinkedHashMap<>(report);
            json.remove("curves");
            Path roc = besideReport(jsonFile, "-roc.png");
            Path rocRandom = besideReport(jsonFile, "-roc-random.png");
            Path hits = besideReport(jsonFile, "-hitk.png");
            Files.createDirectories(roc.getParent());
            ReportCharts.draw(curves, roc, rocRandom, hits);
            writeJsonAndMarkdown(jsonFile, json, MarkdownReport.render(json, roc.getFileName().toString(),
                    rocRandom.getFileName().toString(), hits.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the report " + jsonFile, e);
        }
    }

    /** What every evaluation report ends with: the model's data, where it was read and when, and how long it took. */
    static void endWithProvenance(Map<String, Object> report, RankerConfig config, Path modelDir, long startNanos) {
        report.put("dataHash", config.dataHash());
        report.put("modelDir", modelDir.toAbsolutePath().toString());
        report.put("evaluatedAt", Instant.now().toString());
        report.put("evalSeconds", (System.nanoTime() - startNanos) / 1e9);
    }

    /** Writes the report's JSON and, beside it as {@code FILE.md}, its Markdown rendering. */
    static void writeJsonAndMarkdown(Path jsonFile, Map<String, Object> json, String markdown) throws IOException {
        Files.createDirectories(jsonFile.toAbsolutePath().getParent());
        Files.writeString(jsonFile, GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
        Files.writeString(besideReport(jsonFile, ".md"), markdown, StandardCharsets.UTF_8);
    }

    /** A file next to the report {@code FILE.json}: {@code FILE<suffix>}. */
    private static Path besideReport(Path jsonFile, String suffix) {
        String base = jsonFile.getFileName().toString().replaceFirst("\\.json$", "");
        return jsonFile.toAbsolutePath().getParent().resolve(base + suffix);
    }

    private static Map<String, Object> rankerInfo(DrugRanker ranker) {
        var info = ranker.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", info.name());
        m.put("kind", info.kind());
        m.put("parameters", info.parameters());
        m.put("dims", info.dims());
        m.put("device", info.device());
        m.put("components", info.components());
        m.put("combiner", ranker.config().combiner());
        m.put("training", ranker.config().training());
        m.put("loadMillis", info.loadMillis());
        return m;
    }

    /**
     * What each component of the ranker earns on the held-out pairs: each feature group refitted out of (or, when
     * the model leaves it out, into) the feature model, and the embedding as the served model against its feature
     * model, compared pair by pair (the same groups as {@link PoloEvaluation}'s ablation).
     */
    private Map<String, Object> ablation(PathFeatures all, List<String> modelFeatures, boolean evidence,
            boolean centred, Map<String, Evaluated> heldOut, Truth truth, String embedding) {
        Map<String, Object> out = new LinkedHashMap<>();
        Evaluated featureModel = heldOut.get("metapath");
        for (Map.Entry<String, List<String>> g : PoloEvaluation.featureGroups(all, evidence).entrySet()) {
            boolean inModel = modelFeatures.containsAll(g.getValue());
            List<String> other = new ArrayList<>(modelFeatures);
            if (inModel) {
                other.removeAll(g.getValue());
            } else {
                other.addAll(g.getValue());
            }
            Evaluated changed = evaluate(MetapathModel.fit(all.select(other), truth.trainPositive, truth.validation,
                    centred).logits(), truth.heldOut, truth, false);
            Evaluated with = inModel ? featureModel : changed;
            Evaluated without = inModel ? changed : featureModel;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("features", g.getValue());
            m.put("inModel", inModel);
            out.put(g.getKey(), withMinusWithout(m, with, without));
        }
        // centring moves whole rows, so the uncentred model is the same fit with its row means put back
        MetapathModel uncentred = MetapathModel.fit(all.select(modelFeatures), truth.trainPositive, truth.validation);
        Evaluated plain = evaluate(uncentred.logits(), truth.heldOut, truth, false);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("features", List.of("every disease's logits shifted to the mean logit of all pairs"));
        c.put("inModel", centred);
        out.put("diseaseCentring", centred ? withMinusWithout(c, featureModel, plain)
                : withMinusWithout(c, evaluate(centredCopy(uncentred.logits()), truth.heldOut, truth, false),
                        featureModel));
        if (embedding != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("features", List.of("the " + embedding + " embedding (the served model against its feature model "
                    + "alone)"));
            m.put("inModel", true);
            out.put("kge", withMinusWithout(m, heldOut.get("model"), featureModel));
        }
        return out;
    }

    private static float[][] centredCopy(float[][] logits) {
        float[][] copy = new float[logits.length][];
        for (int d = 0; d < logits.length; d++) {
            copy[d] = logits[d].clone();
        }
        MetapathModel.centrePerDisease(copy);
        return copy;
    }

    private Map<String, Object> withMinusWithout(Map<String, Object> m, Evaluated with, Evaluated without) {
        Map<String, Object> mrr = PairedBootstrap.compare(with.outcomes(), without.outcomes(), 2000,
                options.randomSeed());
        Map<String, Object> auroc = PairedBootstrap.compareAuroc(with.positives(), with.notScores(),
                without.positives(), without.notScores(), 2000, options.randomSeed());
        m.put("mrrDiff", mrr.get("mrrDiff"));
        m.put("mrrCi95", mrr.get("mrrCi95"));
        m.put("hit10Diff", mrr.get("hit10Diff"));
        m.put("hit10Ci95", mrr.get("hit10Ci95"));
        m.put("aurocVsNonIndicationsDiff", auroc.get("aurocDiff"));
        m.put("aurocVsNonIndicationsCi95", auroc.get("aurocCi95"));
        m.put("withoutIt", Map.of("mrr", RankingMetrics.mrr(without.outcomes()), "aurocVsNonIndications",
                Roc.auroc(without.positives(), without.notScores())));
        double[] ci = (double[]) mrr.get("mrrCi95");
        double[] ciAuroc = (double[]) auroc.get("aurocCi95");
        m.put("earnsItsPlace", (ci[0] > 0 && ciAuroc[1] >= 0) || (ciAuroc[0] > 0 && ci[1] >= 0));
        return m;
    }

    private static float[][] storedPathScores(Path dir) {
        PathScores stored = PathScores.read(dir.resolve(RankerFiles.PATH_SCORES));
        int rows = stored.rowEntities().length;
        int columns = stored.columnEntities().length;
        float[][] out = new float[rows][columns];
        for (int d = 0; d < rows; d++) {
            for (int c = 0; c < columns; c++) {
                out[d][c] = stored.value(d, c);
            }
        }
        return out;
    }

    /** True when the ranker carries a metapath component and it equals the baseline fitted here. */
    private static Boolean sameAsComponent(Path dir, float[][] baseline) {
        Path file = dir.resolve(RankerFiles.PATH_SCORES);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        PathScores stored = PathScores.read(file);
        for (int d = 0; d < baseline.length; d++) {
            for (int c = 0; c < baseline[d].length; c++) {
                if (Math.abs(stored.value(d, c) - baseline[d][c]) > 1e-3) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Ranking and AUROC figures of one scorer on one set of pairs. */
    record Evaluated(List<RankOutcome> outcomes, double[] positives, double[] notScores, double[] nonEdgeScores,
            Map<Integer, List<RankOutcome>> byDisease) {
        Map<String, Object> metrics(String description) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (description != null) {
                m.put("description", description);
            }
            m.put("pairs", outcomes.size());
            if (outcomes.isEmpty()) {
                return m;
            }
            m.put("mrr", RankingMetrics.mrr(outcomes));
            m.put("hit1", RankingMetrics.hitsAt(outcomes, 1));
            m.put("hit3", RankingMetrics.hitsAt(outcomes, 3));
            m.put("hit10", RankingMetrics.hitsAt(outcomes, 10));
            m.put("hit100", RankingMetrics.hitsAt(outcomes, 100));
            m.put("meanRank", RankingMetrics.meanRank(outcomes));
            m.put("aurocVsNonIndications", notScores.length == 0 ? null : Roc.auroc(positives, notScores));
            m.put("nonIndications", notScores.length);
            m.put("aurocVsRandom", nonEdgeScores.length == 0 ? null : Roc.auroc(positives, nonEdgeScores));
            m.put("auprcVsNonIndications", notScores.length == 0 ? null
                    : PoloEvaluation.averagePrecision(positives, notScores));
            m.put("auprcVsRandom", nonEdgeScores.length == 0 ? null
                    : PoloEvaluation.averagePrecision(positives, nonEdgeScores));
            return m;
        }
    }

    static Evaluated evaluate(float[][] scores, List<int[]> pairs, Truth truth, boolean zeroShotOnly) {
        List<RankOutcome> outcomes = new ArrayList<>();
        Map<Integer, List<RankOutcome>> byDisease = new TreeMap<>();
        double[] positives = new double[pairs.size()];
        Set<Integer> rows = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            int[] p = pairs.get(i);
            RankOutcome o = RankingMetrics.filteredRank(scores[p[0]], p[1], truth.known[p[0]]);
            outcomes.add(o);
            byDisease.computeIfAbsent(p[0], k -> new ArrayList<>()).add(o);
            positives[i] = scores[p[0]][p[1]];
            rows.add(p[0]);
        }
        double[] not = truth.nonIndications.stream()
                .filter(p -> !zeroShotOnly || rows.contains(p[0]))
                .mapToDouble(p -> scores[p[0]][p[1]])
                .toArray();
        double[] nonEdges = truth.nonEdges.stream()
                .filter(p -> !zeroShotOnly || rows.contains(p[0]))
                .mapToDouble(p -> scores[p[0]][p[1]])
                .toArray();
        return new Evaluated(outcomes, positives, not, nonEdges, byDisease);
    }

    private static List<Map<String, Object>> perDisease(Grid grid, Truth truth, Map<String, Evaluated> heldOut) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Integer d : heldOut.get("model").byDisease().keySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            int entity = grid.diseases[d];
            row.put("disease", grid.entities.id(entity));
            row.put("name", grid.entities.name(entity));
            row.put("zeroShot", truth.zeroShotDiseases.contains(d));
            row.put("heldOutPairs", heldOut.get("model").byDisease().get(d).size());
            row.put("knownTreats", truth.known[d].cardinality());
            for (String scorer : List.of("model", "metapath", "kge", "popularity")) {
                List<RankOutcome> o = heldOut.get(scorer).byDisease().get(d);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mrr", RankingMetrics.mrr(o));
                m.put("hit10", RankingMetrics.hitsAt(o, 10));
                m.put("bestRank", o.stream().mapToDouble(RankOutcome::meanRank).min().orElse(Double.NaN));
                row.put(scorer, m);
            }
            rows.add(row);
        }
        rows.sort((a, b) -> Integer.compare((int) b.get("heldOutPairs"), (int) a.get("heldOutPairs")));
        return rows;
    }

    private static Map<String, Object> curves(Map<String, Evaluated> heldOut) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : List.of("model", "metapath", "popularity", "random")) {
            Evaluated e = heldOut.get(name);
            Map<String, Object> c = new LinkedHashMap<>();
            if (e.notScores().length > 0) {
                c.put("rocNonIndications", Roc.curve(e.positives(), e.notScores()));
                c.put("aurocNonIndications", Roc.auroc(e.positives(), e.notScores()));
            }
            c.put("rocRandom", Roc.curve(e.positives(), e.nonEdgeScores()));
            c.put("aurocRandom", Roc.auroc(e.positives(), e.nonEdgeScores()));
            double[] hits = new double[2000];
            for (int k = 1; k <= hits.length; k++) {
                hits[k - 1] = RankingMetrics.hitsAt(e.outcomes(), k);
            }
            c.put("hitAtK", hits);
            out.put(name, c);
        }
        return out;
    }

    /** {@code scoreAll} latency, one thread, after a warm-up round; and the same with two threads at once. */
    private static Map<String, Object> bench(DrugRanker ranker, Grid grid, int rounds) {
        List<String> diseases = Arrays.stream(grid.diseases).mapToObj(grid.entities::id).toList();
        for (String d : diseases) {
            ranker.scoreAll(d);
        }
        double[] ms = new double[rounds * diseases.size()];
        int i = 0;
        long total = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String d : diseases) {
                long t0 = System.nanoTime();
                ranker.scoreAll(d);
                ms[i++] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double seconds = (System.nanoTime() - total) / 1e9;
        Arrays.sort(ms);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", ms.length);
        m.put("drugsPerCall", grid.drugs.length);
        m.put("p50", ms[ms.length / 2]);
        m.put("p90", ms[(int) (ms.length * 0.9)]);
        m.put("p99", ms[(int) (ms.length * 0.99)]);
        m.put("max", ms[ms.length - 1]);
        m.put("callsPerSecondOneThread", ms.length / seconds);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        for (String d : diseases) {
                            ranker.scoreAll(d);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            m.put("callsPerSecondTwoThreads", 2.0 * ms.length / ((System.nanoTime() - t0) / 1e9));
        } catch (Exception e) {
            throw new IllegalStateException("The concurrent latency run failed: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("pytorchThreads", System.getProperty("ai.djl.pytorch.num_threads", "engine default (one per core)"));
        return m;
    }

    /**
     * The training graph a model was trained on, as its folder stores it ({@code relations}, {@code triples}), with
     * the model's TREATS pairs and their splits.
     */
    public static TrainingGraph trainingGraph(DrugRanker ranker, Path rankerDir, List<TreatsPair> modelPairs) {
        return TrainingGraph.read(ranker.entities(), RankerFiles.readRelations(rankerDir.resolve(RankerFiles.RELATIONS)),
                rankerDir.resolve(RankerFiles.TRIPLES), modelPairs, ranker.config().dataHash());
    }

    /** The TREATS pairs (with their split) a model directory's {@code splits.tsv} lists. */
    public static List<TreatsPair> readModelPairs(Path splitsFile) {
        SplitPlan plan = SplitPlan.read(splitsFile);
        List<TreatsPair> pairs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(splitsFile, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] cols = line.split("\t", -1);
                if (cols.length == 3 && cols[0].equals("pair")) {
                    String[] ids = cols[1].split("\\|", 2);
                    pairs.add(new TreatsPair(ids[0], ids[1], plan.splitOf(ids[0], ids[1])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + splitsFile, e);
        }
        return pairs;
    }

    /** The (disease x drug) grid every scorer fills, in the ranker's drug order. */
    static final class Grid {
        final EntityIndex entities;
        final int[] drugs;
        final int[] diseases;
        final Map<String, Integer> drugColumn = new HashMap<>();
        final Map<String, Integer> diseaseRow = new HashMap<>();

        Grid(DrugRanker ranker, TrainingGraph graph) {
            this.entities = ranker.entities();
            this.drugs = ranker.drugs().stream().mapToInt(entities::indexOrMinusOne).toArray();
            this.diseases = ranker.diseases().stream().mapToInt(entities::indexOrMinusOne).toArray();
            for (int i = 0; i < drugs.length; i++) {
                drugColumn.put(entities.id(drugs[i]), i);
            }
            for (int i = 0; i < diseases.length; i++) {
                diseaseRow.put(entities.id(diseases[i]), i);
            }
        }

        float[][] modelScores(DrugRanker ranker) {
            float[][] out = new float[diseases.length][];
            for (int d = 0; d < diseases.length; d++) {
                out[d] = ranker.scoreAll(entities.id(diseases[d])).scores();
            }
            return out;
        }

        float[][] kgeScores(DrugRanker ranker) {
            float[][] out = new float[diseases.length][];
            for (int d = 0; d < diseases.length; d++) {
                out[d] = ranker.kgeScores(entities.id(diseases[d]));
            }
            return out;
        }

        float[][] popularity(TrainingGraph graph) {
            int[] degree = new int[entities.size()];
            for (int i = 0; i < graph.size(); i++) {
                degree[graph.head(i)]++;
                degree[graph.tail(i)]++;
            }
            float[][] out = new float[diseases.length][drugs.length];
            for (float[] row : out) {
                for (int c = 0; c < drugs.length; c++) {
                    row[c] = degree[drugs[c]];
                }
            }
            return out;
        }

        /** Trial count of the pair, ties broken by the drug's trial count (a fraction below one trial). */
        float[][] trialEvidence(Evidence evidence) {
            float[] drugTrials = new float[drugs.length];
            float max = 1;
            for (int c = 0; c < drugs.length; c++) {
                Evidence.DrugEvidence d = evidence.drug(entities.id(drugs[c]));
                drugTrials[c] = d == null ? 0 : d.trials();
                max = Math.max(max, drugTrials[c]);
            }
            float[][] out = new float[diseases.length][drugs.length];
            for (int r = 0; r < diseases.length; r++) {
                String disease = entities.id(diseases[r]);
                for (int c = 0; c < drugs.length; c++) {
                    Evidence.PairEvidence p = evidence.pair(entities.id(drugs[c]), disease);
                    out[r][c] = (p == null ? 0 : p.trials()) + 0.5f * drugTrials[c] / max;
                }
            }
            return out;
        }

        float[][] random(int seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[][] out = new float[diseases.length][drugs.length];
            for (float[] row : out) {
                for (int c = 0; c < drugs.length; c++) {
                    row[c] = (float) random.nextDouble();
                }
            }
            return out;
        }
    }

    /** The pairs to rank and the negatives, in grid coordinates. */
    static final class Truth {
        final List<int[]> heldOut = new ArrayList<>();
        final List<int[]> zeroShot = new ArrayList<>();
        final Set<Integer> zeroShotDiseases = new HashSet<>();
        final List<int[]> nonIndications = new ArrayList<>();
        final List<int[]> nonEdges = new ArrayList<>();
        final BitSet[] known;
        final BitSet[] trainPositive;
        final List<int[]> validation = new ArrayList<>();

        Truth(Path dataDir, Grid grid, TrainingGraph graph, List<TreatsPair> modelPairs) {
            GraphPairs g = GraphPairs.of(grid, graph);
            known = g.known();
            trainPositive = g.trainPositive();
            BitSet[] palliates = g.palliates();
            Set<String> drugDiseaseEdges = g.drugDiseaseEdges();
            for (TreatsPair p : modelPairs) {
                Integer c = grid.drugColumn.get(p.drug());
                Integer d = grid.diseaseRow.get(p.disease());
                if (c != null && d != null) {
                    known[d].set(c);
                    if (p.split() == PairSplit.VALIDATION) {
                        validation.add(new int[] {d, c});
                    }
                    if (p.split() == PairSplit.ZEROSHOT) {
                        zeroShot.add(new int[] {d, c});
                        zeroShotDiseases.add(d);
                    }
                }
            }
            SplitPlan published = SplitPlan.fromDataDirectory(dataDir);
            List<String> missing = new ArrayList<>();
            for (String key : new java.util.TreeSet<>(published.publishedPairs())) {
                String[] ids = key.split("\\|", 2);
                Integer c = grid.drugColumn.get(ids[0]);
                Integer d = grid.diseaseRow.get(ids[1]);
                if (c == null || d == null) {
                    if (published.inPublishedHoldout(ids[0], ids[1])) {
                        missing.add(key);
                    }
                    continue;
                }
                known[d].set(c);
                if (published.inPublishedHoldout(ids[0], ids[1])) {
                    if (drugDiseaseEdges.contains(key)) {
                        throw new IllegalStateException(Messages.format(
                                "The model was trained on an edge between %s and %s, a held-out pair of %s; its "
                                        + "figures would be inflated. Retrain it with the split of %s.",
                                ids[0], ids[1], SplitPlan.SPLIT_FILE, SplitPlan.SPLIT_FILE));
                    }
                    heldOut.add(new int[] {d, c});
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(Messages.format(
                        "%d held-out pairs name a drug or disease the model does not know, e.g. %s; the model "
                                + "was trained on a different graph. Retrain it on a graph with every Hetionet "
                                + "compound and disease.",
                        missing.size(), missing.subList(0, Math.min(3, missing.size()))));
            }
            addNonIndicationsAndNonEdges(dataDir, grid, known, palliates, nonIndications, nonEdges);
        }
    }
    /**
     * The (disease row, drug column) grid of what the training graph says about drug-disease pairs, the part our
     * split's and PoLo's truths share: {@code trainPositive} (its TREATS edges), {@code known} (the same, to which
     * each truth adds its held-out pairs: the filter), {@code palliates} (PALLIATES edges, never a negative), and
     * every pair joined by any edge in either direction (the leak check of held-out pairs).
     */
    record GraphPairs(BitSet[] known, BitSet[] trainPositive, BitSet[] palliates, Set<String> drugDiseaseEdges) {
        static GraphPairs of(Grid grid, TrainingGraph graph) {
            int nd = grid.diseases.length;
            int nc = grid.drugs.length;
            BitSet[] known = new BitSet[nd];
            BitSet[] trainPositive = new BitSet[nd];
            BitSet[] palliates = new BitSet[nd];
            for (int d = 0; d < nd; d++) {
                known[d] = new BitSet(nc);
                trainPositive[d] = new BitSet(nc);
                palliates[d] = new BitSet(nc);
            }
            int treats = graph.relations().indexOf(RelationKeys.TREATS);
            int palliate = graph.relations().indexOf(RelationKeys.PALLIATES);
            Set<String> drugDiseaseEdges = new HashSet<>();
            for (int i = 0; i < graph.size(); i++) {
                String h = grid.entities.id(graph.head(i));
                String t = grid.entities.id(graph.tail(i));
                Integer c = grid.drugColumn.get(h);
                Integer d = grid.diseaseRow.get(t);
                if (c == null || d == null) {
                    c = grid.drugColumn.get(t);
                    d = grid.diseaseRow.get(h);
                }
                if (c == null || d == null) {
                    continue;
                }
                drugDiseaseEdges.add(SplitPlan.key(grid.entities.id(grid.drugs[c]), grid.entities.id(grid.diseases[d])));
                if (graph.relation(i) == treats) {
                    known[d].set(c);
                    trainPositive[d].set(c);
                } else if (graph.relation(i) == palliate) {
                    palliates[d].set(c);
                }
            }
            return new GraphPairs(known, trainPositive, palliates, drugDiseaseEdges);
        }
    }

    /**
     * Adds the physician-labelled non-indications of PharmacotherapyDB ({@code NOT} pairs the model knows and that are
     * no known indication) to {@code nonIndications}, and every other pair that is neither treated, palliated nor a
     * non-indication to {@code nonEdges} (the random-pair negatives). Shared by our split and PoLo's.
     */
    static void addNonIndicationsAndNonEdges(Path dataDir, Grid grid, BitSet[] known, BitSet[] palliates,
            List<int[]> nonIndications, List<int[]> nonEdges) {
        Path indications = DataDirectory.requireFile(dataDir, "pharmacotherapydb/indications.tsv");
        Set<Long> notPairs = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(indications, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().startsWith("doid_id\tdrugbank_id")) {
                throw new IllegalStateException(Messages.format(
                        "%s line 1: expected `doid_id<TAB>drugbank_id<TAB>…<TAB>category…` but found `%s`.",
                        indications, header));
            }
            String line;
            while ((line = in.readLine()) != null) {
                String[] cols = line.strip().split("\t", -1);
                if (cols.length >= 5 && cols[4].equals("NOT")) {
                    Integer c = grid.drugColumn.get(Curies.of(org.kedrec.core.ids.EntityKind.DRUG, cols[1]));
                    Integer d = grid.diseaseRow.get(Curies.of(org.kedrec.core.ids.EntityKind.DISEASE, cols[0]));
                    if (c != null && d != null && !known[d].get(c)) {
                        nonIndications.add(new int[] {d, c});
                        notPairs.add(((long) d << 32) | c);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + indications, e);
        }
        for (int d = 0; d < grid.diseases.length; d++) {
            for (int c = 0; c < grid.drugs.length; c++) {
                if (!known[d].get(c) && !palliates[d].get(c) && !notPairs.contains(((long) d << 32) | c)) {
                    nonEdges.add(new int[] {d, c});
                }
            }
        }
    }
}

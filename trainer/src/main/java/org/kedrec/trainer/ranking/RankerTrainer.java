package org.kedrec.trainer.ranking;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kedrec.core.Messages;
import org.kedrec.core.config.RecordMaps;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.ids.EntityKind;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.model.ModelManifest;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.PathScores;
import org.kedrec.core.ranking.RankerConfig;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.core.ranking.RelationKeys;
import org.kedrec.core.ranking.ScoredDrugs;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.core.text.EnumLabels;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.EvidenceFeatures;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TreatsPair;
import org.kedrec.trainer.ranking.paths.BoostedFeatureModel;
import org.kedrec.trainer.ranking.paths.LogisticRegression;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;
import org.kedrec.trainer.ranking.paths.SimilarityFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the whole ranker and writes it to {@code <model>/ranker/}: the KG-embedding model ({@link KgeTrainer}),
 * the metapath model on the same training graph ({@link MetapathModel}), and the combiner that mixes their scores,
 * fitted on the VALIDATION pairs (which neither component saw, so the mix is not fooled by the embedding having
 * memorised its training edges). Everything is first written to {@code ranker.tmp/} and then swapped in, so an
 * interrupted run leaves the previous ranker intact; the model is finally reloaded through {@link DrugRanker} and
 * checked to reproduce the scores computed here.
 */
public final class RankerTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(RankerTrainer.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    public static final String MODEL_NAME = "kedrec";

    /**
     * @param metapaths whether the ranker combines the embedding with the metapath model (the default); without it
     *     the ranker is the embedding alone, calibrated on the validation pairs
     */
    public record Options(KgeTrainingConfig kge, boolean metapaths, double damping, Device device, String version,
            FeatureModel featureModel, boolean embedding, boolean degreeFeatures, boolean similarityFeatures,
            boolean diseaseCentred, boolean palliatesFeature) {
        public Options {
            if (!embedding && !metapaths) {
                throw new IllegalArgumentException(
                        "A ranker needs the embedding or the metapath model: drop --no-kge or --no-metapaths.");
            }
        }

        /** The options with the {@link EvidenceFeatures#PALLIATES} feature (the default). */
        public Options(KgeTrainingConfig kge, boolean metapaths, double damping, Device device, String version,
                FeatureModel featureModel, boolean embedding, boolean degreeFeatures, boolean similarityFeatures,
                boolean diseaseCentred) {
            this(kge, metapaths, damping, device, version, featureModel, embedding, degreeFeatures,
                    similarityFeatures, diseaseCentred, true);
        }

        public Options(KgeTrainingConfig kge, boolean metapaths, double damping, Device device, String version,
                FeatureModel featureModel, boolean embedding, boolean degreeFeatures) {
            this(kge, metapaths, damping, device, version, featureModel, embedding, degreeFeatures, false, true);
        }

        public Options(KgeTrainingConfig kge, boolean metapaths, double damping, Device device, String version,
                FeatureModel featureModel, boolean embedding) {
            this(kge, metapaths, damping, device, version, featureModel, embedding, true, false, true);
        }

        public Options(KgeTrainingConfig kge, boolean metapaths, double damping, Device device, String version,
                FeatureModel featureModel) {
            this(kge, metapaths, damping, device, version, featureModel, true, true, false, true);
        }

        public Options(KgeTrainingConfig kge, boolean metapaths, double damping, Device device, String version) {
            this(kge, metapaths, damping, device, version, FeatureModel.LOGISTIC, true, true, false, true);
        }
    }

    /**
     * What turns the path (and evidence) features into the ranker's precomputed logit: Rephetio's logistic
     * regression (the default), or gradient-boosted trees, which measured worse once the cross-validation kept the
     * held-out pairs in the fit as unlabelled pairs, as the TEST pairs are (docs/ranker.md).
     */
    public enum FeatureModel {
        LOGISTIC,
        BOOSTED;

        public static FeatureModel parse(String text) {
            return EnumLabels.findIgnoringCase(FeatureModel.class, EnumLabels::lowerCase, text).orElseThrow(() ->
                    new IllegalArgumentException(Messages.format(
                            "Unknown feature model `%s`. Valid values are: [logistic, boosted].", text)));
        }


    }

    /**
     * What was trained: the folder, the metrics, and the final score of every (disease, drug) as computed in
     * training (rows and columns in the entity index's disease and drug order), which the saved ranker reproduces.
     */
    public record Outcome(Path rankerDir, Map<String, Object> metrics, float[][] scores) {}

    private final Options options;
    private final ProgressTracker progress;
    private final long streamAbovePairs;
    private final int fitRows;

    public RankerTrainer(Options options, ProgressTracker progress) {
        this(options, progress, StreamedFeatureModel.STREAM_ABOVE_PAIRS, StreamedFeatureModel.FIT_ROWS);
    }

    /** With {@code streamAbovePairs} and {@code fitRows} set low, tests stream and sample a small graph. */
    RankerTrainer(Options options, ProgressTracker progress, long streamAbovePairs, int fitRows) {
        this.options = options;
        this.progress = progress;
        this.streamAbovePairs = streamAbovePairs;
        this.fitRows = fitRows;
    }

    /** Trains the "KG only" ranker (no side information). */
    public Outcome train(TrainingGraph graph, SplitPlan plan, Path modelDir) {
        return train(graph, null, plan, modelDir);
    }

    /**
     * Trains the ranker; with {@code evidence} (and metapaths on), the metapath model also reads the side
     * information ({@link EvidenceFeatures}: "KG + evidence"), and the evidence is stored in the model directory.
     */
    public Outcome train(TrainingGraph graph, Evidence evidence, SplitPlan plan, Path modelDir) {
        float[][] scores;
        long start = System.nanoTime();
        Path finalDir = RankerFiles.dir(modelDir);
        Path staging = org.kedrec.core.model.AtomicDirectory.staging(finalDir);
        EntityIndex entities = graph.entities();
        graph.entities().write(staging.resolve(RankerFiles.ENTITIES));
        graph.writeRelations(staging.resolve(RankerFiles.RELATIONS));
        graph.writeTriples(staging.resolve(RankerFiles.TRIPLES));
        plan.write(staging.resolve(RankerFiles.SPLITS),
                graph.treatsPairs().stream().map(p -> new String[] {p.drug(), p.disease()}).toList());

        KgeTrainer.Result kge = options.embedding()
                ? new KgeTrainer(options.kge(), options.device(), progress)
                        .train(graph, staging.resolve(RankerFiles.CHECKPOINTS))
                : null;
        Map<String, Object> metrics = new LinkedHashMap<>();
        try (var model = kge == null ? null : kge.model()) {
            int[] drugs = entities.withLabel(EntityKind.DRUG.label());
            int[] diseases = entities.withLabel(EntityKind.DISEASE.label());
            Pairs pairs = new Pairs(graph, drugs, diseases);
            // without an embedding every KGE score is 0 and its combiner weight is 0 (DrugRanker does the same)
            // null without an embedding: a table of zeros would cost one float per pair for nothing
            float[][] kgeScores = model != null
                    ? KgeTrainer.headScores(model, graph.treatsRelation(), diseases, drugs)
                    : null;

            float[][] pathLogits = null;
            MetapathModel metapathModel = null;
            BoostedFeatureModel boosted = null;
            PathFeatures features = null;
            List<String> featureNames = List.of();
            if (options.metapaths()) {
                long t0 = System.nanoTime();
                if ((long) diseases.length * drugs.length > streamAbovePairs) {
                    if (options.featureModel() == FeatureModel.BOOSTED) {
                        throw new IllegalArgumentException(Messages.format(
                                "--feature-model boosted holds every pair's features and this graph has %d "
                                        + "diseases x %d drugs (more than %d pairs); train the default "
                                        + "--feature-model logistic, which streams them.",
                                diseases.length, drugs.length, streamAbovePairs));
                    }
                    StreamedFeatureModel streamed = new StreamedFeatureModel(graph, evidence, options.damping(),
                            keptFeatures(StreamedFeatureModel.allNames(evidence != null), evidence));
                    StreamedFeatureModel.Result result = streamed.fit(pairs.trainPositive, pairs.validation,
                            diseaseCentred(evidence), fitRows);
                    metapathModel = result.model();
                    featureNames = result.names();
                    metrics.put("featureBlocks", result.blocks());
                    metrics.put("fitRows", result.fitRows());
                    metrics.put("negativeSamplingRate", result.samplingRate());
                } else {
                    features = featuresFor(graph, evidence, options.damping(), degreeFeatures(evidence));
                    features = features.select(keptFeatures(features.names(), evidence));
                    metapathModel = MetapathModel.fit(features, pairs.trainPositive, pairs.validation,
                            diseaseCentred(evidence));
                    featureNames = features.names();
                }
                pathLogits = metapathModel.logits();
                if (options.featureModel() == FeatureModel.BOOSTED) {
                    long t1 = System.nanoTime();
                    // the VALIDATION pairs stay in the fit, unlabelled like the TEST pairs: trees can carve out
                    // a left-out pair's region, which made a left-out validation set look better than TEST
                    boosted = BoostedFeatureModel.fit(features, pairs.trainPositive, List.of(),
                            BoostedFeatureModel.PARAMS);
                    pathLogits = boosted.logits();
                    metrics.put("boostedSeconds", (System.nanoTime() - t1) / 1e9);
                }
                metrics.put("metapathSeconds", (System.nanoTime() - t0) / 1e9);
            }
            RankerConfig.Combiner combiner = model != null ? fitCombiner(kgeScores, pathLogits, pairs)
                    : new RankerConfig.Combiner(0, 0, 0, 1, 1);
            float[][] combined = combine(combiner, kgeScores, pathLogits);

            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("pairs", pairs.validation.size());
            validation.put("model", validationMetrics(combined, pairs));
            if (model != null) {
                validation.put("kge", validationMetrics(kgeScores, pairs));
            }
            if (metapathModel != null) {
                validation.put("metapath", validationMetrics(metapathModel.logits(), pairs));
            }
            if (boosted != null) {
                validation.put("boosted", validationMetrics(boosted.logits(), pairs));
            }
            LOG.info("validation: {}", validation);

            double trainSeconds = (System.nanoTime() - start) / 1e9;
            metrics.put("trainSeconds", trainSeconds);
            metrics.put("kgeSeconds", kge == null ? 0.0 : kge.trainSeconds());
            metrics.put("triplesPerSecond", kge == null ? 0.0 : kge.triplesPerSecond());
            metrics.put("triplesSeen", kge == null ? 0L : kge.triplesSeen());
            metrics.put("triples", graph.size());
            metrics.put("entities", entities.size());
            metrics.put("relations", graph.relations().size());
            List<KgeTrainer.EpochResult> epochs = kge == null ? List.of() : kge.history();
            metrics.put("epochsRun", epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch());
            metrics.put("bestEpoch", kge == null ? 0 : kge.bestEpoch());
            metrics.put("device", options.device().toString());
            metrics.put("validation", validation);
            metrics.put("excludedEdges", graph.excluded());
            metrics.put("splitCounts", splitCounts(graph));
            metrics.put("setting", evidence != null && pathLogits != null ? "KG + evidence" : "KG only");
            if (evidence != null && pathLogits != null) {
                metrics.put("evidence", evidence.summary());
            }
            List<Map<String, Object>> history = new ArrayList<>();
            for (KgeTrainer.EpochResult e : epochs) {
                history.add(RecordMaps.toMap(e));
            }
            metrics.put("history", history);

            // write the model
            if (model != null) {
                try {
                    model.save(staging, RankerFiles.PARAMS_PREFIX);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not save the parameters to " + staging, e);
                }
            }
            if (pathLogits != null) {
                new PathScores(diseases, drugs, pathLogits).write(staging.resolve(RankerFiles.PATH_SCORES));
                writeMetapaths(staging.resolve(RankerFiles.METAPATHS), featureNames, metapathModel, boosted);
            }
            boolean withEvidence = evidence != null && pathLogits != null;
            if (withEvidence) {
                evidence.write(staging.resolve(RankerFiles.EVIDENCE));
            }
            Map<String, Object> training = new LinkedHashMap<>(options.kge().toMap());
            training.put("embedding", model != null);
            training.put("damping", options.damping());
            if (metapathModel != null) {
                training.put("metapathL2", metapathModel.l2());
                training.put("featureModel", boosted != null ? "boosted" : "logistic");
            }
            if (boosted != null) {
                training.put("boosting", BoostedFeatureModel.PARAMS.toString());
            }
            training.put("evidence", withEvidence);
            training.put("degreeFeatures", degreeFeatures(evidence));
            // with the evidence only: KG only stays the model it was (docs/ranker.md)
            training.put(SIMILARITY_FEATURES, similarityFeatures(evidence));
            training.put(PALLIATES_FEATURE, palliatesFeature(evidence));
            training.put(DISEASE_CENTRED, diseaseCentred(evidence));
            if (withEvidence) {
                training.put("evidenceHash", evidence.hash());
            }
            List<String> components = new ArrayList<>();
            if (model != null) {
                components.add(RankerConfig.KGE);
            }
            if (pathLogits != null) {
                components.add(RankerConfig.METAPATH);
            }
            if (boosted != null) {
                components.add(RankerConfig.BOOSTED);
            }
            if (withEvidence) {
                components.add(RankerConfig.EVIDENCE);
            }
            RankerConfig config = new RankerConfig(RankerConfig.FORMAT, MODEL_NAME + "-ranker", options.version(),
                    Instant.now().toString(), options.kge().model(), options.kge().dim(), entities.size(),
                    graph.relations().size(), RelationKeys.TREATS, EntityKind.DRUG.label(),
                    EntityKind.DISEASE.label(),
                    components,
                    combiner, graph.dataHash(), training);
            config.write(staging.resolve(RankerFiles.CONFIG));
            writeJson(staging.resolve(RankerFiles.METRICS), metrics);
            swapIn(staging, finalDir);
            JsonObject entry = new JsonObject();
            entry.addProperty("path", RankerFiles.COMPONENT);
            entry.addProperty("kind", config.kindDescription());
            entry.addProperty("createdAt", config.createdAt());
            entry.addProperty("dataHash", graph.dataHash());
            entry.addProperty("entities", entities.size());
            entry.addProperty("triples", graph.size());
            ModelManifest.mergeComponent(modelDir, MODEL_NAME, options.version(), RankerFiles.COMPONENT, entry,
                    graph.dataHash());
            verify(modelDir, entities, diseases, combined);
            scores = combined;
        }
        return new Outcome(finalDir, metrics, scores);
    }

    /**
     * The features of {@link #featuresFor} the stored model was fitted on: without the degree features when its
     * training says so, and without {@link SimilarityFeatures} or {@link EvidenceFeatures#PALLIATES} unless its
     * training names them (models trained before them).
     */
    public static List<String> modelFeatures(PathFeatures all, RankerConfig config, boolean evidence) {
        List<String> keep = new ArrayList<>(all.names());
        if (evidence && Boolean.FALSE.equals(config.training().get("degreeFeatures"))) {
            keep.removeAll(PathFeatures.DEGREE_FEATURES);
        }
        if (!Boolean.TRUE.equals(config.training().get(SIMILARITY_FEATURES))) {
            keep.removeAll(SimilarityFeatures.NAMES);
        }
        if (!Boolean.TRUE.equals(config.training().get(PALLIATES_FEATURE))) {
            keep.remove(EvidenceFeatures.PALLIATES);
        }
        return keep;
    }

    /** The features the model reads out of {@code all}: without the degree or similarity features unless asked. */
    private List<String> keptFeatures(List<String> all, Evidence evidence) {
        List<String> keep = new ArrayList<>(all);
        if (!degreeFeatures(evidence)) {
            keep.removeAll(PathFeatures.DEGREE_FEATURES);
        }
        if (!similarityFeatures(evidence)) {
            keep.removeAll(SimilarityFeatures.NAMES);
        }
        if (!palliatesFeature(evidence)) {
            keep.remove(EvidenceFeatures.PALLIATES);
        }
        return keep;
    }

    /** Whether the stored model's logits are centred per disease ({@link MetapathModel#centrePerDisease}). */
    public static boolean diseaseCentred(RankerConfig config) {
        return Boolean.TRUE.equals(config.training().get(DISEASE_CENTRED));
    }

    /** Centred by default with the evidence; KG only stays the model it was. */
    private boolean diseaseCentred(Evidence evidence) {
        return options.diseaseCentred() && evidence != null;
    }

    /** The similarity features are opt-in and need the evidence (their trial neighbours are evidence). */
    private boolean similarityFeatures(Evidence evidence) {
        return options.similarityFeatures() && evidence != null;
    }

    /** The pair's own PALLIATES edge is read by default with the evidence; KG only stays the model it was. */
    private boolean palliatesFeature(Evidence evidence) {
        return options.palliatesFeature() && evidence != null;
    }

    /** KG only always keeps the degree features: without evidence they are its only compound and disease prior. */
    private boolean degreeFeatures(Evidence evidence) {
        return options.degreeFeatures() || evidence == null;
    }

    /** Training key: the feature model reads {@link SimilarityFeatures}. */
    public static final String SIMILARITY_FEATURES = "similarityFeatures";
    /** Training key: the feature model reads {@link EvidenceFeatures#PALLIATES}. */
    public static final String PALLIATES_FEATURE = "palliatesFeature";
    /** Training key: the feature model's logits are centred per disease. */
    public static final String DISEASE_CENTRED = "diseaseCentred";

    /**
     * The feature model's features: KG metapaths, then (with evidence) the evidence metapaths and pair features;
     * the three degree features only when asked (with evidence they measured no gain, see docs/ranker.md).
     */
    public static PathFeatures featuresFor(TrainingGraph graph, Evidence evidence, double damping,
            boolean degreeFeatures) {
        PathFeatures features = evidence != null
                ? EvidenceFeatures.compute(graph, evidence, damping)
                : PathFeatures.compute(graph, PathFeatures.DEFAULT_METAPATHS, damping);
        if (degreeFeatures) {
            return features;
        }
        List<String> keep = new ArrayList<>(features.names());
        keep.removeAll(PathFeatures.DEGREE_FEATURES);
        return features.select(keep);
    }

    /** Reloads the written ranker the way the plugin will and checks that it reproduces the scores computed here. */
    private void verify(Path modelDir, EntityIndex entities, int[] diseases, float[][] combined) {
        try (DrugRanker ranker = DrugRanker.load(modelDir, options.device())) {
            for (int d = 0; d < diseases.length; d += Math.max(1, diseases.length / 5)) {
                ScoredDrugs scored = ranker.scoreAll(entities.id(diseases[d]));
                for (int c = 0; c < scored.size(); c++) {
                    if (Math.abs(scored.score(c) - combined[d][c]) > 1e-4) {
                        throw new IllegalStateException(Messages.format(
                                "The saved ranker scores %s for %s at %s but training computed %s; the model "
                                        + "directory does not reproduce the trained model.",
                                scored.drugs().get(c), scored.disease(), scored.score(c), combined[d][c]));
                    }
                }
            }
        }
    }

    /**
     * Fits {@code sigmoid(b + w_kge * z(kge) + w_path * path)} by logistic regression with the validation pairs as
     * positives and every pair that is not a training TREATS edge as a negative.
     */
    static RankerConfig.Combiner fitCombiner(float[][] kge, float[][] path, Pairs pairs) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (float[] row : kge) {
            for (float v : row) {
                sum += v;
                sq += (double) v * v;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(sq / n - mean * mean, 1e-12));
        if (pairs.validation.isEmpty()) {
            return new RankerConfig.Combiner(0, 1, mean, std, path == null ? 0 : 1);
        }
        BitSet[] isValidation = new BitSet[kge.length];
        for (int d = 0; d < kge.length; d++) {
            isValidation[d] = new BitSet();
        }
        for (int[] v : pairs.validation) {
            isValidation[v[0]].set(v[1]);
        }
        List<float[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int d = 0; d < kge.length; d++) {
            for (int c = 0; c < kge[d].length; c++) {
                if (pairs.trainPositive[d].get(c)) {
                    continue;
                }
                float z = (float) ((kge[d][c] - mean) / std);
                rows.add(path == null ? new float[] {z} : new float[] {z, path[d][c]});
                labels.add(isValidation[d].get(c));
            }
        }
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        LogisticRegression lr = LogisticRegression.fit(rows.toArray(new float[0][]), y, null, 1.0);
        RankerConfig.Combiner combiner = new RankerConfig.Combiner(lr.rawIntercept(), lr.rawWeight(0), mean, std,
                path == null ? 0 : lr.rawWeight(1));
        LOG.info("combiner: {}", combiner);
        return combiner;
    }

    static float[][] combine(RankerConfig.Combiner c, float[][] kge, float[][] path) {
        float[][] shape = kge != null ? kge : path;
        float[][] out = new float[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            out[d] = new float[shape[d].length];
            for (int i = 0; i < shape[d].length; i++) {
                double logit = c.logit(kge == null ? 0 : kge[d][i], path == null ? 0 : path[d][i]);
                out[d][i] = (float) (1 / (1 + Math.exp(-logit)));
            }
        }
        return out;
    }

    private static Map<String, Object> validationMetrics(float[][] scores, Pairs pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (pairs.validation.isEmpty()) {
            return m;
        }
        List<RankOutcome> outcomes = new ArrayList<>();
        for (int[] v : pairs.validation) {
            BitSet filter = (BitSet) pairs.trainPositive[v[0]].clone();
            for (int[] other : pairs.validation) {
                if (other[0] == v[0]) {
                    filter.set(other[1]);
                }
            }
            outcomes.add(RankingMetrics.filteredRank(scores[v[0]], v[1], filter));
        }
        m.put("mrr", RankingMetrics.mrr(outcomes));
        m.put("hit10", RankingMetrics.hitsAt(outcomes, 10));
        m.put("hit100", RankingMetrics.hitsAt(outcomes, 100));
        return m;
    }

    private static Map<String, Long> splitCounts(TrainingGraph graph) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (PairSplit s : PairSplit.values()) {
            counts.put(s.label(), graph.treatsPairs().stream().filter(p -> p.split() == s).count());
        }
        return counts;
    }

    private static void writeMetapaths(Path file, List<String> featureNames, MetapathModel model,
            BoostedFeatureModel boosted) {
        int[] splits = boosted == null ? null : boosted.trees().splitCounts(featureNames.size());
        List<Map<String, Object>> list = new ArrayList<>();
        double[] weights = model.regression().standardizedWeights();
        Map<String, Metapath> byName = new HashMap<>();
        EvidenceFeatures.allMetapaths().forEach(m -> byName.put(m.abbreviation(), m));
        for (int j = 0; j < featureNames.size(); j++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            String name = featureNames.get(j);
            entry.put("name", name);
            Metapath m = byName.get(name);
            entry.put("pattern", m == null ? null : m.notation());
            entry.put("standardizedWeight", weights[j]);
            if (splits != null) {
                entry.put("boostedSplits", splits[j]);
            }
            list.add(entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("damping", PathFeatures.DEFAULT_DAMPING);
        root.put("l2", model.l2());
        root.put("transform", "asinh(DWPC / mean DWPC over all pairs); degree features log1p; then standardised");
        root.put("model", boosted != null
                ? "gradient-boosted trees (the ranker's feature model; boostedSplits = splits per feature) beside the "
                        + "logistic regression (standardizedWeight)"
                : "logistic regression (standardizedWeight)");
        root.put("features", list);
        writeJson(file, root);
    }

    static void writeJson(Path file, Object value) {
        try {
            Files.writeString(file, GSON.toJson(value) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Replaces {@code target} by {@code staging}: the old ranker is moved aside first and deleted last. */
    static void swapIn(Path staging, Path target) {
        org.kedrec.core.model.AtomicDirectory.replace(staging, target);
    }

    /** Training positives and validation pairs in (disease row, drug column) coordinates. */
    static final class Pairs {
        final BitSet[] trainPositive;
        final List<int[]> validation = new ArrayList<>();

        Pairs(TrainingGraph graph, int[] drugs, int[] diseases) {
            EntityIndex e = graph.entities();
            Map<Integer, Integer> row = TrainingGraph.positions(diseases);
            Map<Integer, Integer> column = TrainingGraph.positions(drugs);
            trainPositive = new BitSet[diseases.length];
            for (int i = 0; i < diseases.length; i++) {
                trainPositive[i] = new BitSet(drugs.length);
            }
            int treats = graph.treatsRelation();
            for (int i = 0; i < graph.size(); i++) {
                if (graph.relation(i) == treats) {
                    trainPositive[row.get(graph.tail(i))].set(column.get(graph.head(i)));
                }
            }
            for (TreatsPair p : graph.treatsPairs()) {
                if (p.split() == PairSplit.VALIDATION) {
                    Integer r = row.get(e.indexOrMinusOne(p.disease()));
                    Integer c = column.get(e.indexOrMinusOne(p.drug()));
                    if (r != null && c != null) {
                        validation.add(new int[] {r, c});
                    }
                }
            }
        }
    }
}

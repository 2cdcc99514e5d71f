package org.kedrec.core.ranking;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.kedrec.core.Messages;
import org.kedrec.core.ranking.kge.KgeBlock;

/**
 * The serving side of the ranker: scores every known drug for a disease, without Neo4j. Loaded once (per database
 * server in the plugin) from {@code <model>/ranker/} by {@link #load(Path)}.
 *
 * <p>The final score of (disease, drug) is {@code sigmoid(b + w_kge * z(kge) + w_path * pathLogit)}
 * ({@link RankerConfig.Combiner}): {@code kge} is the KG-embedding score of {@code (drug, TREATS, disease)},
 * computed on every call from the {@link KgeBlock}'s parameters, copied into float arrays at load
 * ({@link TreatsScorer}; {@link #engineKgeScores} runs the block itself); {@code pathLogit} is the metapath model's
 * logit, precomputed for every (disease, drug) pair of the training graph into {@code path-scores.bin} (it depends
 * only on that graph).
 *
 * <p>Thread safety: all methods may be called concurrently. The ranker's state (indexes, path scores, the DJL
 * model's parameters) is read-only after loading; DJL {@link Predictor}s (used by {@link #engineKgeScores}, and for
 * candidate lists other than all drugs) are not thread-safe, so each call borrows
 * one from a bounded pool (at most one per available processor, created lazily) and returns it afterwards, and every
 * call's temporary arrays live in that predictor's per-call {@link NDManager}. {@link #close()} must not race with
 * calls in flight.
 */
public final class DrugRanker implements AutoCloseable {
    private static final Gson GSON = new Gson();

    private final RankerConfig config;
    private final EntityIndex entities;
    private final Model model;
    private final KgeBlock block;
    private final PathScores pathScores;
    private final int treatsRelation;
    private final int[] drugIndexes;
    private final long[] drugIndexesLong;
    private final List<String> drugIds;
    private final int[] pathRowOfEntity;
    private final Map<String, Object> metrics;
    private final long loadMillis;
    private final BlockingQueue<Predictor<HeadQuery, float[]>> idle = new LinkedBlockingQueue<>();
    private final List<Predictor<HeadQuery, float[]>> all = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger created = new AtomicInteger();
    private final int maxPredictors;
    private final TreatsScorer treatsScorer;
    private volatile boolean closed;

    private DrugRanker(RankerConfig config, EntityIndex entities, Model model, KgeBlock block, PathScores pathScores,
            int treatsRelation, Map<String, Object> metrics, long loadMillis) {
        this.config = config;
        this.entities = entities;
        this.model = model;
        this.block = block;
        this.pathScores = pathScores;
        this.treatsRelation = treatsRelation;
        this.drugIndexes = entities.withLabel(config.drugLabel());
        this.drugIndexesLong = Arrays.stream(drugIndexes).asLongStream().toArray();
        this.drugIds = Arrays.stream(drugIndexes).mapToObj(entities::id).toList();
        this.pathRowOfEntity = new int[entities.size()];
        Arrays.fill(pathRowOfEntity, -1);
        if (pathScores != null) {
            if (!Arrays.equals(pathScores.columnEntities(), drugIndexes)) {
                throw new IllegalStateException(
                        "The path scores' drug columns do not match the entity index; the model directory is "
                                + "inconsistent, retrain it.");
            }
            int[] rows = pathScores.rowEntities();
            for (int i = 0; i < rows.length; i++) {
                pathRowOfEntity[rows[i]] = i;
            }
        }
        this.metrics = metrics;
        this.loadMillis = loadMillis;
        this.maxPredictors = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.treatsScorer = block == null ? null : TreatsScorer.of(block, model.getNDManager(), treatsRelation,
                drugIndexes, entities.withLabel(config.diseaseLabel()), entities.size());
    }

    /** The device a ranker uses when none is named: the first GPU when the engine sees one, else the CPU. */
    public static Device defaultDevice() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** Loads the ranker of a model directory on {@link #defaultDevice()}. */
    public static DrugRanker load(Path modelDir) {
        return load(modelDir, null);
    }

    /** Loads the ranker of {@code modelDir} (the folder holding {@code model.json} and {@code ranker/}). */
    public static DrugRanker load(Path modelDir, Device device) {
        long start = System.nanoTime();
        Path dir = RankerFiles.dir(modelDir);
        Path configFile = dir.resolve(RankerFiles.CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalStateException(Messages.format(
                    "%s has no ranker: %s is missing. Train one with `kedrec train kge --model %s`.",
                    modelDir, configFile, modelDir));
        }
        RankerConfig config = RankerConfig.read(configFile);
        EntityIndex entities = EntityIndex.read(dir.resolve(RankerFiles.ENTITIES));
        if (entities.size() != config.entities()) {
            throw new IllegalStateException(Messages.format(
                    "%s lists %d entities but %s says %d; the model directory is inconsistent, retrain it.",
                    dir.resolve(RankerFiles.ENTITIES), entities.size(), configFile, config.entities()));
        }
        List<String> relations = RankerFiles.readRelations(dir.resolve(RankerFiles.RELATIONS));
        int treats = relations.indexOf(config.treatsRelation());
        if (treats < 0 || relations.size() != config.relations()) {
            throw new IllegalStateException(Messages.format(
                    "%s does not list the relation %s that the ranker scores (or its count differs from %s); "
                            + "retrain the model.",
                    dir.resolve(RankerFiles.RELATIONS), config.treatsRelation(), configFile));
        }
        PathScores paths = config.hasPathScores() ? PathScores.read(dir.resolve(RankerFiles.PATH_SCORES)) : null;
        Device target = device != null ? device : defaultDevice();
        KgeBlock block = null;
        Model model = null;
        if (config.hasEmbedding()) {
            block = new KgeBlock(config.model(), config.entities(), config.relations(), config.dim());
            model = newModel(target);
            try {
                model.setBlock(block);
                model.load(dir, RankerFiles.PARAMS_PREFIX);
            } catch (IOException | MalformedModelException e) {
                model.close();
                throw new IllegalStateException(Messages.format(
                        "Could not load the ranker's parameters from %s (%s); retrain the model.", dir,
                        e.getMessage()), e);
            }
        } else if (paths == null) {
            throw new IllegalStateException(Messages.format(
                    "%s names neither an embedding nor path scores (components %s); retrain the model.", configFile,
                    config.components()));
        }
        Map<String, Object> metrics = readMetrics(dir.resolve(RankerFiles.METRICS));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new DrugRanker(config, entities, model, block, paths, treats, metrics, millis);
    }

    /** A PyTorch model: the engine is named so that a missing native library says so instead of picking another. */
    public static Model newModel(Device device) {
        try {
            return Model.newInstance("kedrec-ranker", device, "PyTorch");
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException(Messages.format(
                    "The PyTorch engine could not start (%s). Put ai.djl.pytorch:pytorch-engine and the native "
                            + "library (pytorch-native-cpu, or PYTORCH_LIBRARY_PATH for a GPU build) on the "
                            + "class path.",
                    e.getMessage()), e);
        }
    }

    /** Every drug the ranker knows, scored for {@code diseaseCurie}. */
    public ScoredDrugs scoreAll(String diseaseCurie) {
        int disease = requireDisease(diseaseCurie);
        float[] kge = kgeScores(disease, drugIndexesLong);
        float[] out = new float[kge.length];
        int row = pathRowOfEntity[disease];
        float[] path = row >= 0 ? pathScores.rowView(row) : null;
        RankerConfig.Combiner c = config.combiner();
        for (int i = 0; i < kge.length; i++) {
            out[i] = (float) sigmoid(c.logit(kge[i], path == null ? 0 : path[i]));
        }
        return new ScoredDrugs(diseaseCurie, drugIds, out);
    }

    /**
     * The score of one (disease, drug) pair: exactly its entry in {@link #scoreAll} (computed through it, so the two
     * can never disagree by a rounding difference; scoring all drugs costs well under a millisecond).
     */
    public double score(String diseaseCurie, String drugCurie) {
        requireDisease(diseaseCurie);
        int drug = requireDrug(drugCurie);
        return scoreAll(diseaseCurie).score(Arrays.binarySearch(drugIndexes, drug));
    }

    /** The raw KG-embedding scores of {@code (drug, TREATS, disease)} for every drug, in {@link #drugs()} order. */
    public float[] kgeScores(String diseaseCurie) {
        return kgeScores(requireDisease(diseaseCurie), drugIndexesLong);
    }

    /**
     * {@link #kgeScores(String)} computed by the engine (the block's serving call through a predictor) instead of the
     * float arrays copied out at load: the reference the plain-Java scorer is compared with. Null without an
     * embedding.
     */
    public float[] engineKgeScores(String diseaseCurie) {
        int disease = requireDisease(diseaseCurie);
        return model == null ? null : engineKgeScores(disease, drugIndexesLong);
    }

    public boolean knowsDisease(String curie) {
        int i = entities.indexOrMinusOne(curie);
        return i >= 0 && entities.label(i).equals(config.diseaseLabel());
    }

    public boolean knowsDrug(String curie) {
        int i = entities.indexOrMinusOne(curie);
        return i >= 0 && entities.label(i).equals(config.drugLabel());
    }

    /** The drugs in scoring order. */
    public List<String> drugs() {
        return drugIds;
    }

    /** The diseases the ranker knows, in index order. */
    public List<String> diseases() {
        return Arrays.stream(entities.withLabel(config.diseaseLabel())).mapToObj(entities::id).toList();
    }

    public EntityIndex entities() {
        return entities;
    }

    public RankerConfig config() {
        return config;
    }

    /** A copy of the KG embedding of any known entity (drug, disease, gene, …). */
    public float[] embedding(String curie) {
        int index = entities.indexOrMinusOne(curie);
        if (index < 0) {
            throw new IllegalArgumentException(Messages.format(
                    "The ranker has no embedding for `%s`: the id is not in its training graph.", curie));
        }
        ensureOpen();
        if (block == null) {
            throw new IllegalStateException(Messages.format(
                    "This ranker has no KG embedding (components %s): it was trained with --no-kge. Train one "
                            + "without --no-kge to get embeddings.", config.components()));
        }
        NDArray table = block.entityParameter().getArray();
        try (NDManager scope = model.getNDManager().newSubManager()) {
            return table.get(scope, index).toFloatArray();
        }
    }

    public RankerInfo info() {
        boolean embedded = config.hasEmbedding();
        int width = embedded ? config.model().entityWidth(config.dim()) : 0;
        long parameters = embedded ? (long) config.entities() * width
                + (long) config.relations() * config.model().relationWidth(config.dim()) : 0;
        String kind = config.kindDescription();
        String device = embedded ? model.getNDManager().getDevice().toString() : "none (precomputed scores)";
        return new RankerInfo(config.name(), kind, parameters, device, width,
                config.dataHash(), metrics, loadMillis, config.version(), config.createdAt(), config.components(),
                entities.size(), drugIndexes.length, entities.withLabel(config.diseaseLabel()).length);
    }

    private float[] kgeScores(int disease, long[] candidates) {
        ensureOpen();
        if (model == null) {
            // no embedding: its combiner weight is 0, so zeros leave the feature model's score unchanged
            return new float[candidates.length];
        }
        if (candidates == drugIndexesLong && treatsScorer.knows(disease)) {
            return treatsScorer.scores(disease);
        }
        return engineKgeScores(disease, candidates);
    }

    private float[] engineKgeScores(int disease, long[] candidates) {
        ensureOpen();
        Predictor<HeadQuery, float[]> predictor = borrow();
        try {
            return predictor.predict(new HeadQuery(treatsRelation, disease, candidates));
        } catch (TranslateException e) {
            throw new IllegalStateException("The ranker failed to score: " + e.getMessage(), e);
        } finally {
            idle.offer(predictor);
        }
    }

    private Predictor<HeadQuery, float[]> borrow() {
        Predictor<HeadQuery, float[]> predictor = idle.poll();
        if (predictor != null) {
            return predictor;
        }
        if (created.incrementAndGet() <= maxPredictors) {
            Predictor<HeadQuery, float[]> fresh = model.newPredictor(new HeadQueryTranslator());
            all.add(fresh);
            return fresh;
        }
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a free ranker predictor.", e);
        }
    }

    private int requireDisease(String curie) {
        int i = entities.indexOrMinusOne(curie);
        if (i < 0 || !entities.label(i).equals(config.diseaseLabel())) {
            throw new IllegalArgumentException(Messages.format(
                    "The ranker does not know the disease `%s`. It knows %d diseases, e.g. %s.", curie,
                    entities.withLabel(config.diseaseLabel()).length, diseases().stream().limit(3).toList()));
        }
        return i;
    }

    private int requireDrug(String curie) {
        int i = entities.indexOrMinusOne(curie);
        if (i < 0 || !entities.label(i).equals(config.drugLabel())) {
            throw new IllegalArgumentException(Messages.format(
                    "The ranker does not know the drug `%s`. It knows %d drugs, e.g. %s.", curie,
                    drugIds.size(), drugIds.stream().limit(3).toList()));
        }
        return i;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This ranker has been closed; load the model again.");
        }
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static Map<String, Object> readMetrics(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, Object> map = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<LinkedHashMap<String, Object>>() {}.getType());
            return map == null ? Map.of() : Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Closes the predictors and the model. */
    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            for (Predictor<HeadQuery, float[]> p : all) {
                p.close();
            }
            all.clear();
        }
        idle.clear();
        if (model != null) {
            model.close();
        }
    }

    /** Score candidate heads for (?, relation, tail). */
    record HeadQuery(int relation, int tail, long[] candidates) {}

    /** Turns a query into the block's 3-input serving call and its [1, C] output into floats. */
    static final class HeadQueryTranslator implements NoBatchifyTranslator<HeadQuery, float[]> {
        /** {@inheritDoc} */
        @Override
        public NDList processInput(TranslatorContext ctx, HeadQuery query) {
            NDManager m = ctx.getNDManager();
            return new NDList(m.create(new long[] {query.relation()}), m.create(new long[] {query.tail()}),
                    m.create(query.candidates()));
        }

        /** {@inheritDoc} */
        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().toFloatArray();
        }
    }
}

package org.kedrec.trainer.ranking;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kedrec.core.Messages;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.RankerFiles;
import org.kedrec.core.ranking.kge.KgeBlock;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.tensor.Scalars;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TreatsPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link KgeBlock} on a {@link TrainingGraph} with DJL: mini-batches of one relation each, shared negative
 * heads and tails of the right entity kind (all of them when the kind is small, e.g. every drug for TREATS, which
 * makes the TREATS loss exactly the ranking the model is evaluated on), a softmax cross-entropy over the positive and
 * its negatives on both sides, N3 regularisation, Adam with linear warm-up and cosine decay, early stopping on the
 * filtered MRR of the VALIDATION pairs, and a checkpoint of the best epoch.
 */
public final class KgeTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(KgeTrainer.class);

    private final KgeTrainingConfig config;
    private final Device device;
    private final ProgressTracker progress;

    public KgeTrainer(KgeTrainingConfig config, Device device, ProgressTracker progress) {
        this.config = config;
        this.device = device;
        this.progress = progress;
    }

    /** One evaluation during training. */
    public record EpochResult(int epoch, double loss, double validationMrr, double validationHit10, double seconds) {}

    /**
     * The outcome: the model holding the best epoch's parameters (the caller closes it), the history, and the
     * training speed.
     */
    public record Result(Model model, KgeBlock block, List<EpochResult> history, int bestEpoch, double bestMrr,
            double trainSeconds, double triplesPerSecond, long triplesSeen) {}

    public Result train(TrainingGraph graph, Path checkpointDir) {
        int treats = graph.treatsRelation();
        if (treats < 0) {
            throw new IllegalStateException(
                    "The training graph has no training TREATS edge, so there is nothing to learn to rank. Check "
                            + "the sources and the split (every TREATS edge is held out?).");
        }
        EntityIndex entities = graph.entities();
        Engine.getInstance().setRandomSeed(config.seed());
        SplittableRandom random = new SplittableRandom(config.seed());
        KgeBlock block = new KgeBlock(config.model(), entities.size(), graph.relations().size(), config.dim());
        Model model = DrugRanker.newModel(device);
        model.setBlock(block);

        // Triples grouped by relation; every relation's heads (tails) share one entity kind by construction.
        int relations = graph.relations().size();
        List<List<Integer>> byRelation = new ArrayList<>();
        for (int r = 0; r < relations; r++) {
            byRelation.add(new ArrayList<>());
        }
        for (int i = 0; i < graph.size(); i++) {
            byRelation.get(graph.relation(i)).add(i);
        }
        Map<String, int[]> pools = new HashMap<>();
        int[][] headPool = new int[relations][];
        int[][] tailPool = new int[relations][];
        for (int r = 0; r < relations; r++) {
            int first = byRelation.get(r).get(0);
            String hl = entities.label(graph.head(first));
            String tl = entities.label(graph.tail(first));
            headPool[r] = pools.computeIfAbsent(hl, entities::withLabel);
            tailPool[r] = pools.computeIfAbsent(tl, entities::withLabel);
        }

        int stepsPerEpoch = countBatches(byRelation, treats);
        int totalSteps = stepsPerEpoch * config.epochs();
        Tracker schedule = Tracker.warmUp()
                .optWarmUpBeginValue((float) (config.learningRate() * 0.1))
                .optWarmUpSteps(Math.min(stepsPerEpoch, totalSteps / 5))
                .setMainTracker(Tracker.cosine()
                        .setBaseValue((float) config.learningRate())
                        .optFinalValue((float) (config.learningRate() * config.finalLearningRateFraction()))
                        .setMaxUpdates(totalSteps)
                        .build())
                .build();
        // The block's parameters, initialised as DJL's trainer would, but without gradients attached: each step
        // gathers the rows it touches, differentiates those and writes them back (see RowwiseSteps).
        block.initialize(model.getNDManager(), DataType.FLOAT32,
                new Shape(1), new Shape(1), new Shape(1), new Shape(1), new Shape(1));

        Validation validation = new Validation(graph, treats);
        List<EpochResult> history = new ArrayList<>();
        double bestMrr = -1;
        int bestEpoch = 0;
        int sinceBest = 0;
        long triplesSeen = 0;
        double stepSeconds = 0;
        long start = System.nanoTime();
        try (RowwiseSteps steps = new RowwiseSteps(block, graph, schedule)) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                List<int[]> batches = batches(byRelation, treats, random);
                progress.begin(Messages.format("KGE epoch %d/%d", epoch, config.epochs()), batches.size());
                double lossSum = 0;
                for (int[] batch : batches) {
                    int r = graph.relation(batch[0]);
                    int[] heads = candidates(headPool[r], random);
                    int[] tails = candidates(tailPool[r], random);
                    long t0 = System.nanoTime();
                    lossSum += steps.take(batch, heads, tails);
                    stepSeconds += (System.nanoTime() - t0) / 1e9;
                    triplesSeen += batch.length;
                    progress.advance(1);
                }
                progress.end();
                if (epoch % config.evalEvery() == 0 || epoch == config.epochs()) {
                    double[] v = validation.evaluate(model);
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    EpochResult result = new EpochResult(epoch, lossSum / batches.size(), v[0], v[1], seconds);
                    history.add(result);
                    LOG.info("epoch {}: loss {} validation MRR {} Hit@10 {} ({} s)", epoch,
                            fmt(result.loss()), fmt(v[0]), fmt(v[1]), fmt(seconds));
                    if (v[0] > bestMrr) {
                        bestMrr = v[0];
                        bestEpoch = epoch;
                        sinceBest = 0;
                        save(model, checkpointDir);
                    } else if (++sinceBest >= config.patience()) {
                        LOG.info("early stop: no better validation MRR for {} evaluations", sinceBest);
                        break;
                    }
                }
            }
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        try {
            model.load(checkpointDir, RankerFiles.PARAMS_PREFIX);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("Could not reload the best checkpoint from " + checkpointDir, e);
        }
        return new Result(model, block, history, bestEpoch, bestMrr, trainSeconds,
                stepSeconds > 0 ? triplesSeen / stepSeconds : 0, triplesSeen);
    }

    private static String fmt(double v) {
        return Messages.format("%.4f", v);
    }

    private static void save(Model model, Path dir) {
        try {
            Files.createDirectories(dir);
            model.save(dir, RankerFiles.PARAMS_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a checkpoint to " + dir, e);
        }
    }

    /**
     * The optimisation steps of one training run, each on the rows its batch touches: the entity rows of its heads,
     * tails and shared candidates and its one relation's row are gathered into small tables, the loss is
     * differentiated with respect to those alone, and Adam writes them back. Nothing in a step has the size of the
     * whole entity table. Owns the Adam moments, freed on close.
     */
    private final class RowwiseSteps implements AutoCloseable {
        private final KgeBlock block;
        private final TrainingGraph graph;
        private final Tracker schedule;
        private final KgeLoss kgeLoss = new KgeLoss(config.regularization());
        private final RowSet rowSet;
        private final NDManager moments;
        private final RowAdam entityAdam;
        private final RowAdam relationAdam;
        private int taken;

        RowwiseSteps(KgeBlock block, TrainingGraph graph, Tracker schedule) {
            this.block = block;
            this.graph = graph;
            this.schedule = schedule;
            this.rowSet = new RowSet(graph.entities().size());
            NDArray entityTable = block.entityParameter().getArray();
            this.moments = entityTable.getManager().newSubManager();
            this.entityAdam = new RowAdam(entityTable, moments);
            this.relationAdam = new RowAdam(block.relationParameter().getArray(), moments);
        }

        /** One step on {@code batch} (triples of one relation) against the shared candidates; returns its loss. */
        double take(int[] batch, int[] headCands, int[] tailCands) {
            taken++;
            float learningRate = schedule.getNewValue(taken - 1);
            float loss;
            NDArray entityTable = block.entityParameter().getArray();
            NDArray relationTable = block.relationParameter().getArray();
            try (NDScope ignored = new NDScope();
                    NDManager m = entityTable.getManager().newSubManager(entityTable.getDevice())) {
                rowSet.clear();
                long[] h = new long[batch.length];
                long[] t = new long[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    h[i] = rowSet.local(graph.head(batch[i]));
                    t[i] = rowSet.local(graph.tail(batch[i]));
                }
                long[] hc = rowSet.locals(headCands);
                long[] tc = rowSet.locals(tailCands);
                NDArray entityRows = m.create(rowSet.rows());
                NDArray relationRow = m.create(new long[] {graph.relation(batch[0])});
                NDArray entities = entityTable.get(m, new NDIndex("{}", entityRows));
                NDArray relation = relationTable.get(m, new NDIndex("{}", relationRow));
                entities.setRequiresGradient(true);
                relation.setRequiresGradient(true);
                NDArray hs = m.create(h);
                NDArray ts = m.create(t);
                NDArray hcs = m.create(hc);
                NDArray tcs = m.create(tc);
                // All triples of a batch share one relation: row 0 of the gathered relation table.
                NDList indexes = new NDList(hs, m.zeros(new Shape(batch.length), DataType.INT64), ts, hcs, tcs);
                // The true head (tail) may be among the shared candidates: mask it so it is not its own negative.
                NDList labels = new NDList(hcs.expandDims(0).eq(hs.expandDims(1)),
                        tcs.expandDims(0).eq(ts.expandDims(1)));
                try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                    NDArray value = kgeLoss.evaluate(labels, block.trainingScores(entities, relation, indexes));
                    collector.backward(value);
                    loss = value.getFloat();
                }
                entityAdam.update(entityRows, entities.getGradient(), taken, learningRate);
                relationAdam.update(relationRow, relation.getGradient(), taken, learningRate);
            }
            if (!Float.isFinite(loss)) {
                throw new IllegalStateException(Messages.format(
                        "The training loss became %s; lower the learning rate (now %s) or the regularisation.",
                        loss, config.learningRate()));
            }
            return loss;
        }

        @Override
        public void close() {
            entityAdam.close();
            relationAdam.close();
            moments.close();
        }
    }

    /**
     * The distinct entity rows of one batch, in first-seen order, and each row's position among them. Reused across
     * steps: clearing it costs the rows of the last batch, not the size of the table.
     */
    private static final class RowSet {
        private final int[] localOf;
        private long[] rows = new long[1024];
        private int size;

        RowSet(int entities) {
            localOf = new int[entities];
            Arrays.fill(localOf, -1);
        }

        long local(int row) {
            int at = localOf[row];
            if (at < 0) {
                if (size == rows.length) {
                    rows = Arrays.copyOf(rows, size * 2);
                }
                at = size++;
                rows[at] = row;
                localOf[row] = at;
            }
            return at;
        }

        long[] locals(int[] rows) {
            long[] out = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = local(rows[i]);
            }
            return out;
        }

        long[] rows() {
            return Arrays.copyOf(rows, size);
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                localOf[(int) rows[i]] = -1;
            }
            size = 0;
        }
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private int[] candidates(int[] pool, SplittableRandom random) {
        if (pool.length <= config.fullSoftmaxLimit()) {
            return pool;
        }
        int[] out = new int[config.negatives()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pool[random.nextInt(pool.length)];
        }
        return out;
    }

    private int countBatches(List<List<Integer>> byRelation, int treats) {
        int n = 0;
        for (int r = 0; r < byRelation.size(); r++) {
            int size = byRelation.get(r).size() * (r == treats ? config.treatsOversample() : 1);
            n += (size + config.batchSize() - 1) / config.batchSize();
        }
        return n;
    }

    private List<int[]> batches(List<List<Integer>> byRelation, int treats, SplittableRandom random) {
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < byRelation.size(); r++) {
            List<Integer> triples = byRelation.get(r);
            int repeats = r == treats ? config.treatsOversample() : 1;
            int[] all = new int[triples.size() * repeats];
            for (int k = 0; k < repeats; k++) {
                for (int i = 0; i < triples.size(); i++) {
                    all[k * triples.size() + i] = triples.get(i);
                }
            }
            shuffle(all, random);
            for (int from = 0; from < all.length; from += config.batchSize()) {
                int to = Math.min(all.length, from + config.batchSize());
                int[] batch = new int[to - from];
                System.arraycopy(all, from, batch, 0, batch.length);
                out.add(batch);
            }
        }
        // shuffle batch order
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] tmp = out.get(i);
            out.set(i, out.get(j));
            out.set(j, tmp);
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /**
     * Scores {@code (drug, relation, disease)} for every given disease (rows) and drug (columns) with the block in
     * inference mode.
     */
    public static float[][] headScores(Model model, int relation, int[] tails, int[] candidates) {
        KgeBlock block = (KgeBlock) model.getBlock();
        float[][] out = new float[tails.length][];
        int chunk = 64;
        for (int from = 0; from < tails.length; from += chunk) {
            int to = Math.min(tails.length, from + chunk);
            try (NDManager m = model.getNDManager().newSubManager()) {
                long[] rels = new long[to - from];
                long[] ts = new long[to - from];
                for (int i = from; i < to; i++) {
                    rels[i - from] = relation;
                    ts[i - from] = tails[i];
                }
                NDList input = new NDList(m.create(rels), m.create(ts), m.create(toLong(candidates)));
                NDArray scores = block.forward(new ParameterStore(m, false), input, false).singletonOrThrow();
                float[] flat = scores.toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = from; i < to; i++) {
                    float[] row = new float[candidates.length];
                    System.arraycopy(flat, (i - from) * candidates.length, row, 0, candidates.length);
                    out[i] = row;
                }
            }
        }
        return out;
    }

    /** Filtered ranking of the VALIDATION pairs among all drugs, filtering the other known TRAIN/VALIDATION drugs. */
    private static final class Validation {
        private final int treats;
        private final int[] drugs;
        private final int[] diseases;
        private final List<int[]> pairs = new ArrayList<>(); // {diseaseRow, drugColumn}
        private final BitSet[] known;

        Validation(TrainingGraph graph, int treats) {
            this.treats = treats;
            EntityIndex e = graph.entities();
            this.drugs = e.withLabel(org.kedrec.core.ids.EntityKind.DRUG.label());
            Map<Integer, Integer> drugColumn = new HashMap<>();
            for (int i = 0; i < drugs.length; i++) {
                drugColumn.put(drugs[i], i);
            }
            List<TreatsPair> visible = graph.treatsPairs().stream()
                    .filter(p -> p.split() == PairSplit.TRAIN || p.split() == PairSplit.VALIDATION)
                    .toList();
            Map<Integer, Integer> rowOf = new HashMap<>();
            List<Integer> rows = new ArrayList<>();
            for (TreatsPair p : visible) {
                if (p.split() == PairSplit.VALIDATION) {
                    int d = e.indexOrMinusOne(p.disease());
                    rowOf.computeIfAbsent(d, k -> {
                        rows.add(k);
                        return rows.size() - 1;
                    });
                }
            }
            this.diseases = rows.stream().mapToInt(Integer::intValue).toArray();
            this.known = new BitSet[diseases.length];
            for (int i = 0; i < known.length; i++) {
                known[i] = new BitSet(drugs.length);
            }
            for (TreatsPair p : visible) {
                Integer row = rowOf.get(e.indexOrMinusOne(p.disease()));
                Integer col = drugColumn.get(e.indexOrMinusOne(p.drug()));
                if (row == null || col == null) {
                    continue;
                }
                known[row].set(col);
                if (p.split() == PairSplit.VALIDATION) {
                    pairs.add(new int[] {row, col});
                }
            }
        }

        /** {MRR, Hit@10}; 0 when there are no validation pairs. */
        double[] evaluate(Model model) {
            if (pairs.isEmpty()) {
                return new double[] {0, 0};
            }
            float[][] scores = headScores(model, treats, diseases, drugs);
            List<RankOutcome> outcomes = new ArrayList<>();
            for (int[] p : pairs) {
                outcomes.add(RankingMetrics.filteredRank(scores[p[0]], p[1], known[p[0]]));
            }
            return new double[] {RankingMetrics.mrr(outcomes), RankingMetrics.hitsAt(outcomes, 10)};
        }
    }

    /**
     * Softmax cross-entropy of each positive against its shared negatives, on the head side and the tail side,
     * plus the weighted N3 regulariser. Labels are the two masks of candidates equal to the true entity.
     */
    static final class KgeLoss extends Loss {
        private final double regularization;

        KgeLoss(double regularization) {
            super("kge-softmax");
            this.regularization = regularization;
        }

        /** {@inheritDoc} */
        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray positive = predictions.get(0).expandDims(1);
            NDArray head = side(positive, predictions.get(1), labels.get(0));
            NDArray tail = side(positive, predictions.get(2), labels.get(1));
            // Scalars, not div(2)/mul(w): the backward pass reads these numbers (see Scalars).
            NDArray loss = Scalars.div(head.add(tail).mean(), 2);
            return regularization > 0 ? loss.add(Scalars.mul(predictions.get(3), (float) regularization)) : loss;
        }

        private static NDArray side(NDArray positive, NDArray negatives, NDArray isTrue) {
            NDArray masked = negatives.sub(isTrue.toType(DataType.FLOAT32, false).mul(1e9f));
            NDArray logits = positive.concat(masked, 1);
            return logits.logSoftmax(1).get(":, 0").neg();
        }
    }
}

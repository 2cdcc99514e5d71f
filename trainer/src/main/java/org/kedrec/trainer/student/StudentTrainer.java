package org.kedrec.trainer.student;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.BpeTokenizer;
import org.kedrec.core.lm.CandidateScorer;
import org.kedrec.core.lm.NativeCausalLm;
import org.kedrec.core.lm.PromptShape;
import org.kedrec.core.lm.SpecialTokens;
import org.kedrec.core.lm.StudentConfig;
import org.kedrec.core.lm.StudentFiles;
import org.kedrec.core.lm.StudentLexicon;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.lm.StudentPrompt;
import org.kedrec.core.lm.StudentTransformer;
import org.kedrec.core.lm.UnseenDiseaseVote;
import org.kedrec.core.tensor.Scalars;

/**
 * Sequence-level distillation of the teacher's answers into a student transformer: cross-entropy on the answer
 * tokens only (the choice token weighted {@code selectionWeight} times), AdamW with a warm-up + cosine schedule, global-norm gradient clipping, steps skipped when the
 * gradient is not finite, validation loss and selection accuracy after every epoch, early stopping, and the best
 * epoch's parameters checkpointed. Deterministic for a seed on one device.
 */
public final class StudentTrainer {
    /**
     * The vote on diseases the student never trained on ({@link org.kedrec.core.lm.UnseenDiseaseVote}), fitted once
     * for the quick recipe by a disease-level five-fold cross-fit: each fold's diseases held out of one student's
     * training and one ranker's graph, and {@link SelectionFusion#fitScaled} on the pooled folds' pairs as a new
     * disease shows them (docs/student.md, tenth round): 966 examples of 66 diseases, where the students alone were
     * right on 0.759, the fold rankers on 0.836 and this vote on 0.837. The likelihoods keep a twentieth of their
     * weight (the fit is flat from 0.05 to 0.1): on a new disease the ranker decides unless it is near a tie. A
     * student's own validation pairs cannot give these numbers: their diseases are ones it trained on.
     */
    public static final double UNSEEN_STUDENT_SCALE = 0.05;
    /** See {@link #UNSEEN_STUDENT_SCALE}. */
    public static final double UNSEEN_RANKER_WEIGHT = 1.0;

    /** Training settings; {@link #defaults()} are the ones measured in docs/student.md. */
    public record Options(String preset, int epochs, int seed, Device device, float learningRate, int batchTokens,
                          int maxRows, int vocabSize, int maxSeqLen, int patience, float warmupFraction,
                          float clipNorm, float weightDecay, int maxTrainExamples, float selectionWeight,
                          boolean swapCandidates, boolean zeroShotViews, String checkpointBy, boolean lineViews,
                          boolean rankerFusion, boolean unseenDiseaseVote, double unseenStudentScale,
                          double unseenRankerWeight) {
        /** What picks the best epoch: validation selection accuracy (ties: lower loss), or validation loss. */
        public static final List<String> CHECKPOINT_BY = List.of("accuracy", "loss");

        public Options {
            if (!CHECKPOINT_BY.contains(checkpointBy)) {
                throw new IllegalArgumentException(Messages.format(
                        "Unknown checkpoint criterion: `%s`. Valid values are: %s.", checkpointBy, CHECKPOINT_BY));
            }
            if (unseenDiseaseVote && !(unseenStudentScale > 0 && unseenStudentScale <= 1)) {
                throw new IllegalArgumentException(Messages.format(
                        "--unseen-student-scale must be in (0, 1] but was %s (the default is %s).",
                        unseenStudentScale, UNSEEN_STUDENT_SCALE));
            }
            if (unseenDiseaseVote && (!(unseenRankerWeight >= 0) || Double.isInfinite(unseenRankerWeight))) {
                throw new IllegalArgumentException(Messages.format(
                        "--unseen-ranker-weight must be a finite number of at least 0 but was %s (the default is %s).",
                        unseenRankerWeight, UNSEEN_RANKER_WEIGHT));
            }
        }

        /** The measured defaults (docs/student.md); {@code train student}'s options have the same defaults. */
        public static Options defaults() {
            return builder().build();
        }

        /** A builder holding {@link #defaults()}; set what differs. */
        public static Builder builder() {
            return new Builder();
        }

        /** Options by name instead of by position; each setter's default is {@link #defaults()}'s. */
        public static final class Builder {
            private String preset = "small";
            private int epochs = 30;
            private int seed = 42;
            /** Null until set: {@link #build} asks for the default device only then (that probes for GPUs). */
            private Device device;
            private float learningRate = 6e-4f;
            private int batchTokens = 6144;
            private int maxRows = 32;
            private int vocabSize = 2048;
            private int maxSeqLen = 640;
            private int patience = 10;
            private float warmupFraction = 0.05f;
            private float clipNorm = 1.0f;
            private float weightDecay = 0.01f;
            private int maxTrainExamples = 0;
            private float selectionWeight = 5f;
            private boolean swapCandidates = true;
            private boolean zeroShotViews = true;
            private String checkpointBy = "accuracy";
            private boolean lineViews = false;
            private boolean rankerFusion = true;
            private boolean unseenDiseaseVote = true;
            private double unseenStudentScale = UNSEEN_STUDENT_SCALE;
            private double unseenRankerWeight = UNSEEN_RANKER_WEIGHT;

            private Builder() {}

            /** The model size: tiny, small, base. */
            public Builder preset(String value) {
                this.preset = value;
                return this;
            }

            /** Passes over the training views. */
            public Builder epochs(int value) {
                this.epochs = value;
                return this;
            }

            /** Seeds initialisation, batching and view order. */
            public Builder seed(int value) {
                this.seed = value;
                return this;
            }

            /** Where to train. */
            public Builder device(Device value) {
                this.device = value;
                return this;
            }

            /** Peak of the warm-up + cosine schedule. */
            public Builder learningRate(float value) {
                this.learningRate = value;
                return this;
            }

            /** Tokens per batch, padding included. */
            public Builder batchTokens(int value) {
                this.batchTokens = value;
                return this;
            }

            /** Sequences per batch at most. */
            public Builder maxRows(int value) {
                this.maxRows = value;
                return this;
            }

            /** BPE vocabulary trained on the examples. */
            public Builder vocabSize(int value) {
                this.vocabSize = value;
                return this;
            }

            /** Prompt + answer tokens; longer prompts are cut. */
            public Builder maxSeqLen(int value) {
                this.maxSeqLen = value;
                return this;
            }

            /** Epochs without a better checkpoint before stopping. */
            public Builder patience(int value) {
                this.patience = value;
                return this;
            }

            /** Share of the steps spent warming up the learning rate. */
            public Builder warmupFraction(float value) {
                this.warmupFraction = value;
                return this;
            }

            /** Global gradient norm clipped to. */
            public Builder clipNorm(float value) {
                this.clipNorm = value;
                return this;
            }

            /** AdamW's decoupled weight decay. */
            public Builder weightDecay(float value) {
                this.weightDecay = value;
                return this;
            }

            /** A seeded subset of the training examples; 0: all. */
            public Builder maxTrainExamples(int value) {
                this.maxTrainExamples = value;
                return this;
            }

            /** Loss weight of the answer's first token, the choice. */
            public Builder selectionWeight(float value) {
                this.selectionWeight = value;
                return this;
            }

            /** Also trains every pair with its candidates swapped. */
            public Builder swapCandidates(boolean value) {
                this.swapCandidates = value;
                return this;
            }

            /** Also trains every pair as a disease without known treatments shows it. */
            public Builder zeroShotViews(boolean value) {
                this.zeroShotViews = value;
                return this;
            }

            /** What picks the best epoch, one of {@link #CHECKPOINT_BY}. */
            public Builder checkpointBy(String value) {
                this.checkpointBy = value;
                return this;
            }

            /** Also trains every pair's choice-only view, whose one clue is the ranker's line. */
            public Builder lineViews(boolean value) {
                this.lineViews = value;
                return this;
            }

            /**
             * With a ranker tool, fits the ranker's weight in the selection on the validation pairs after training
             * ({@link SelectionFusion}); off: the student's likelihoods alone select.
             */
            public Builder rankerFusion(boolean value) {
                this.rankerFusion = value;
                return this;
            }

            /**
             * With the ranker fusion: on diseases the student never trained on, vote with {@code
             * unseenStudentScale} and {@code unseenRankerWeight} ({@link org.kedrec.core.lm.UnseenDiseaseVote});
             * off: the validation-fitted vote everywhere.
             */
            public Builder unseenDiseaseVote(boolean value) {
                this.unseenDiseaseVote = value;
                return this;
            }

            /** The scale on the student's likelihoods on unseen diseases, in (0, 1]. */
            public Builder unseenStudentScale(double value) {
                this.unseenStudentScale = value;
                return this;
            }

            /** The ranker's weight on unseen diseases, at least 0. */
            public Builder unseenRankerWeight(double value) {
                this.unseenRankerWeight = value;
                return this;
            }

            public Options build() {
                return new Options(preset, epochs, seed, device != null ? device : defaultDevice(), learningRate,
                        batchTokens, maxRows, vocabSize, maxSeqLen, patience, warmupFraction, clipNorm, weightDecay,
                        maxTrainExamples, selectionWeight, swapCandidates, zeroShotViews, checkpointBy, lineViews,
                        rankerFusion, unseenDiseaseVote, unseenStudentScale, unseenRankerWeight);
            }
        }
    }

    /** One epoch's numbers. */
    public record Epoch(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
                        double zeroShotLikeAccuracy, double seconds, int skippedSteps) {}

    /** What a training run produced. */
    public record Result(Path directory, StudentConfig config, List<Epoch> history, int bestEpoch,
                         double trainSeconds, double trainTokensPerSecond, long parameters) {}

    /** Receives progress: {@code bar} lines overwrite each other, {@code log} lines stay. */
    public interface Progress {
        Progress NULL = new Progress() {
            @Override
            public void bar(String line) {}

            @Override
            public void log(String line) {}
        };

        void bar(String line);

        void log(String line);
    }

    private final Options options;
    private final Progress progress;
    private CandidateScorer tools = CandidateScorer.NONE;
    /** The tool of the training examples' prompts; null: {@link #tools}, as for validation and serving. */
    private CandidateScorer trainingTools;
    /** The shape of the training examples' prompts, recorded beside the student for {@code kedrec.select}. */
    private PromptShape promptShape = PromptShape.DEFAULT;

    public StudentTrainer(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Trains with the tool's line in every prompt (the KG ranker's verdict or scores) and marks the student as such. */
    public StudentTrainer withTools(CandidateScorer tools) {
        this.tools = tools == null ? CandidateScorer.NONE : tools;
        return this;
    }

    /**
     * Trains with {@code trainingTools}' line in the training examples' prompts and {@link #withTools}' line in the
     * validation prompts (and in the student's {@code tools.json}, for serving): the cross-fitted rankers of
     * {@link CrossFitRankers} for the one, the full ranker for the other. Both write the same line form.
     */
    public StudentTrainer withTrainingTools(CandidateScorer trainingTools) {
        this.trainingTools = trainingTools;
        return this;
    }

    /**
     * Records {@code shape} (the settings of the dataset the examples come from, {@link PromptShape#ofDataset}) in
     * the student's {@link PromptShape#FILE}, so {@code kedrec.select} asks it to choose on prompts like the ones it
     * trained on. Default: {@link PromptShape#DEFAULT}.
     */
    public StudentTrainer withPromptShape(PromptShape shape) {
        this.promptShape = shape == null ? PromptShape.DEFAULT : shape;
        return this;
    }

    /**
     * A seeded random {@code n} of the examples in their order (all when {@code n} is 0 or covers them). The dataset
     * lists examples disease by disease, so the first {@code n} would be a few diseases only; a learning curve must
     * vary the number of examples, not which diseases the student meets.
     */
    static List<ExpRxRecExample> subset(List<ExpRxRecExample> examples, int n, long seed) {
        if (n <= 0 || n >= examples.size()) {
            return examples;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        List<Integer> kept = new ArrayList<>(order.subList(0, n));
        java.util.Collections.sort(kept);
        List<ExpRxRecExample> out = new ArrayList<>();
        kept.forEach(i -> out.add(examples.get(i)));
        return out;
    }

    /** The GPU when the engine sees one, else the CPU. */
    public static Device defaultDevice() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /**
     * Trains on {@code train}, stops early on {@code validation} loss, and writes the student into {@code out}
     * (replacing an earlier one only once the new one is complete).
     */
    public Result train(List<ExpRxRecExample> train, List<ExpRxRecExample> validation, Path out,
                        Map<String, Object> provenance) {
        return train(train, List.of(), validation, out, provenance);
    }

    /**
     * Trains on {@code train}; {@code otherViews} are the same pairs with other evidence (the dataset's other
     * variants), drawn at random in place of the pair's own example in each epoch (none: only {@code train}).
     */
    public Result train(List<ExpRxRecExample> train, List<ExpRxRecExample> otherViews,
                        List<ExpRxRecExample> validation, Path out, Map<String, Object> provenance) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("The training split is empty; there is nothing to distil.");
        }
        train = subset(train, options.maxTrainExamples(), options.seed());
        long start = System.nanoTime();
        Engine.getInstance().setRandomSeed(options.seed());
        Random random = new Random(options.seed());
        Path tmp = org.kedrec.core.model.AtomicDirectory.staging(out);
        progress.log(Messages.format("Training the tokenizer (%d tokens) on %d examples", options.vocabSize(),
                train.size()));
        BpeTokenizer tokenizer = BpeTokenizer.train(train.stream().map(StudentPrompt::tokenizerText).toList(),
                options.vocabSize(), SpecialTokens.all());
        StudentConfig config = StudentConfig.preset(options.preset(), tokenizer.vocabSize(), options.maxSeqLen());
        StudentLexicon lexicon = StudentLexicon.build(train);
        TrainingViews training = views(train, otherViews, tokenizer, config);
        List<List<List<Sequences.Sequence>>> views = training.perPair();
        if (options.swapCandidates()) {
            List<ExpRxRecExample> both = new ArrayList<>(validation);
            validation.forEach(e -> both.add(StudentAugment.reversed(e)));
            validation = both;
        }
        List<Sequences.Sequence> validSeq = Sequences.of(validation, tokenizer, config, tools);
        int[] candidatesOfValid = validation.stream().mapToInt(e -> e.candidates().size()).toArray();
        // The validation pairs as a disease without known treatments shows them: a stand-in for held-out diseases
        // that never looks at them.
        List<ExpRxRecExample> zeroShotLike = !options.zeroShotViews() ? List.of() : validation.stream()
                .map(e -> java.util.Objects.requireNonNullElse(StudentAugment.withoutTreatmentsOfDisease(e), e))
                .toList();
        List<Sequences.Sequence> zeroShotSeq = Sequences.of(zeroShotLike, tokenizer, config, tools);
        int stepsPerEpoch = Sequences.batches(draw(views, new Random(options.seed())), options.batchTokens(),
                options.maxRows(), null).size();
        int totalSteps = stepsPerEpoch * options.epochs();
        WarmupCosine schedule = new WarmupCosine(options.learningRate(), options.learningRate() * 0.1f,
                Math.max(1, (int) (totalSteps * options.warmupFraction())), totalSteps);
        Optimizer optimizer = Optimizer.adamW().optLearningRateTracker(schedule)
                .optWeightDecays(options.weightDecay()).build();
        List<Epoch> history = new ArrayList<>();
        int bestEpoch = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        double bestAccuracy = -1;
        long trainedTokens = 0;
        double trainingSeconds = 0;
        progress.log(Messages.format("Student %s: %d layers, d=%d, %d heads, %,d parameters, vocab %d, %d train / "
                        + "%d validation examples, %d steps per epoch on %s", options.preset(), config.layers(),
                config.dModel(), config.heads(), config.parameterCount(), tokenizer.vocabSize(), train.size(),
                validation.size(), stepsPerEpoch, options.device()));
        try (NativeCausalLm lm = NativeCausalLm.create(config, tokenizer, options.device())) {
            StudentTransformer transformer = lm.transformer();
            Model model = lm.model();
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                List<Sequences.Batch> batches =
                        Sequences.batches(draw(views, random), options.batchTokens(), options.maxRows(), random);
                double lossSum = 0;
                long lossCount = 0;
                int skipped = 0;
                long epochTokens = 0;
                for (int b = 0; b < batches.size(); b++) {
                    Sequences.Batch batch = batches.get(b);
                    float loss = step(model, transformer, optimizer, batch);
                    if (Float.isFinite(loss)) {
                        lossSum += loss * batch.targets().length;
                        lossCount += batch.targets().length;
                    } else {
                        skipped++;
                    }
                    epochTokens += batch.tokens();
                    double elapsed = (System.nanoTime() - epochStart) / 1e9;
                    progress.bar(Messages.format("epoch %d/%d %s %d/%d loss %.3f lr %.1e %,.0f tok/s", epoch,
                            options.epochs(), bar(b + 1, batches.size()), b + 1, batches.size(),
                            lossCount == 0 ? Double.NaN : lossSum / lossCount,
                            schedule.getNewValue(Math.max(0, (epoch - 1) * stepsPerEpoch + b)),
                            epochTokens / Math.max(1e-9, elapsed)));
                }
                trainingSeconds += (System.nanoTime() - epochStart) / 1e9;
                trainedTokens += epochTokens;
                double[] valid = validSeq.isEmpty() ? new double[] {lossSum / Math.max(1, lossCount), Double.NaN}
                        : validate(model, transformer, validSeq, candidatesOfValid);
                double zeroShot = zeroShotSeq.isEmpty() ? Double.NaN
                        : validate(model, transformer, zeroShotSeq, candidatesOfValid)[1];
                // Both held-out targets count: pairs of known diseases and diseases without known treatments.
                double criterion = Double.isNaN(zeroShot) ? valid[1] : (valid[1] + zeroShot) / 2;
                Epoch stats = new Epoch(epoch, lossSum / Math.max(1, lossCount), valid[0], valid[1], zeroShot,
                        (System.nanoTime() - epochStart) / 1e9, skipped);
                history.add(stats);
                boolean improved = "loss".equals(options.checkpointBy()) || Double.isNaN(criterion)
                        ? valid[0] < bestLoss - 1e-4
                        : criterion > bestAccuracy + 1e-9 || (criterion > bestAccuracy - 1e-9 && valid[0] < bestLoss);
                progress.log(Messages.format("epoch %d: train loss %.4f, validation loss %.4f, validation "
                                + "accuracy %.3f%s, %.0f s%s%s", epoch, stats.trainLoss(), stats.validationLoss(),
                        stats.validationAccuracy(), Double.isNaN(zeroShot) ? ""
                                : Messages.format(" (without the disease's treatments %.3f)", zeroShot),
                        stats.seconds(), skipped > 0 ? ", skipped " + skipped : "",
                        improved ? " (best, checkpointed)" : ""));
                if (improved) {
                    bestLoss = valid[0];
                    bestAccuracy = criterion;
                    bestEpoch = epoch;
                    model.setProperty("Epoch", "0");
                    model.save(tmp, StudentFiles.PARAMS_PREFIX);
                } else if (epoch - bestEpoch >= options.patience()) {
                    progress.log(Messages.format("Stopping early: no better validation %s for %d epochs.",
                            options.checkpointBy(), options.patience()));
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a checkpoint to " + tmp, e);
        }
        config.write(tmp.resolve(StudentFiles.CONFIG));
        tokenizer.save(tmp.resolve(StudentFiles.TOKENIZER));
        lexicon.write(tmp.resolve(StudentFiles.LEXICON));
        promptShape.write(tmp);
        SelectionFusion.Fit fusion = null;
        UnseenDiseaseVote unseen = null;
        if (tools != CandidateScorer.NONE) {
            if (options.rankerFusion() && !validation.isEmpty()) {
                fusion = fitRankerWeight(tmp, lexicon, validation);
            }
            unseen = fusion != null && options.unseenDiseaseVote()
                    ? new UnseenDiseaseVote(options.unseenStudentScale(), options.unseenRankerWeight(),
                            diseasesOf(train))
                    : null;
            CandidateScorer.markRankerTool(tmp, tools.lineForm(), fusion == null ? 0 : fusion.weight(), unseen);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Result result = new Result(out, config, List.copyOf(history), bestEpoch, seconds,
                trainedTokens / Math.max(1e-9, trainingSeconds), config.parameterCount());
        Map<String, Object> metrics = new LinkedHashMap<>(provenance);
        metrics.put("preset", options.preset());
        metrics.put("config", config.toMap());
        metrics.put("parameters", config.parameterCount());
        metrics.put("seed", options.seed());
        metrics.put("device", options.device().toString());
        metrics.put("learningRate", options.learningRate());
        metrics.put("selectionWeight", options.selectionWeight());
        metrics.put("swapCandidates", options.swapCandidates());
        metrics.put("zeroShotViews", options.zeroShotViews());
        metrics.put("checkpointBy", options.checkpointBy());
        metrics.put("otherViews", otherViews.size());
        metrics.put("rankerTool", tools != CandidateScorer.NONE);
        metrics.put("rankerLine", tools != CandidateScorer.NONE ? tools.lineForm().label() : null);
        metrics.put("lineViews", options.lineViews() && tools != CandidateScorer.NONE);
        metrics.put("lineViewSequences", training.lineViewSequences());
        metrics.put("rankerCrossFit", trainingTools != null);
        metrics.put("rankerWeight", fusion == null ? 0.0 : fusion.weight());
        metrics.put("rankerWeightFit", fusion == null ? null : fusion.toMap());
        metrics.put("unseenDiseaseVote", unseen == null ? null : unseen.summary());
        metrics.put("prompt", promptShape.toMap());
        metrics.put("epochs", options.epochs());
        metrics.put("batchTokens", options.batchTokens());
        metrics.put("trainExamples", train.size());
        metrics.put("validationExamples", validation.size());
        metrics.put("bestEpoch", bestEpoch);
        metrics.put("trainSeconds", seconds);
        metrics.put("trainTokensPerSecond", result.trainTokensPerSecond());
        metrics.put("history", history);
        StudentManifest.writeMetrics(tmp.resolve(StudentFiles.METRICS), metrics);
        StudentManifest.replace(tmp, out);
        return result;
    }

    /** The diseases of {@code examples}: the ones a student trained on them has seen. */
    static Set<String> diseasesOf(List<ExpRxRecExample> examples) {
        Set<String> out = new TreeSet<>();
        for (ExpRxRecExample e : examples) {
            if (e.disease() != null) {
                out.add(e.disease().id());
            }
        }
        return out;
    }

    /**
     * Fits the ranker's weight in the selection ({@link SelectionFusion}) for the checkpointed student in
     * {@code dir}, on the validation pairs as they are served (both candidate orders), with the validation tool.
     */
    private SelectionFusion.Fit fitRankerWeight(Path dir, StudentLexicon lexicon, List<ExpRxRecExample> validation) {
        // The student must not close the caller's tool (the command owns it).
        CandidateScorer borrowed = CandidateScorer.of(tools::scores, tools.lineForm());
        try (StudentModel checkpoint = StudentModel.of(NativeCausalLm.load(dir, options.device()), lexicon, 1,
                borrowed)) {
            SelectionFusion.Fit fit = SelectionFusion.fit(checkpoint, validation);
            progress.log(Messages.format("The ranker's weight in the selection: %.2f (validation accuracy %.3f, the "
                            + "student alone %.3f, the ranker alone %.3f, on %d examples)", fit.weight(),
                    fit.combinedAccuracy(), fit.studentAccuracy(), fit.rankerAccuracy(), fit.examples()));
            return fit;
        }
    }

    /**
     * Per training pair, its views grouped by candidate order: {@code [order][view]}. Order 0 is the example as
     * written, order 1 (with {@code swapCandidates}) the candidates reversed; the views are the pair's own example
     * and its examples in {@code otherViews} (matched by id without the variant suffix). With a ranker line and
     * {@code lineViews}, the pair's choice-only view ({@link StudentAugment#choiceOnly}) is one more order, in each
     * candidate order, so it is seen every epoch (it is a few tokens long).
     */
    private TrainingViews views(List<ExpRxRecExample> train, List<ExpRxRecExample> otherViews,
                                BpeTokenizer tokenizer, StudentConfig config) {
        Map<String, List<ExpRxRecExample>> byPair = new LinkedHashMap<>();
        for (ExpRxRecExample example : otherViews) {
            byPair.computeIfAbsent(pairKey(example), k -> new ArrayList<>()).add(example);
        }
        List<List<List<Sequences.Sequence>>> out = new ArrayList<>();
        int lineViewSequences = 0;
        for (ExpRxRecExample example : train) {
            List<ExpRxRecExample> same = new ArrayList<>();
            same.add(example);
            same.addAll(byPair.getOrDefault(pairKey(example), List.of()));
            if (options.zeroShotViews()) {
                for (ExpRxRecExample view : List.copyOf(same)) {
                    ExpRxRecExample stripped = StudentAugment.withoutTreatmentsOfDisease(view);
                    if (stripped != null) {
                        same.add(stripped);
                    }
                }
            }
            CandidateScorer lines = trainingTools != null ? trainingTools : tools;
            List<List<Sequences.Sequence>> orders = new ArrayList<>();
            orders.add(Sequences.of(same, tokenizer, config, lines));
            if (options.swapCandidates() && example.candidates().size() > 1) {
                orders.add(Sequences.of(same.stream().map(StudentAugment::reversed).toList(), tokenizer, config,
                        lines));
            }
            // Without these the student ignores the tool's line: the evidence alone fits the training pairs, and
            // flipping every line changed no choice of the quick student (docs/student.md, sixth round).
            ExpRxRecExample bare = options.lineViews() && lines != CandidateScorer.NONE
                    ? StudentAugment.choiceOnly(example) : null;
            if (bare != null) {
                orders.add(Sequences.of(List.of(bare), tokenizer, config, lines));
                lineViewSequences++;
                if (options.swapCandidates() && example.candidates().size() > 1) {
                    orders.add(Sequences.of(List.of(StudentAugment.reversed(bare)), tokenizer, config, lines));
                    lineViewSequences++;
                }
            }
            out.add(orders);
        }
        return new TrainingViews(out, lineViewSequences);
    }

    /**
     * The training sequences by pair ({@code [pair][order][view]}, see {@link #views}) and how many of them are
     * choice-only line views (one per pair and candidate order; recorded in {@code metrics.json}).
     */
    private record TrainingViews(List<List<List<Sequences.Sequence>>> perPair, int lineViewSequences) {}

    /** An example's pair: its id without the {@code |variant} suffix the dataset builder appends. */
    static String pairKey(ExpRxRecExample example) {
        String id = example.id();
        if (example.variant() != null && id.endsWith("|" + example.variant())) {
            return id.substring(0, id.length() - example.variant().length() - 1);
        }
        return id;
    }

    /** One epoch's sequences: every pair in every candidate order, each time with one of its views at random. */
    private static List<Sequences.Sequence> draw(List<List<List<Sequences.Sequence>>> views, Random random) {
        List<Sequences.Sequence> out = new ArrayList<>();
        for (List<List<Sequences.Sequence>> orders : views) {
            for (List<Sequences.Sequence> order : orders) {
                out.add(order.size() == 1 ? order.get(0) : order.get(random.nextInt(order.size())));
            }
        }
        return out;
    }

    private static String bar(int done, int total) {
        int width = 24;
        int filled = (int) ((long) done * width / Math.max(1, total));
        return "[" + "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "") + "]";
    }

    /** A batch's token ids and positions on {@code manager}, the transformer's input (training and validation). */
    private static NDList inputs(NDManager manager, Sequences.Batch batch) {
        return new NDList(manager.create(batch.inputs(), new Shape(batch.rows(), batch.time())),
                manager.create(batch.positions()));
    }

    /** A batch's next-token targets on {@code manager}, one per row of the logits. */
    private static NDArray targets(NDManager manager, Sequences.Batch batch) {
        return manager.create(batch.targets()).reshape(-1, 1);
    }

    private float step(Model model, StudentTransformer transformer, Optimizer optimizer, Sequences.Batch batch) {
        float loss;
        double normSquared = 0;
        try (NDManager manager = model.getNDManager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            ParameterStore store = new ParameterStore(manager, false);
            NDList inputs = inputs(manager, batch);
            NDArray targets = targets(manager, batch);
            float[] weightValues = batch.weights(options.selectionWeight());
            float weightSum = 0;
            for (float w : weightValues) {
                weightSum += w;
            }
            NDArray weights = manager.create(weightValues).reshape(-1, 1);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = transformer.forward(store, inputs, true).singletonOrThrow();
                // The choice is one token of a ~60-token answer; weighting it keeps selection from being an afterthought.
                // Scalars, not div(weightSum): the backward pass reads the number (see Scalars).
                NDArray nll = Scalars.div(
                        logits.logSoftmax(1).gather(targets, 1).neg().mul(weights).sum(), weightSum);
                collector.backward(nll);
                loss = nll.getFloat();
            }
            for (Pair<String, Parameter> parameter : transformer.getParameters()) {
                NDArray gradient = parameter.getValue().getArray().getGradient();
                normSquared += gradient.square().sum().getFloat();
            }
        }
        double norm = Math.sqrt(normSquared);
        boolean finite = Float.isFinite(loss) && Double.isFinite(norm);
        float scale = finite && norm > options.clipNorm() ? (float) (options.clipNorm() / norm) : 1f;
        // Outside any scope: the optimizer creates its moment arrays on first use and they must outlive the step.
        for (Pair<String, Parameter> parameter : transformer.getParameters()) {
            NDArray weight = parameter.getValue().getArray();
            NDArray gradient = weight.getGradient();
            if (finite) {
                if (scale < 1f) {
                    gradient.muli(scale);
                }
                optimizer.update(parameter.getValue().getId(), weight, gradient);
            }
            gradient.subi(gradient);
            if (!finite) {
                try (NDArray bad = gradient.isNaN()) {
                    gradient.set(bad, 0);
                }
            }
            gradient.close();
        }
        return finite ? loss : Float.NaN;
    }

    /** Validation loss on answer tokens and selection accuracy (argmax over the candidate slots). */
    private double[] validate(Model model, StudentTransformer transformer, List<Sequences.Sequence> sequences,
                              int[] candidates) {
        double lossSum = 0;
        long count = 0;
        int correct = 0;
        // Keep the example order so candidate counts line up: batch consecutive runs.
        for (int from = 0; from < sequences.size(); from += 16) {
            List<Sequences.Sequence> rows = sequences.subList(from, Math.min(sequences.size(), from + 16));
            Sequences.Batch batch = Sequences.batch(rows);
            try (NDManager manager = model.getNDManager().newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                ParameterStore store = new ParameterStore(manager, false);
                NDArray targets = targets(manager, batch);
                NDArray logProbs = transformer.forward(store, inputs(manager, batch), false).singletonOrThrow()
                        .logSoftmax(1);
                lossSum += logProbs.gather(targets, 1).neg().sum().getFloat();
                count += batch.targets().length;
                float[] flat = logProbs.toFloatArray();
                int vocab = transformer.config().vocabSize();
                for (int r = 0; r < rows.size(); r++) {
                    int base = batch.firstAnswerRow()[r] * vocab;
                    int best = 0;
                    for (int c = 1; c < candidates[from + r]; c++) {
                        if (flat[base + SpecialTokens.candidateId(c)] > flat[base + SpecialTokens.candidateId(best)]) {
                            best = c;
                        }
                    }
                    if (best == batch.labels()[r]) {
                        correct++;
                    }
                }
            }
        }
        return new double[] {lossSum / Math.max(1, count), (double) correct / Math.max(1, sequences.size())};
    }

    /** Trains with a tiny consumer for logs; handy in tests. */
    static Progress logTo(Consumer<String> sink) {
        return new Progress() {
            @Override
            public void bar(String line) {}

            @Override
            public void log(String line) {
                sink.accept(line);
            }
        };
    }
}

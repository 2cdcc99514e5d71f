package org.kedrec.trainer.student;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.CandidateScorer;
import org.kedrec.core.lm.PromptShape;
import org.kedrec.core.lm.RankerLine;
import org.kedrec.core.lm.StudentConfig;
import org.kedrec.core.model.ModelManifest;
import org.kedrec.core.progress.ConsoleProgress;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.trainer.cli.DeviceOption;
import org.kedrec.trainer.cli.TorchThreadsOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code kedrec train student}: distils the teacher's answers of an expRxRec dataset into the student. */
@Command(name = "student", mixinStandardHelpOptions = true,
        description = "Train the KEDRec-LM student on an expRxRec dataset (sequence-level distillation).")
public final class TrainStudentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, description = "Dataset directory with <variant>/*.jsonl.")
    Path dataset;

    @Option(names = "--model", required = true,
            description = "Model directory; the student goes to <model>/student (variant both) or "
                    + "<model>/student-<variant>.")
    Path model;

    @Option(names = "--variant", defaultValue = "both",
            description = "vanilla, trials, publications, both, or all (one student per variant). Default: both.")
    String variant;

    @Option(names = "--preset", defaultValue = "small", description = "tiny, small (CPU default), base, large.")
    String preset;

    @Option(names = "--epochs", defaultValue = "30", description = "Most epochs (early stopping may end sooner).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
    int seed;

    @Mixin
    DeviceOption device;

    @Option(names = "--vocab-size", defaultValue = "2048", description = "Tokenizer vocabulary size.")
    int vocabSize;

    @Option(names = "--max-seq-len", defaultValue = "640", description = "Longest prompt + answer in tokens.")
    int maxSeqLen;

    @Option(names = "--batch-tokens", defaultValue = "6144", description = "Padded tokens per batch.")
    int batchTokens;

    @Option(names = "--lr", defaultValue = "6e-4", description = "Peak learning rate.")
    float learningRate;

    @Option(names = "--patience", defaultValue = "10",
            description = "Stop after this many epochs without a better checkpoint criterion (see --checkpoint-by).")
    int patience;

    @Option(names = "--selection-weight", defaultValue = "5",
            description = "Loss weight of the answer's first token (the chosen candidate's slot).")
    float selectionWeight;

    @Option(names = "--swap-candidates", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Also train on every example with its candidates in reverse order (slots, evidence "
                    + "numbering and the answer renamed), so no candidate position is preferred. Default: on.")
    boolean swapCandidates;

    @Option(names = "--zero-shot-views", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Also train on each pair as a disease without known treatments shows it (paths ending in a "
                    + "TREATS edge into the disease removed, the evidence teacher's answer rewritten), and pick the "
                    + "best epoch on the validation pairs both as they are and shown that way. Default: on.")
    boolean zeroShotViews;

    @Option(names = "--mix-variants", defaultValue = "false",
            description = "In each epoch, show each training pair with the evidence of a random dataset variant "
                    + "(vanilla, trials, publications, both) instead of only the trained one.")
    boolean mixVariants;

    @Option(names = "--checkpoint-by", defaultValue = "accuracy",
            description = "What picks the best epoch and stops early: accuracy (validation selection accuracy, "
                    + "ties broken by loss) or loss (validation loss on the answer tokens). Default: accuracy.")
    String checkpointBy;

    @Mixin
    TorchThreadsOption threads;

    @Option(names = "--ranker-tool", defaultValue = "false",
            description = "Show the student the KG ranker's order of the candidates (the ranker of --model, "
                    + "<model>/ranker) as one more prompt line, a tool result; serving loads the same ranker.")
    boolean rankerTool;

    @Option(names = "--ranker-line", paramLabel = "verdict|scores", defaultValue = "verdict",
            converter = RankerLineConverter.class,
            description = "With --ranker-tool, how the ranker's result reads: verdict (its order of the candidates) "
                    + "or scores (the order and each candidate's score, three decimals). Default: verdict.")
    RankerLine rankerLine;

    @Option(names = "--line-views", defaultValue = "false", negatable = true, fallbackValue = "true",
            description = "With --ranker-tool, also train on each pair with no evidence and the choice alone as the "
                    + "answer, so the ranker's line is the only clue there and the student learns to read it "
                    + "(without them it ignores the line; with them it learnt the selection later, in fewer seeds: "
                    + "docs/student.md, sixth round). Default: off.")
    boolean lineViews;

    @Option(names = "--ranker-fusion", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "With --ranker-tool, fit the ranker's weight in the selection on the validation pairs "
                    + "after training: the student's log-likelihood of each candidate plus that weight times the "
                    + "ranker's log-odds decides (the student reads the line but does not follow it: "
                    + "docs/student.md, eighth round). Off: the student's likelihoods alone. Default: on.")
    boolean rankerFusion;

    @Option(names = "--unseen-disease-vote", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "With --ranker-fusion, on a disease the student never trained on, select by "
                    + "--unseen-student-scale times its likelihoods plus --unseen-ranker-weight times the ranker's "
                    + "log-odds instead of the validation-fitted vote: there the student is right far less often and "
                    + "as sure of itself, and the ranker is the better judge (a disease-level cross-fit, "
                    + "docs/student.md, tenth round). The student's training diseases are recorded in tools.json. "
                    + "Default: on.")
    boolean unseenDiseaseVote;

    @Option(names = "--unseen-student-scale", defaultValue = "" + StudentTrainer.UNSEEN_STUDENT_SCALE,
            description = "The scale on the student's log-likelihoods on unseen diseases, in (0, 1]. "
                    + "Default: ${DEFAULT-VALUE} (the cross-fit's).")
    double unseenStudentScale;

    @Option(names = "--unseen-ranker-weight", defaultValue = "" + StudentTrainer.UNSEEN_RANKER_WEIGHT,
            description = "The weight of the ranker's log-odds on unseen diseases, at least 0. "
                    + "Default: ${DEFAULT-VALUE} (the cross-fit's).")
    double unseenRankerWeight;

    @Option(names = "--cross-fit-rankers", paramLabel = "DIR",
            description = "With --ranker-tool, give each training example the line of a ranker that never saw its "
                    + "disease treated: the training diseases in --cross-fit-folds folds, fold k's ranker in "
                    + "DIR/fold-<k> trained with its diseases held out (the first run writes DIR/fold-<k>.splits.tsv "
                    + "and prints the `train kge` commands). Validation and serving keep the full ranker of --model.")
    Path crossFitRankers;

    @Option(names = "--cross-fit-folds", defaultValue = "5",
            description = "How many folds of training diseases --cross-fit-rankers uses. Default: ${DEFAULT-VALUE}.")
    int crossFitFolds;

    @Option(names = "--max-train-examples", defaultValue = "0",
            description = "Train on a seeded random N of the training examples (the learning curve of "
                    + "docs/student.md); 0 = all. Default: all.")
    int maxTrainExamples;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainStudentCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!StudentConfig.PRESETS.contains(preset)) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.format(
                    "Unknown student preset: `%s`. Valid presets are: %s.", preset, StudentConfig.PRESETS));
        }
        List<String> variants = "all".equals(variant) ? StudentData.VARIANTS : List.of(variant);
        for (String v : variants) {
            if (!StudentData.VARIANTS.contains(v)) {
                throw new CommandLine.ParameterException(spec.commandLine(), Messages.format(
                        "Unknown dataset variant: `%s`. Valid variants are: %s or all.", v, StudentData.VARIANTS));
            }
        }
        if (crossFitRankers != null && !rankerTool) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.format(
                    "--cross-fit-rankers %s gives the training prompts cross-fitted ranker lines, but without "
                            + "--ranker-tool the prompts have no ranker line. Add --ranker-tool, or drop "
                            + "--cross-fit-rankers.", crossFitRankers));
        }
        if (lineViews && !rankerTool) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--line-views trains choice-only prompts whose one clue is the ranker's line, but without "
                            + "--ranker-tool the prompts have no ranker line. Add --ranker-tool, or drop --line-views.");
        }
        if (crossFitRankers != null && crossFitFolds < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.format(
                    "--cross-fit-folds %d: cross-fitting needs at least 2 folds (each fold's ranker learns from "
                            + "the others). Use 2 or more; 5 is the default.", crossFitFolds));
        }
        // After the checks of the arguments: it starts the engine, which a mistyped option should not wait for.
        threads.apply();
        Device target = device.device();
        StudentTrainer.Options options = StudentTrainer.Options.builder().preset(preset).epochs(epochs).seed(seed)
                .device(target).learningRate(learningRate).batchTokens(batchTokens).vocabSize(vocabSize)
                .maxSeqLen(maxSeqLen).patience(patience).maxTrainExamples(maxTrainExamples)
                .selectionWeight(selectionWeight).swapCandidates(swapCandidates).zeroShotViews(zeroShotViews)
                .checkpointBy(checkpointBy).lineViews(lineViews).rankerFusion(rankerFusion)
                .unseenDiseaseVote(unseenDiseaseVote && rankerTool && rankerFusion)
                .unseenStudentScale(unseenStudentScale).unseenRankerWeight(unseenRankerWeight).build();
        // The prompts kedrec.select will build for the student: the dataset's own settings.
        PromptShape shape = PromptShape.ofDataset(dataset);
        for (String v : variants) {
            StudentData data = StudentData.read(dataset, v);
            List<ExpRxRecExample> train = data.split("train");
            List<ExpRxRecExample> validation = data.split("validation");
            List<ExpRxRecExample> otherViews = new java.util.ArrayList<>();
            if (mixVariants) {
                for (String other : StudentData.VARIANTS) {
                    if (!other.equals(v) && Files.isDirectory(StudentData.variantDirectory(dataset, other))) {
                        otherViews.addAll(StudentData.read(dataset, other).split("train"));
                    }
                }
            }
            Path trainFile = data.directory().resolve("train.jsonl");
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("variant", v);
            provenance.put("dataset", dataset.toAbsolutePath().toString());
            provenance.put("dataFile", trainFile.toAbsolutePath().toString());
            provenance.put("dataHash", Files.isRegularFile(trainFile) ? "sha256:" + StudentData.sha256(trainFile)
                    : null);
            provenance.put("trainedAt", Instant.now().toString());
            Path dir = studentDirectory(model, v);
            out.println(Messages.format("Training the %s student on %s (%s) into %s", v, data.directory(),
                    data.counts(), dir));
            out.flush();
            StudentTrainer.Result result;
            CandidateScorer crossFit = crossFitRankers == null ? null : crossFitted(out, train);
            try (CandidateScorer tools = rankerTool
                    ? CandidateScorer.of(DrugRanker.load(model, target), rankerLine) : CandidateScorer.NONE;
                 CandidateScorer trainingTools = crossFit) {
                if (crossFit != null) {
                    // what the two lines teach: the full ranker is sure of training pairs, the cross-fitted ones
                    // show the regime of a new disease
                    Map<String, Object> full = CrossFitRankers.lineOn(train, tools);
                    Map<String, Object> fitted = CrossFitRankers.lineOn(train, crossFit);
                    provenance.put("rankerCrossFit", crossFitRankers.toAbsolutePath().toString());
                    provenance.put("rankerCrossFitFolds", crossFitFolds);
                    provenance.put("rankerLineOnTraining", Map.of("full", full, "crossFitted", fitted));
                    out.println(Messages.format("The ranker's line on the %d training pairs: the full ranker right on "
                                    + "%.3f (%d with a higher score below %.3f), the cross-fitted rankers right on %.3f "
                                    + "(%d below, right on %.3f of them)", train.size(), full.get("right"),
                            full.get("weakPairs"), CrossFitRankers.WEAK, fitted.get("right"), fitted.get("weakPairs"),
                            fitted.get("weakRight")));
                    out.flush();
                }
                StudentTrainer trainer = new StudentTrainer(options, progress(spec.commandLine().getErr()))
                        .withTools(tools).withTrainingTools(trainingTools).withPromptShape(shape);
                result = trainer.train(train, otherViews, validation, dir, provenance);
            }
            Map<String, Object> entry = new LinkedHashMap<>(provenance);
            entry.put("path", model.toAbsolutePath().relativize(dir.toAbsolutePath()).toString());
            entry.put("kind", "kedrec-student");
            entry.put("preset", preset);
            entry.put("parameters", result.parameters());
            entry.put("bestEpoch", result.bestEpoch());
            entry.put("trainSeconds", result.trainSeconds());
            ModelManifest.mergeComponent(model, "kedrec", StudentManifest.version(), dir.getFileName().toString(),
                    StudentManifest.toJson(entry), null);
            out.println(Messages.format("Wrote %s (%,d parameters, best epoch %d, %.0f s, %,.0f train tokens/s)",
                    dir, result.parameters(), result.bestEpoch(), result.trainSeconds(),
                    result.trainTokensPerSecond()));
            out.flush();
        }
        return 0;
    }

    /**
     * The cross-fitted rankers of {@code --cross-fit-rankers}: writes the folds' split files, and when a fold's ranker
     * is missing stops with the commands that train them (training them needs the graph in Neo4j).
     */
    private CandidateScorer crossFitted(PrintWriter out, List<ExpRxRecExample> train) {
        Path splits = dataset.resolve("splits.tsv");
        if (!Files.isRegularFile(splits)) {
            throw new IllegalStateException(Messages.format(
                    "--cross-fit-rankers needs the dataset's split (%s), which is missing. Rebuild the dataset with "
                            + "`kedrec dataset build`.", splits));
        }
        List<String> missing = CrossFitRankers.prepare(crossFitRankers, splits, train, crossFitFolds);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(Messages.format(
                    "%s lacks %d of the %d fold rankers. Their splits are written; train them, then run this command "
                            + "again:%n  %s", crossFitRankers, missing.size(), crossFitFolds,
                    String.join(System.lineSeparator() + "  ", missing)));
        }
        out.println(Messages.format("Training prompts read the cross-fitted rankers of %s (%d folds of training "
                + "diseases); validation reads the full ranker of %s", crossFitRankers, crossFitFolds, model));
        out.flush();
        return CrossFitRankers.load(crossFitRankers, crossFitFolds, train, rankerLine);
    }

    /** {@code --ranker-line}'s value as its {@link RankerLine}; picocli reports the refusal with the option's name. */
    public static final class RankerLineConverter implements CommandLine.ITypeConverter<RankerLine> {
        @Override
        public RankerLine convert(String value) {
            try {
                return RankerLine.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(Messages.format(
                        "`%s`. Valid values are: %s.", value, RankerLine.labels()));
            }
        }
    }

    /** {@code <model>/student} for the variant {@code both}, {@code <model>/student-<variant>} otherwise. */
    public static Path studentDirectory(Path model, String variant) {
        return model.resolve("both".equals(variant) ? "student" : "student-" + variant);
    }

    /** The trainer's progress on the command's error stream, through the command line's one progress display. */
    static StudentTrainer.Progress progress(PrintWriter err) {
        ConsoleProgress console = ConsoleProgress.forTerminal(err);
        return new StudentTrainer.Progress() {
            @Override
            public void bar(String line) {
                console.status(line);
            }

            @Override
            public void log(String line) {
                console.log(line);
            }
        };
    }
}

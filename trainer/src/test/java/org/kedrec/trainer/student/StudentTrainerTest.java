package org.kedrec.trainer.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.dataset.ExpRxRecJson;
import org.kedrec.core.lm.BpeTokenizer;
import org.kedrec.core.lm.GenerationOptions;
import org.kedrec.core.lm.NativeCausalLm;
import org.kedrec.core.lm.SpecialTokens;
import org.kedrec.core.lm.StudentConfig;
import org.kedrec.core.lm.StudentFiles;
import org.kedrec.core.lm.StudentLexicon;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.lm.StudentPrompt;
import org.kedrec.core.metrics.RougeL;
import picocli.CommandLine;

class StudentTrainerTest {
    private static double meanRouge(StudentModel model, List<ExpRxRecExample> examples, boolean constrained) {
        double sum = 0;
        for (ExpRxRecExample example : examples) {
            // 64 tokens cover the ~45-token teacher answers; an untrained model would otherwise run to 128.
            sum += RougeL.f1(model.generate(example, new GenerationOptions("greedy", 1, 64, constrained, -1, 1.0))
                            .textWithSlots(),
                    StudentPrompt.answerText(example));
        }
        return sum / examples.size();
    }

    private static double accuracy(StudentModel model, List<ExpRxRecExample> examples) {
        return examples.stream().filter(e -> model.select(e).chosen() == e.label()).count()
                / (double) examples.size();
    }

    @Test
    void withARankerLineEveryPairIsAlsoTrainedOnItsChoiceOnlyViewInBothOrders(@TempDir Path tmp) throws Exception {
        // What the views teach is measured in docs/student.md (sixth round: without them, flipping every line changed
        // no choice of the quick student); here, that training gets them, and only when asked and with a line.
        List<ExpRxRecExample> few = TinyData.examples(13, 6, "train", "vanilla");
        org.kedrec.core.lm.CandidateScorer ranker = org.kedrec.core.lm.CandidateScorer.of(e -> new double[] {0.9, 0.1},
                org.kedrec.core.lm.RankerLine.VERDICT);
        for (boolean lineViews : new boolean[] {true, false}) {
            for (boolean withRanker : new boolean[] {true, false}) {
                StudentTrainer.Options options = StudentTrainer.Options.builder().preset("tiny").epochs(1).seed(5)
                        .device(Device.cpu()).learningRate(5e-3f).batchTokens(4096).maxRows(8).vocabSize(420)
                        .maxSeqLen(224).patience(1).weightDecay(0f).selectionWeight(2f).zeroShotViews(false)
                        .checkpointBy("loss").lineViews(lineViews).build();
                Path dir = tmp.resolve(lineViews + "-" + withRanker);
                new StudentTrainer(options, StudentTrainer.Progress.NULL)
                        .withTools(withRanker ? ranker : null).train(few, few, dir, Map.of("variant", "both"));
                JsonObject metrics = JsonParser.parseString(Files.readString(dir.resolve(StudentFiles.METRICS)))
                        .getAsJsonObject();
                boolean expected = lineViews && withRanker;
                assertThat(metrics.get("lineViews").getAsBoolean()).as(dir.toString()).isEqualTo(expected);
                assertThat(metrics.get("lineViewSequences").getAsInt()).as(dir.toString())
                        .isEqualTo(expected ? 2 * few.size() : 0);
                // With a ranker, its weight in the selection is fitted on the validation pairs (both candidate orders)
                // and written where serving reads it; without one there is nothing to weigh.
                Path tools = dir.resolve(org.kedrec.core.lm.CandidateScorer.TOOLS_FILE);
                if (withRanker) {
                    JsonObject fit = metrics.getAsJsonObject("rankerWeightFit");
                    assertThat(fit.get("examples").getAsInt()).isEqualTo(2 * few.size());
                    assertThat(fit.get("combinedLogLoss").getAsDouble())
                            .isLessThanOrEqualTo(fit.get("studentLogLoss").getAsDouble());
                    assertThat(org.kedrec.core.lm.CandidateScorer.rankerWeight(tools))
                            .isEqualTo(metrics.get("rankerWeight").getAsDouble())
                            .isEqualTo(fit.get("weight").getAsDouble());
                    // ... and beside it the vote on diseases it never trained on, with the diseases it did.
                    org.kedrec.core.lm.UnseenDiseaseVote unseen =
                            org.kedrec.core.lm.CandidateScorer.unseenDiseaseVote(tools);
                    assertThat(unseen.studentScale()).isEqualTo(StudentTrainer.UNSEEN_STUDENT_SCALE);
                    assertThat(unseen.rankerWeight()).isEqualTo(StudentTrainer.UNSEEN_RANKER_WEIGHT);
                    assertThat(unseen.trainedDiseases()).isEqualTo(StudentTrainer.diseasesOf(few)).isNotEmpty();
                    assertThat(metrics.getAsJsonObject("unseenDiseaseVote").get("trainedDiseases").getAsInt())
                            .isEqualTo(unseen.trainedDiseases().size());
                } else {
                    assertThat(metrics.get("unseenDiseaseVote").isJsonNull()).isTrue();
                    assertThat(metrics.get("rankerWeightFit").isJsonNull()).isTrue();
                    assertThat(metrics.get("rankerWeight").getAsDouble()).isZero();
                    assertThat(tools).doesNotExist();
                }
            }
        }
    }

    @Test
    void overfitsAHandfulOfExamplesWhileAnUntrainedModelDoesNot(@TempDir Path tmp) {
        // Short (vanilla) answers keep this to a couple of minutes on a busy 2-core machine.
        List<ExpRxRecExample> few = TinyData.examples(11, 4, "train", "vanilla");
        StudentTrainer.Options options = StudentTrainer.Options.builder().preset("tiny").epochs(80).seed(5)
                .device(Device.cpu()).learningRate(5e-3f).batchTokens(4096).maxRows(2).vocabSize(420).maxSeqLen(224)
                .patience(80).weightDecay(0f).selectionWeight(2f).swapCandidates(false).zeroShotViews(false)
                .checkpointBy("loss").build();
        List<String> log = new ArrayList<>();
        StudentTrainer.Result result = new StudentTrainer(options, StudentTrainer.logTo(log::add))
                .train(few, few, tmp.resolve("student"), Map.of("variant", "both"));
        assertThat(result.history().get(result.history().size() - 1).trainLoss())
                .isLessThan(0.1 * result.history().get(0).trainLoss());
        for (String file : List.of(StudentFiles.TOKENIZER, StudentFiles.CONFIG, StudentFiles.LEXICON,
                StudentFiles.METRICS, StudentFiles.PARAMS_PREFIX + "-0000.params")) {
            assertThat(tmp.resolve("student").resolve(file)).isRegularFile();
        }
        assertThat(tmp.resolve("student.tmp")).doesNotExist();
        double trainedRouge;
        try (StudentModel trained = StudentModel.load(tmp.resolve("student"), Device.cpu(), 1)) {
            assertThat(accuracy(trained, few)).isEqualTo(1.0);
            // Unconstrained: TinyData's hand-made answers are not in the teacher's claim grammar, which constrained
            // generation now follows; this test is about what training taught the model.
            trainedRouge = meanRouge(trained, few, false);
        }
        // The same architecture and tokenizer, untrained.
        BpeTokenizer tokenizer = BpeTokenizer.load(tmp.resolve("student").resolve(StudentFiles.TOKENIZER));
        Engine.getInstance().setRandomSeed(5);
        StudentConfig config = StudentConfig.read(tmp.resolve("student").resolve(StudentFiles.CONFIG));
        try (StudentModel untrained = StudentModel.of(NativeCausalLm.create(config, tokenizer, Device.cpu()),
                StudentLexicon.build(few), 1)) {
            // Unconstrained: under the claim grammar even an untrained model can only write the teacher's sentences
            // (ROUGE-L 0.42 here), so what training taught shows without it.
            assertThat(meanRouge(untrained, few, false)).isLessThan(0.4);
        }
        assertThat(trainedRouge).isGreaterThan(0.9);
        // A student trained to read the ranker's verdict is never served without it: with no ranker beside it, the
        // load names the file that asks for one and both ways out.
        org.kedrec.core.lm.CandidateScorer.markRankerTool(tmp.resolve("student"));
        assertThatThrownBy(() -> StudentModel.load(tmp.resolve("student"), Device.cpu(), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tools.json")
                .hasMessageContaining(tmp.toAbsolutePath() + "/ranker")
                .hasMessageContaining("without --ranker-tool");
    }

    @Test
    void trainAndEvalCommandsWriteTheModelAndTheReportContract(@TempDir Path tmp) throws Exception {
        Path dataset = tmp.resolve("dataset");
        for (String variant : StudentData.VARIANTS) {
            Files.createDirectories(dataset.resolve(variant));
            ExpRxRecJson.write(dataset.resolve(variant).resolve("train.jsonl"),
                    TinyData.examples(1, 12, "train", variant));
            ExpRxRecJson.write(dataset.resolve(variant).resolve("validation.jsonl"),
                    TinyData.examples(2, 4, "validation", variant));
            List<ExpRxRecExample> test = new ArrayList<>(TinyData.examples(3, 4, "test", variant));
            test.addAll(TinyData.examples(4, 3, "zeroshot", variant));
            ExpRxRecJson.write(dataset.resolve(variant).resolve("test.jsonl"), test);
        }
        // The card `dataset build` writes: the student records its settings for kedrec.select's prompts.
        Files.writeString(dataset.resolve("card.json"), "{\"settings\": {\"pathsPerPair\": 2, \"maxPerMetapath\": 2, "
                + "\"trialsPerPair\": 1, \"publicationsPerPair\": 1, \"pharmacokineticLast\": true, "
                + "\"metapaths\": [\"CbGaD\", \"CbGbCtD\"]}}");
        Path model = tmp.resolve("model");
        StringWriter output = new StringWriter();
        int code = new CommandLine(new TrainStudentCommand()).setOut(new PrintWriter(output)).execute(
                "--dataset", dataset.toString(), "--model", model.toString(), "--preset", "tiny", "--epochs", "2",
                "--vocab-size", "400", "--max-seq-len", "192", "--device", "cpu");
        assertThat(code).as(output.toString()).isZero();
        assertThat(output.toString()).contains("Wrote " + model.resolve("student"));
        JsonObject manifest = JsonParser.parseString(Files.readString(model.resolve("model.json")))
                .getAsJsonObject();
        JsonObject student = manifest.getAsJsonObject("components").getAsJsonObject("student");
        assertThat(student.get("dataHash").getAsString()).startsWith("sha256:");
        assertThat(student.get("path").getAsString()).isEqualTo("student");
        assertThat(org.kedrec.core.lm.PromptShape.read(model.resolve("student")))
                .isEqualTo(new org.kedrec.core.lm.PromptShape(2, 2, 1, 1, 3, true));

        Path report = tmp.resolve("report.json");
        StringWriter evalOutput = new StringWriter();
        code = new CommandLine(new EvalStudentCommand()).setOut(new PrintWriter(evalOutput)).execute(
                "--model", model.toString(), "--dataset", dataset.toString(), "--report", report.toString(),
                "--device", "cpu", "--generate", "3", "--with-student",
                "again=" + model.resolve("student"));
        assertThat(code).as(evalOutput.toString()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        for (String variant : StudentData.VARIANTS) {
            JsonObject scores = json.getAsJsonObject("variants").getAsJsonObject(variant);
            assertThat(scores.get("accuracy").getAsDouble()).isBetween(0.0, 1.0);
            assertThat(scores.get("f1").getAsDouble()).isBetween(0.0, 1.0);
            assertThat(scores.get("examples").getAsInt()).isEqualTo(4);
        }
        // --with-student: another student folder measured on the same pairs, one row of the same report (here the
        // +both student again, so the same figures).
        JsonObject again = json.getAsJsonObject("variants").getAsJsonObject("again");
        assertThat(again.get("accuracy").getAsDouble())
                .isEqualTo(json.getAsJsonObject("variants").getAsJsonObject("both").get("accuracy").getAsDouble());
        assertThat(again.get("heldOutDiseases").getAsDouble())
                .isEqualTo(json.getAsJsonObject("heldOutDiseases").get("accuracy").getAsDouble());
        StringWriter refused = new StringWriter();
        assertThat(new CommandLine(new EvalStudentCommand()).setErr(new PrintWriter(refused)).execute(
                "--model", model.toString(), "--dataset", dataset.toString(), "--report", report.toString(),
                "--with-student", "both=" + model.resolve("student"))).isNotZero();
        assertThat(refused.toString()).contains("--with-student names a row `both`", "both+ranker=");
        assertThat(json.getAsJsonObject("baselines").has("kge")).isTrue();
        assertThat(json.getAsJsonObject("baselines").getAsJsonObject("chance").get("accuracy").getAsDouble())
                .isBetween(0.4, 0.6);
        assertThat(json.getAsJsonObject("heldOutDiseases").get("examples").getAsInt()).isEqualTo(3);
        assertThat(json.getAsJsonObject("heldOutDiseases").get("accuracy").getAsDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("faithfulness").getAsDouble()).isEqualTo(1.0);
        for (String key : List.of("rougeL", "tokensPerSecond", "parameters", "trainSeconds")) {
            assertThat(json.get(key).getAsDouble()).as(key).isGreaterThanOrEqualTo(0.0);
        }
        // The report contract of issue 13; constrained rationales follow the claim grammar, so every claim is true.
        for (String split : List.of("test", "zeroShot")) {
            JsonObject contract = json.getAsJsonObject(split);
            for (String key : List.of("selectionAccuracy", "studentAloneAccuracy", "claimPrecision",
                    "teacherClaimPrecision", "claimRecall",
                    "rougeL", "unparseableRate", "unfilledSlotRate", "gluedWordRate", "repeatRate")) {
                assertThat(contract.get(key).getAsDouble()).as(split + "." + key).isBetween(0.0, 1.0);
            }
            assertThat(contract.has("rankerAccuracy")).isTrue();
            assertThat(contract.get("claimPrecision").getAsDouble()).as(split).isEqualTo(1.0);
        }
        // No ranker tool here: the student's likelihoods alone select, so both accuracies are the same, and the
        // interval of the accuracy (resampling diseases) holds it.
        assertThat(json.get("rankerWeight").getAsDouble()).isZero();
        for (String split : List.of("test", "zeroShot")) {
            JsonObject contract = json.getAsJsonObject(split);
            double accuracy = contract.get("selectionAccuracy").getAsDouble();
            assertThat(contract.get("studentAloneAccuracy").getAsDouble()).as(split).isEqualTo(accuracy);
            JsonObject intervals = contract.getAsJsonObject("selectionIntervals");
            assertThat(intervals.getAsJsonArray("selectionAccuracyCi95").get(0).getAsDouble()).as(split)
                    .isLessThanOrEqualTo(accuracy);
            assertThat(intervals.getAsJsonArray("selectionAccuracyCi95").get(1).getAsDouble()).as(split)
                    .isGreaterThanOrEqualTo(accuracy);
            assertThat(intervals.get("minusStudentAlone").getAsDouble()).isZero();
            assertThat(intervals.get("diseases").getAsInt()).isPositive();
        }
        assertThat(json.getAsJsonObject("rationaleLatency").get("p50Ms").getAsDouble()).isPositive();
        assertThat(json.getAsJsonObject("rationaleLatency").get("tokens").getAsDouble()).isPositive();
    }

    @Test
    void namesAMissingVariant(@TempDir Path tmp) {
        assertThatThrownBy(() -> StudentData.read(tmp, "both")).hasMessage("No both variant in " + tmp
                + " (expected " + tmp.resolve("both") + "/{train,validation,test}.jsonl). Build the dataset first "
                + "with `kedrec dataset build --out " + tmp + "`.");
        assertThatThrownBy(() -> StudentData.read(tmp, "bogus"))
                .hasMessage("Unknown dataset variant: `bogus`. Valid variants are: [vanilla, trials, publications, "
                        + "both].");
        assertThat(SpecialTokens.COUNT).isEqualTo(77);
    }
}

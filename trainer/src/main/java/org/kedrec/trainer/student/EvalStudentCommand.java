package org.kedrec.trainer.student;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kedrec.commandline.ReportOption;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.CandidateScorer;
import org.kedrec.core.lm.GenerationOptions;
import org.kedrec.core.lm.StudentFiles;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.lm.UnseenDiseaseVote;
import org.kedrec.core.metrics.EntityLexicon;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.trainer.cli.DeviceOption;
import org.kedrec.trainer.cli.TorchThreadsOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code kedrec eval student}: the ablation table (selection accuracy and F1 on each variant's held-out pairs),
 * chance and (when available) the KG ranker on the same examples, held-out diseases, ROUGE-L, faithfulness and
 * decoding speed, written as one JSON report.
 */
@Command(name = "student", mixinStandardHelpOptions = true,
        description = "Evaluate the KEDRec-LM student on the held-out examples of an expRxRec dataset.")
public final class EvalStudentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model directory holding student/ (and student-*/).")
    Path model;

    @Option(names = "--dataset", required = true, description = "Dataset directory with <variant>/*.jsonl.")
    Path dataset;

    @Mixin
    ReportOption report;

    @Mixin
    DeviceOption device;

    @Option(names = "--generate", defaultValue = "200",
            description = "Held-out examples (+both) to generate rationales for; 0 = all.")
    int generate;

    @Option(names = "--samples", defaultValue = "5",
            description = "Rationales kept verbatim in the report's `samples`, beside the teacher's "
                    + "(default: ${DEFAULT-VALUE}).")
    int sampleCount;

    @Option(names = "--sample-seed", defaultValue = "-1",
            description = "Draw the samples at random with this seed from the generated test rationales; -1 (the "
                    + "default) keeps the first ones.")
    long sampleSeed;

    @Option(names = "--beam", defaultValue = "1", description = "Beam width for the rationales (1 = greedy).")
    int beam;

    @Option(names = "--ranker",
            description = "Model directory holding ranker/ for the KG baseline (default: --model).")
    Path ranker;

    @Option(names = "--with-student", paramLabel = "NAME=DIR",
            description = "Also measure the selection of another student folder on the +both variant's pairs and the "
                    + "held-out diseases, reported as variants.NAME: the paper's ablation in one report, with the "
                    + "model's variant students beside e.g. both+ranker=M/student (repeatable).")
    Map<String, Path> withStudents = new LinkedHashMap<>();

    @Mixin
    TorchThreadsOption threads;

    @Option(names = "--max-examples", defaultValue = "0", description = "Cap per split for quick runs; 0 = all.")
    int maxExamples;

    @Option(names = "--split", defaultValue = "test",
            description = "Held-out pairs to score: test (the report) or validation (to tune decoding and training "
                    + "choices without looking at test). Default: test.")
    String split;

    @Option(names = "--no-repeat-ngram", defaultValue = "" + GenerationOptions.DEFAULT_NO_REPEAT_NGRAM,
            description = "Rationales never repeat an n-gram of this many tokens; 0 = off. Default: ${DEFAULT-VALUE}.")
    int noRepeatNgram;

    @Option(names = "--unique-citations", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Rationales cite each evidence item at most once. Default: on.")
    boolean uniqueCitations;

    @Option(names = "--no-tandem-repeat", defaultValue = "" + GenerationOptions.DEFAULT_NO_TANDEM_REPEAT,
            description = "Rationales never follow a run of up to this many words by the same run (\"class class\"); "
                    + "0 = off. Default: ${DEFAULT-VALUE}.")
    int noTandemRepeat;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvalStudentCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!List.of("test", "validation").contains(split)) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.format(
                    "Unknown split for --split: `%s`. Valid values are: [test, validation].", split));
        }
        for (Map.Entry<String, Path> other : withStudents.entrySet()) {
            if (StudentData.VARIANTS.contains(other.getKey())) {
                throw new CommandLine.ParameterException(spec.commandLine(), Messages.format(
                        "--with-student names a row `%s`, which is one of the model's own variants %s. Give it "
                                + "another name, e.g. both+ranker=%s.", other.getKey(), StudentData.VARIANTS,
                        other.getValue()));
            }
        }
        threads.apply();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageAtStart", loadAverage());
        Device target = device.device();
        Path both = TrainStudentCommand.studentDirectory(model, "both");
        if (!Files.isDirectory(both)) {
            throw new IllegalArgumentException(Messages.format(
                    "No student in %s. Train one with `kedrec train student --dataset DIR --model %s`.", both, model));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> variants = new LinkedHashMap<>();
        List<ExpRxRecExample> everything = new ArrayList<>();
        StudentData bothData = null;
        StudentEvaluator.StudentChoices bothChoices = null;
        try (StudentModel main = StudentModel.load(both, target, 1)) {
            for (String variant : StudentData.VARIANTS) {
                if (!Files.isDirectory(StudentData.variantDirectory(dataset, variant))) {
                    variants.put(variant, null);
                    out.println(Messages.format("%s: no such variant in %s, skipped", variant, dataset));
                    continue;
                }
                StudentData data = StudentData.read(dataset, variant);
                if ("both".equals(variant)) {
                    bothData = data;
                }
                data.counts().keySet().forEach(split -> everything.addAll(data.split(split)));
                List<ExpRxRecExample> test = StudentEvaluator.first(data.split(split), maxExamples);
                Path own = TrainStudentCommand.studentDirectory(model, variant);
                boolean separate = !"both".equals(variant) && Files.isDirectory(own);
                Map<String, Object> scores;
                if (separate) {
                    try (StudentModel specific = StudentModel.load(own, target, 1)) {
                        scores = StudentEvaluator.selection(test, StudentEvaluator.student(specific));
                    }
                } else {
                    StudentEvaluator.StudentChoices choices = StudentEvaluator.studentChoices(main, test);
                    scores = StudentEvaluator.selection(test, choices.served());
                    if ("both".equals(variant)) {
                        bothChoices = choices; // the test pairs below are these: reused, not selected again
                    }
                }
                scores.put("model", model.relativize(separate ? own : both).toString());
                scores.put("rankerTool", Files.isRegularFile((separate ? own : both)
                        .resolve(CandidateScorer.TOOLS_FILE)));
                variants.put(variant, scores);
                out.println(Messages.format("%s: accuracy %s, F1 %s on %d held-out pairs (%s)", variant,
                        scores.get("accuracy"), scores.get("f1"), test.size(), scores.get("model")));
                out.flush();
            }
            result.put("variants", variants);
            if (bothData == null) {
                throw new IllegalArgumentException(Messages.format(
                        "%s has no `both` variant; the held-out and rationale numbers are measured on it.", dataset));
            }
            List<ExpRxRecExample> test = StudentEvaluator.first(bothData.split(split), maxExamples);
            // Tuning on validation must not peek at the held-out diseases either.
            boolean tuning = "validation".equals(split);
            List<ExpRxRecExample> zeroshot = tuning ? List.of()
                    : StudentEvaluator.first(bothData.split("zeroshot"), maxExamples);
            for (Map.Entry<String, Path> other : withStudents.entrySet()) {
                variants.put(other.getKey(), otherStudent(out, target, other.getKey(), other.getValue(), test,
                        zeroshot));
            }
            Map<String, Object> baselines = new LinkedHashMap<>();
            Map<String, Object> kgeHeldOut = null;
            StudentEvaluator.RankerChoices rankerOnTest = null;
            StudentEvaluator.RankerChoices rankerOnZeroShot = null;
            // What the prompt's evidence and the ranker separate without any model, on the same pairs.
            Map<String, Object> separation = new LinkedHashMap<>();
            Path rankerModel = ranker == null ? model : ranker;
            if (Files.isDirectory(rankerModel.resolve("ranker"))) {
                try (DrugRanker kge = DrugRanker.load(rankerModel, target)) {
                    rankerOnTest = StudentEvaluator.rankerChoices(kge, test, 23);
                    Map<String, Object> scores = StudentEvaluator.ranker(test, rankerOnTest);
                    scores.put("model", rankerModel.resolve("ranker").toString());
                    baselines.put("kge", scores);
                    out.println(Messages.format("KG ranker: accuracy %s, F1 %s (%s of %d pairs known to it)",
                            scores.get("accuracy"), scores.get("f1"), scores.get("covered"), test.size()));
                    rankerOnZeroShot = StudentEvaluator.rankerChoices(kge, zeroshot, 29);
                    if (!zeroshot.isEmpty()) {
                        kgeHeldOut = StudentEvaluator.ranker(zeroshot, rankerOnZeroShot);
                    }
                    separation.put("test", EvidenceSeparation.of(test, kge));
                    separation.put("zeroShot", EvidenceSeparation.of(zeroshot, kge));
                }
            } else {
                separation.put("test", EvidenceSeparation.of(test, null));
                separation.put("zeroShot", EvidenceSeparation.of(zeroshot, null));
                baselines.put("kge", null);
                baselines.put("kgeNote", Messages.format("No ranker in %s; train one with `kedrec train kge --model "
                        + "%s` (or pass --ranker DIR) to fill this column.", rankerModel, rankerModel));
                out.println(Messages.format("KG ranker: none in %s, column left empty", rankerModel));
            }
            baselines.put("chance", StudentEvaluator.chance(test, 1000, 17));
            result.put("baselines", baselines);
            StudentEvaluator.StudentChoices zeroShotChoices = StudentEvaluator.studentChoices(main, zeroshot);
            Map<String, Object> heldOut = StudentEvaluator.selection(zeroshot, zeroShotChoices.served());
            heldOut.put("variant", "both");
            if (tuning) {
                heldOut.put("note", "not measured with --split validation");
            } else {
                heldOut.put("kge", kgeHeldOut);
                heldOut.put("chance", StudentEvaluator.chance(zeroshot, 1000, 19));
            }
            result.put("heldOutDiseases", heldOut);
            result.put("evidenceSeparation", separation);
            out.println(Messages.format("held-out diseases: accuracy %s, F1 %s on %d examples",
                    heldOut.get("accuracy"), heldOut.get("f1"), zeroshot.size()));
            out.flush();
            EntityLexicon lexicon = EntityLexicon.of(everything);
            GenerationOptions options = (beam > 1 ? GenerationOptions.beam(beam) : GenerationOptions.defaults())
                    .withRepetitionRules(noRepeatNgram, uniqueCitations, noTandemRepeat);
            List<Map<String, Object>> samples = new ArrayList<>();
            List<ExpRxRecExample> forText = new ArrayList<>(StudentEvaluator.first(test, generate));
            Map<String, Object> rationales = StudentEvaluator.rationales(main, forText, options, lexicon, samples,
                    sampleCount, sampleSeed);
            // --generate 0 means all, on the held-out diseases too (it used to become 1 there).
            List<ExpRxRecExample> zeroText = StudentEvaluator.first(zeroshot, generate <= 0 ? 0
                    : Math.max(1, generate / 4));
            Map<String, Object> zeroRationales = StudentEvaluator.rationales(main, zeroText, options, lexicon,
                    new ArrayList<>(), 0);
            Map<String, Object> testContract = contract(variants.get("both"),
                    StudentEvaluator.selection(test, bothChoices.alone()), baselines.get("kge"), rationales);
            testContract.put("unseenDiseasePairs", bothChoices.unseenDisease());
            testContract.put("selectionIntervals", StudentEvaluator.selectionIntervals(test, bothChoices.served(),
                    bothChoices.alone(), rankerOnTest == null ? null : rankerOnTest.chosen(), 2000, 31));
            result.put("test", testContract);
            if (tuning) {
                result.put("zeroShot", null);
            } else {
                Map<String, Object> zeroContract = contract(heldOut,
                        StudentEvaluator.selection(zeroshot, zeroShotChoices.alone()), kgeHeldOut, zeroRationales);
                zeroContract.put("unseenDiseasePairs", zeroShotChoices.unseenDisease());
                zeroContract.put("selectionIntervals", StudentEvaluator.selectionIntervals(zeroshot,
                        zeroShotChoices.served(), zeroShotChoices.alone(),
                        rankerOnZeroShot == null ? null : rankerOnZeroShot.chosen(), 2000, 37));
                result.put("zeroShot", zeroContract);
            }
            result.put("rankerWeight", main.rankerWeight());
            UnseenDiseaseVote unseen = main.unseenDiseaseVote();
            result.put("unseenDiseaseVote", unseen == null ? null : unseen.summary());
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50Ms", rationales.get("medianMillis"));
            latency.put("tokens", rationales.get("meanTokens"));
            latency.put("p90Ms", rationales.get("p90Millis"));
            latency.put("p50MsPer60Tokens", rationales.get("medianMillisPer60Tokens"));
            latency.put("loadAverage", loadAverage());
            latency.put("examples", rationales.get("examples"));
            result.put("rationaleLatency", latency);
            result.put("rougeL", rationales.get("rougeL"));
            result.put("faithfulness", rationales.get("faithfulness"));
            result.put("tokensPerSecond", rationales.get("tokensPerSecond"));
            result.put("parameters", main.backend().parameterCount());
            Map<String, Object> metrics = readMetrics(both);
            result.put("trainSeconds", metrics.get("trainSeconds"));
            result.put("rationales", rationales);
            result.put("rationalesHeldOutDiseases", zeroRationales);
            result.put("samples", samples);
            result.put("device", main.backend().device().toString());
            result.put("split", split);
            machine.put("loadAverageAtEnd", loadAverage());
            // What the engine runs with, whoever set it (--threads, or the engine's own count with --threads 0).
            machine.put("pytorchThreads", JniUtils.getNumThreads());
            result.put("machine", machine);
            result.put("training", metrics);
            result.put("f1Definition", "macro-F1 over the candidate position (class k: the relevant drug is [C(k+1)])");
            out.println(Messages.format("claims (test): precision %s, teacher %s, recall %s",
                    ((Map<?, ?>) rationales.get("claims")).get("claimPrecision"),
                    ((Map<?, ?>) rationales.get("claims")).get("teacherClaimPrecision"),
                    ((Map<?, ?>) rationales.get("claims")).get("claimRecall")));
            out.println(Messages.format("rationales: ROUGE-L %.3f, faithfulness %.3f, %.0f tokens/s, median %.0f ms "
                            + "for %.1f tokens", (double) rationales.get("rougeL"),
                    (double) rationales.get("faithfulness"), (double) rationales.get("tokensPerSecond"),
                    rationales.get("medianMillis") == null ? 0.0 : (double) rationales.get("medianMillis"),
                    (double) rationales.get("meanTokens")));
        }
        StudentManifest.writeJson(report.file(), result);
        out.println("Wrote " + report.file());
        out.flush();
        return 0;
    }

    /**
     * One {@code --with-student} row: that student's selection on the +both variant's pairs and on the held-out
     * diseases, as served (with its ranker's vote if it has one) and by its likelihoods alone.
     */
    private Map<String, Object> otherStudent(PrintWriter out, Device target, String name, Path dir,
                                             List<ExpRxRecExample> test, List<ExpRxRecExample> zeroshot) {
        try (StudentModel other = StudentModel.load(dir, target, 1)) {
            StudentEvaluator.StudentChoices choices = StudentEvaluator.studentChoices(other, test);
            Map<String, Object> scores = StudentEvaluator.selection(test, choices.served());
            scores.put("studentAloneAccuracy", StudentEvaluator.selection(test, choices.alone()).get("accuracy"));
            scores.put("heldOutDiseases", zeroshot.isEmpty() ? null
                    : StudentEvaluator.selection(zeroshot, StudentEvaluator.student(other)).get("accuracy"));
            scores.put("model", dir.toAbsolutePath().toString());
            scores.put("rankerTool", Files.isRegularFile(dir.resolve(CandidateScorer.TOOLS_FILE)));
            scores.put("rankerWeight", other.rankerWeight());
            out.println(Messages.format("%s: accuracy %s, F1 %s on %d held-out pairs, %s on held-out diseases (%s)",
                    name, scores.get("accuracy"), scores.get("f1"), test.size(), scores.get("heldOutDiseases"), dir));
            out.flush();
            return scores;
        }
    }

    /**
     * The report contract of issue 13 for one split: selection accuracy of the student as served (with the ranker's
     * weight in the selection, if it has one), of its likelihoods alone and of the ranker on the same pairs, and the
     * rationale metrics (ROUGE-L and the claim-level numbers of {@code ClaimMetrics}).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> contract(Object selection, Object studentAlone, Object ranker,
                                        Map<String, Object> rationales) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("selectionAccuracy", selection == null ? null : ((Map<String, Object>) selection).get("accuracy"));
        out.put("studentAloneAccuracy", studentAlone == null ? null
                : ((Map<String, Object>) studentAlone).get("accuracy"));
        out.put("rankerAccuracy", ranker == null ? null : ((Map<String, Object>) ranker).get("accuracy"));
        Map<String, Object> claims = (Map<String, Object>) rationales.get("claims");
        out.put("claimPrecision", claims.get("claimPrecision"));
        out.put("teacherClaimPrecision", claims.get("teacherClaimPrecision"));
        out.put("claimRecall", claims.get("claimRecall"));
        out.put("rougeL", rationales.get("rougeL"));
        for (String rate : List.of("unparseableRate", "unfilledSlotRate", "gluedWordRate", "repeatRate",
                "contradictionRate")) {
            out.put(rate, claims.get(rate));
        }
        out.put("rationales", rationales.get("examples"));
        out.put("claimRecallWhenSelectedRight", rationales.get("claimRecallWhenSelectedRight"));
        out.put("rougeLWhenSelectedRight", rationales.get("rougeLWhenSelectedRight"));
        return out;
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg (null where the system has none). */
    static List<Double> loadAverage() {
        Path file = Path.of("/proc/loadavg");
        if (!Files.isReadable(file)) {
            return null;
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            return List.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMetrics(Path studentDir) {
        Path file = studentDir.resolve(StudentFiles.METRICS);
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            return new com.google.gson.Gson().fromJson(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}

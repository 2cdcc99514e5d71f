package org.kedrec.trainer.student;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.GenerationOptions;
import org.kedrec.core.lm.Rationale;
import org.kedrec.core.lm.SelectionResult;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.lm.StudentPrompt;
import org.kedrec.core.metrics.Classification;
import org.kedrec.core.metrics.EntityLexicon;
import org.kedrec.core.metrics.Faithfulness;
import org.kedrec.core.metrics.RougeL;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.rationale.ClaimMetrics;
import org.kedrec.trainer.ranking.eval.PairedBootstrap;

/**
 * The numbers of {@code kedrec eval student}. Selection: accuracy, and F1 as the macro-F1 over the candidate
 * position (class k = "the relevant drug is [C(k+1)]"): candidates are shuffled, so both positions are equally
 * common, and macro-F1 drops when a model leans to one position even where accuracy looks fine. Rationales: ROUGE-L
 * F1 against the teacher's answer (both with slots), faithfulness ({@link Faithfulness}) against a lexicon of every
 * name in the dataset, claim-level precision, recall and defect rates ({@link ClaimMetrics}: the student's
 * rationale and the teacher's, read back into claims and checked against the example's evidence), and decoding
 * speed at batch size 1.
 */
public final class StudentEvaluator {
    private StudentEvaluator() {}

    /** Accuracy and macro-F1 of a chooser over examples. */
    public static Map<String, Object> selection(List<ExpRxRecExample> examples,
                                                ToIntFunction<ExpRxRecExample> chooser) {
        return selection(examples, choices(examples, chooser));
    }

    /** Accuracy and macro-F1 of the given choices (one candidate index per example). */
    public static Map<String, Object> selection(List<ExpRxRecExample> examples, int[] predicted) {
        int[] actual = new int[examples.size()];
        int classes = 1;
        for (int i = 0; i < examples.size(); i++) {
            actual[i] = examples.get(i).label();
            classes = Math.max(classes, examples.get(i).candidates().size());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", examples.isEmpty() ? null : Classification.accuracy(predicted, actual));
        out.put("f1", examples.isEmpty() ? null : Classification.macroF1(predicted, actual, classes));
        out.put("examples", examples.size());
        return out;
    }

    /** The student's choice: its most probable candidate (with the ranker's weight, if it was trained with one). */
    public static ToIntFunction<ExpRxRecExample> student(StudentModel model) {
        return example -> model.select(example).chosen();
    }

    /**
     * Each example's choice as served and by the student's likelihoods alone.
     *
     * @param served the choice as served (with the ranker's vote, when the student has one)
     * @param alone the student's likelihoods alone
     * @param unseenDisease how many choices the vote on diseases the student never trained on made
     */
    public record StudentChoices(int[] served, int[] alone, int unseenDisease) {}

    /** Both choices of {@code model} for every example, from one {@code select} call each. */
    public static StudentChoices studentChoices(StudentModel model, List<ExpRxRecExample> examples) {
        int[] served = new int[examples.size()];
        int[] alone = new int[examples.size()];
        int unseen = 0;
        for (int i = 0; i < examples.size(); i++) {
            SelectionResult result = model.select(examples.get(i));
            served[i] = result.chosen();
            alone[i] = result.chosenByStudentAlone();
            unseen += result.unseenDisease() ? 1 : 0;
        }
        return new StudentChoices(served, alone, unseen);
    }

    /** The KG ranker's choice per example, and how many examples it knew (the rest were drawn at random). */
    public record RankerChoices(int[] chosen, int covered) {}

    /**
     * The KG ranker's choice: the candidate with the higher TREATS score. Examples whose disease or candidates the
     * ranker does not know (it never saw them) get a seeded random choice, and the report counts them.
     */
    public static RankerChoices rankerChoices(DrugRanker ranker, List<ExpRxRecExample> examples, long seed) {
        int[] covered = {0};
        int[] chosen = choices(examples, rankerChoice(ranker, seed, covered));
        return new RankerChoices(chosen, covered[0]);
    }

    /** The ranker's accuracy, macro-F1 and coverage on {@code examples}. */
    public static Map<String, Object> ranker(List<ExpRxRecExample> examples, RankerChoices choices) {
        Map<String, Object> out = selection(examples, choices.chosen());
        out.put("covered", choices.covered());
        return out;
    }

    /**
     * How sure the selection figures on {@code examples} are: the 95 % interval of the served choice's accuracy and
     * of its differences from the student's likelihoods alone and from the ranker, pair by pair, resampling whole
     * diseases (the pairs of one disease share its evidence and are not independent; the held-out split has about
     * ten diseases). Choices are given per example, as the candidate index; {@code ranker} may be null (no ranker).
     */
    public static Map<String, Object> selectionIntervals(List<ExpRxRecExample> examples, int[] served,
                                                         int[] alone, int[] ranker, int resamples, long seed) {
        int n = examples.size();
        if (served.length != n || alone.length != n || (ranker != null && ranker.length != n)) {
            throw new IllegalArgumentException(Messages.format(
                    "One choice per example is needed, but there are %d examples and %d, %d and %s choices.", n,
                    served.length, alone.length, ranker == null ? "no" : String.valueOf(ranker.length)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        String[] diseases = new String[n];
        double[] right = new double[n];
        double[] minusAlone = new double[n];
        double[] minusRanker = new double[n];
        for (int i = 0; i < n; i++) {
            ExpRxRecExample example = examples.get(i);
            diseases[i] = example.disease() == null ? example.id() : example.disease().id();
            int label = example.label();
            right[i] = served[i] == label ? 1 : 0;
            minusAlone[i] = right[i] - (alone[i] == label ? 1 : 0);
            minusRanker[i] = ranker == null ? 0 : right[i] - (ranker[i] == label ? 1 : 0);
        }
        out.put("diseases", Arrays.stream(diseases).distinct().count());
        out.put("selectionAccuracyCi95",
                PairedBootstrap.clusteredMeanCi95(right, diseases, resamples, seed));
        out.put("minusStudentAlone", Arrays.stream(minusAlone).average().orElse(0));
        out.put("minusStudentAloneCi95", PairedBootstrap.clusteredMeanCi95(minusAlone, diseases, resamples, seed));
        if (ranker != null) {
            out.put("minusRanker", Arrays.stream(minusRanker).average().orElse(0));
            out.put("minusRankerCi95", PairedBootstrap.clusteredMeanCi95(minusRanker, diseases, resamples, seed));
        }
        out.put("resamples", resamples);
        return out;
    }

    /** Each example's choice, as the candidate index. */
    public static int[] choices(List<ExpRxRecExample> examples, ToIntFunction<ExpRxRecExample> chooser) {
        return examples.stream().mapToInt(chooser).toArray();
    }

    /** The ranker's choice for {@link #rankerChoices}; {@code covered[0]} counts the examples it knows. */
    private static ToIntFunction<ExpRxRecExample> rankerChoice(DrugRanker ranker, long seed, int[] covered) {
        Random random = new Random(seed);
        return example -> {
            String disease = example.disease().id();
            boolean known = ranker.knowsDisease(disease)
                    && example.candidates().stream().allMatch(c -> ranker.knowsDrug(c.id()));
            if (!known) {
                return random.nextInt(example.candidates().size());
            }
            covered[0]++;
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < example.candidates().size(); i++) {
                double score = ranker.score(disease, example.candidates().get(i).id());
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            return best;
        };
    }

    /** Uniform random choice, averaged over {@code draws} seeded draws. */
    public static Map<String, Object> chance(List<ExpRxRecExample> examples, int draws, long seed) {
        Random random = new Random(seed);
        double accuracy = 0;
        double f1 = 0;
        for (int d = 0; d < draws; d++) {
            Map<String, Object> one = selection(examples, e -> random.nextInt(e.candidates().size()));
            accuracy += (double) one.get("accuracy");
            f1 += (double) one.get("f1");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", accuracy / draws);
        out.put("f1", f1 / draws);
        out.put("examples", examples.size());
        out.put("draws", draws);
        return out;
    }

    /** ROUGE-L, faithfulness and speed of generated rationales. */
    public static Map<String, Object> rationales(StudentModel model, List<ExpRxRecExample> examples,
                                                 GenerationOptions options, EntityLexicon lexicon,
                                                 List<Map<String, Object>> samples, int sampleCount) {
        return rationales(model, examples, options, lexicon, samples, sampleCount, -1);
    }

    /**
     * As above, with the samples drawn at random ({@code sampleSeed} at least 0) from the examples rather than the
     * first ones, so the rationales shown in the docs are not picked by hand.
     */
    public static Map<String, Object> rationales(StudentModel model, List<ExpRxRecExample> examples,
                                                 GenerationOptions options, EntityLexicon lexicon,
                                                 List<Map<String, Object>> samples, int sampleCount,
                                                 long sampleSeed) {
        java.util.Set<Integer> sampled = new java.util.HashSet<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        if (sampleSeed >= 0) {
            java.util.Collections.shuffle(order, new Random(sampleSeed));
        }
        sampled.addAll(order.subList(0, Math.min(sampleCount, order.size())));
        double rouge = 0;
        long mentions = 0;
        long supported = 0;
        double faithfulSum = 0;
        long tokens = 0;
        double millis = 0;
        int finished = 0;
        int agree = 0;
        double[] latencies = new double[examples.size()];
        double[] per60 = new double[examples.size()];
        List<String> unsupportedMentions = new ArrayList<>();
        ClaimMetrics claims = new ClaimMetrics();
        // The same claims over the rationales that chose the right drug: a wrong choice argues for the other drug,
        // so it shares almost no claim with the teacher; this separates the text's gap from the choice's.
        ClaimMetrics claimsWhenRight = new ClaimMetrics();
        double rougeWhenRight = 0;
        // One warm-up call so the first timing does not include lazy native initialisation.
        if (!examples.isEmpty()) {
            model.generate(examples.get(0), options);
        }
        for (int i = 0; i < examples.size(); i++) {
            ExpRxRecExample example = examples.get(i);
            Rationale rationale = model.generate(example, options);
            String reference = StudentPrompt.answerText(example);
            rouge += RougeL.f1(rationale.textWithSlots(), reference);
            Faithfulness.Result check = Faithfulness.check(rationale.textWithSlots(), example, lexicon);
            claims.add(example, rationale.textWithSlots(), example.output());
            if (rationale.candidate() == example.label()) {
                claimsWhenRight.add(example, rationale.textWithSlots(), example.output());
                rougeWhenRight += RougeL.f1(rationale.textWithSlots(), reference);
            }
            mentions += check.mentions();
            supported += check.supported();
            faithfulSum += check.score();
            for (String mention : check.unsupported()) {
                if (unsupportedMentions.size() < 20) {
                    unsupportedMentions.add(example.id() + ": " + mention);
                }
            }
            tokens += rationale.tokens();
            millis += rationale.millis();
            latencies[i] = rationale.millis();
            per60[i] = rationale.millis() / Math.max(1, rationale.tokens()) * 60;
            finished += rationale.finished() ? 1 : 0;
            agree += rationale.candidate() == example.label() ? 1 : 0;
            if (sampled.contains(i)) {
                Map<String, Object> sample = new LinkedHashMap<>();
                sample.put("id", example.id());
                sample.put("selectedRight", rationale.candidate() == example.label());
                sample.put("teacher", reference);
                sample.put("student", rationale.textWithSlots());
                sample.put("restored", rationale.text());
                sample.put("unsupported", check.unsupported());
                samples.add(sample);
            }
        }
        int n = Math.max(1, examples.size());
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("examples", examples.size());
        out.put("strategy", options.strategy());
        out.put("beamWidth", options.beamWidth());
        out.put("constrained", options.constrained());
        out.put("rougeL", rouge / n);
        out.put("faithfulness", mentions == 0 ? 1.0 : (double) supported / mentions);
        out.put("faithfulnessPerRationale", faithfulSum / n);
        out.put("mentions", mentions);
        out.put("supportedMentions", supported);
        out.put("unsupportedMentions", unsupportedMentions);
        out.put("selectionAccuracyOfFirstSlot", (double) agree / n);
        out.put("meanTokens", (double) tokens / n);
        out.put("finishedShare", (double) finished / n);
        out.put("tokensPerSecond", tokens / Math.max(1e-9, millis / 1000));
        out.put("meanMillis", millis / n);
        out.put("medianMillis", sorted.length == 0 ? null : sorted[sorted.length / 2]);
        out.put("p90Millis", sorted.length == 0 ? null : sorted[(int) Math.min(sorted.length - 1,
                Math.floor(sorted.length * 0.9))]);
        out.put("millisPer60Tokens", tokens == 0 ? null : millis / tokens * 60);
        double[] sortedPer60 = per60.clone();
        Arrays.sort(sortedPer60);
        // The target is for a rationale of about 60 tokens: each rationale's time scaled to 60 tokens.
        out.put("medianMillisPer60Tokens", sortedPer60.length == 0 ? null : sortedPer60[sortedPer60.length / 2]);
        out.put("claims", claims.toMap());
        out.put("claimRecallWhenSelectedRight", agree == 0 ? null : claimsWhenRight.claimRecall());
        out.put("rougeLWhenSelectedRight", agree == 0 ? null : rougeWhenRight / agree);
        return out;
    }

    /** The first {@code limit} examples (all when limit is 0 or more than there are). */
    static List<ExpRxRecExample> first(List<ExpRxRecExample> examples, int limit) {
        return limit <= 0 || limit >= examples.size() ? examples : new ArrayList<>(examples.subList(0, limit));
    }
}

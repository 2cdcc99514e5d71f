package org.kedrec.core.lm;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kedrec.core.Messages;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.ranking.DrugRanker;

/**
 * A tool whose result the student reads as one more prompt line: the KG ranker's order of the candidates
 * ({@code ranker ranks [C2] above [C1]}), or in the {@link RankerLine#SCORES} form its order and scores
 * ({@code ranker ranks [C2] (0.935) above [C1] (0.120)}). The student is a small model that cannot see the whole
 * graph; the ranker can, and on held-out pairs it chose better than the student alone (0.923 against 0.731), so its
 * verdict is evidence the student should weigh, not a name it could memorise: the verdict shows only slots. The
 * scored line adds the ranker's probabilities, three decimals (a new disease's scores are mostly below 0.01), so the
 * student can tell a confident verdict from a near tie: on held-out diseases the ranker is right on 0.42 of the pairs
 * whose higher score is below 0.003 and on 0.87 of those above 0.01 (docs/student.md).
 * A student trained with the tool records it in {@code tools.json}, and {@link StudentModel#load} gives it the same
 * tool again (the ranker of the model directory it sits in), so training and serving read the same prompt.
 */
public interface CandidateScorer extends AutoCloseable {
    /** The file in a student directory that says the student was trained with the ranker's line. */
    String TOOLS_FILE = "tools.json";

    /** {@code tools.json}'s key naming the line's form ({@link RankerLine#label}; {@code verdict} when absent). */
    String LINE_KEY = "rankerLine";

    /**
     * {@code tools.json}'s key for the weight of the ranker's log-odds in the student's selection
     * ({@link StudentModel#select}); absent or 0: the student's own likelihoods alone decide.
     */
    String WEIGHT_KEY = "rankerWeight";

    /**
     * {@code tools.json}'s key for the vote on diseases the student never trained on ({@link UnseenDiseaseVote}):
     * {@code {"studentScale": a, "rankerWeight": w, "trainedDiseases": [ids]}}; absent: the same vote everywhere.
     */
    String UNSEEN_KEY = "unseenDiseaseVote";

    /** No tool: the prompt has no ranker line. */
    CandidateScorer NONE = example -> null;

    /** One score per candidate (higher = more likely to treat), NaN where unknown; null for no line at all. */
    double[] scores(ExpRxRecExample example);

    @Override
    default void close() {}

    /** How {@link #line} writes the tool's result. */
    default RankerLine lineForm() {
        return RankerLine.VERDICT;
    }

    /** The prompt line for {@code example}, or null when fewer than two candidates have a score. */
    default String line(ExpRxRecExample example) {
        return line(example, scores(example), lineForm() == RankerLine.SCORES);
    }

    /** The line for these scores: the verdict, and each score after its slot when {@code withScores}. */
    static String line(ExpRxRecExample example, double[] scores, boolean withScores) {
        if (scores == null) {
            return null;
        }
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                known.add(i);
            }
        }
        if (known.size() < 2) {
            return null;
        }
        // Ties keep the candidate order, so the line is deterministic.
        known.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        StringBuilder out = new StringBuilder("ranker ranks ");
        for (int k = 0; k < known.size(); k++) {
            out.append(k == 0 ? "" : " above ").append(example.candidates().get(known.get(k)).slot());
            if (withScores) {
                out.append(" (").append(Messages.format("%.3f", scores[known.get(k)])).append(')');
            }
        }
        return out.toString();
    }

    /** The KG ranker as a tool: its TREATS score of each candidate for the example's disease, in {@code line}'s form. */
    static CandidateScorer of(DrugRanker ranker, RankerLine line) {
        return of(example -> {
            double[] out = new double[example.candidates().size()];
            String disease = example.disease() == null ? null : example.disease().id();
            boolean knownDisease = disease != null && ranker.knowsDisease(disease);
            for (int i = 0; i < out.length; i++) {
                String drug = example.candidates().get(i).id();
                out[i] = knownDisease && drug != null && ranker.knowsDrug(drug)
                        ? ranker.score(disease, drug) : Double.NaN;
            }
            return out;
        }, line, ranker::close);
    }

    /** A tool from a score function (tests, a cross-fitted set of rankers), writing its line in {@code line}'s form. */
    static CandidateScorer of(java.util.function.Function<ExpRxRecExample, double[]> scores, RankerLine line) {
        return of(scores, line, () -> {});
    }

    private static CandidateScorer of(java.util.function.Function<ExpRxRecExample, double[]> scores, RankerLine line,
                                      Runnable close) {
        java.util.Objects.requireNonNull(line, "line");
        return new CandidateScorer() {
            @Override
            public double[] scores(ExpRxRecExample example) {
                return scores.apply(example);
            }

            @Override
            public RankerLine lineForm() {
                return line;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /** Writes the marker that a student in {@code studentDir} reads the ranker's line in its verdict form. */
    static void markRankerTool(Path studentDir) {
        markRankerTool(studentDir, RankerLine.VERDICT);
    }

    /** Writes the marker that a student in {@code studentDir} reads the ranker's line in {@code form}. */
    static void markRankerTool(Path studentDir, RankerLine form) {
        markRankerTool(studentDir, form, 0);
    }

    /**
     * Writes the marker that a student in {@code studentDir} reads the ranker's line in {@code form}, and that its
     * selection adds {@code weight} times the ranker's log-odds of each candidate to the student's log-likelihood.
     */
    static void markRankerTool(Path studentDir, RankerLine form, double weight) {
        markRankerTool(studentDir, form, weight, null);
    }

    /** As above, with the vote on diseases the student never trained on ({@code unseen}; null: none). */
    static void markRankerTool(Path studentDir, RankerLine form, double weight, UnseenDiseaseVote unseen) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(Messages.format(
                    "The ranker's weight in the selection must be a finite number of at least 0 but was %s.", weight));
        }
        JsonObject json = new JsonObject();
        json.addProperty("ranker", true);
        json.addProperty(LINE_KEY, form.label());
        json.addProperty(WEIGHT_KEY, weight);
        if (unseen != null) {
            json.add(UNSEEN_KEY, unseen.toJson());
        }
        try {
            Files.writeString(studentDir.resolve(TOOLS_FILE),
                    new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not write %s", studentDir.resolve(TOOLS_FILE)), e);
        }
    }

    /**
     * The tools a student directory was trained with: the ranker of its model directory (the student's parent) when
     * {@code tools.json} names it, else {@link #NONE}.
     */
    static CandidateScorer forStudent(Path studentDir) {
        Path tools = studentDir.resolve(TOOLS_FILE);
        if (!Files.isRegularFile(tools)) {
            return NONE;
        }
        Path modelDir = studentDir.toAbsolutePath().getParent();
        RankerLine form = lineForm(tools);
        try {
            return of(DrugRanker.load(modelDir), form);
        } catch (RuntimeException e) {
            throw new IllegalStateException(Messages.format(
                    "The student in %s was trained to read the KG ranker's verdict (%s), but the ranker of %s could "
                            + "not be loaded: %s. Put the ranker it was trained with in %s/ranker, or retrain the "
                            + "student without --ranker-tool.",
                    studentDir, TOOLS_FILE, modelDir, e.getMessage(), modelDir), e);
        }
    }

    /**
     * The line form a {@code tools.json} names ({@link RankerLine#VERDICT} when it names none: students trained
     * before the scored line); an unknown form is refused with the file and the valid forms.
     */
    static RankerLine lineForm(Path toolsFile) {
        JsonElement form = toolsEntry(toolsFile, LINE_KEY);
        if (form == null || form.isJsonNull()) {
            return RankerLine.VERDICT;
        }
        String name = form.getAsString();
        if (!RankerLine.labels().contains(name)) {
            throw new IllegalStateException(Messages.format(
                    "%s names the ranker line form `%s`, but this version knows only %s. Retrain the student with "
                            + "`kedrec train student --ranker-tool --ranker-line %s` (or %s).",
                    toolsFile, name, RankerLine.labels(), RankerLine.SCORES, RankerLine.VERDICT));
        }
        return RankerLine.parse(name);
    }

    /**
     * The ranker's weight in the selection that a {@code tools.json} records (0 when it records none: students
     * trained before the weight was fitted choose by their own likelihoods, as they were measured); a negative or
     * non-numeric weight is refused with the file.
     */
    static double rankerWeight(Path toolsFile) {
        JsonElement weight = toolsEntry(toolsFile, WEIGHT_KEY);
        if (weight == null || weight.isJsonNull()) {
            return 0;
        }
        double value;
        try {
            value = weight.getAsDouble();
        } catch (RuntimeException e) {
            value = Double.NaN;
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalStateException(Messages.format(
                    "%s gives `%s` = %s, but the ranker's weight in the selection must be a finite number of at least "
                            + "0. Retrain the student (`kedrec train student --ranker-tool` fits it on the validation "
                            + "pairs), or set it to 0 to let the student's likelihoods alone decide.",
                    toolsFile, WEIGHT_KEY, weight));
        }
        return value;
    }

    /**
     * The vote on unseen diseases that a {@code tools.json} records, or null when it records none (students trained
     * before it vote alike on every disease); a malformed one is refused with the file and the fix.
     */
    static UnseenDiseaseVote unseenDiseaseVote(Path toolsFile) {
        JsonElement vote = toolsEntry(toolsFile, UNSEEN_KEY);
        if (vote == null || vote.isJsonNull()) {
            return null;
        }
        try {
            return UnseenDiseaseVote.fromJson(vote);
        } catch (RuntimeException e) {
            throw new IllegalStateException(Messages.format(
                    "%s gives `%s` = %s, which is not {\"studentScale\": a in (0, 1], \"rankerWeight\": w >= 0, "
                            + "\"trainedDiseases\": [ids]} (%s). Retrain the student, or remove `%s` to vote alike on "
                            + "every disease.", toolsFile, UNSEEN_KEY, vote, e.getMessage(), UNSEEN_KEY), e);
        }
    }

    /**
     * The ranker's log-odds {@code log(p / (1 - p))} of a probability, clamped to [1e-12, 1 - 1e-12] so a score of
     * 0 or 1 stays finite: how a ranker's score enters a selection ({@link StudentModel#select}, and the ranker's
     * own choice in {@code kedrec.select} without a student).
     */
    static double logOdds(double probability) {
        double p = Math.min(Math.max(probability, 1e-12), 1 - 1e-12);
        return Math.log(p) - Math.log1p(-p);
    }

    private static JsonElement toolsEntry(Path toolsFile, String key) {
        String text;
        try {
            text = Files.readString(toolsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(Messages.format("Could not read %s", toolsFile), e);
        }
        try {
            return JsonParser.parseString(text).getAsJsonObject().get(key);
        } catch (RuntimeException e) {
            throw new IllegalStateException(Messages.format(
                    "%s is not a JSON object (%s). Retrain the student, or write {\"ranker\": true} into it.",
                    toolsFile, e.getMessage()), e);
        }
    }
}

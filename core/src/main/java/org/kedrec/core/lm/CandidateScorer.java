package org.kedrec.core.lm;

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
 * ({@code ranker ranks [C2] above [C1]}). The student is a small model that cannot see the whole graph; the ranker
 * can, and on held-out pairs it chose better than the student alone (0.923 against 0.731), so its verdict is evidence
 * the student should weigh, not a name it could memorise: only slots are shown, never a score it could overfit to.
 * A student trained with the tool records it in {@code tools.json}, and {@link StudentModel#load} gives it the same
 * tool again (the ranker of the model directory it sits in), so training and serving read the same prompt.
 */
public interface CandidateScorer extends AutoCloseable {
    /** The file in a student directory that says the student was trained with the ranker's line. */
    String TOOLS_FILE = "tools.json";

    /** No tool: the prompt has no ranker line. */
    CandidateScorer NONE = example -> null;

    /** One score per candidate (higher = more likely to treat), NaN where unknown; null for no line at all. */
    double[] scores(ExpRxRecExample example);

    @Override
    default void close() {}

    /** The prompt line for {@code example}, or null when fewer than two candidates have a score. */
    default String line(ExpRxRecExample example) {
        double[] scores = scores(example);
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
        }
        return out.toString();
    }

    /** The KG ranker as a tool: its TREATS score of each candidate for the example's disease. */
    static CandidateScorer of(DrugRanker ranker) {
        return new CandidateScorer() {
            @Override
            public double[] scores(ExpRxRecExample example) {
                double[] out = new double[example.candidates().size()];
                String disease = example.disease() == null ? null : example.disease().id();
                boolean knownDisease = disease != null && ranker.knowsDisease(disease);
                for (int i = 0; i < out.length; i++) {
                    String drug = example.candidates().get(i).id();
                    out[i] = knownDisease && drug != null && ranker.knowsDrug(drug)
                            ? ranker.score(disease, drug) : Double.NaN;
                }
                return out;
            }

            @Override
            public void close() {
                ranker.close();
            }
        };
    }

    /** Writes the marker that a student in {@code studentDir} reads the ranker's line. */
    static void markRankerTool(Path studentDir) {
        try {
            Files.writeString(studentDir.resolve(TOOLS_FILE), "{\"ranker\": true}\n", StandardCharsets.UTF_8);
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
        try {
            return of(DrugRanker.load(modelDir));
        } catch (RuntimeException e) {
            throw new IllegalStateException(Messages.format(
                    "The student in %s was trained to read the KG ranker's verdict (%s), but the ranker of %s could "
                            + "not be loaded: %s. Put the ranker it was trained with in %s/ranker, or retrain the "
                            + "student without --ranker-tool.",
                    studentDir, TOOLS_FILE, modelDir, e.getMessage(), modelDir), e);
        }
    }
}

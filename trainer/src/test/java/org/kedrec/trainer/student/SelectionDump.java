package org.kedrec.trainer.student;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.lm.SelectionResult;
import org.kedrec.core.lm.StudentModel;
import org.kedrec.core.ranking.DrugRanker;

/**
 * A developer tool (docs/student.md, eighth round): per pair of the validation split (both candidate orders, and
 * their views without the disease's treatments), the test split, the test split as a new disease shows it (both
 * orders, without the disease's treatments: {@code test-as-new}, what {@link UnseenVoteCrossFit} fits on when the
 * test file holds a cross-fit fold's training pairs) and the held-out diseases, the student's
 * log-likelihood of each candidate, a ranker's score of each and whether a path ends in a TREATS edge into the
 * disease, as TSV, for studying how the two should be combined without retraining.
 *
 * <p>{@code SelectionDump MODEL DATASET OUT.tsv [RANKER_MODEL]} (the ranker of {@code RANKER_MODEL}, default
 * {@code MODEL}: another ranker's scores beside the same student).
 */
public final class SelectionDump {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path dataset = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Path rankerModel = args.length > 3 ? Path.of(args[3]) : model;
        StudentData data = StudentData.read(dataset, "both");
        try (StudentModel student = StudentModel.load(model.resolve("student"), Device.cpu(), 1);
             DrugRanker ranker = DrugRanker.load(rankerModel, Device.cpu());
             PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.println("split\tid\tdisease\tlabel\tstudent\tranker\ttreatsPath");
            java.util.Map<String, List<ExpRxRecExample>> splits = new java.util.LinkedHashMap<>();
            List<ExpRxRecExample> validation = new java.util.ArrayList<>(data.split("validation"));
            data.split("validation").forEach(e -> validation.add(StudentAugment.reversed(e)));
            splits.put("validation", validation);
            splits.put("validation-zs", validation.stream().map(StudentAugment::withoutTreatmentsOfDisease)
                    .filter(java.util.Objects::nonNull).toList());
            splits.put("test", data.split("test"));
            splits.put("zeroshot", data.split("zeroshot"));
            // the test pairs as a new disease shows them: both orders, paths of the disease's treatments removed
            List<ExpRxRecExample> asNew = new java.util.ArrayList<>();
            for (ExpRxRecExample e : data.split("test")) {
                for (ExpRxRecExample o : List.of(e, StudentAugment.reversed(e))) {
                    ExpRxRecExample stripped = StudentAugment.withoutTreatmentsOfDisease(o);
                    asNew.add(stripped == null ? o : stripped);
                }
            }
            splits.put("test-as-new", asNew);
            for (String split : splits.keySet()) {
                for (ExpRxRecExample e : splits.get(split)) {
                    SelectionResult r = student.select(e);
                    StringBuilder s = new StringBuilder();
                    StringBuilder k = new StringBuilder();
                    for (int i = 0; i < e.candidates().size(); i++) {
                        s.append(i == 0 ? "" : ",").append(r.candidates().get(i).logLikelihood());
                        String d = e.disease().id();
                        String c = e.candidates().get(i).id();
                        double score = ranker.knowsDisease(d) && ranker.knowsDrug(c) ? ranker.score(d, c) : Double.NaN;
                        k.append(i == 0 ? "" : ",").append(score);
                    }
                    boolean treats = e.label() >= 0 && StudentAugment.withoutTreatmentsOfDisease(e) != null;
                    w.println(split + "\t" + e.id() + "\t" + e.disease().id() + "\t" + e.label() + "\t" + s + "\t" + k
                            + "\t" + treats);
                }
                w.flush();
            }
        }
    }
}

package org.kedrec.trainer.student;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kedrec.core.lm.CandidateScorer;

/**
 * A developer tool (docs/student.md, tenth round): fits the vote on unseen diseases
 * ({@link SelectionFusion#fitScaled}) on the pooled {@code test-as-new} rows of the folds' {@link SelectionDump}
 * files (each fold's student and ranker never saw the fold's diseases; the fold's training pairs were dumped as its
 * test split), prints how each fold fares under the vote fitted on the other folds, then what the fitted vote, the
 * student alone and the ranker alone choose on other dumps' splits.
 *
 * <p>{@code UnseenVoteCrossFit FOLD_DUMP[,FOLD_DUMP...] [DUMP:SPLIT ...]}; the script that makes the dumps is
 * {@code docs/student-demo/round10/cross-fit.sh}.
 */
public final class UnseenVoteCrossFit {
    private record Rows(List<double[]> likelihoods, List<double[]> logOdds, List<Integer> labels,
                        List<String> diseases) {
        Rows() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void addAll(Rows other) {
            likelihoods.addAll(other.likelihoods);
            logOdds.addAll(other.logOdds);
            labels.addAll(other.labels);
            diseases.addAll(other.diseases);
        }

        int[] labelArray() {
            return labels.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public static void main(String[] args) throws IOException {
        Rows fit = new Rows();
        List<Rows> folds = new ArrayList<>();
        for (String dump : args[0].split(",")) {
            Rows fold = new Rows();
            read(Path.of(dump), "test-as-new", fold);
            folds.add(fold);
            fit.addAll(fold);
        }
        SelectionFusion.ScaledFit vote = SelectionFusion.fitScaled(fit.likelihoods(), fit.logOdds(), fit.labelArray());
        System.out.println("fitted on " + fit.labels().size() + " examples: " + vote.toMap());
        // How the vote does on a fold when fitted on the others: an estimate that does not score its own fit.
        List<Double> right = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            Rows others = new Rows();
            for (int j = 0; j < folds.size(); j++) {
                if (j != k) {
                    others.addAll(folds.get(j));
                }
            }
            SelectionFusion.ScaledFit outer = SelectionFusion.fitScaled(others.likelihoods(), others.logOdds(),
                    others.labelArray());
            Rows held = folds.get(k);
            int foldRight = 0;
            for (int e = 0; e < held.labels().size(); e++) {
                boolean hit = SelectionFusion.accuracy(List.of(held.likelihoods().get(e)),
                        List.of(held.logOdds().get(e)), new int[] {held.labels().get(e)}, outer.studentScale(),
                        outer.rankerWeight()) == 1;
                right.add(hit ? 1.0 : 0.0);
                clusters.add(held.diseases().get(e));
                foldRight += hit ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "fold %d fitted on the others (scale %.2f, weight %.2f): %.3f of %d%n",
                    k + 1, outer.studentScale(), outer.rankerWeight(), (double) foldRight / held.labels().size(),
                    held.labels().size());
        }
        double[] values = right.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ci = org.kedrec.trainer.ranking.eval.PairedBootstrap.clusteredMeanCi95(values,
                clusters.toArray(new String[0]), 2000, 37);
        System.out.printf(Locale.ROOT, "each fold by the others' fit: %.3f of %d, 95%% interval over %d diseases "
                        + "[%.3f, %.3f]%n", java.util.Arrays.stream(values).average().orElse(Double.NaN),
                values.length, new java.util.HashSet<>(clusters).size(), ci[0], ci[1]);
        for (int i = 1; i < args.length; i++) {
            String[] dumpAndSplit = args[i].split(":");
            Rows rows = new Rows();
            read(Path.of(dumpAndSplit[0]), dumpAndSplit[1], rows);
            int[] labels = rows.labelArray();
            System.out.printf(Locale.ROOT, "%s %s (%d): vote %.3f, student alone %.3f, ranker alone %.3f%n",
                    dumpAndSplit[0], dumpAndSplit[1], labels.length,
                    SelectionFusion.accuracy(rows.likelihoods(), rows.logOdds(), labels, vote.studentScale(),
                            vote.rankerWeight()),
                    SelectionFusion.accuracy(rows.likelihoods(), rows.logOdds(), labels, 0),
                    SelectionFusion.fit(rows.likelihoods(), rows.logOdds(), labels).rankerAccuracy());
        }
    }

    /** Adds the rows of {@code split} in a {@link SelectionDump} TSV (scores turned into log-odds, as select does). */
    private static void read(Path dump, String split, Rows into) throws IOException {
        List<String> lines = Files.readAllLines(dump);
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            if (!cols[0].equals(split)) {
                continue;
            }
            String[] s = cols[4].split(",");
            String[] k = cols[5].split(",");
            double[] l = new double[s.length];
            double[] r = new double[k.length];
            for (int i = 0; i < s.length; i++) {
                l[i] = Double.parseDouble(s[i]);
                double score = Double.parseDouble(k[i]);
                r[i] = Double.isNaN(score) ? Double.NaN : CandidateScorer.logOdds(score);
            }
            into.likelihoods().add(l);
            into.logOdds().add(r);
            into.labels().add(Integer.parseInt(cols[3]));
            into.diseases().add(cols[2]);
        }
    }
}

package org.kedrec.trainer.ranking.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.ranking.EntityIndex;
import org.kedrec.core.ranking.PathScores;
import org.kedrec.core.split.StableHash;
import org.kedrec.trainer.ranking.paths.FitRows;
import org.kedrec.trainer.ranking.paths.LogisticRegression;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/**
 * DEVELOPER TOOL (not a test): a disease-blind head for diseases without a training TREATS edge, selected by a
 * cross-validation that makes whole training diseases unseen (their treatments unlabelled in the fit and every
 * feature that walks one of their TREATS edges zeroed, as for a real zero-shot disease). Measured in
 * docs/ranker.md ("A disease-blind head"); not in the ranker.
 */
final class ZeroShotExperiment {
    static final int FOLDS = 5;

    private ZeroShotExperiment() {}

    /** Features whose value for (disease, drug) walks a TREATS edge into that disease: zero for an unseen disease. */
    static Set<String> treatsDependent(List<String> names) {
        return Stream.concat(Metapaths.SCORING.stream(), Metapaths.EVIDENCE_SCORING.stream())
                .filter(m -> m.steps().get(m.steps().size() - 1).type().equals("TREATS"))
                .map(Metapath::abbreviation)
                .filter(names::contains)
                .collect(Collectors.toSet());
    }

    /** {@code cols} without the TREATS-dependent features: what a head for unseen diseases reads. */
    static List<String> blind(List<String> cols, List<String> all) {
        List<String> out = new ArrayList<>(cols);
        out.removeAll(treatsDependent(all));
        return out;
    }

    /** Every feature but the similarity to the disease's own treatments (as {@code Experiments}' set of that name). */
    static List<String> withSimilarityButTreats(PathFeatures all) {
        return all.names().stream().filter(n -> !n.startsWith("maxSimTreats")).toList();
    }

    static int fold(int disease) {
        return StableHash.bucket("disease|" + disease, FOLDS);
    }

    /**
     * One zero-shot cross-validation, per training disease: {sum of reciprocal ranks of its treatments, their
     * number, treatment/non-indication pairs the treatment outscored (ties half), those pairs}.
     */
    record Cv(Map<Integer, double[]> byDisease) {
        double mrr() {
            return ratio(byDisease.values(), 0, 1);
        }

        /** How often an unseen disease's treatment outscores one of its non-indications (the student's pair task). */
        double pairAccuracy() {
            return ratio(byDisease.values(), 2, 3);
        }

        int pairs() {
            return (int) byDisease.values().stream().mapToDouble(v -> v[3]).sum();
        }

        /** Summed column {@code num} over summed column {@code den} of some diseases' rows. */
        static double ratio(Collection<double[]> diseases, int num, int den) {
            double n = 0;
            double d = 0;
            for (double[] v : diseases) {
                n += v[num];
                d += v[den];
            }
            return d == 0 ? Double.NaN : n / d;
        }
    }

    /** The zero-shot cross-validation of a regression over {@code cols} (a subset of f's names). */
    static Cv cv(PathFeatures f, List<String> cols, double l2) {
        KgeEvaluation.Truth t = RankerExperiment.truth;
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        Set<String> dep = treatsDependent(f.names());
        int[] idx = cols.stream().mapToInt(f.names()::indexOf).toArray();
        boolean[] zero = new boolean[idx.length];
        for (int j = 0; j < idx.length; j++) {
            zero[j] = dep.contains(cols.get(j));
        }
        BitSet[] validation = ConditionalLogit.perDisease(nd, t.validation);
        BitSet[] not = ConditionalLogit.perDisease(nd, t.nonIndications);
        Map<Integer, double[]> byDisease = new TreeMap<>();
        for (int k = 0; k < FOLDS; k++) {
            List<float[]> rows = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            for (int d = 0; d < nd; d++) {
                boolean unseen = fold(d) == k;
                for (int c = 0; c < nc; c++) {
                    if (!validation[d].get(c)) {
                        rows.add(row(f, d, c, idx, unseen ? zero : null));
                        labels.add(!unseen && t.trainPositive[d].get(c));
                    }
                }
            }
            boolean[] y = new boolean[labels.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels.get(i);
            }
            LogisticRegression lr = LogisticRegression.fit(rows.toArray(new float[0][]), y, null, l2);
            for (int d = 0; d < nd; d++) {
                if (fold(d) != k || t.trainPositive[d].isEmpty()) {
                    continue;
                }
                float[] s = new float[nc];
                for (int c = 0; c < nc; c++) {
                    s[c] = (float) lr.logit(row(f, d, c, idx, zero));
                }
                BitSet filter = (BitSet) t.trainPositive[d].clone();
                filter.or(validation[d]);
                double[] acc = byDisease.computeIfAbsent(d, x -> new double[4]);
                for (int c = t.trainPositive[d].nextSetBit(0); c >= 0; c = t.trainPositive[d].nextSetBit(c + 1)) {
                    RankOutcome o = RankingMetrics.filteredRank(s, c, filter);
                    acc[0] += RankingMetrics.mrr(List.of(o));
                    acc[1] += 1;
                    for (int n = not[d].nextSetBit(0); n >= 0; n = not[d].nextSetBit(n + 1)) {
                        acc[2] += s[c] > s[n] ? 1 : s[c] == s[n] ? 0.5 : 0;
                        acc[3] += 1;
                    }
                }
            }
        }
        return new Cv(byDisease);
    }

    static float[] row(PathFeatures f, int d, int c, int[] idx, boolean[] zero) {
        float[] all = f.of(d, c);
        float[] out = new float[idx.length];
        for (int j = 0; j < idx.length; j++) {
            out[j] = zero != null && zero[j] ? 0 : all[idx[j]];
        }
        return out;
    }

    /** The four feature sets at three L2 strengths (`zs`). */
    static void run(PathFeatures all, PathFeatures def) {
        System.out.println("TREATS-dependent: " + treatsDependent(all.names()));
        List<String> withSim = withSimilarityButTreats(all);
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("default (dependent zeroed)", def.names());
        sets.put("blind head", blind(def.names(), all.names()));
        sets.put("default+sim (dependent zeroed)", withSim);
        sets.put("blind head + sim", blind(withSim, all.names()));
        for (double l2 : new double[] {10, 100, 1000}) {
            for (Map.Entry<String, List<String>> set : sets.entrySet()) {
                long t0 = System.nanoTime();
                Cv cv = cv(all, set.getValue(), l2);
                System.out.printf(Locale.ENGLISH, "ZS-CV %-32s features %2d L2 %6.0f MRR %.4f pairs %.4f (%d) (%.0f s)%n",
                        set.getKey(), set.getValue().size(), l2, cv.mrr(), cv.pairAccuracy(), cv.pairs(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** The selected head against the default, both cross-validated, with a bootstrap over diseases (`zscompare`). */
    static void compare(PathFeatures all, PathFeatures def) {
        Cv base = cv(all, def.names(), 1000);
        Cv head = cv(all, blind(withSimilarityButTreats(all), all.names()), 100);
        List<Integer> diseases = new ArrayList<>(base.byDisease().keySet());
        Random random = new Random(7);
        double[] mrrDiff = new double[2000];
        double[] pairDiff = new double[2000];
        for (int r = 0; r < mrrDiff.length; r++) {
            List<double[]> a = new ArrayList<>();
            List<double[]> b = new ArrayList<>();
            for (int i = 0; i < diseases.size(); i++) {
                int d = diseases.get(random.nextInt(diseases.size()));
                a.add(base.byDisease().get(d));
                b.add(head.byDisease().get(d));
            }
            mrrDiff[r] = Cv.ratio(b, 0, 1) - Cv.ratio(a, 0, 1);
            pairDiff[r] = Cv.ratio(b, 2, 3) - Cv.ratio(a, 2, 3);
        }
        Arrays.sort(mrrDiff);
        Arrays.sort(pairDiff);
        System.out.printf(Locale.ENGLISH, "ZS-CV default %.4f, head %.4f: MRR head-default [%.4f, %.4f] over %d diseases%n",
                base.mrr(), head.mrr(), mrrDiff[50], mrrDiff[1949], diseases.size());
        System.out.printf(Locale.ENGLISH, "pairs default %.4f, head %.4f: head-default [%.4f, %.4f]%n",
                base.pairAccuracy(), head.pairAccuracy(), pairDiff[50], pairDiff[1949]);
    }

    /**
     * Reads TEST once (`zstest`): the default with its unseen diseases' rows replaced by a head's; writes their logits
     * to {@code out}, and with {@code -Dpatch=FILE} the blind + similarity head's table as a {@code path-scores.bin}
     * (how the student was measured with that head's line, docs/student.md, sixth round).
     */
    static void test(PathFeatures all, PathFeatures def, EntityIndex entities, Path out) throws IOException {
        KgeEvaluation.Truth t = RankerExperiment.truth;
        MetapathModel m = MetapathModel.fit(def, t.trainPositive, t.validation, true);
        RankerExperiment.report("default L2 " + m.l2(), m.logits());
        StringBuilder tsv = new StringBuilder("model\tdisease\tdrug\tlogit\n");
        dump(tsv, "default", m.logits(), all, entities);
        record Head(String name, List<String> cols, double l2) {}
        for (Head h : List.of(new Head("blind", blind(def.names(), all.names()), 10),
                new Head("blindSim", blind(withSimilarityButTreats(all), all.names()), 100))) {
            PathFeatures f = all.select(h.cols());
            FitRows fit = FitRows.of(f, t.trainPositive, t.validation);
            float[][] head = FitRows.logits(f, LogisticRegression.fit(fit.x(), fit.y(), null, h.l2())::logit);
            float[][] joined = new float[head.length][];
            int unseen = 0;
            for (int d = 0; d < head.length; d++) {
                boolean blindRow = t.trainPositive[d].isEmpty();
                unseen += blindRow ? 1 : 0;
                joined[d] = blindRow ? head[d] : m.logits()[d].clone();
            }
            MetapathModel.centrePerDisease(joined);
            System.out.println(h.name() + ": " + unseen + " diseases without a training TREATS edge use the head");
            RankerExperiment.report("default + " + h.name() + " head L2 " + h.l2(), joined);
            dump(tsv, h.name(), joined, all, entities);
            if (h.name().equals("blindSim") && System.getProperty("patch") != null) {
                new PathScores(all.diseases(), all.drugs(), joined).write(Path.of(System.getProperty("patch")));
                System.out.println("wrote " + System.getProperty("patch"));
            }
        }
        Files.writeString(out, tsv);
    }

    private static void dump(StringBuilder tsv, String name, float[][] s, PathFeatures f, EntityIndex entities) {
        KgeEvaluation.Truth t = RankerExperiment.truth;
        for (int d = 0; d < s.length; d++) {
            if (!t.trainPositive[d].isEmpty()) {
                continue;
            }
            for (int c = 0; c < s[d].length; c++) {
                tsv.append(name).append('\t').append(entities.id(f.diseases()[d])).append('\t')
                        .append(entities.id(f.drugs()[c])).append('\t').append(s[d][c]).append('\n');
            }
        }
    }
}

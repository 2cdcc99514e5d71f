package org.kedrec.trainer.ranking.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.graph.Metapaths;
import org.kedrec.core.metrics.RankOutcome;
import org.kedrec.core.metrics.RankingMetrics;
import org.kedrec.core.split.StableHash;
import org.kedrec.trainer.ranking.paths.LogisticRegression;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/**
 * DEVELOPER TOOL (not a test): a disease-blind head for diseases without a training TREATS edge, selected by a
 * cross-validation that makes whole training diseases unseen (their treatments unlabelled in the fit and every
 * feature that walks one of their TREATS edges zeroed, as for a real zero-shot disease).
 */
final class ZeroShotExperiment {
    static final int FOLDS = 5;

    /** Features whose value for (disease, drug) walks a TREATS edge into that disease: zero for an unseen disease. */
    static Set<String> treatsDependent(List<String> names) {
        Set<String> out = new HashSet<>();
        List<Metapath> all = new ArrayList<>(Metapaths.SCORING);
        all.addAll(Metapaths.EVIDENCE_SCORING);
        for (Metapath m : all) {
            Metapath.Step last = m.steps().get(m.steps().size() - 1);
            if (last.type().equals("TREATS") && names.contains(m.abbreviation())) {
                out.add(m.abbreviation());
            }
        }
        return out;
    }

    static int fold(int disease) {
        return StableHash.bucket("disease|" + disease, FOLDS);
    }

    static double lastPairAccuracy;
    /** Per training disease of the last {@link #cv}: {sum of reciprocal ranks, pairs, treatment/NI pairs right, pairs}. */
    static java.util.Map<Integer, double[]> lastByDisease = new java.util.TreeMap<>();

    /**
     * Zero-shot cross-validated MRR of a regression over {@code cols} (a subset of f's names); also sets
     * {@link #lastPairAccuracy}: how often an unseen disease's treatment outscores one of its physician-labelled
     * non-indications (the student's pair task).
     */
    static double cv(PathFeatures f, List<String> cols, double l2) {
        KgeEvaluation.Truth t = RankerExperiment.truth;
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        Set<String> dep = treatsDependent(f.names());
        int[] idx = cols.stream().mapToInt(f.names()::indexOf).toArray();
        boolean[] zero = new boolean[idx.length];
        for (int j = 0; j < idx.length; j++) zero[j] = dep.contains(cols.get(j));
        BitSet[] validation = new BitSet[nd];
        for (int d = 0; d < nd; d++) validation[d] = new BitSet();
        for (int[] v : t.validation) validation[v[0]].set(v[1]);
        BitSet[] not = new BitSet[nd];
        for (int d = 0; d < nd; d++) not[d] = new BitSet();
        for (int[] v : t.nonIndications) not[v[0]].set(v[1]);
        List<RankOutcome> outcomes = new ArrayList<>();
        lastByDisease = new java.util.TreeMap<>();
        double pairsRight = 0;
        int pairs = 0;
        for (int k = 0; k < FOLDS; k++) {
            List<float[]> rows = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            for (int d = 0; d < nd; d++) {
                boolean unseen = fold(d) == k;
                for (int c = 0; c < nc; c++) {
                    if (validation[d].get(c)) continue;
                    rows.add(row(f, d, c, idx, unseen ? zero : null));
                    labels.add(!unseen && t.trainPositive[d].get(c));
                }
            }
            boolean[] y = new boolean[labels.size()];
            for (int i = 0; i < y.length; i++) y[i] = labels.get(i);
            LogisticRegression lr = LogisticRegression.fit(rows.toArray(new float[0][]), y, null, l2);
            for (int d = 0; d < nd; d++) {
                if (fold(d) != k || t.trainPositive[d].isEmpty()) continue;
                float[] s = new float[nc];
                for (int c = 0; c < nc; c++) s[c] = (float) lr.logit(row(f, d, c, idx, zero));
                BitSet filter = (BitSet) t.trainPositive[d].clone();
                filter.or(validation[d]);
                for (int c = t.trainPositive[d].nextSetBit(0); c >= 0; c = t.trainPositive[d].nextSetBit(c + 1)) {
                    RankOutcome o = RankingMetrics.filteredRank(s, c, filter);
                    outcomes.add(o);
                    double[] acc = lastByDisease.computeIfAbsent(d, x -> new double[4]);
                    acc[0] += RankingMetrics.mrr(List.of(o));
                    acc[1] += 1;
                    for (int n = not[d].nextSetBit(0); n >= 0; n = not[d].nextSetBit(n + 1)) {
                        pairs++;
                        double right = s[c] > s[n] ? 1 : s[c] == s[n] ? 0.5 : 0;
                        pairsRight += right;
                        acc[2] += right;
                        acc[3] += 1;
                    }
                }
            }
        }
        lastPairAccuracy = pairs == 0 ? Double.NaN : pairsRight / pairs;
        System.out.printf(Locale.ENGLISH, "  (%d treatment/non-indication pairs)%n", pairs);
        return RankingMetrics.mrr(outcomes);
    }

    static float[] row(PathFeatures f, int d, int c, int[] idx, boolean[] zero) {
        float[] all = f.of(d, c);
        float[] out = new float[idx.length];
        for (int j = 0; j < idx.length; j++) out[j] = zero != null && zero[j] ? 0 : all[idx[j]];
        return out;
    }

    /** The head against the default, both under zero-shot cross-validation, with a bootstrap over diseases. */
    static void compare(PathFeatures all, PathFeatures def) {
        Set<String> dep = treatsDependent(all.names());
        List<String> blindSim = new ArrayList<>(all.names());
        blindSim.removeIf(n -> n.startsWith("maxSimTreats"));
        blindSim.removeAll(dep);
        double a = cv(all, def.names(), 1000);
        java.util.Map<Integer, double[]> base = lastByDisease;
        double b = cv(all, blindSim, 100);
        java.util.Map<Integer, double[]> head = lastByDisease;
        List<Integer> diseases = new ArrayList<>(base.keySet());
        java.util.Random random = new java.util.Random(7);
        double[] mrrDiff = new double[2000];
        double[] pairDiff = new double[2000];
        for (int r = 0; r < 2000; r++) {
            double[] sa = new double[4];
            double[] sb = new double[4];
            for (int i = 0; i < diseases.size(); i++) {
                int d = diseases.get(random.nextInt(diseases.size()));
                for (int k = 0; k < 4; k++) {
                    sa[k] += base.get(d)[k];
                    sb[k] += head.get(d)[k];
                }
            }
            mrrDiff[r] = sb[0] / sb[1] - sa[0] / sa[1];
            pairDiff[r] = sb[3] == 0 ? 0 : sb[2] / sb[3] - sa[2] / sa[3];
        }
        java.util.Arrays.sort(mrrDiff);
        java.util.Arrays.sort(pairDiff);
        System.out.printf(Locale.ENGLISH, "ZS-CV default %.4f, head %.4f: MRR head-default [%.4f, %.4f] over %d diseases%n",
                a, b, mrrDiff[50], mrrDiff[1949], diseases.size());
        double pa = 0, pb = 0, na = 0;
        for (int d : diseases) { pa += base.get(d)[2]; pb += head.get(d)[2]; na += base.get(d)[3]; }
        System.out.printf(Locale.ENGLISH, "pairs default %.4f, head %.4f: head-default [%.4f, %.4f]%n", pa / na,
                pb / na, pairDiff[50], pairDiff[1949]);
    }

    static void run(PathFeatures all, PathFeatures def) {
        Set<String> dep = treatsDependent(all.names());
        System.out.println("TREATS-dependent: " + dep);
        List<String> defCols = def.names();
        List<String> blind = new ArrayList<>(defCols);
        blind.removeAll(dep);
        List<String> allCols = new ArrayList<>(all.names());
        allCols.removeIf(n -> n.startsWith("maxSimTreats"));
        List<String> blindSim = new ArrayList<>(allCols);
        blindSim.removeAll(dep);
        for (double l2 : new double[] {10, 100, 1000}) {
            for (Object[] v : new Object[][] {{"default (dependent zeroed)", defCols}, {"blind head", blind},
                    {"default+sim (dependent zeroed)", allCols}, {"blind head + sim", blindSim}}) {
                long t0 = System.nanoTime();
                @SuppressWarnings("unchecked")
                List<String> cols = (List<String>) v[1];
                double mrr = cv(all, cols, l2);
                System.out.printf(Locale.ENGLISH, "ZS-CV %-32s features %2d L2 %6.0f MRR %.4f pairs %.4f (%.0f s)%n",
                        v[0], cols.size(), l2, mrr, lastPairAccuracy, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** Reads TEST once: the default with its unseen diseases' rows replaced by a head's; writes their logits. */
    static void test(PathFeatures all, PathFeatures def, org.kedrec.core.ranking.EntityIndex entities, Path out)
            throws java.io.IOException {
        KgeEvaluation.Truth t = RankerExperiment.truth;
        Set<String> dep = treatsDependent(all.names());
        org.kedrec.trainer.ranking.paths.MetapathModel m = org.kedrec.trainer.ranking.paths.MetapathModel.fit(def,
                t.trainPositive, t.validation, true);
        RankerExperiment.report("default L2 " + m.l2(), m.logits());
        List<String> blind = new ArrayList<>(def.names());
        blind.removeAll(dep);
        List<String> blindSim = new ArrayList<>(all.names());
        blindSim.removeIf(n -> n.startsWith("maxSimTreats"));
        blindSim.removeAll(dep);
        StringBuilder tsv = new StringBuilder("model\tdisease\tdrug\tlogit\n");
        dump(tsv, "default", m.logits(), all, entities);
        for (Object[] v : new Object[][] {{"blind", blind, 10.0}, {"blindSim", blindSim, 100.0}}) {
            @SuppressWarnings("unchecked")
            List<String> cols = (List<String>) v[1];
            PathFeatures f = all.select(cols);
            org.kedrec.trainer.ranking.paths.FitRows fit = org.kedrec.trainer.ranking.paths.FitRows.of(f,
                    t.trainPositive, t.validation);
            LogisticRegression lr = LogisticRegression.fit(fit.x(), fit.y(), null, (double) v[2]);
            float[][] head = org.kedrec.trainer.ranking.paths.FitRows.logits(f, lr::logit);
            float[][] joined = new float[head.length][];
            int unseen = 0;
            for (int d = 0; d < head.length; d++) {
                boolean blindRow = t.trainPositive[d].isEmpty();
                unseen += blindRow ? 1 : 0;
                joined[d] = blindRow ? head[d] : m.logits()[d].clone();
            }
            org.kedrec.trainer.ranking.paths.MetapathModel.centrePerDisease(joined);
            System.out.println(v[0] + ": " + unseen + " diseases without a training TREATS edge use the head");
            RankerExperiment.report("default + " + v[0] + " head L2 " + v[2], joined);
            dump(tsv, (String) v[0], joined, all, entities);
            if (v[0].equals("blindSim") && System.getProperty("patch") != null) {
                // experiment only: a copy of the model folder whose served logits carry the head
                new org.kedrec.core.ranking.PathScores(all.diseases(), all.drugs(), joined).write(
                        Path.of(System.getProperty("patch")));
                System.out.println("wrote " + System.getProperty("patch"));
            }
        }
        java.nio.file.Files.writeString(out, tsv);
    }

    static void dump(StringBuilder tsv, String name, float[][] s, PathFeatures f,
            org.kedrec.core.ranking.EntityIndex entities) {
        KgeEvaluation.Truth t = RankerExperiment.truth;
        for (int d = 0; d < s.length; d++) {
            if (!t.trainPositive[d].isEmpty()) continue;
            for (int c = 0; c < s[d].length; c++) {
                tsv.append(name).append('\t').append(entities.id(f.diseases()[d])).append('\t')
                        .append(entities.id(f.drugs()[c])).append('\t').append(s[d][c]).append('\n');
            }
        }
    }
}

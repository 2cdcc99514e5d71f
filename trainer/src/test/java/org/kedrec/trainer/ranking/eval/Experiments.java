package org.kedrec.trainer.ranking.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kedrec.core.graph.Metapath;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.EvidenceFeatures;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;
import org.kedrec.trainer.ranking.paths.SimilarityFeatures;

final class Experiments {
    /** The experiments by name; the third argument names one or several, comma-separated ("cal,sim"). */
    static final List<String> NAMES = List.of("zs", "zscompare", "zstest", "cal", "w", "sim", "cv", "fine", "clogit",
            "clogit2", "clogit-test", "inter", "causes", "damp", "avg", "palliates", "notdump", "sole", "treated", "explained", "l2cv", "moa", "atc12", "pu");

    static Set<String> chosen(String argument) {
        Set<String> names = new java.util.LinkedHashSet<>(List.of(argument.split(",")));
        for (String name : names) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown experiment `" + name + "`. Valid names, comma-separated: "
                        + NAMES + ".");
            }
        }
        return names;
    }

    static void run(String[] args, TrainingGraph graph, Evidence evidence, PathFeatures base, MetapathModel m,
            KgeEvaluation.Grid grid) {
        Set<String> which = chosen(args.length > 2 ? args[2] : "cal");
        float[][] s = m == null ? null : m.logits();
        if (which.contains("zscompare")) {
            ZeroShotExperiment.compare(base, defaultFeatures(base));
            return;
        }
        if (which.contains("zstest")) {
            try {
                ZeroShotExperiment.test(base, defaultFeatures(base), graph.entities(), java.nio.file.Path.of(
                        System.getProperty("zsLogits", "zs-logits.tsv")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        if (which.contains("zs")) {
            ZeroShotExperiment.run(base, defaultFeatures(base));
            return;
        }
        if (which.contains("cal")) {
            RankerExperiment.report("cal lse", map(s, "lse"));
            RankerExperiment.report("cal z", map(s, "z"));
            RankerExperiment.report("cal max", map(s, "max"));
            RankerExperiment.report("cal mean", map(s, "mean"));
            RankerExperiment.report("cal rank", map(s, "rank"));
        }
        int nd = base.diseases().length;
        int nc = base.drugs().length;
        if (which.contains("w")) {
            int trials = base.names().indexOf("trials");
            int cls = base.names().indexOf("CiPCiCtD");
            int atc = base.names().indexOf("Ca4CtD");
            for (double k : new double[] {3, 10, 30}) {
                double[][] w = new double[nd][nc];
                double[][] w2 = new double[nd][nc];
                for (int d = 0; d < nd; d++) {
                    for (int c = 0; c < nc; c++) {
                        float[] v = base.of(d, c);
                        w[d][c] = v[trials] > 0 ? k : 1;
                        w2[d][c] = v[trials] > 0 || v[cls] > 0 || v[atc] > 0 ? k : 1;
                    }
                }
                RankerExperiment.fitWeighted(base, w, new double[] {100, 1000}, "w trials x" + k);
                RankerExperiment.fitWeighted(base, w2, new double[] {100, 1000}, "w trials|class x" + k);
            }
        }
        if (which.contains("sim")) {
            TrainingGraph aug = EvidenceFeatures.augment(graph, evidence);
            long t0 = System.nanoTime();
            float[][][] sim = SimilarityFeatures.compute(aug, base.diseases(), base.drugs());
            System.out.printf("similarity features in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            List<String> names = SimilarityFeatures.NAMES;
            PathFeatures joined = base.withExtra(names, sim);
            MetapathModel mm = MetapathModel.fit(joined, RankerExperiment.truth.trainPositive,
                    RankerExperiment.truth.validation);
            RankerExperiment.report("sim all L2 " + mm.l2(), mm.logits());
            RankerExperiment.report("sim all cal mean", map(mm.logits(), "mean"));
            RankerExperiment.report("sim all cal z", map(mm.logits(), "z"));
            for (String drop : new String[] {"maxSimTreats", "maxSimTrial", "maxSimTreated"}) {
                List<String> keep = new ArrayList<>(joined.names());
                keep.removeIf(n -> n.startsWith(drop));
                MetapathModel m2 = MetapathModel.fit(joined.select(keep), RankerExperiment.truth.trainPositive,
                        RankerExperiment.truth.validation);
                RankerExperiment.report("sim -" + drop + " L2 " + m2.l2(), m2.logits());
            }
        }
        if (which.contains("cv")) {
            TrainingGraph aug = EvidenceFeatures.augment(graph, evidence);
            float[][][] sim = SimilarityFeatures.compute(aug, base.diseases(), base.drugs());
            List<String> names = SimilarityFeatures.NAMES;
            PathFeatures joined = base.withExtra(names, sim);
            int trials = base.names().indexOf("trials");
            float[][][] breadth = new float[nd][nc][1];
            for (int c = 0; c < nc; c++) {
                int k = 0;
                for (int d = 0; d < nd; d++) if (base.of(d, c)[trials] > 0) k++;
                for (int d = 0; d < nd; d++) breadth[d][c][0] = (float) Math.log1p(k);
            }
            PathFeatures withBreadth = base.withExtra(List.of("drugTrialDiseases"), breadth);
            cv("base", base);
            cv("base+breadth", withBreadth);
            cv("sim all", joined);
            List<String> keep = new ArrayList<>(joined.names());
            keep.removeIf(n -> n.startsWith("maxSimTreats"));
            cv("sim -treats", joined.select(keep));
            keep = new ArrayList<>(base.names());
            for (String n : names) if (n.startsWith("maxSimTreated")) keep.add(n);
            cv("base+treated", joined.select(keep));
            keep = new ArrayList<>(base.names());
            for (String n : names) if (n.startsWith("maxSimTrial")) keep.add(n);
            cv("base+trial", joined.select(keep));
        }
        if (which.contains("fine")) {
            TrainingGraph aug = EvidenceFeatures.augment(graph, evidence);
            float[][][] sim = SimilarityFeatures.compute(aug, base.diseases(), base.drugs());
            PathFeatures joined = base.withExtra(SimilarityFeatures.NAMES, sim);
            List<String> keep = new ArrayList<>(joined.names());
            keep.removeIf(n -> n.startsWith("maxSimTreats"));
            PathFeatures f = joined.select(keep);
            float[][] best = RankerExperiment.fitWeighted(f, null, new double[] {300, 1000, 3000}, "sim-treats");
            for (String how : new String[] {"mean", "median", "top10", "top50", "top200"}) {
                RankerExperiment.report("cal " + how, map(best, how));
            }
            System.out.printf("CV 300 %.4f 3000 %.4f%n",
                RankerExperiment.crossValidatedMrr(f, RankerExperiment.truth.trainPositive, RankerExperiment.truth.validation, 300),
                RankerExperiment.crossValidatedMrr(f, RankerExperiment.truth.trainPositive, RankerExperiment.truth.validation, 3000));
        }
        if (which.contains("avg")) {
            // A model average: the default regression and the one with the opt-in similarity features, their
            // logits averaged. Selected on CV and validation; the TEST line is printed after both, for the record.
            PathFeatures def = defaultFeatures(base);
            PathFeatures sim = withSimilarityButTreats(graph, evidence, def);
            MetapathModel a = MetapathModel.fit(def, RankerExperiment.truth.trainPositive,
                    RankerExperiment.truth.validation);
            MetapathModel b = MetapathModel.fit(sim, RankerExperiment.truth.trainPositive,
                    RankerExperiment.truth.validation);
            float[][] avg = new float[nd][nc];
            for (int d = 0; d < nd; d++) {
                for (int c = 0; c < nc; c++) {
                    avg[d][c] = (a.logits()[d][c] + b.logits()[d][c]) / 2;
                }
            }
            record Candidate(String name, List<PathFeatures> features, double[] l2s, float[][] logits) {}
            for (Candidate m2 : List.of(new Candidate("default", List.of(def), new double[] {a.l2()}, a.logits()),
                    new Candidate("sim", List.of(sim), new double[] {b.l2()}, b.logits()),
                    new Candidate("average", List.of(def, sim), new double[] {a.l2(), b.l2()}, avg))) {
                double cv = org.kedrec.trainer.ranking.HeadExperiment.crossValidatedMrr(m2.features(), m2.l2s(),
                        RankerExperiment.truth.trainPositive, RankerExperiment.truth.validation);
                System.out.printf(java.util.Locale.ENGLISH, "%-10s L2 %s CV %.4f val %.4f%n", m2.name(),
                        java.util.Arrays.toString(m2.l2s()), cv, MetapathModel.validationMrr(m2.logits(),
                                RankerExperiment.truth.trainPositive, RankerExperiment.truth.validation));
            }
            RankerExperiment.report("default (centred)", map(a.logits(), "mean"));
            RankerExperiment.report("sim (centred)", map(b.logits(), "mean"));
            RankerExperiment.report("average (centred)", map(avg, "mean"));
            return;
        }
        if (which.contains("clogit-test")) {
            // read once, after selection on CV and validation (clogit2)
            PathFeatures def = defaultFeatures(base);
            PathFeatures simButTreats = withSimilarityButTreats(graph, evidence, def);
            double[] l2s = {1, 10, 100, 1000};
            for (var model : List.of(Map.entry("base", def), Map.entry("sim-treats", simButTreats))) {
                float[][] scores = ConditionalLogit.bestOnValidation(model.getValue(),
                        RankerExperiment.truth.trainPositive, RankerExperiment.truth.validation, l2s)
                        .score(model.getValue());
                RankerExperiment.report("clogit " + model.getKey(), scores);
                RankerExperiment.report("clogit " + model.getKey() + " cal mean", map(scores, "mean"));
            }
            return;
        }
        if (which.contains("clogit") || which.contains("clogit2")) {
            PathFeatures def = defaultFeatures(base);
            cvOnly("pointwise base", def);
            if (!which.contains("clogit2")) {
                ConditionalLogit.select("base", def, RankerExperiment.truth.trainPositive,
                        RankerExperiment.truth.validation, new double[] {0.1, 1, 10, 100});
            } else {
                ConditionalLogit.select("base", def, RankerExperiment.truth.trainPositive,
                        RankerExperiment.truth.validation, new double[] {300, 1000});
                ConditionalLogit.select("sim-treats", withSimilarityButTreats(graph, evidence, def),
                        RankerExperiment.truth.trainPositive,
                        RankerExperiment.truth.validation, new double[] {10, 100});
                ConditionalLogit.select("inter top8", withProducts(def, TOP8, TOP8, true),
                        RankerExperiment.truth.trainPositive, RankerExperiment.truth.validation,
                        new double[] {10, 100});
            }
        }
        if (which.contains("inter")) {
            base = defaultFeatures(base);
            // pairwise products of the strongest features (by the default's standardised weights): the regression
            // is additive, so "tested for the disease AND in the class of its treatments" is otherwise missing
            String[] top = TOP8;
            String[] evidenceSide = {"trials", "CtrD", "trialShareOfDisease", "trialShareOfDrug"};
            String[] kgSide = {"Ca3CtD", "CbGbCtD", "CcCtD", "CrCrCtD", "CtDrDrD", "CpDpCtD", "CtDaGaD", "CbGaD",
                "CiPCiCtD"};
            cvOnly("base", base);
            cvOnly("inter top8", withProducts(base, top, top, true));
            cvOnly("inter evidence x kg", withProducts(base, evidenceSide, kgSide, false));
            cvOnly("inter trials x all", withProducts(base, new String[] {"trials"},
                    base.names().stream().filter(n -> !n.equals("trials")).toArray(String[]::new), false));
        }
        if (which.contains("causes")) {
            // a drug that causes one of the disease's symptoms (side effect and symptom matched by name: Hetionet's
            // side effects are UMLS concepts, its symptoms MeSH terms, and the data has no map between them)
            base = defaultFeatures(base);
            org.kedrec.core.ranking.EntityIndex e = graph.entities();
            // the model's entity file has no names for these: Hetionet's node file has
            java.util.Map<String, String> nodeNames = new java.util.HashMap<>();
            try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of(args[1],
                    "hetionet/hetionet-v1.0-nodes.tsv"))) {
                lines.forEach(line -> {
                    String[] c = line.split("\t");
                    if (c[0].startsWith("Side Effect::")) {
                        nodeNames.put("UMLS:" + c[0].substring(13), c[1]);
                    } else if (c[0].startsWith("Symptom::")) {
                        nodeNames.put("MESH:" + c[0].substring(9), c[1]);
                    }
                });
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            java.util.Map<String, List<String>> symptomsByName = new java.util.HashMap<>();
            for (int i = 0; i < e.size(); i++) {
                if (e.label(i).equals("Symptom") && nodeNames.containsKey(e.id(i))) {
                    symptomsByName.computeIfAbsent(nodeNames.get(e.id(i)).toLowerCase(java.util.Locale.ENGLISH),
                            k -> new ArrayList<>()).add(e.id(i));
                }
            }
            List<String[]> same = new ArrayList<>();
            for (int i = 0; i < e.size(); i++) {
                if (e.label(i).equals("SideEffect") && nodeNames.containsKey(e.id(i))) {
                    for (String symptom : symptomsByName.getOrDefault(
                            nodeNames.get(e.id(i)).toLowerCase(java.util.Locale.ENGLISH), List.of())) {
                        same.add(new String[] {e.id(i), "SideEffect-SAME_NAME->Symptom", symptom});
                    }
                }
            }
            System.out.printf("%d side effects named like a symptom%n", same.size());
            TrainingGraph aug = graph.withSideTriples(same, java.util.Map.of());
            Metapath causes = Metapath.parse("CcSEsSpD",
                    "Drug-CAUSES->SideEffect-SAME_NAME->Symptom<-PRESENTS-Disease");
            PathFeatures f = PathFeatures.compute(aug, List.of(causes), 0.4);
            float[][][] v = new float[nd][nc][1];
            int hit = 0;
            for (int d = 0; d < nd; d++) {
                for (int c = 0; c < nc; c++) {
                    v[d][c][0] = f.of(d, c)[0];
                    hit += v[d][c][0] > 0 ? 1 : 0;
                }
            }
            System.out.printf("%d pairs with a caused symptom%n", hit);
            cvOnly("base", base);
            cvOnly("base + CcSEsSpD", base.withExtra(List.of("CcSEsSpD"), v));
        }
        if (which.contains("palliates")) {
            // the drug palliates this very disease: PharmacotherapyDB gives a pair one label (DM, SYM or NOT), so a
            // symptomatic drug is, by the curators' own label, not a disease-modifying treatment of it
            PathFeatures f = PathFeatures.compute(graph, List.of(Metapath.parse("Drug-PALLIATES->Disease")), 0.4);
            float[][][] v = new float[nd][nc][1];
            int hit = 0;
            for (int d = 0; d < nd; d++) {
                for (int c = 0; c < nc; c++) {
                    v[d][c][0] = f.of(d, c)[0] > 0 ? 1f : 0f;
                    hit += v[d][c][0] > 0 ? 1 : 0;
                }
            }
            System.out.printf("%d pairs with a PALLIATES edge%n", hit);
            // base carries the opt-in similarity features (EvidenceFeatures.compute adds them); the default drops them
            PathFeatures def = defaultFeatures(base);
            paired("default", def, def.withExtra(List.of("CpD"), v));
            paired("similarity", base, base.withExtra(List.of("CpD"), v));
            paired("default vs similarity + CpD", def, base.withExtra(List.of("CpD"), v));
        }
        if (which.contains("sole")) {
            // trials of the pair where the disease is the trial's only condition: a trial filed under two diseases
            // (ocular hypertension under glaucoma and hypertension) speaks less for either; -Dsole=FILE, rows
            // drug, disease, trials, sole (from Cypher over the served graph)
            float[][][] v = pairCounts("sole", graph, base, (trials, sole) -> new float[] {
                    (float) Math.log1p(sole), trials > 0 ? (float) (sole / trials) : 0f});
            PathFeatures def = defaultFeatures(base);
            paired("default vs + sole", def, def.withExtra(List.of("trialsSole", "soleShare"), v));
            float[][][] share = new float[nd][nc][1];
            for (int d = 0; d < nd; d++) for (int c = 0; c < nc; c++) share[d][c][0] = v[d][c][1];
            paired("default vs + soleShare", def, def.withExtra(List.of("soleShare"), share));
        }
        if (which.contains("explained")) {
            // trials of the pair also filed, for the same drug, under another disease the drug treats in the
            // training graph: a trial its known indication explains (ocular hypertension trials of a glaucoma drug
            // filed under hypertension) speaks less for this disease; -Dexplained=FILE, rows drug, disease, trials,
            // explained (from the trial rows of dhimmel/clintrials and the split's training pairs only)
            float[][][] v = pairCounts("explained", graph, base, (trials, explained) -> new float[] {
                    (float) Math.log1p(trials - explained), trials > 0 ? (float) (explained / trials) : 0f});
            PathFeatures def = defaultFeatures(base);
            paired("default vs + unexplained, explainedShare", def,
                    def.withExtra(List.of("trialsUnexplained", "explainedShare"), v));
            float[][][] share = new float[nd][nc][1];
            for (int d = 0; d < nd; d++) for (int c = 0; c < nc; c++) share[d][c][0] = v[d][c][1];
            paired("default vs + explainedShare", def, def.withExtra(List.of("explainedShare"), share));
        }
        if (which.contains("moa")) {
            // metapaths through the drug's mechanism-of-action targets only (DrugBank: a target, not an enzyme,
            // carrier or transporter, with a known action), beside the ones through every bound gene; -Dmoa=FILE,
            // rows drug, gene
            List<String[]> side = new ArrayList<>();
            org.kedrec.core.ranking.EntityIndex ix = graph.entities();
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(System.getProperty("moa")))) {
                    String[] c = line.split("\t");
                    if (ix.indexOrMinusOne(c[0]) >= 0 && ix.indexOrMinusOne(c[1]) >= 0) {
                        side.add(new String[] {c[0], "Drug-MOA_TARGET->Gene", c[1]});
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.out.println(side.size() + " mechanism-target edges");
            TrainingGraph aug = EvidenceFeatures.augment(graph, evidence).withSideTriples(side, Map.of());
            List<Metapath> mps = List.of(
                    Metapath.parse("CmGaD", "Drug-MOA_TARGET->Gene<-ASSOCIATES-Disease"),
                    Metapath.parse("CmGuD", "Drug-MOA_TARGET->Gene<-UPREGULATES-Disease"),
                    Metapath.parse("CmGdD", "Drug-MOA_TARGET->Gene<-DOWNREGULATES-Disease"),
                    Metapath.parse("CmGmCtD", "Drug-MOA_TARGET->Gene<-MOA_TARGET-Drug-TREATS->Disease"),
                    Metapath.parse("CmGmCtrD", "Drug-MOA_TARGET->Gene<-MOA_TARGET-Drug-IN_TRIAL_FOR->Disease"),
                    Metapath.parse("CmGiGaD", "Drug-MOA_TARGET->Gene-INTERACTS-Gene<-ASSOCIATES-Disease"),
                    Metapath.parse("CmGpPWpGaD",
                            "Drug-MOA_TARGET->Gene-PARTICIPATES->Pathway<-PARTICIPATES-Gene<-ASSOCIATES-Disease"));
            addedMetapaths("all mechanism metapaths", aug, mps, base);
        }
        if (which.contains("atc12")) {
            // the ATC tree's two upper levels (therapeutic main group "C08", anatomical main group "C") beside the
            // two the default reads: does "the same organ system as the disease's treatments" add to "the same
            // pharmacological subgroup"?
            List<String[]> side = new ArrayList<>();
            Map<String, String> labels = new java.util.HashMap<>();
            evidence.drugs().forEach((id, d) -> {
                if (graph.entities().indexOrMinusOne(id) < 0) {
                    return;
                }
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (String code : d.atcCodes()) {
                    for (int len : new int[] {1, 3}) {
                        if (code.length() >= len && seen.add(code.substring(0, len))) {
                            String label = len == 1 ? "AtcLevel1" : "AtcLevel2";
                            String node = "ATC:" + code.substring(0, len);
                            labels.put(node, label);
                            side.add(new String[] {id, "Drug-IN_ATC->" + label, node});
                        }
                    }
                }
            });
            TrainingGraph aug = EvidenceFeatures.augment(graph, evidence).withSideTriples(side, labels);
            List<Metapath> mps = List.of(
                    Metapath.parse("Ca2CtD", "Drug-IN_ATC->AtcLevel2<-IN_ATC-Drug-TREATS->Disease"),
                    Metapath.parse("Ca1CtD", "Drug-IN_ATC->AtcLevel1<-IN_ATC-Drug-TREATS->Disease"),
                    Metapath.parse("Ca2CtrD", "Drug-IN_ATC->AtcLevel2<-IN_ATC-Drug-IN_TRIAL_FOR->Disease"),
                    Metapath.parse("Ca1CtrD", "Drug-IN_ATC->AtcLevel1<-IN_ATC-Drug-IN_TRIAL_FOR->Disease"));
            PathFeatures def = defaultFeatures(base);
            PathFeatures all = addedMetapaths("ATC levels 1 and 2", aug, mps, base);
            List<String> keep = new ArrayList<>(def.names());
            keep.addAll(List.of("Ca2CtD", "Ca1CtD"));
            cvOnly("default + Ca2CtD, Ca1CtD", all.select(keep));
        }
        if (which.contains("pu")) {
            // positive-unlabelled reweighting: the held-out treatments sit in the fit as negatives, and they are
            // among each disease's best-scoring unlabelled drugs; a second fit gives each disease's top N unlabelled
            // drugs of the first fit the weight w. Selected on the cross-validation that keeps the fold's pairs in
            // the fit unlabelled, like TEST pairs.
            PathFeatures def = defaultFeatures(base);
            var t = RankerExperiment.truth;
            System.out.printf(java.util.Locale.ENGLISH, "default: CV %.4f%n",
                    RankerExperiment.crossValidatedMrr(def, t.trainPositive, t.validation, 1000));
            // weight 1 is the default itself (the check that both cross-validations agree)
            String cells = System.getProperty("puGrid", "5:1,5:0,5:0.3,20:0,20:0.3");
            for (String cell : cells.split(",")) {
                int top = Integer.parseInt(cell.split(":")[0]);
                double w = Double.parseDouble(cell.split(":")[1]);
                double val = MetapathModel.validationMrr(puFit(def, t.trainPositive, validationSet(def, t.validation),
                        top, w, 1000), t.trainPositive, t.validation);
                System.out.printf(java.util.Locale.ENGLISH, "top %d weight %.2f: CV %.4f val %.4f%n", top, w,
                        puCrossValidatedMrr(def, t.trainPositive, t.validation, top, w, 1000), val);
            }
            if (System.getProperty("puTop") != null) {
                int top = Integer.getInteger("puTop");
                double w = Double.parseDouble(System.getProperty("puWeight"));
                float[][] logits = puFit(def, t.trainPositive, validationSet(def, t.validation), top, w, 1000);
                org.kedrec.trainer.ranking.paths.MetapathModel.centrePerDisease(logits);
                MetapathModel a = MetapathModel.fit(def, t.trainPositive, t.validation, true);
                RankerExperiment.report("default", a.logits());
                RankerExperiment.report("pu top " + top + " w " + w, logits);
                KgeEvaluation.Evaluated ea = KgeEvaluation.evaluate(a.logits(), t.heldOut, t, false);
                KgeEvaluation.Evaluated eb = KgeEvaluation.evaluate(logits, t.heldOut, t, false);
                System.out.println("  MRR pu - default " + show(PairedBootstrap.compare(eb.outcomes(), ea.outcomes(),
                        2000, 42)));
                System.out.println("  AUROC-NOT pu - default " + show(PairedBootstrap.compareAuroc(eb.positives(),
                        eb.notScores(), ea.positives(), ea.notScores(), 2000, 42)));
                // the student's held-out pairs (-DpuPairs=dataset/both/zeroshot.jsonl): which candidate each picks
                if (System.getProperty("puPairs") != null) {
                    java.util.Map<Integer, Integer> row = TrainingGraph.positions(def.diseases());
                    java.util.Map<Integer, Integer> col = TrainingGraph.positions(def.drugs());
                    var ix = graph.entities();
                    int[] right = new int[2];
                    int n = 0;
                    try {
                        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                                System.getProperty("puPairs")))) {
                            var e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                            Integer d = row.get(ix.indexOrMinusOne(e.get("disease").get("id").asText()));
                            Integer c1 = col.get(ix.indexOrMinusOne(e.get("candidates").get(0).get("id").asText()));
                            Integer c2 = col.get(ix.indexOrMinusOne(e.get("candidates").get(1).get("id").asText()));
                            int label = e.get("label").asInt();
                            float[][][] both = {a.logits(), logits};
                            for (int k = 0; k < 2; k++) {
                                int pick = both[k][d][c1] >= both[k][d][c2] ? 0 : 1;
                                right[k] += pick == label ? 1 : 0;
                            }
                            n++;
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    System.out.printf("held-out pairs %d: default right %d, pu right %d%n", n, right[0], right[1]);
                }
            }
        }
        if (which.contains("l2cv")) {
            // the default's L2 by 5-fold CV over the training pairs (483) instead of the 49 validation pairs
            PathFeatures def = defaultFeatures(base);
            var t = RankerExperiment.truth;
            for (double l2 : new double[] {100, 300, 1000, 3000, 10000}) {
                System.out.printf(java.util.Locale.ENGLISH, "L2 %.0f: CV %.4f%n", l2,
                        RankerExperiment.crossValidatedMrr(def, t.trainPositive, t.validation, l2));
            }
        }
        if (which.contains("treated")) {
            // the disease-side similarity family alone (the best CV of the similarity variants before the
            // palliates feature): does each part of default + it earn its place?
            PathFeatures def = defaultFeatures(base);
            List<String> keep = new ArrayList<>(def.names());
            for (String n : SimilarityFeatures.NAMES) if (n.startsWith("maxSimTreated")) keep.add(n);
            PathFeatures treated = base.select(keep);
            paired("default vs + treated", def, treated);
            List<String> noPalliates = new ArrayList<>(keep);
            noPalliates.remove(EvidenceFeatures.PALLIATES);
            paired("treated: without vs with palliates", base.select(noPalliates), treated);
            // a drug that palliates many diseases is a symptomatic drug in general
            int[] drugs = base.drugs();
            java.util.Map<Integer, Integer> col = TrainingGraph.positions(drugs);
            int rel = graph.relations().indexOf("Drug-PALLIATES->Disease");
            int[] count = new int[nc];
            for (int i = 0; i < graph.size(); i++) {
                Integer c = graph.relation(i) == rel ? col.get(graph.head(i)) : null;
                if (c != null) count[c]++;
            }
            float[][][] v = new float[nd][nc][1];
            for (int d = 0; d < nd; d++) for (int c = 0; c < nc; c++) v[d][c][0] = (float) Math.log1p(count[c]);
            paired("default vs + drugPalliatesDegree", def, def.withExtra(List.of("drugPalliates"), v));
        }
        if (which.contains("notdump")) {
            // which physician-labelled non-indications outscore the held-out treatments (the AUROC's errors)
            var t = RankerExperiment.truth;
            float[][] logits = MetapathModel.fit(defaultFeatures(base), t.trainPositive, t.validation, true).logits();
            KgeEvaluation.Evaluated e = KgeEvaluation.evaluate(logits, t.heldOut, t, false);
            double[] pos = e.positives().clone();
            java.util.Arrays.sort(pos);
            org.kedrec.core.ranking.EntityIndex ix = graph.entities();
            List<String> lines = new ArrayList<>();
            for (int[] p : t.nonIndications) {
                double sc = logits[p[0]][p[1]];
                int below = 0;
                while (below < pos.length && pos[below] < sc) below++;
                float[] f = base.of(p[0], p[1]);
                lines.add(String.format(java.util.Locale.ENGLISH, "%.3f\t%.2f\t%s\t%s\ttrials=%.0f\tCtrD=%.2f\ttrain=%d",
                        (double) below / pos.length, sc, ix.name(grid.diseases[p[0]]), ix.name(grid.drugs[p[1]]),
                        f[base.names().indexOf("trials")], f[base.names().indexOf("CtrD")],
                        t.trainPositive[p[0]].cardinality()));
            }
            lines.sort(java.util.Comparator.reverseOrder());
            lines.forEach(System.out::println);
            System.out.println("AUROC " + org.kedrec.core.metrics.Roc.auroc(e.positives(), e.notScores()));
        }
        if (which.contains("damp")) {
            TrainingGraph aug = EvidenceFeatures.augment(graph, evidence);
            for (double damping : new double[] {0.0, 0.7}) {
                PathFeatures extra = PathFeatures.compute(aug, EvidenceFeatures.allMetapaths(), damping);
                List<String> names = new ArrayList<>();
                for (Metapath mp : EvidenceFeatures.allMetapaths()) names.add(mp.abbreviation());
                float[][][] v = new float[nd][nc][names.size()];
                for (int d = 0; d < nd; d++) for (int c = 0; c < nc; c++)
                    System.arraycopy(extra.of(d, c), 0, v[d][c], 0, names.size());
                PathFeatures joined = base.withExtra(names.stream().map(n -> n + "@" + damping).toList(), v);
                MetapathModel mm = MetapathModel.fit(joined, RankerExperiment.truth.trainPositive,
                        RankerExperiment.truth.validation);
                RankerExperiment.report("damp+" + damping + " L2 " + mm.l2(), mm.logits());
                RankerExperiment.report("damp+" + damping + " cal lse", map(mm.logits(), "lse"));
            }
        }
    }

    static PathFeatures withProducts(PathFeatures base, String[] a, String[] b, boolean pairsWithin) {
        List<int[]> pairs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            for (int j = pairsWithin ? i + 1 : 0; j < b.length; j++) {
                int x = base.names().indexOf(a[i]);
                int y = base.names().indexOf(b[j]);
                if (x >= 0 && y >= 0 && x != y) {
                    pairs.add(new int[] {x, y});
                    names.add(a[i] + "*" + b[j]);
                }
            }
        }
        int nd = base.diseases().length;
        int nc = base.drugs().length;
        float[][][] v = new float[nd][nc][pairs.size()];
        for (int d = 0; d < nd; d++) {
            for (int c = 0; c < nc; c++) {
                float[] f = base.of(d, c);
                for (int k = 0; k < pairs.size(); k++) {
                    v[d][c][k] = f[pairs.get(k)[0]] * f[pairs.get(k)[1]];
                }
            }
        }
        System.out.printf("%d products%n", pairs.size());
        return base.withExtra(names, v);
    }

    /** The strongest features by the default's standardised weights, for the interaction experiments. */
    static final String[] TOP8 = {"Ca3CtD", "CbGbCtD", "CcCtD", "trials", "CrCrCtD", "Ca3CtrD", "CtrD",
        "trialShareOfDisease"};

    /** The default ranker's 54 features: everything but the opt-in similarity features. */
    static PathFeatures defaultFeatures(PathFeatures all) {
        List<String> names = new ArrayList<>(all.names());
        names.removeAll(SimilarityFeatures.NAMES);
        return all.select(names);
    }

    /** The default's features plus the opt-in similarity features without the disease's own treatments. */
    static PathFeatures withSimilarityButTreats(TrainingGraph graph, Evidence evidence, PathFeatures def) {
        TrainingGraph aug = EvidenceFeatures.augment(graph, evidence);
        float[][][] sim = SimilarityFeatures.compute(aug, def.diseases(),
                def.drugs());
        PathFeatures joined = def.withExtra(SimilarityFeatures.NAMES, sim);
        List<String> keep = new ArrayList<>(joined.names());
        keep.removeIf(n -> n.startsWith("maxSimTreats"));
        return joined.select(keep);
    }

    /** Model selection's view only: cross-validated MRR over the training pairs and validation MRR, no TEST. */
    /**
     * The default's features plus DWPC features of {@code metapaths} over {@code augmented} (the training graph with
     * an experiment's side relations): all of them against the default (paired, TEST printed after), then each
     * alone by selection's figures. Returns the default plus all of them.
     */
    static PathFeatures addedMetapaths(String name, TrainingGraph augmented, List<Metapath> metapaths,
            PathFeatures base) {
        PathFeatures extra = PathFeatures.compute(augmented, metapaths, 0.4);
        if (!java.util.Arrays.equals(extra.drugs(), base.drugs())
                || !java.util.Arrays.equals(extra.diseases(), base.diseases())) {
            throw new IllegalStateException("entity order differs");
        }
        List<String> names = metapaths.stream().map(Metapath::abbreviation).toList();
        int nd = base.diseases().length;
        int nc = base.drugs().length;
        float[][][] v = new float[nd][nc][names.size()];
        for (int d = 0; d < nd; d++) for (int c = 0; c < nc; c++)
            System.arraycopy(extra.of(d, c), 0, v[d][c], 0, names.size());
        PathFeatures def = defaultFeatures(base);
        PathFeatures all = def.withExtra(names, v);
        paired("default vs + " + name, def, all);
        for (String n : names) {
            List<String> keep = new ArrayList<>(def.names());
            keep.add(n);
            cvOnly("default + " + n, all.select(keep));
        }
        return all;
    }

    /**
     * Two fits: the first as the default; the second with each disease's {@code top} best-scoring unlabelled drugs
     * of the first (pairs that are not labelled positive, and not in {@code excluded}) weighted {@code weight}.
     * Returns the second fit's logits for every pair.
     */
    static float[][] puFit(PathFeatures f, java.util.BitSet[] positive, java.util.BitSet[] excluded, int top,
            double weight, double l2) {
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        List<float[]> rowList = new ArrayList<>();
        List<int[]> at = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            for (int c = 0; c < nc; c++) {
                if (excluded == null || !excluded[d].get(c)) {
                    rowList.add(f.of(d, c));
                    at.add(new int[] {d, c});
                }
            }
        }
        float[][] rows = rowList.toArray(new float[0][]);
        boolean[] y = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) y[i] = positive[at.get(i)[0]].get(at.get(i)[1]);
        org.kedrec.trainer.ranking.paths.LogisticRegression first =
                org.kedrec.trainer.ranking.paths.LogisticRegression.fit(rows, y, null, l2);
        double[] w = new double[rows.length];
        java.util.Arrays.fill(w, 1.0);
        java.util.Map<Integer, List<Integer>> byDisease = new java.util.HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            if (!y[i]) byDisease.computeIfAbsent(at.get(i)[0], k -> new ArrayList<>()).add(i);
        }
        double[] s = new double[rows.length];
        for (int i = 0; i < rows.length; i++) s[i] = first.logit(rows[i]);
        for (List<Integer> unlabelled : byDisease.values()) {
            unlabelled.sort((a, b) -> Double.compare(s[b], s[a]));
            for (int i = 0; i < Math.min(top, unlabelled.size()); i++) w[unlabelled.get(i)] = weight;
        }
        org.kedrec.trainer.ranking.paths.LogisticRegression second =
                org.kedrec.trainer.ranking.paths.LogisticRegression.fit(rows, y, w, l2);
        float[][] out = new float[nd][nc];
        for (int d = 0; d < nd; d++) for (int c = 0; c < nc; c++) out[d][c] = (float) second.logit(f.of(d, c));
        return out;
    }

    /** The validation pairs as a set per disease row (what the product's fit leaves out, {@code FitRows}). */
    static java.util.BitSet[] validationSet(PathFeatures f, List<int[]> validation) {
        java.util.BitSet[] out = new java.util.BitSet[f.diseases().length];
        for (int d = 0; d < out.length; d++) out[d] = new java.util.BitSet();
        for (int[] v : validation) out[v[0]].set(v[1]);
        return out;
    }

    /** {@link #puFit} under the 5-fold cross-validation of the training pairs (the fold's pairs unlabelled). */
    static double puCrossValidatedMrr(PathFeatures f, java.util.BitSet[] trainPositive, List<int[]> validation,
            int top, double weight, double l2) {
        int nd = f.diseases().length;
        int nc = f.drugs().length;
        List<org.kedrec.core.metrics.RankOutcome> outcomes = new ArrayList<>();
        for (int fold = 0; fold < 5; fold++) {
            java.util.BitSet[] fit = new java.util.BitSet[nd];
            java.util.BitSet[] out = new java.util.BitSet[nd];
            for (int d = 0; d < nd; d++) {
                fit[d] = new java.util.BitSet();
                out[d] = new java.util.BitSet();
                for (int c = trainPositive[d].nextSetBit(0); c >= 0; c = trainPositive[d].nextSetBit(c + 1)) {
                    (org.kedrec.core.split.StableHash.bucket(d + "|" + c, 5) == fold ? out[d] : fit[d]).set(c);
                }
            }
            float[][] logits = puFit(f, fit, null, top, weight, l2);
            for (int d = 0; d < nd; d++) {
                for (int c = out[d].nextSetBit(0); c >= 0; c = out[d].nextSetBit(c + 1)) {
                    java.util.BitSet filter = (java.util.BitSet) trainPositive[d].clone();
                    for (int[] v : validation) {
                        if (v[0] == d) {
                            filter.set(v[1]); // as HeadExperiment's cross-validation filters them
                        }
                    }
                    outcomes.add(org.kedrec.core.metrics.RankingMetrics.filteredRank(logits[d], c, filter));
                }
            }
        }
        return org.kedrec.core.metrics.RankingMetrics.mrr(outcomes);
    }

    static void cvOnly(String name, PathFeatures f) {
        long t0 = System.nanoTime();
        MetapathModel mm = MetapathModel.fit(f, RankerExperiment.truth.trainPositive, RankerExperiment.truth.validation);
        double cv = RankerExperiment.crossValidatedMrr(f, RankerExperiment.truth.trainPositive,
                RankerExperiment.truth.validation, mm.l2());
        System.out.printf(java.util.Locale.ENGLISH, "%-30s features %d L2 %.0f CV %.4f val %.4f (%.0f s)%n", name,
                f.featureCount(), mm.l2(), cv, mm.validationMrr(), (System.nanoTime() - t0) / 1e9);
    }

    /** Both fits (centred per disease, as the default), then TEST with minus without, paired over the pairs. */
    static void paired(String name, PathFeatures without, PathFeatures with) {
        var t = RankerExperiment.truth;
        MetapathModel a = MetapathModel.fit(without, t.trainPositive, t.validation, true);
        MetapathModel b = MetapathModel.fit(with, t.trainPositive, t.validation, true);
        System.out.printf(java.util.Locale.ENGLISH, "%s: CV %.4f -> %.4f, val %.4f -> %.4f%n", name,
                RankerExperiment.crossValidatedMrr(without, t.trainPositive, t.validation, a.l2()),
                RankerExperiment.crossValidatedMrr(with, t.trainPositive, t.validation, b.l2()),
                a.validationMrr(), b.validationMrr());
        RankerExperiment.report(name + " without", a.logits());
        RankerExperiment.report(name + " with", b.logits());
        KgeEvaluation.Evaluated ea = KgeEvaluation.evaluate(a.logits(), t.heldOut, t, false);
        KgeEvaluation.Evaluated eb = KgeEvaluation.evaluate(b.logits(), t.heldOut, t, false);
        System.out.println("  MRR with - without " + show(PairedBootstrap.compare(eb.outcomes(), ea.outcomes(), 2000, 42)));
        System.out.println("  AUROC-NOT with - without " + show(PairedBootstrap.compareAuroc(eb.positives(),
                eb.notScores(), ea.positives(), ea.notScores(), 2000, 42)));
    }

    /**
     * Two features per (disease, drug) from the file named by the system property {@code property}: rows drug,
     * disease, trials, a count among them, turned into the features by {@code features}; pairs not in the file are 0.
     */
    static float[][][] pairCounts(String property, TrainingGraph graph, PathFeatures base,
            java.util.function.BiFunction<Double, Double, float[]> features) {
        org.kedrec.core.ranking.EntityIndex ix = graph.entities();
        java.util.Map<Integer, Integer> row = TrainingGraph.positions(base.diseases());
        java.util.Map<Integer, Integer> col = TrainingGraph.positions(base.drugs());
        float[][][] v = new float[base.diseases().length][base.drugs().length][2];
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(System.getProperty(property)))) {
                String[] c = line.split("\t");
                Integer d = row.get(ix.indexOrMinusOne(c[1]));
                Integer k = col.get(ix.indexOrMinusOne(c[0]));
                if (d != null && k != null) {
                    v[d][k] = features.apply(Double.parseDouble(c[2]), Double.parseDouble(c[3]));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return v;
    }

    static String show(Map<String, Object> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v instanceof double[] a ? java.util.Arrays.toString(a) : v)
                .append(' '));
        return b.toString();
    }

    static void cv(String name, PathFeatures f) {
        MetapathModel mm = MetapathModel.fit(f, RankerExperiment.truth.trainPositive, RankerExperiment.truth.validation);
        double cv = RankerExperiment.crossValidatedMrr(f, RankerExperiment.truth.trainPositive,
                RankerExperiment.truth.validation, mm.l2());
        RankerExperiment.report(String.format("%s L2 %.0f CV %.4f", name, mm.l2(), cv), mm.logits());
        RankerExperiment.report(name + " cal mean", map(mm.logits(), "mean"));
    }

    static float topMean(float[] sorted, int k) {
        double s = 0;
        for (int i = 0; i < k; i++) s += sorted[sorted.length - 1 - i];
        return (float) (s / k);
    }

    static float[][] map(float[][] s, String how) {
        int nd = s.length;
        float[][] out = new float[nd][];
        for (int d = 0; d < nd; d++) {
            float[] r = s[d];
            double max = Double.NEGATIVE_INFINITY, sum = 0, sq = 0;
            for (float v : r) { max = Math.max(max, v); sum += v; sq += v * v; }
            double mean = sum / r.length;
            double sd = Math.sqrt(Math.max(1e-12, sq / r.length - mean * mean));
            double lse = 0;
            for (float v : r) lse += Math.exp(v - max);
            lse = max + Math.log(lse);
            out[d] = new float[r.length];
            float[] sorted = r.clone();
            java.util.Arrays.sort(sorted);
            for (int c = 0; c < r.length; c++) {
                out[d][c] = switch (how) {
                    case "lse" -> (float) (r[c] - lse);
                    case "z" -> (float) ((r[c] - mean) / sd);
                    case "max" -> (float) (r[c] - max);
                    case "mean" -> (float) (r[c] - mean);
                    case "median" -> r[c] - sorted[sorted.length / 2];
                    case "top10" -> r[c] - topMean(sorted, 10);
                    case "top50" -> r[c] - topMean(sorted, 50);
                    case "top200" -> r[c] - topMean(sorted, 200);
                    case "rank" -> (float) java.util.Arrays.binarySearch(sorted, r[c]) / r.length;
                    default -> r[c];
                };
            }
        }
        return out;
    }
}

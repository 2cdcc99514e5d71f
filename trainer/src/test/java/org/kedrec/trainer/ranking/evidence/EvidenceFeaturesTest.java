package org.kedrec.trainer.ranking.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TrainingGraphBuilder;
import org.kedrec.trainer.ranking.paths.MetapathModel;
import org.kedrec.trainer.ranking.paths.PathFeatures;

/**
 * The "KG + evidence" features against hand-computed values, and the leakage rules: a held-out TREATS edge changes
 * no feature and no score, and a training pair's own TREATS edge never counts for that pair.
 */
class EvidenceFeaturesTest {
    static final String D1 = "DrugBank:DB00001";
    static final String D2 = "DrugBank:DB00002";
    static final String D3 = "DrugBank:DB00003";
    static final String D4 = "DrugBank:DB00004";
    static final String D5 = "DrugBank:DB00005";
    static final String D6 = "DrugBank:DB00006";
    static final String X = "DOID:1";
    static final String Y = "DOID:2";
    static final String Z = "DOID:3";

    @TempDir
    Path dir;

    /** D1, D2 treat X (train), D3-X is TEST; D4 treats Y (train), D5-Y is VALIDATION; Z has no TREATS edge. */
    SplitPlan plan() throws Exception {
        Path file = dir.resolve("splits.tsv");
        Files.writeString(file, """
                kind\tid\tsplit
                pair\tDrugBank:DB00001|DOID:1\ttrain
                pair\tDrugBank:DB00002|DOID:1\ttrain
                pair\tDrugBank:DB00003|DOID:1\ttest
                pair\tDrugBank:DB00004|DOID:2\ttrain
                pair\tDrugBank:DB00005|DOID:2\tvalidation
                """);
        return SplitPlan.read(file);
    }

    /** A builder with the six drugs, the three diseases and the split's TREATS pairs, and no edge yet. */
    TrainingGraphBuilder nodesAndPairs() throws Exception {
        TrainingGraphBuilder b = new TrainingGraphBuilder(plan());
        b.treatsPair(D1, X).treatsPair(D2, X).treatsPair(D3, X).treatsPair(D4, Y).treatsPair(D5, Y);
        for (String d : List.of(D1, D2, D3, D4, D5, D6)) {
            b.node(d, "Drug", d);
        }
        for (String s : List.of(X, Y, Z)) {
            b.node(s, "Disease", s);
        }
        return b;
    }

    /**
     * The graph, optionally with the held-out pair's TREATS edge offered to the builder (it must drop it) and
     * optionally without D1's training edge to X.
     */
    TrainingGraph graph(boolean offerHeldOutEdge, boolean withD1TreatsX) throws Exception {
        TrainingGraphBuilder b = nodesAndPairs();
        if (withD1TreatsX) {
            b.edge(D1, "Drug", "TREATS", X, "Disease");
        }
        b.edge(D2, "Drug", "TREATS", X, "Disease");
        if (offerHeldOutEdge) {
            b.edge(D3, "Drug", "TREATS", X, "Disease");
            b.edge(D5, "Drug", "TREATS", Y, "Disease");
        }
        b.edge(D4, "Drug", "TREATS", Y, "Disease");
        b.edge(D1, "Drug", "BINDS", "NCBIGene:1", "Gene");
        b.edge(D3, "Drug", "BINDS", "NCBIGene:1", "Gene");
        b.edge(D6, "Drug", "BINDS", "NCBIGene:2", "Gene");
        b.edge(D2, "Drug", "RESEMBLES", D3, "Drug");
        b.edge(Y, "Disease", "RESEMBLES", Z, "Disease");
        return b.build();
    }

    static Evidence evidence() {
        Evidence e = new Evidence();
        e.addTrial(D3, X, "phase 3", "completed", "success");
        e.addTrial(D3, X, "phase 1/phase 2", "terminated", null);
        e.addTrial(D6, Z, "early phase 1", "terminated", "failure");
        e.addTrial(D1, Z, null, null, null);
        e.addPublications(D3, X, 4);
        e.addLiteratureRelation(D3, X, "NEGATIVELY_CORRELATES", 1);
        e.addLiteratureRelation(D2, Y, "CAUSES", 2);
        e.drugProperties(D1, List.of("C08CA01"), List.of("Calcium Channel Blockers"), List.of("approved"));
        e.drugProperties(D2, List.of("C08CA02"), List.of(), List.of("approved"));
        e.drugProperties(D3, List.of("C08CA05", "C08CX01"), List.of("Calcium Channel Blockers"),
                List.of("approved", "withdrawn"));
        e.drugProperties(D4, List.of("N02BE01"), List.of(), List.of());
        e.drugProperties(D5, List.of("N02BA01"), List.of(), List.of());
        e.drugProperties(D6, List.of("C09AA01"), List.of(), List.of("experimental"));
        e.drugTotals(D3, 3, 5);
        e.drugTotals(D6, 1, 0);
        e.drugTotals(D1, 1, 0);
        return e;
    }

    @Test
    void trialPhasesAreRead() {
        assertThat(TrialPhase.parse("phase 3")).isEqualTo(3);
        assertThat(TrialPhase.parse("phase 1/phase 2")).isEqualTo(2);
        assertThat(TrialPhase.parse("early phase 1")).isEqualTo(1);
        assertThat(TrialPhase.parse("Phase IV")).isEqualTo(4);
        assertThat(TrialPhase.parse("n/a")).isZero();
        assertThat(TrialPhase.parse(null)).isZero();
    }

    @Test
    void evidenceCountsAndSurvivesTheModelDirectory() throws Exception {
        Evidence e = evidence();
        Evidence.PairEvidence p = e.pair(D3, X);
        assertThat(p.trials()).isEqualTo(2);
        assertThat(p.completed()).isEqualTo(1);
        assertThat(p.maxPhase()).isEqualTo(3);
        assertThat(p.successes()).isEqualTo(1);
        assertThat(p.failures()).isZero();
        assertThat(p.publications()).isEqualTo(4);
        assertThat(p.litTreatsLike()).isEqualTo(1);
        assertThat(e.pair(D2, Y).litOther()).isEqualTo(2);
        assertThat(e.pair(D6, Z).failures()).isEqualTo(1);
        assertThat(e.pair(D4, X)).isNull();

        Path file = dir.resolve("evidence.tsv.gz");
        e.write(file);
        Evidence read = Evidence.read(file);
        assertThat(read.hash()).isEqualTo(e.hash());
        assertThat(read.drug(D3).atcCodes()).containsExactly("C08CA05", "C08CX01");
        assertThat(read.drug(D3).groups()).containsExactly("approved", "withdrawn");
        assertThat(read.pair(D3, X).maxPhase()).isEqualTo(3);
        assertThat(e.summary()).containsEntry("pairsWithTrials", 3L).containsEntry("drugsWithAtcCodes", 6L);
    }

    @Test
    void aCorruptEvidenceFileIsNamed() throws Exception {
        Path file = dir.resolve("bad.tsv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("pair\tDrugBank:DB00001\tDOID:1\tmany\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> Evidence.read(file)).hasMessage(file + " line 1: `pair\tDrugBank:DB00001\tDOID:1\t"
                + "many` is not a pair or drug evidence row; the model directory was modified. Retrain the model.");
    }

    @Test
    void sideRelationsExtendTheGraphWithoutRenumberingIt() throws Exception {
        TrainingGraph graph = graph(false, true);
        TrainingGraph augmented = EvidenceFeatures.augment(graph, evidence());
        for (int i = 0; i < graph.entities().size(); i++) {
            assertThat(augmented.entities().id(i)).isEqualTo(graph.entities().id(i));
        }
        List<String> side = new ArrayList<>();
        for (int i = graph.size(); i < augmented.size(); i++) {
            side.add(augmented.entities().id(augmented.head(i)) + " "
                    + augmented.relations().get(augmented.relation(i)) + " "
                    + augmented.entities().id(augmented.tail(i)));
        }
        assertThat(side).contains(D3 + " Drug-IN_TRIAL_FOR->Disease " + X, D6 + " Drug-IN_TRIAL_FOR->Disease " + Z,
                D1 + " Drug-IN_TRIAL_FOR->Disease " + Z, D3 + " Drug-IN_ATC->AtcLevel4 ATC:C08CA",
                D3 + " Drug-IN_ATC->AtcLevel4 ATC:C08CX", D3 + " Drug-IN_ATC->AtcLevel3 ATC:C08C",
                D1 + " Drug-IN_CATEGORY->DrugCategory DrugBankCategory:Calcium Channel Blockers");
        // C08CA and C08CX share the level-3 group C08C: one edge, not two
        assertThat(side.stream().filter(s -> s.equals(D3 + " Drug-IN_ATC->AtcLevel3 ATC:C08C"))).hasSize(1);
        assertThat(side).hasSize(3 + 6 * 2 + 1 + 2);
        assertThat(augmented.treatsRelation()).isEqualTo(graph.treatsRelation());
        assertThatThrownBy(() -> graph.withSideTriples(List.<String[]>of(new String[] {D1, "Drug-X->Thing", "T:1"}),
                Map.of())).hasMessage("The side triple DrugBank:DB00001 Drug-X->Thing T:1 names `T:1`, which is "
                        + "neither in the training graph nor among the new entities.");
    }

    @Test
    void pairFeaturesMatchHandComputedValues() throws Exception {
        TrainingGraph graph = graph(false, true);
        PathFeatures f = EvidenceFeatures.compute(graph, evidence(), 0.4);
        int offset = f.names().indexOf(EvidenceFeatures.PAIR_FEATURES.get(0));
        assertThat(f.names().subList(offset, offset + EvidenceFeatures.PAIR_FEATURES.size()))
                .isEqualTo(EvidenceFeatures.PAIR_FEATURES);
        float[] v = f.of(row(f, graph, X), column(f, graph, D3));
        float[] expected = {(float) Math.log1p(2), (float) Math.log1p(1), 0.75f, (float) Math.log1p(1), 0,
            2f / 3, (float) Math.log1p(4), (float) Math.log1p(1), 0, (float) Math.log1p(3), (float) Math.log1p(5), 1, 1,
            (float) Math.log1p(1), 1};
        for (int k = 0; k < expected.length; k++) {
            assertThat(v[offset + k]).as(EvidenceFeatures.PAIR_FEATURES.get(k)).isCloseTo(expected[k], within(1e-6f));
        }
        // D6 for Z: one failed early-phase trial, all of D6's trials; Z has two drugs in trials
        float[] z = f.of(row(f, graph, Z), column(f, graph, D6));
        assertThat(z[offset + 2]).isEqualTo(0.25f);
        assertThat(z[offset + 4]).isCloseTo((float) Math.log1p(1), within(1e-6f));
        assertThat(z[offset + 5]).isEqualTo(1f);
        assertThat(z[offset + 11]).isZero();
        assertThat(z[offset + 13]).isCloseTo((float) Math.log1p(2), within(1e-6f));
        assertThat(z[offset + 14]).isEqualTo(1f); // D1 and D6 both have Z's most trials (one)
        // the ATC metapath: D3 shares C08CA with X's training drugs D1 and D2 (path count 2 at damping 0)
        TrainingGraph augmented = EvidenceFeatures.augment(graph, evidence());
        assertThat(raw(augmented, "Ca4CtD", D3, X)).isEqualTo(2f);
        assertThat(raw(augmented, "Ca3CtD", D3, X)).isEqualTo(2f); // C08C once, though D3 has two C08C codes
        assertThat(raw(augmented, "CcCtD", D3, X)).isEqualTo(1f); // shares a category with D1 only
        // D1 is tested for Z, and D3 shares C08CA with D1: one path; D6 (C09AA) shares nothing, and its own trial
        // for Z is not a path through another drug
        assertThat(raw(augmented, "Ca4CtrD", D3, Z)).isEqualTo(1f);
        assertThat(raw(augmented, "Ca4CtrD", D6, Z)).isZero();
        assertThat(raw(augmented, "CtrD", D6, Z)).isEqualTo(1f);
        // D2 resembles D3, which is tested for X
        assertThat(raw(augmented, "CrCtrD", D2, X)).isEqualTo(1f);
        // and the transformed feature is asinh(raw / mean raw)
        int k = f.names().indexOf("CtrD");
        float[][] dwpc = PathFeatures.rawDwpc(augmented, metapath("CtrD"), 0.4);
        double sum = 0;
        for (float[] drugRow : dwpc) {
            for (float x : drugRow) {
                sum += x;
            }
        }
        double mean = sum / (f.drugs().length * (double) f.diseases().length);
        assertThat(f.of(row(f, graph, Z), column(f, graph, D6))[k])
                .isCloseTo((float) asinh(dwpc[column(f, graph, D6)][row(f, graph, Z)] / mean), within(1e-5f));
    }

    @Test
    void palliatesReadsThePairsOwnEdgeOnlyAndSitsBetweenThePairAndSimilarityFeatures() throws Exception {
        TrainingGraphBuilder b = nodesAndPairs();
        b.edge(D1, "Drug", "TREATS", X, "Disease");
        b.edge(D4, "Drug", "TREATS", Y, "Disease");
        b.edge(D6, "Drug", "PALLIATES", X, "Disease");
        b.edge(D2, "Drug", "PALLIATES", Z, "Disease");
        TrainingGraph graph = b.build();
        PathFeatures f = EvidenceFeatures.compute(graph, evidence(), 0.4);
        int k = f.names().indexOf(EvidenceFeatures.PALLIATES);
        assertThat(k).isEqualTo(f.names().indexOf(EvidenceFeatures.PAIR_FEATURES.get(
                EvidenceFeatures.PAIR_FEATURES.size() - 1)) + 1);
        assertThat(f.names().get(k + 1)).isEqualTo(org.kedrec.trainer.ranking.paths.SimilarityFeatures.NAMES.get(0));
        int ones = 0;
        for (int d = 0; d < f.diseases().length; d++) {
            for (int c = 0; c < f.drugs().length; c++) {
                ones += f.of(d, c)[k] == 1f ? 1 : 0;
                assertThat(f.of(d, c)[k]).isIn(0f, 1f);
            }
        }
        assertThat(ones).isEqualTo(2);
        assertThat(f.of(row(f, graph, X), column(f, graph, D6))[k]).isEqualTo(1f);
        assertThat(f.of(row(f, graph, Z), column(f, graph, D2))[k]).isEqualTo(1f);
        // a TREATS edge is not a PALLIATES edge, and the edge has a direction: D2 palliates Z, not X
        assertThat(f.of(row(f, graph, X), column(f, graph, D1))[k]).isZero();
        assertThat(f.of(row(f, graph, X), column(f, graph, D2))[k]).isZero();
    }

    @Test
    void aHeldOutTreatsEdgeChangesNoFeatureAndNoScore() throws Exception {
        TrainingGraph clean = graph(false, true);
        TrainingGraph planted = graph(true, true);
        assertThat(planted.dataHash()).isEqualTo(clean.dataHash());
        PathFeatures a = EvidenceFeatures.compute(clean, evidence(), 0.4);
        PathFeatures b = EvidenceFeatures.compute(planted, evidence(), 0.4);
        for (int d = 0; d < a.diseases().length; d++) {
            for (int c = 0; c < a.drugs().length; c++) {
                assertThat(b.of(d, c)).containsExactly(a.of(d, c));
            }
        }
        BitSet[] positive = positives(clean, a);
        List<int[]> validation = List.of(new int[] {row(a, clean, Y), column(a, clean, D5)});
        float[][] la = MetapathModel.fit(a, positive, validation).logits();
        float[][] lb = MetapathModel.fit(b, positives(planted, b), validation).logits();
        assertThat(lb).isDeepEqualTo(la);
    }

    @Test
    void aTrainingPairsOwnTreatsEdgeNeverCountsForIt() throws Exception {
        // path counts (damping 0) are exact: with or without D1-TREATS-X, D1's paths to X are the same
        TrainingGraph with = EvidenceFeatures.augment(graph(false, true), evidence());
        TrainingGraph without = EvidenceFeatures.augment(graph(false, false), evidence());
        for (var m : EvidenceFeatures.allMetapaths()) {
            assertThat(raw(with, m.abbreviation(), D1, X)).as(m.abbreviation())
                    .isEqualTo(raw(without, m.abbreviation(), D1, X));
        }
        // the degree and pair features (which subtract the pair's own edge) are equal too
        PathFeatures a = EvidenceFeatures.compute(graph(false, true), evidence(), 0.4);
        PathFeatures b = EvidenceFeatures.compute(graph(false, false), evidence(), 0.4);
        int first = EvidenceFeatures.allMetapaths().size();
        float[] fa = a.of(row(a, with, X), column(a, with, D1));
        float[] fb = b.of(row(b, without, X), column(b, without, D1));
        assertThat(java.util.Arrays.copyOfRange(fa, first, fa.length))
                .containsExactly(java.util.Arrays.copyOfRange(fb, first, fb.length));
        // and the edge is not invisible to everyone: D2's ATC path to X goes through D1
        assertThat(raw(with, "Ca4CtD", D2, X)).isEqualTo(1f);
        assertThat(raw(without, "Ca4CtD", D2, X)).isZero();
    }

    @Test
    void nearestNeighbourSimilaritiesMatchHandComputedValuesAndSkipThePairItself() throws Exception {
        TrainingGraph graph = graph(false, true);
        PathFeatures f = EvidenceFeatures.compute(graph, evidence(), 0.4);
        // Z's trials test D6 and D1; D3 binds D1's one gene: Jaccard 1; D1's own trial is not its neighbour
        assertThat(sim(f, graph, "maxSimTrialTargets", Z, D3)).isEqualTo(1f);
        assertThat(sim(f, graph, "maxSimTrialTargets", Z, D1)).isZero();
        // ATC level 4: D3 {C08CA, C08CX} against D1 {C08CA}: 1 of 2
        assertThat(sim(f, graph, "maxSimTrialAtc", Z, D3)).isEqualTo(0.5f);
        // D2 resembles D3, which is tested for X: their closed neighbourhoods {D2, D3} are equal
        assertThat(sim(f, graph, "maxSimTrialChemical", X, D2)).isEqualTo(1f);
        // D4 treats Y (training), which resembles Z; for Y itself its own edge is no neighbour
        assertThat(sim(f, graph, "maxSimTreatedSimilar", Z, D4)).isEqualTo(1f);
        assertThat(sim(f, graph, "maxSimTreatedSimilar", Y, D4)).isZero();
        // the held-out D3-X edge is no treated disease: D3 treats nothing in training
        assertThat(sim(f, graph, "maxSimTreatedSimilar", X, D3)).isZero();
    }

    @Test
    void centringPerDiseaseKeepsEveryRankingAndEqualisesTheRowMeans() {
        float[][] logits = {{1, 3, 2}, {-4, -6, -5}, {0, 0, 9}};
        MetapathModel.centrePerDisease(logits);
        double mean = (6 - 15 + 9) / 9.0;
        for (float[] row : logits) {
            assertThat((row[0] + row[1] + row[2]) / 3.0).isCloseTo(mean, within(1e-6));
        }
        assertThat(logits[0][1]).isGreaterThan(logits[0][2]);
        assertThat(logits[0][2]).isGreaterThan(logits[0][0]);
        assertThat(logits[1][0]).isGreaterThan(logits[1][2]);
        assertThat(logits[1][2]).isGreaterThan(logits[1][1]);
        // the second row's best drug, far below the first row's worst before, is level with it now
        assertThat(logits[1][0]).isCloseTo(logits[0][1], within(1e-6f));
    }

    private static float sim(PathFeatures f, TrainingGraph g, String name, String disease, String drug) {
        return f.of(row(f, g, disease), column(f, g, drug))[f.names().indexOf(name)];
    }

    private static org.kedrec.core.graph.Metapath metapath(String name) {
        return EvidenceFeatures.allMetapaths().stream().filter(m -> m.abbreviation().equals(name)).findFirst()
                .orElseThrow();
    }

    /** The plain path count of a metapath from drug to disease on the (augmented) graph. */
    private static float raw(TrainingGraph augmented, String metapath, String drug, String disease) {
        float[][] counts = PathFeatures.rawDwpc(augmented, metapath(metapath), 0);
        int[] drugs = augmented.entities().withLabel("Drug");
        int[] diseases = augmented.entities().withLabel("Disease");
        return counts[indexOf(drugs, augmented.entities().indexOrMinusOne(drug))][indexOf(diseases,
                augmented.entities().indexOrMinusOne(disease))];
    }

    private static BitSet[] positives(TrainingGraph graph, PathFeatures f) {
        BitSet[] p = new BitSet[f.diseases().length];
        for (int d = 0; d < p.length; d++) {
            p[d] = new BitSet();
        }
        for (int i = 0; i < graph.size(); i++) {
            if (graph.relation(i) == graph.treatsRelation()) {
                p[indexOf(f.diseases(), graph.tail(i))].set(indexOf(f.drugs(), graph.head(i)));
            }
        }
        return p;
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    private static int row(PathFeatures f, TrainingGraph g, String disease) {
        return indexOf(f.diseases(), g.entities().indexOrMinusOne(disease));
    }

    private static int column(PathFeatures f, TrainingGraph g, String drug) {
        return indexOf(f.drugs(), g.entities().indexOrMinusOne(drug));
    }

    private static int indexOf(int[] values, int v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new AssertionError(v + " not found");
    }
}

package org.kedrec.trainer.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.model.ModelManifest;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.ranking.DrugRanker;
import org.kedrec.core.ranking.RankerInfo;
import org.kedrec.core.ranking.ScoredDrugs;

/** The served ranker reproduces the trained one, loads identically twice, and is safe under concurrent calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrugRankerTest {
    @TempDir
    static Path dir;
    Path model;
    PlantedGraph planted;
    RankerTrainer.Outcome outcome;

    @BeforeAll
    void train() {
        planted = PlantedGraph.build(dir);
        model = dir.resolve("model");
        KgeTrainingConfig config = PlantedPatternTrainingTest.CONFIG.with(Map.of("epochs", 15));
        outcome = new RankerTrainer(new RankerTrainer.Options(config, true, 0.4, Device.cpu(), "test"),
                ProgressTracker.NULL).train(planted.graph, planted.plan, model);
    }

    @Test
    void aKgPlusEvidenceRankerServesItsEvidenceModelFromTheModelDirectory() throws Exception {
        // trials for every drug of disease 0 (its drugs bind gene 0); the trees then see the trial feature
        org.kedrec.trainer.ranking.evidence.Evidence evidence = new org.kedrec.trainer.ranking.evidence.Evidence();
        for (int j = 0; j < PlantedGraph.GENES * PlantedGraph.DRUGS_PER_GENE; j += PlantedGraph.GENES) {
            evidence.addTrial(PlantedGraph.drug(j), PlantedGraph.disease(0), "phase 3", "completed", null);
        }
        Path evidenceModel = dir.resolve("evidence-model");
        KgeTrainingConfig config = PlantedPatternTrainingTest.CONFIG.with(Map.of("epochs", 2));
        RankerTrainer.Outcome trained = new RankerTrainer(new RankerTrainer.Options(config, true, 0.4, Device.cpu(),
                "test", RankerTrainer.FeatureModel.BOOSTED), ProgressTracker.NULL)
                .train(planted.graph, evidence, planted.plan, evidenceModel);
        assertThat(evidenceModel.resolve("ranker/evidence.tsv.gz")).isRegularFile();
        assertThat(trained.metrics()).containsEntry("setting", "KG + evidence");
        try (DrugRanker ranker = DrugRanker.load(evidenceModel, Device.cpu())) {
            assertThat(ranker.config().components()).containsExactly("kge", "metapath", "boosted", "evidence");
            assertThat(ranker.info().kind()).isEqualTo("ComplEx + gradient-boosted trees over metapath and "
                    + "trial/literature/DrugBank evidence features");
            List<String> diseases = ranker.diseases();
            for (int d = 0; d < diseases.size(); d++) {
                float[] scores = ranker.scoreAll(diseases.get(d)).scores();
                for (int c = 0; c < scores.length; c++) {
                    assertThat((double) scores[c]).isCloseTo(trained.scores()[d][c], within(1e-5));
                }
            }
        }
        assertThatThrownBy(() -> RankerTrainer.FeatureModel.parse("forest"))
                .hasMessage("Unknown feature model `forest`. Valid values are: [logistic, boosted].");
    }

    @Test
    void theDefaultCentresEachDiseaseAndServesWhatItTrainedWithOrWithoutTheOptions() throws Exception {
        org.kedrec.trainer.ranking.evidence.Evidence evidence = new org.kedrec.trainer.ranking.evidence.Evidence();
        for (int j = 0; j < PlantedGraph.GENES * PlantedGraph.DRUGS_PER_GENE; j += PlantedGraph.GENES) {
            evidence.addTrial(PlantedGraph.drug(j), PlantedGraph.disease(0), "phase 3", "completed", null);
        }
        float[][][] logits = new float[2][][];
        for (int run = 0; run < 2; run++) {
            boolean centred = run == 0;
            Path out = dir.resolve("centred-" + centred);
            // run 0: the default with the similarity features added; run 1: neither
            RankerTrainer.Outcome trained = new RankerTrainer(new RankerTrainer.Options(
                    PlantedPatternTrainingTest.CONFIG, true, 0.4, Device.cpu(), "test",
                    RankerTrainer.FeatureModel.LOGISTIC, false, false, centred, centred), ProgressTracker.NULL)
                    .train(planted.graph, evidence, planted.plan, out);
            try (DrugRanker ranker = DrugRanker.load(out, Device.cpu())) {
                assertThat(ranker.config().training()).containsEntry(RankerTrainer.DISEASE_CENTRED, centred)
                        .containsEntry(RankerTrainer.SIMILARITY_FEATURES, centred);
                List<String> diseases = ranker.diseases();
                for (int d = 0; d < diseases.size(); d++) {
                    float[] scores = ranker.scoreAll(diseases.get(d)).scores();
                    for (int c = 0; c < scores.length; c++) {
                        assertThat((double) scores[c]).isCloseTo(trained.scores()[d][c], within(1e-5));
                    }
                }
            }
            var stored = org.kedrec.core.ranking.PathScores.read(out.resolve("ranker/path-scores.bin"));
            logits[run] = new float[stored.rowEntities().length][stored.columnEntities().length];
            for (int d = 0; d < logits[run].length; d++) {
                for (int c = 0; c < logits[run][d].length; c++) {
                    logits[run][d][c] = stored.value(d, c);
                }
            }
        }
        double first = mean(logits[0][0]);
        for (float[] row : logits[0]) {
            assertThat(mean(row)).isCloseTo(first, within(1e-4));
        }
        // without the centring the rows' means differ, so the test can fail
        assertThat(Math.abs(mean(logits[1][0]) - mean(logits[1][1]))).isGreaterThan(1e-3);
    }

    private static double mean(float[] row) {
        double s = 0;
        for (float v : row) {
            s += v;
        }
        return s / row.length;
    }

    @Test
    void aRankerWithoutAnEmbeddingServesItsFeatureModelAlone() throws Exception {
        Path featureOnly = dir.resolve("no-kge-model");
        RankerTrainer.Outcome trained = new RankerTrainer(new RankerTrainer.Options(PlantedPatternTrainingTest.CONFIG,
                true, 0.4, Device.cpu(), "test", RankerTrainer.FeatureModel.LOGISTIC, false), ProgressTracker.NULL)
                .train(planted.graph, planted.plan, featureOnly);
        assertThat(featureOnly.resolve("ranker/kge-0000.params")).doesNotExist();
        assertThat(trained.metrics()).containsEntry("epochsRun", 0);
        try (DrugRanker ranker = DrugRanker.load(featureOnly, Device.cpu())) {
            assertThat(ranker.config().components()).containsExactly("metapath");
            assertThat(ranker.info().kind()).isEqualTo("metapath logistic regression (no embedding)");
            assertThat(ranker.info().parameters()).isZero();
            List<String> diseases = ranker.diseases();
            for (int d = 0; d < diseases.size(); d++) {
                float[] scores = ranker.scoreAll(diseases.get(d)).scores();
                for (int c = 0; c < scores.length; c++) {
                    assertThat((double) scores[c]).isCloseTo(trained.scores()[d][c], within(1e-5));
                }
            }
            // the planted pattern is in the metapaths alone: a disease's own gene's drugs come first
            assertThat(ranker.scoreAll(PlantedGraph.disease(0)).top(1).get(0).drug()).isIn(
                    java.util.stream.IntStream.range(0, PlantedGraph.DRUGS_PER_GENE)
                            .mapToObj(k -> PlantedGraph.drug(k * PlantedGraph.GENES)).toList());
            assertThatThrownBy(() -> ranker.embedding(diseases.get(0)))
                    .hasMessage("This ranker has no KG embedding (components [metapath]): it was trained with "
                            + "--no-kge. Train one without --no-kge to get embeddings.");
        }
        assertThatThrownBy(() -> new RankerTrainer.Options(PlantedPatternTrainingTest.CONFIG, false, 0.4, Device.cpu(),
                "test", RankerTrainer.FeatureModel.LOGISTIC, false))
                .hasMessage("A ranker needs the embedding or the metapath model: drop --no-kge or --no-metapaths.");
    }

    @Test
    void savedRankerReproducesTheTrainedScores() {
        List<String> diseases;
        float[][] first;
        try (DrugRanker ranker = DrugRanker.load(model, Device.cpu())) {
            diseases = ranker.diseases();
            assertThat(diseases).hasSize(PlantedGraph.GENES);
            assertThat(ranker.drugs()).hasSize(PlantedGraph.GENES * PlantedGraph.DRUGS_PER_GENE);
            first = new float[diseases.size()][];
            for (int d = 0; d < diseases.size(); d++) {
                ScoredDrugs scored = ranker.scoreAll(diseases.get(d));
                first[d] = scored.scores();
                for (int c = 0; c < scored.size(); c++) {
                    assertThat((double) first[d][c]).isCloseTo(outcome.scores()[d][c], within(1e-5));
                }
                // score() is exactly the entry of scoreAll()
                String drug = scored.drugs().get(d);
                assertThat(ranker.score(diseases.get(d), drug)).isEqualTo(scored.score(d));
            }
        }
        try (DrugRanker again = DrugRanker.load(model, Device.cpu())) {
            for (int d = 0; d < diseases.size(); d++) {
                assertThat(again.scoreAll(diseases.get(d)).scores()).containsExactly(first[d]);
            }
        }
    }

    @Test
    void ranksTheHeldOutDrugOfThePlantedRuleHigh() {
        try (DrugRanker ranker = DrugRanker.load(model, Device.cpu())) {
            for (String[] pair : planted.testPairs) {
                List<ScoredDrugs.ScoredDrug> top = ranker.scoreAll(pair[1]).top(PlantedGraph.DRUGS_PER_GENE + 2);
                assertThat(top).extracting(ScoredDrugs.ScoredDrug::drug).as("top drugs for %s", pair[1]).contains(pair[0]);
            }
        }
    }

    @Test
    void infoAndEmbeddingsDescribeTheModel() {
        try (DrugRanker ranker = DrugRanker.load(model, Device.cpu())) {
            RankerInfo info = ranker.info();
            assertThat(info.kind()).isEqualTo("ComplEx + metapath logistic regression");
            assertThat(info.dims()).isEqualTo(64);
            assertThat(info.device()).isEqualTo("cpu()");
            assertThat(info.dataHash()).isEqualTo(planted.graph.dataHash()).hasSize(64);
            assertThat(info.metrics()).containsKeys("trainSeconds", "triplesPerSecond", "validation", "history");
            assertThat(info.parameters()).isEqualTo((long) planted.graph.entities().size() * 64
                    + (long) planted.graph.relations().size() * 64);
            assertThat(ranker.embedding(PlantedGraph.drug(0))).hasSize(64);
            assertThat(ranker.knowsDrug(PlantedGraph.drug(0))).isTrue();
            assertThat(ranker.knowsDisease(PlantedGraph.drug(0))).isFalse();
            assertThat(ranker.knowsDisease(PlantedGraph.disease(0))).isTrue();
        }
        ModelManifest manifest = ModelManifest.read(model);
        assertThat(manifest.components()).containsExactly("ranker");
        assertThat(manifest.dataHash()).contains(planted.graph.dataHash());
        assertThat(Files.isDirectory(model.resolve("ranker.tmp"))).isFalse();
        assertThat(model.resolve("ranker/checkpoints/kge-0000.params")).exists();
    }

    @Test
    void unknownIdsAreExplained() {
        try (DrugRanker ranker = DrugRanker.load(model, Device.cpu())) {
            assertThatThrownBy(() -> ranker.scoreAll("DOID:9999"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The ranker does not know the disease `DOID:9999`. It knows 10 diseases, e.g. "
                            + "[DOID:100, DOID:101, DOID:102].");
            assertThatThrownBy(() -> ranker.score("DOID:100", "DOID:101"))
                    .hasMessage("The ranker does not know the drug `DOID:101`. It knows 50 drugs, e.g. "
                            + "[DrugBank:DB00001, DrugBank:DB00002, DrugBank:DB00003].");
            assertThatThrownBy(() -> ranker.embedding("NCBIGene:424242"))
                    .hasMessage("The ranker has no embedding for `NCBIGene:424242`: the id is not in its training graph.");
        }
        assertThatThrownBy(() -> DrugRanker.load(dir.resolve("nothing")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(dir.resolve("nothing") + " has no ranker: " + dir.resolve("nothing/ranker/config.json")
                        + " is missing. Train one with `kedrec train kge --model " + dir.resolve("nothing") + "`.");
    }

    @Test
    void concurrentCallsGetTheSameAnswersAsSequentialOnes() throws Exception {
        try (DrugRanker ranker = DrugRanker.load(model, Device.cpu())) {
            List<String> diseases = ranker.diseases();
            List<float[]> expected = new ArrayList<>();
            for (String d : diseases) {
                expected.add(ranker.scoreAll(d).scores());
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    futures.add(pool.submit(() -> {
                        java.util.Random random = new java.util.Random(seed);
                        int checked = 0;
                        for (int i = 0; i < 200; i++) {
                            int d = random.nextInt(diseases.size());
                            float[] got = ranker.scoreAll(diseases.get(d)).scores();
                            if (!java.util.Arrays.equals(got, expected.get(d))) {
                                throw new AssertionError("thread " + seed + " got different scores for " + diseases.get(d));
                            }
                            ranker.embedding(PlantedGraph.drug(i % 50));
                            checked++;
                        }
                        return checked;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : futures) {
                    total += f.get();
                }
                assertThat(total).isEqualTo(1600);
            } finally {
                pool.shutdown();
            }
        }
    }
}

package org.kedrec.trainer.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.graph.Metapath;
import org.kedrec.core.progress.ProgressTracker;
import org.kedrec.core.ranking.PathScores;
import org.kedrec.trainer.ranking.evidence.Evidence;
import org.kedrec.trainer.ranking.evidence.EvidenceFeatures;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.paths.PathFeatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed feature model (a block of diseases at a time, for graphs whose drugs x diseases do not fit in memory)
 * computes what the whole-table computation computes: the same features row by row, the same fitted table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamedFeatureModelTest {
    @TempDir
    static Path dir;
    PlantedGraph planted;
    Evidence evidence;

    @BeforeAll
    void build() {
        planted = PlantedGraph.build(dir);
        evidence = new Evidence();
        // trials for some drugs of diseases 0 and 3, a DrugBank class shared across genes: every evidence path kind
        for (int j = 0; j < PlantedGraph.GENES * PlantedGraph.DRUGS_PER_GENE; j += 3) {
            evidence.addTrial(PlantedGraph.drug(j), PlantedGraph.disease(j % 4 == 0 ? 0 : 3), "phase 3",
                    j % 2 == 0 ? "completed" : "terminated", null);
        }
    }

    @Test
    void blocksOfDiseasesGiveTheWholeTablesFeatures() {
        // and a few PALLIATES edges, so that the pair's own edge is compared too
        TrainingGraph graph = planted.graph.withSideTriples(List.of(
                new String[] {PlantedGraph.drug(1), "Drug-PALLIATES->Disease", PlantedGraph.disease(0)},
                new String[] {PlantedGraph.drug(7), "Drug-PALLIATES->Disease", PlantedGraph.disease(4)}),
                java.util.Map.of());
        TrainingGraph augmented = EvidenceFeatures.augment(graph, evidence);
        PathFeatures whole = RankerTrainer.featuresFor(graph, evidence, 0.4, true);
        List<String> names = StreamedFeatureModel.allNames(true);
        StreamedFeatureModel streamed = new StreamedFeatureModel(graph, evidence, 0.4, names);
        int palliates = names.indexOf(EvidenceFeatures.PALLIATES);
        float[][][] all = streamed.rawRows(new int[] {0, 4});
        assertThat(all[0][1][palliates]).isEqualTo(1f);
        assertThat(all[1][7][palliates]).isEqualTo(1f);
        assertThat(all[0][7][palliates]).isZero();
        List<Metapath> metapaths = EvidenceFeatures.allMetapaths();
        int nd = whole.diseases().length;
        int nc = whole.drugs().length;
        int compared = 0;
        for (int size : new int[] {1, 3, nd}) {
            for (int from = 0; from < nd; from += size) {
                int[] rows = new int[Math.min(size, nd - from)];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = from + i;
                }
                float[][][] raw = streamed.rawRows(rows);
                for (int f = 0; f < metapaths.size(); f++) {
                    Metapath m = metapaths.get(f);
                    float[][] dwpc = PathFeatures.rawDwpc(augmented, m, 0.4); // [drug][disease]
                    boolean interiorDrug = m.steps().stream().skip(1).anyMatch(s -> s.from().equals(m.source()));
                    for (int i = 0; i < rows.length; i++) {
                        for (int c = 0; c < nc; c++) {
                            if (interiorDrug) {
                                // multiplied in another order: equal to float rounding
                                assertThat((double) raw[i][c][f]).as(m.abbreviation())
                                        .isCloseTo(dwpc[c][rows[i]], within(1e-6 + 1e-5 * dwpc[c][rows[i]]));
                            } else {
                                assertThat(raw[i][c][f]).as(m.abbreviation()).isEqualTo(dwpc[c][rows[i]]);
                            }
                            compared += dwpc[c][rows[i]] > 0 ? 1 : 0;
                        }
                    }
                }
                // degree, pair and similarity features: the same values, untransformed
                for (int j = metapaths.size(); j < names.size(); j++) {
                    int w = whole.names().indexOf(names.get(j));
                    for (int i = 0; i < rows.length; i++) {
                        for (int c = 0; c < nc; c++) {
                            assertThat(raw[i][c][j]).as(names.get(j)).isEqualTo(whole.of(rows[i], c)[w]);
                        }
                    }
                }
            }
        }
        assertThat(compared).as("non-zero path counts compared").isGreaterThan(100);
    }

    @Test
    void aStreamedRankerScoresWhatTheWholeTableRankerScores() {
        float[][] whole = train("whole", Long.MAX_VALUE, StreamedFeatureModel.FIT_ROWS, true);
        float[][] streamed = train("streamed", 0, StreamedFeatureModel.FIT_ROWS, true);
        for (int d = 0; d < whole.length; d++) {
            for (int c = 0; c < whole[d].length; c++) {
                assertThat((double) streamed[d][c]).isCloseTo(whole[d][c], within(1e-4));
            }
        }
        float[][] uncentred = train("streamed-uncentred", 0, StreamedFeatureModel.FIT_ROWS, false);
        assertThat(Math.abs(mean(uncentred[0]) - mean(uncentred[1]))).isGreaterThan(1e-3);
    }

    @Test
    void aStreamedRankerWithSampledNegativesStillFindsThePlantedDrugs() {
        // 50 drugs x 10 diseases, 30 training positives: 130 fit rows keep about a fifth of the negatives
        RankerTrainer.Outcome outcome = new RankerTrainer(options(true), ProgressTracker.NULL, 0, 130)
                .train(planted.graph, evidence, planted.plan, dir.resolve("sampled"));
        assertThat((double) outcome.metrics().get("negativeSamplingRate")).isBetween(0.1, 0.3);
        assertThat((int) outcome.metrics().get("fitRows")).isBetween(100, 160);
        // disease 0's drugs are 0, 10, 20, 30, 40 (its gene's): its held-out drug 0 ranks among them
        float[] row = outcome.scores()[0];
        int above = 0;
        for (int c = 0; c < row.length; c++) {
            above += row[c] > row[0] ? 1 : 0;
        }
        assertThat(above).isLessThan(PlantedGraph.DRUGS_PER_GENE);
    }

    @Test
    void featuresOutOfOrderOrUnknownAreNamed() {
        List<String> names = new ArrayList<>(StreamedFeatureModel.allNames(false));
        assertThatThrownBy(() -> new StreamedFeatureModel(planted.graph, null, 0.4, List.of("CxD")))
                .hasMessageStartingWith("There is no feature `CxD`; the features are [CtDrD, ");
        assertThatThrownBy(() -> new StreamedFeatureModel(planted.graph, null, 0.4,
                List.of(names.get(1), names.get(0))))
                .hasMessageStartingWith("The features must keep the order [CtDrD, ");
        assertThatThrownBy(() -> new RankerTrainer(new RankerTrainer.Options(PlantedPatternTrainingTest.CONFIG, true,
                0.4, Device.cpu(), "test", RankerTrainer.FeatureModel.BOOSTED, false), ProgressTracker.NULL, 10, 100)
                .train(planted.graph, planted.plan, dir.resolve("boosted")))
                .hasMessage("--feature-model boosted holds every pair's features and this graph has 10 diseases x "
                        + "50 drugs (more than 10 pairs); train the default --feature-model logistic, which streams "
                        + "them.");
    }

    private RankerTrainer.Options options(boolean centred) {
        return new RankerTrainer.Options(PlantedPatternTrainingTest.CONFIG, true, 0.4, Device.cpu(), "test",
                RankerTrainer.FeatureModel.LOGISTIC, false, false, false, centred);
    }

    private float[][] train(String name, long streamAbove, int fitRows, boolean centred) {
        Path out = dir.resolve(name);
        new RankerTrainer(options(centred), ProgressTracker.NULL, streamAbove, fitRows)
                .train(planted.graph, evidence, planted.plan, out);
        PathScores stored = PathScores.read(out.resolve("ranker/path-scores.bin"));
        float[][] logits = new float[stored.rowEntities().length][stored.columnEntities().length];
        for (int d = 0; d < logits.length; d++) {
            for (int c = 0; c < logits[d].length; c++) {
                logits[d][c] = stored.value(d, c);
            }
        }
        return logits;
    }

    private static double mean(float[] row) {
        double s = 0;
        for (float v : row) {
            s += v;
        }
        return s / row.length;
    }
}

package org.kedrec.trainer.ranking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kedrec.core.split.SplitPlan;
import org.kedrec.trainer.ranking.graph.TrainingGraph;
import org.kedrec.trainer.ranking.graph.TrainingGraphBuilder;

/**
 * A small graph with a planted rule: drug {@code j} binds gene {@code j % G}, disease {@code i} is associated with
 * gene {@code i}, and a drug treats the disease of its gene. Per disease one treating drug is held out (TEST) and
 * one is VALIDATION; the rest are TRAIN. A model that learned the rule ranks the held-out drug near the top; an
 * untrained one cannot. Noise edges (drugs resembling random drugs, genes interacting at random) keep it from being
 * trivially separable by degree.
 */
final class PlantedGraph {
    static final int GENES = 10;
    static final int DRUGS_PER_GENE = 5;

    final TrainingGraph graph;
    final SplitPlan plan;
    final List<String[]> testPairs = new ArrayList<>();

    private PlantedGraph(TrainingGraph graph, SplitPlan plan) {
        this.graph = graph;
        this.plan = plan;
    }

    static String drug(int j) {
        return String.format(java.util.Locale.ENGLISH, "DrugBank:DB%05d", j + 1);
    }

    static String disease(int i) {
        return "DOID:" + (100 + i);
    }

    static String gene(int g) {
        return "NCBIGene:" + (1000 + g);
    }

    static PlantedGraph build(Path workDir) {
        int drugs = GENES * DRUGS_PER_GENE;
        StringBuilder splits = new StringBuilder("kind\tid\tsplit\n");
        List<String[]> pairs = new ArrayList<>();
        List<String[]> testPairs = new ArrayList<>();
        for (int j = 0; j < drugs; j++) {
            int g = j % GENES;
            int k = j / GENES; // position of the drug among its gene's drugs
            String split = k == 0 ? "test" : k == 1 ? "validation" : "train";
            pairs.add(new String[] {drug(j), disease(g)});
            splits.append("pair\t").append(SplitPlan.key(drug(j), disease(g))).append('\t').append(split).append('\n');
            if (k == 0) {
                testPairs.add(new String[] {drug(j), disease(g)});
            }
        }
        Path file = workDir.resolve("splits.tsv");
        try {
            Files.writeString(file, splits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SplitPlan plan = SplitPlan.read(file);
        TrainingGraphBuilder b = new TrainingGraphBuilder(plan);
        for (String[] p : pairs) {
            b.treatsPair(p[0], p[1]);
        }
        java.util.Random random = new java.util.Random(3);
        for (int j = 0; j < drugs; j++) {
            b.node(drug(j), "Drug", "drug " + j);
        }
        for (int i = 0; i < GENES; i++) {
            b.node(disease(i), "Disease", "disease " + i);
            b.edge(disease(i), "Disease", "ASSOCIATES", gene(i), "Gene");
        }
        for (int j = 0; j < drugs; j++) {
            b.edge(drug(j), "Drug", "BINDS", gene(j % GENES), "Gene");
            b.edge(drug(j), "Drug", "TREATS", disease(j % GENES), "Disease");
            int other = random.nextInt(drugs);
            if (other != j) {
                b.edge(drug(j), "Drug", "RESEMBLES", drug(other), "Drug");
            }
        }
        for (int g = 0; g < GENES; g++) {
            b.edge(gene(g), "Gene", "INTERACTS", gene(random.nextInt(GENES)), "Gene");
        }
        PlantedGraph planted = new PlantedGraph(b.build(), plan);
        planted.testPairs.addAll(testPairs);
        return planted;
    }
}

package org.kedrec.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.evidence.CandidateEvidence;
import org.kedrec.core.explain.GraphPath;
import org.kedrec.core.split.SplitPlan;

class LeakageCheckTest {
    static final String NIFEDIPINE_HYPERTENSION = ExampleFixtures.NIFEDIPINE + "|" + ExampleFixtures.HYPERTENSION;

    static SplitPlan plan(Path dir, String nifedipineSplit) throws Exception {
        Path file = dir.resolve("splits.tsv");
        Files.writeString(file, "kind\tid\tsplit\n"
                + "pair\t" + ExampleFixtures.AMLODIPINE + "|" + ExampleFixtures.HYPERTENSION + "\ttrain\n"
                + "pair\t" + NIFEDIPINE_HYPERTENSION + "\t" + nifedipineSplit + "\n");
        return SplitPlan.read(file);
    }

    @Test
    void passesWhenPathsOnlyUseTrainingEdges(@TempDir Path dir) throws Exception {
        assertThat(LeakageCheck.check(List.of(ExampleFixtures.example(Variant.BOTH)), plan(dir, "train"))).isEmpty();
    }

    @Test
    void catchesAPlantedHeldOutEdge(@TempDir Path dir) throws Exception {
        // The fixture's [E3] is Amlodipine <-RESEMBLES- Nifedipine -TREATS-> hypertension; hold that edge out.
        List<LeakageCheck.Failure> failures =
                LeakageCheck.check(List.of(ExampleFixtures.example(Variant.VANILLA)), plan(dir, "test"));
        assertThat(failures).extracting(LeakageCheck.Failure::toString).containsExactly(
                "DOID:10763|DrugBank:DB00381|vanilla (train) [E3] uses TREATS DrugBank:DB01115|DOID:10763: "
                        + "a held-out edge (split test)");
    }

    @Test
    void catchesTheExamplesOwnEdgeUnderAnyCandidate(@TempDir Path dir) throws Exception {
        // A path of the negative through the positive: Warfarin -RESEMBLES- Amlodipine -TREATS-> hypertension.
        GraphPath leak = ExampleFixtures.crctd(ExampleFixtures.WARFARIN, ExampleFixtures.AMLODIPINE, "Amlodipine",
                true);
        CandidateEvidence warfarin = new CandidateEvidence(ExampleFixtures.WARFARIN, "Warfarin", List.of(leak),
                List.of(), List.of());
        ExpRxRecExample example = ExampleAssembler.assemble("ex", ExampleFixtures.HYPERTENSION, "hypertension",
                List.of(ExampleFixtures.amlodipine(), warfarin), 0, Variant.VANILLA, "train", "structural");
        assertThat(LeakageCheck.check(List.of(example), plan(dir, "train")))
                .extracting(LeakageCheck.Failure::toString).containsExactly(
                        "ex (train) [E3] uses TREATS DrugBank:DB00381|DOID:10763: the example's own positive edge");
    }
}

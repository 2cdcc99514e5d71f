package org.kedrec.trainer.ranking.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataDirectory;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;

/** PoLo's published split read from the shared data, turned into the plan every trainer honours. */
class PoloSplitTest {
    @Test
    void theSharedSplitHasPoloCountsAndBecomesAPlanWithoutZeroShotDiseases() {
        PoloSplit polo = PoloSplit.read(DataDirectory.forTests(Assumptions::abort));
        assertThat(polo.pairsOf(PairSplit.TRAIN)).hasSize(483);
        assertThat(polo.pairsOf(PairSplit.VALIDATION)).hasSize(121);
        assertThat(polo.pairsOf(PairSplit.TEST)).hasSize(151);
        SplitPlan plan = polo.plan();
        String[] test = polo.pairsOf(PairSplit.TEST).get(0);
        assertThat(test[0]).startsWith("DrugBank:DB");
        assertThat(test[1]).startsWith("DOID:");
        assertThat(plan.splitOf(test[0], test[1])).isEqualTo(PairSplit.TEST);
        String[] dev = polo.pairsOf(PairSplit.VALIDATION).get(0);
        assertThat(plan.splitOf(dev[0], dev[1])).isEqualTo(PairSplit.VALIDATION);
        for (String[] p : polo.pairsOf(PairSplit.TRAIN)) {
            assertThat(plan.splitOf(p[0], p[1])).isEqualTo(PairSplit.TRAIN);
        }
        assertThat(plan.isZeroShotDisease(test[1])).isFalse();
    }

    @Test
    void aMalformedLineIsNamedWithItsFileAndNumber(@TempDir Path data) throws Exception {
        Path dir = Files.createDirectories(data.resolve("eval/polo"));
        Files.writeString(dir.resolve("train.txt"), "Compound::DB00001\tCtD\tDisease::DOID:1\n"
                + "Compound::DB00002 CtD Disease::DOID:2\n");
        Files.writeString(dir.resolve("dev.txt"), "");
        Files.writeString(dir.resolve("test.txt"), "");
        assertThatThrownBy(() -> PoloSplit.read(data))
                .hasMessage(dir.resolve("train.txt") + " line 2: expected `Compound::DB…<TAB>CtD<TAB>Disease::DOID:…` "
                        + "but found `Compound::DB00002 CtD Disease::DOID:2`; restore the file from the PoLo "
                        + "repository (see the data README).");
    }

    @Test
    void aPairInTwoSplitsIsRefused(@TempDir Path data) throws Exception {
        Path dir = Files.createDirectories(data.resolve("eval/polo"));
        Files.writeString(dir.resolve("train.txt"), "Compound::DB00001\tCtD\tDisease::DOID:1\n");
        Files.writeString(dir.resolve("dev.txt"), "");
        Files.writeString(dir.resolve("test.txt"), "Compound::DB00001\tCtD\tDisease::DOID:1\n");
        assertThatThrownBy(() -> PoloSplit.read(data))
                .hasMessage(dir.resolve("test.txt") + " line 1: the pair DrugBank:DB00001|DOID:1 is already in the "
                        + "train split; PoLo's splits are disjoint, restore the files from the PoLo repository.");
    }
}

package org.kedrec.core.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.data.DataDirectory;

class SplitPlanTest {
    @Test
    void publishedRuleIsReproducedByTheHash() {
        // Rows of eval/hetionet_CtD_split.tsv: Goserelin/prostate cancer is train, the file's rule says bucket != 0.
        assertThat(StableHash.bucket("DB00014|DOID:10283", 5)).isNotZero();
    }

    @Test
    void readsThePublishedSplitAndRoundTrips(@TempDir Path tmp) {
        SplitPlan plan = SplitPlan.fromDataDirectory(DataDirectory.forTests(Assumptions::abort));
        assertThat(plan.publishedPairs()).hasSize(755);

        Map<PairSplit, Integer> counts = new EnumMap<>(PairSplit.class);
        List<String[]> pairs = new ArrayList<>();
        int publishedHoldout = 0;
        for (String key : plan.publishedPairs()) {
            String[] pair = key.split("\\|");
            pairs.add(pair);
            counts.merge(plan.splitOf(pair[0], pair[1]), 1, Integer::sum);
            if (plan.inPublishedHoldout(pair[0], pair[1])) {
                publishedHoldout++;
                assertThat(plan.splitOf(pair[0], pair[1]).heldOut()).isTrue();
            }
        }
        assertThat(publishedHoldout).isEqualTo(148);
        assertThat(counts.get(PairSplit.ZEROSHOT)).isEqualTo(93);
        assertThat(counts.get(PairSplit.TEST)).isEqualTo(148 - 18);

        Path file = tmp.resolve("splits.tsv");
        plan.write(file, pairs);
        SplitPlan reread = SplitPlan.read(file);
        for (String[] pair : pairs) {
            assertThat(reread.splitOf(pair[0], pair[1])).isEqualTo(plan.splitOf(pair[0], pair[1]));
            assertThat(reread.isZeroShotDisease(pair[1])).isEqualTo(plan.isZeroShotDisease(pair[1]));
        }
        assertThat(Files.exists(file)).isTrue();
    }
}

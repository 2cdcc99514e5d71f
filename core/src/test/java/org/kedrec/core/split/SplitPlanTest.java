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

    @Test
    void aFoldsDiseasesAreHeldOutWholeAndTheRestKeepTheirSplit(@TempDir Path tmp) {
        SplitPlan rules = SplitPlan.fromDataDirectory(DataDirectory.forTests(Assumptions::abort));
        List<String[]> pairs = new ArrayList<>();
        rules.publishedPairs().forEach(k -> pairs.add(k.split("\\|")));
        Path file = tmp.resolve("splits.tsv");
        rules.write(file, pairs);
        SplitPlan plan = SplitPlan.read(file);
        // a disease with training pairs: after the fold holds it out, none of its edges may reach a training graph
        String disease = pairs.stream().filter(p -> plan.splitOf(p[0], p[1]) == PairSplit.TRAIN).findFirst()
                .orElseThrow()[1];
        for (SplitPlan base : List.of(rules, plan)) {
            SplitPlan fold = base.withDiseasesHeldOut(List.of(disease));
            assertThat(fold.isZeroShotDisease(disease)).isTrue();
            int moved = 0;
            for (String[] p : pairs) {
                if (p[1].equals(disease)) {
                    assertThat(fold.splitOf(p[0], p[1])).isEqualTo(PairSplit.ZEROSHOT);
                    moved += base.splitOf(p[0], p[1]) == PairSplit.TRAIN ? 1 : 0;
                } else {
                    assertThat(fold.splitOf(p[0], p[1])).isEqualTo(base.splitOf(p[0], p[1]));
                    assertThat(fold.isZeroShotDisease(p[1])).isEqualTo(base.isZeroShotDisease(p[1]));
                }
            }
            assertThat(moved).isPositive();
        }
        // written and read back, as `train kge --splits` reads it
        Path foldFile = tmp.resolve("fold.splits.tsv");
        plan.withDiseasesHeldOut(List.of(disease)).write(foldFile, plan.namedPairs());
        SplitPlan reread = SplitPlan.read(foldFile);
        assertThat(reread.isZeroShotDisease(disease)).isTrue();
        assertThat(plan.namedPairs()).hasSize(pairs.size());
        for (String[] p : pairs) {
            assertThat(reread.splitOf(p[0], p[1]).heldOut())
                    .isEqualTo(p[1].equals(disease) || plan.splitOf(p[0], p[1]).heldOut());
        }
    }
}

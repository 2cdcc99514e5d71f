package org.kedrec.trainer.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kedrec.core.dataset.ExpRxRecExample;
import org.kedrec.core.split.PairSplit;
import org.kedrec.core.split.SplitPlan;

class CrossFitRankersTest {
    @Test
    void everyTrainingDiseaseIsInOneFoldAndEachFoldRankerIsToldToHoldOutExactlyItsOwn(@TempDir Path tmp)
            throws Exception {
        Random random = new Random(7);
        List<ExpRxRecExample> train = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            train.add(TinyData.example(random, "train", "both"));
        }
        // the dataset's split: every training pair (the relevant drug) as train, one extra disease held out whole
        Path splits = tmp.resolve("splits.tsv");
        StringBuilder rows = new StringBuilder("kind\tid\tsplit\ndisease\tDOID:1\tzeroshot\npair\tDrugBank:DB1|DOID:1\tzeroshot\n");
        for (ExpRxRecExample e : train) {
            rows.append("pair\t").append(SplitPlan.key(drug(e), e.disease().id())).append("\ttrain\n");
        }
        Files.writeString(splits, rows);
        SplitPlan plan = SplitPlan.read(splits);
        Set<String> diseases = new TreeSet<>();
        train.forEach(e -> diseases.add(e.disease().id()));

        Map<String, Integer> folds = CrossFitRankers.folds(train, plan, 5);
        assertThat(folds.keySet()).isEqualTo(diseases);
        int[] sizes = new int[6];
        folds.values().forEach(f -> sizes[f]++);
        for (int f = 1; f <= 5; f++) {
            assertThat(sizes[f]).isBetween(diseases.size() / 5, diseases.size() / 5 + 1);
        }
        List<ExpRxRecExample> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(1));
        assertThat(CrossFitRankers.folds(shuffled, plan, 5)).isEqualTo(folds);

        Path dir = tmp.resolve("cross-fit");
        List<String> missing = CrossFitRankers.prepare(dir, splits, train, 5);
        assertThat(missing).hasSize(5).allSatisfy(c -> assertThat(c).startsWith("kedrec train kge"));
        for (int k = 1; k <= 5; k++) {
            SplitPlan fold = SplitPlan.read(CrossFitRankers.foldSplits(dir, k));
            assertThat(fold.isZeroShotDisease("DOID:1")).isTrue();
            for (ExpRxRecExample e : train) {
                boolean own = folds.get(e.disease().id()) == k;
                assertThat(fold.isZeroShotDisease(e.disease().id())).isEqualTo(own);
                assertThat(fold.splitOf(drug(e), e.disease().id()))
                        .isEqualTo(own ? PairSplit.ZEROSHOT : PairSplit.TRAIN);
            }
        }
        assertThatThrownBy(() -> CrossFitRankers.folds(train, plan, diseases.size() + 1))
                .hasMessageContaining("--cross-fit-folds " + (diseases.size() + 1))
                .hasMessageContaining("use at most " + diseases.size());
    }

    private static String drug(ExpRxRecExample e) {
        return e.candidates().get(e.label()).id();
    }
}

package org.kedrec.trainer.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kedrec.core.dataset.ExpRxRecExample;

class TrainingSubsetTest {
    @Test
    void aSubsetIsASeededRandomDrawInTheDatasetsOrderNotItsFirstExamples() {
        List<ExpRxRecExample> all = TinyData.examples(7, 40, "train", "both");
        List<ExpRxRecExample> ten = StudentTrainer.subset(all, 10, 42);
        assertThat(ten).hasSize(10).doesNotHaveDuplicates().isSubsetOf(all).isNotEqualTo(all.subList(0, 10));
        // In the dataset's order, and the same draw for the same seed.
        assertThat(ten).isSortedAccordingTo((a, b) -> Integer.compare(all.indexOf(a), all.indexOf(b)));
        assertThat(StudentTrainer.subset(all, 10, 42)).isEqualTo(ten);
        assertThat(StudentTrainer.subset(all, 10, 43)).isNotEqualTo(ten);
        // 0, or a number that covers them all, keeps every example.
        assertThat(StudentTrainer.subset(all, 0, 42)).isSameAs(all);
        assertThat(StudentTrainer.subset(all, 40, 42)).isSameAs(all);
    }
}
